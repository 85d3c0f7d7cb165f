"""The public form: anonymous, small, honest about closed periods, and hard to abuse."""

import datetime
import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.test import override_settings
from django.urls import reverse

from satu.agencies.models import Agency, ServiceUnit
from satu.audit.models import AuditEntry
from satu.regions.models import Region
from satu.surveys import services
from satu.surveys.elements import STANDARD_KEYS
from satu.surveys.models import AnswerSource, ReceiptToken, SurveyResponse

from .conftest import make_period

pytestmark = pytest.mark.django_db

ANSWERS = dict(zip(STANDARD_KEYS, ["4", "3", "2", "4", "3", "3", "4", "2", "3"], strict=True))


def post(client, period, **changes):
    data = {**ANSWERS, "website": "", "suggestion": "", **changes}
    return client.post(reverse("surveys:form", args=[period.code]), data, REMOTE_ADDR="10.1.2.3")


def test_a_citizen_answers_anonymously_and_nothing_identifies_them(client, period_a):
    page = client.get(reverse("surveys:form", args=[period_a.code]))
    assert page.status_code == 200
    assert period_a.unit.name in page.content.decode()
    entries_before = AuditEntry.objects.count()

    response = post(client, period_a, age_group="30-39", sex="p", suggestion="Antrean lebih cepat")

    assert response.status_code == 302
    assert response["Location"] == reverse("surveys:thanks", args=[period_a.code])
    saved = SurveyResponse.objects.get(period=period_a)
    assert [getattr(saved, key) for key in STANDARD_KEYS] == [4, 3, 2, 4, 3, 3, 4, 2, 3]
    assert saved.points == 28 and saved.channel == "online"
    assert saved.age_group == "30-39" and saved.sex == "p"
    assert saved.suggestion == "Antrean lebih cepat"
    # The one cookie is a random device id for the per-period limit; no address is stored
    # anywhere with the answer, and the per-period counters keep only keyed hashes.
    assert list(page.cookies) == ["skm_perangkat"] and not response.cookies
    device = page.cookies["skm_perangkat"]
    assert re.fullmatch(r"[0-9a-f]{32}", device.value) and device["httponly"]
    stored = [str(value) for value in SurveyResponse.objects.values().get().values()]
    assert "10.1.2.3" not in stored
    keys = list(AnswerSource.objects.values_list("key", flat=True))
    assert len(keys) == 2 and not any("10.1.2.3" in key or device.value in key for key in keys)
    assert AuditEntry.objects.count() == entries_before


def test_the_form_is_small_and_works_without_javascript(client, period_a):
    page = client.get(reverse("surveys:form", args=[period_a.code]))
    html = page.content.decode()
    css = Path(finders.find("surveys/public.css")).read_bytes()
    assert "/static/surveys/public.css" in html
    assert len(page.content) + len(css) < 30_000
    assert "<script" not in html
    assert html.count('type="radio"') == 9 * 4
    assert "csrfmiddlewaretoken" not in html


def test_a_missing_answer_is_named_and_nothing_is_saved(client, period_a):
    response = post(client, period_a, waktu="")
    assert response.status_code == 400
    assert "waktu" in response.context["form"].errors
    assert "Mohon pilih salah satu jawaban." in response.content.decode()
    assert not SurveyResponse.objects.exists()


def test_an_answer_outside_1_to_4_is_refused(client, period_a):
    response = post(client, period_a, biaya="5")
    assert response.status_code == 400
    assert not SurveyResponse.objects.exists()


def test_an_unknown_code_answers_with_a_clear_not_found_page(client, reference_data):
    response = client.get(reverse("surveys:form", args=["ZZZZ9999"]))
    assert response.status_code == 404
    assert "Survei tidak ditemukan" in response.content.decode()


def test_a_closed_period_answers_with_a_clear_message_and_accepts_nothing(
    client, operator, period_a
):
    services.close_period(operator, period_a)
    page = client.get(reverse("surveys:form", args=[period_a.code]))
    assert page.status_code == 410
    assert "Survei ini sudah ditutup" in page.content.decode()
    assert post(client, period_a).status_code == 410
    assert not SurveyResponse.objects.exists()


def test_an_ended_and_a_future_period_say_when(client, unit_a, today):
    ended = make_period(
        unit_a, "2025", start_date=datetime.date(2025, 1, 1), end_date=datetime.date(2025, 6, 30)
    )
    future = make_period(
        unit_a,
        "Nanti",
        start_date=today + datetime.timedelta(days=10),
        end_date=today + datetime.timedelta(days=40),
    )
    page = client.get(reverse("surveys:form", args=[ended.code]))
    assert page.status_code == 410 and "30 Juni 2025" in page.content.decode()
    page = client.get(reverse("surveys:form", args=[future.code]))
    assert page.status_code == 200 and "Survei ini belum dibuka" in page.content.decode()
    assert post(client, future).status_code == 200
    assert not SurveyResponse.objects.exists()


def test_a_filled_honeypot_looks_successful_but_stores_nothing(client, period_a):
    response = post(client, period_a, website="http://spam.example")
    assert response.status_code == 302
    assert not SurveyResponse.objects.exists()


@override_settings(SATU_SURVEY_RATE_LIMIT="3/h")
def test_the_rate_limit_holds_back_one_address_but_not_another(client, period_a):
    for _ in range(3):
        assert post(client, period_a).status_code == 302
    limited = post(client, period_a)
    assert limited.status_code == 429
    assert "Mohon tunggu sebentar" in limited.content.decode()
    assert SurveyResponse.objects.count() == 3
    other = client.post(
        reverse("surveys:form", args=[period_a.code]),
        {**ANSWERS, "website": ""},
        REMOTE_ADDR="10.9.9.9",
    )
    assert other.status_code == 302
    assert SurveyResponse.objects.count() == 4


def test_a_receipt_code_works_once_and_is_not_linked_to_the_answer(client, operator, period_a):
    period_a.require_token = True
    period_a.save()
    batch = services.generate_tokens(operator, period_a, 3)
    token = ReceiptToken.objects.filter(period=period_a, batch=batch).first()

    without = post(client, period_a)
    assert without.status_code == 400 and "token" in without.context["form"].errors
    typed = f"{token.code[:4].lower()}-{token.code[4:].lower()}"  # as a person types it
    assert post(client, period_a, token=typed).status_code == 302
    token.refresh_from_db()
    assert token.used_on is not None
    again = post(client, period_a, token=token.code)
    assert again.status_code == 400
    assert "Kode ini sudah dipakai" in again.content.decode()
    unknown = post(client, period_a, token="ABCD-EFGH")
    assert "Kode ini tidak berlaku" in unknown.content.decode()
    assert SurveyResponse.objects.count() == 1
    assert not any("token" in field.name for field in SurveyResponse._meta.get_fields())


def test_a_receipt_code_of_another_period_is_refused(client, operator, period_a, unit_a):
    other = make_period(unit_a, "Lain")
    services.generate_tokens(operator, other, 1)
    period_a.require_token = True
    period_a.save()
    response = post(client, period_a, token=other.tokens.get().code)
    assert response.status_code == 400
    assert not SurveyResponse.objects.exists()


def test_the_link_on_a_receipt_fills_in_the_code(client, operator, period_a):
    period_a.require_token = True
    period_a.save()
    services.generate_tokens(operator, period_a, 1)
    code = period_a.tokens.get().code
    page = client.get(reverse("surveys:form", args=[period_a.code]), {"t": code})
    assert f'value="{code}"' in page.content.decode()


def test_the_form_speaks_english_when_asked_without_a_cookie(client, period_a):
    page = client.get(reverse("surveys:form", args=[period_a.code]), {"lang": "en"})
    html = page.content.decode()
    assert page["Content-Language"] == "en"
    assert "Very polite and friendly" in html and "Send my answers" in html
    assert 'action="/survei/' in html and "?lang=en" in html
    assert list(page.cookies) == ["skm_perangkat"]  # the device id only, no language cookie
    response = client.post(
        reverse("surveys:form", args=[period_a.code]) + "?lang=en", {**ANSWERS, "website": ""}
    )
    assert response["Location"].endswith("?lang=en")


def test_extra_elements_and_services_are_asked_and_stored(client, operator, period_a):
    period_a.services = ["Izin praktik", "Izin apotek"]
    period_a.save()
    services.set_questionnaire(
        operator,
        period_a,
        {},
        [services.ExtraElementData("Informasi", "Seberapa jelas informasinya?", "jelas", 2)],
    )
    page = client.get(reverse("surveys:form", args=[period_a.code]))
    assert "Seberapa jelas informasinya?" in page.content.decode()
    assert post(client, period_a, service="Izin apotek").status_code == 400  # extra unanswered
    assert post(client, period_a, tambahan_1="4", service="Izin apotek").status_code == 302
    saved = SurveyResponse.objects.get()
    assert saved.service == "Izin apotek"
    assert saved.extra_answers.get().value == 4
    assert saved.points == 28 + 2 * 4


def test_the_list_shows_open_surveys_of_the_province_only(
    client, period_a, period_k, unit_b, unit_banyumas, operator, today
):
    services.close_period(operator, period_a)
    ended = make_period(
        unit_b, "Lalu", start_date=datetime.date(2025, 1, 1), end_date=datetime.date(2025, 2, 1)
    )
    banyumas = make_period(unit_banyumas)
    jakarta = Agency.objects.create(
        region=Region.objects.get(code="31"), name="Dinas Kesehatan DKI", abbreviation="DINKES",
        type="dinas",
    )  # fmt: skip
    elsewhere = make_period(ServiceUnit.objects.create(agency=jakarta, name="Puskesmas Gambir"))
    page = client.get(reverse("surveys:list"))
    codes = {period.code for period in page.context["page_obj"]}
    assert period_k.code in codes and banyumas.code in codes
    assert period_a.code not in codes and ended.code not in codes
    assert elsewhere.code not in codes
    filtered = client.get(reverse("surveys:list"), {"wilayah": "33.74"})
    assert {p.code for p in filtered.context["page_obj"]} == {period_k.code}
    assert not page.cookies
