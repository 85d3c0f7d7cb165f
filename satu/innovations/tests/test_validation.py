"""The profile and yearly-status rules, with their Indonesian messages, per field."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from satu.innovations import services, validation
from satu.innovations.models import Innovation

from .conftest import complete_values

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def errors_of(operator, agency, **values):
    with pytest.raises(services.InvalidProfile) as refused:
        services.create_innovation(operator, agency, complete_values(**values))
    return refused.value.errors


def test_the_launch_cannot_be_before_the_trial(operator, agency_a):
    errors = errors_of(
        operator,
        agency_a,
        trial_date=TODAY - datetime.timedelta(days=10),
        launch_date=TODAY - datetime.timedelta(days=20),
    )
    assert errors == {"launch_date": ["Tanggal penerapan tidak boleh sebelum tanggal uji coba."]}


def test_dates_cannot_be_in_the_future(operator, agency_a):
    tomorrow = TODAY + datetime.timedelta(days=1)
    errors = errors_of(operator, agency_a, trial_date=tomorrow, launch_date=tomorrow)
    assert errors["trial_date"] == ["Tanggal uji coba tidak boleh di masa depan."]
    assert errors["launch_date"] == ["Tanggal penerapan tidak boleh di masa depan."]


def test_the_summary_has_at_most_200_words(operator, agency_a):
    services.create_innovation(operator, agency_a, complete_values(summary="kata " * 200))
    errors = errors_of(operator, agency_a, summary="kata-kata " * 201)
    assert errors == {"summary": ["Ringkasan berisi 201 kata; paling banyak 200 kata."]}


@given(words=st.lists(st.from_regex(r"[A-Za-z]{1,8}", fullmatch=True), max_size=260))
def test_the_word_limit_agrees_with_the_word_count(words):
    innovation = Innovation(summary=" ".join(words), programme_year=TODAY.year)
    errors = validation.profile_errors(innovation, today=TODAY)
    assert ("summary" in errors) is (len(words) > validation.SUMMARY_MAX_WORDS)


def test_the_budget_cannot_be_negative(operator, agency_a):
    assert "budget" in errors_of(operator, agency_a, budget=-1)


def test_a_draft_may_be_incomplete_but_each_stage_needs_its_fields_to_submit(operator, agency_a):
    draft = services.create_innovation(
        operator,
        agency_a,
        complete_values(stage="uji_coba", trial_date=None, design="", goals=""),
    )
    errors = validation.submission_errors(draft, today=TODAY)
    assert errors["trial_date"] == ["Inovasi pada tahapan “Uji coba” wajib mengisi isian ini."]
    assert errors["design"] == ["Inovasi pada tahapan “Uji coba” wajib mengisi isian ini."]
    assert errors["goals"] == ["Isian ini wajib diisi sebelum mengajukan."]
    assert "launch_date" not in errors


def test_the_form_shows_each_error_at_its_field(client, operator):
    client.force_login(operator)
    response = client.post(
        reverse("innovations:create"),
        {
            "name": "Inovasi Salah Tanggal",
            "programme_year": TODAY.year,
            "stage": "penerapan",
            "form": "pelayanan_publik",
            "initiator_kind": "opd",
            "main_urusan": 1,
            "trial_date": (TODAY - datetime.timedelta(days=5)).isoformat(),
            "launch_date": (TODAY - datetime.timedelta(days=9)).isoformat(),
            "summary": "kata " * 250,
        },
    )
    form = response.context["form"]
    assert response.status_code == 200
    assert form.errors["launch_date"] == ["Tanggal penerapan tidak boleh sebelum tanggal uji coba."]
    assert form.errors["summary"] == ["Ringkasan berisi 250 kata; paling banyak 200 kata."]
    assert not Innovation.objects.exists()


def test_a_draft_is_saved_from_the_form_with_only_the_essentials(client, operator, agency_a):
    client.force_login(operator)
    response = client.post(
        reverse("innovations:create"),
        {
            "name": "Ide Baru",
            "programme_year": TODAY.year,
            "stage": "inisiatif",
            "form": "pelayanan_publik",
            "initiator_kind": "opd",
            "main_urusan": 2,
            "related_urusan": [2, 20],
            "sdg_goals": ["3", "16"],
        },
    )
    innovation = Innovation.objects.get()
    assert response.status_code == 302
    assert innovation.agency == agency_a and innovation.status == "draft"
    assert innovation.sdg_goals == [3, 16]
    # The main urusan is not also a related one.
    assert list(innovation.related_urusan.values_list("code", flat=True)) == [20]


# Yearly status


def old_innovation(operator, agency, years: int) -> Innovation:
    launch = TODAY.replace(year=TODAY.year - years, month=1, day=1)
    return services.create_innovation(
        operator,
        agency,
        complete_values(
            programme_year=TODAY.year - years,
            trial_date=launch - datetime.timedelta(days=90),
            launch_date=launch,
        ),
    )


def test_a_development_note_is_required_when_the_innovation_is_older_than_two_years(
    operator, agency_a
):
    innovation = old_innovation(operator, agency_a, 3)
    with pytest.raises(services.InvalidProfile) as refused:
        services.record_year_status(operator, innovation, year=TODAY.year, status="developed")
    assert refused.value.errors == {
        "development_note": [
            "Inovasi sudah berumur lebih dari dua tahun: uraikan apa yang dikembangkan tahun ini."
        ]
    }
    entry = services.record_year_status(
        operator,
        innovation,
        year=TODAY.year,
        status="developed",
        development_note="Menambah layanan lewat WhatsApp.",
    )
    assert entry.development_note == "Menambah layanan lewat WhatsApp."


def test_a_young_innovation_may_be_developed_without_a_note(operator, agency_a):
    innovation = services.create_innovation(operator, agency_a, complete_values())
    entry = services.record_year_status(operator, innovation, year=TODAY.year, status="developed")
    assert entry.pk


def test_a_stopped_innovation_needs_a_reason(operator, agency_a):
    innovation = old_innovation(operator, agency_a, 1)
    with pytest.raises(services.InvalidProfile) as refused:
        services.record_year_status(operator, innovation, year=TODAY.year, status="stopped")
    assert refused.value.errors == {"stop_reason": ["Sebutkan alasan inovasi dihentikan."]}


def test_a_year_is_recorded_once_and_can_be_corrected(operator, agency_a):
    innovation = old_innovation(operator, agency_a, 1)
    services.record_year_status(operator, innovation, year=TODAY.year, status="continued")
    services.record_year_status(
        operator, innovation, year=TODAY.year, status="stopped", stop_reason="Tidak ada anggaran."
    )
    assert list(innovation.years.values_list("year", "status")) == [(TODAY.year, "stopped")]


def test_future_years_and_years_before_registration_are_refused(operator, agency_a):
    innovation = old_innovation(operator, agency_a, 1)
    for year in (TODAY.year + 1, TODAY.year - 2):
        with pytest.raises(services.InvalidProfile) as refused:
            services.record_year_status(operator, innovation, year=year, status="continued")
        assert "year" in refused.value.errors


def test_the_yearly_status_form_shows_its_errors(client, operator, agency_a):
    innovation = old_innovation(operator, agency_a, 3)
    client.force_login(operator)
    response = client.post(
        reverse("innovations:year_status", args=[innovation.pk]),
        {"year": TODAY.year, "status": "developed"},
    )
    assert response.status_code == 200
    assert "uraikan apa yang dikembangkan" in response.content.decode()
    assert not innovation.years.exists()
