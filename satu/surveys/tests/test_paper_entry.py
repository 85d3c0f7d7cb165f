"""Paper questionnaires: the keyboard grid and spreadsheet imports, all or nothing."""

import io

import pytest
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from satu.audit.models import AuditEntry
from satu.core.importers import ImportRejected
from satu.surveys import services
from satu.surveys.elements import STANDARD_KEYS
from satu.surveys.models import EntryBatch, SurveyResponse

pytestmark = pytest.mark.django_db


def upload(rows, name="kuesioner.xlsx"):
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = name
    return buffer


HEADER = [*STANDARD_KEYS, "umur", "jenis_kelamin", "pendidikan", "pekerjaan", "saran"]
GOOD = [4, 3, 3, 4, 3, 3, 4, 3, 3, 2, 1, 3, 2, "Ruang tunggu panas"]


def test_an_import_with_one_answer_of_5_writes_nothing_and_names_the_row_and_column(
    operator, period_a
):
    bad = list(GOOD)
    bad[STANDARD_KEYS.index("waktu")] = 5
    file = upload([HEADER, GOOD, GOOD, bad, GOOD])
    entries = AuditEntry.objects.count()
    with pytest.raises(ImportRejected) as rejected:
        services.import_responses(operator, period_a, file)
    errors = rejected.value.errors
    assert [(e.row, e.column) for e in errors] == [(4, "waktu")]
    assert "5" in errors[0].message and "1, 2, 3 atau 4" in errors[0].message
    assert str(errors[0]).startswith("Baris 4, kolom waktu")
    assert not SurveyResponse.objects.exists() and not EntryBatch.objects.exists()
    assert AuditEntry.objects.count() == entries


def test_a_good_import_stores_every_row_with_its_profile(operator, period_a):
    file = upload([HEADER, GOOD, [3] * 9 + ["", "", "", "", ""]])
    batch = services.import_responses(operator, period_a, file)
    assert batch.count == 2 and batch.channel == "import" and batch.file_name == "kuesioner.xlsx"
    first, second = SurveyResponse.objects.order_by("pk")
    assert [getattr(first, key) for key in STANDARD_KEYS] == GOOD[:9]
    assert (first.age_group, first.sex, first.education, first.occupation) == (
        "20-29",
        "l",
        "sma",
        "swasta",
    )
    assert first.suggestion == "Ruang tunggu panas" and first.points == 30
    assert second.age_group == "" and second.points == 27
    assert AuditEntry.objects.filter(action="surveys.enter_paper_responses").exists()


def test_every_bad_cell_is_reported_at_once(operator, period_a):
    rows = [
        HEADER,
        [4, 3, "", 4, 3, 3, 4, 3, 3, 9, "", "", "", ""],
        [4, 3, 3, 4, 3, 3, 4, 3, "x", "", "laki-laki", "", "", ""],
    ]
    with pytest.raises(ImportRejected) as rejected:
        services.import_responses(operator, period_a, upload(rows))
    found = {(e.row, e.column) for e in rejected.value.errors}
    assert found == {(2, "waktu"), (2, "umur"), (3, "sarana")}  # "laki-laki" is a label
    assert not SurveyResponse.objects.exists()


def test_headers_may_be_element_names_in_any_order_and_csv_works(operator, period_a):
    csv_text = "Sarana dan Prasarana;U1;prosedur;waktu;biaya;produk;kompetensi;perilaku;pengaduan\n"
    csv_text += "4;3;3;3;3;3;3;3;2\n"
    file = io.BytesIO(csv_text.encode("utf-8"))
    file.name = "kertas.csv"
    services.import_responses(operator, period_a, file)
    saved = SurveyResponse.objects.get()
    assert saved.sarana == 4 and saved.persyaratan == 3 and saved.pengaduan == 2


def test_a_missing_element_column_is_named(operator, period_a):
    with pytest.raises(ImportRejected) as rejected:
        services.import_responses(operator, period_a, upload([STANDARD_KEYS[:-1], [3] * 8]))
    assert [(e.row, e.column) for e in rejected.value.errors] == [(1, "sarana")]


def test_the_template_downloads_with_the_columns_of_the_questionnaire_and_imports_back(
    client, operator, period_a
):
    period_a.services = ["Izin praktik"]
    period_a.save()
    client.force_login(operator)
    response = client.get(reverse("surveys:template", args=[period_a.pk, "xlsx"]))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    header = [cell.value for cell in next(sheet.iter_rows())]
    assert header == [*STANDARD_KEYS, "umur", "jenis_kelamin", "pendidikan", "pekerjaan"] + [
        "layanan",
        "saran",
    ]
    sheet.append([3] * 9 + [1, 2, 3, 4, 1, "Baik"])
    buffer = io.BytesIO()
    sheet.parent.save(buffer)
    buffer.seek(0)
    buffer.name = "templat.xlsx"
    services.import_responses(operator, period_a, buffer)
    assert SurveyResponse.objects.get().service == "Izin praktik"


def test_the_grid_saves_filled_rows_and_skips_empty_ones(client, operator, period_a):
    client.force_login(operator)
    url = reverse("surveys:entry", args=[period_a.pk])
    page = client.get(url)
    assert page.status_code == 200 and page.content.decode().count('name="r10-sarana"') == 1
    data = {"rows": "10"}
    for number, row in ((1, [4] * 9), (3, [2] * 9)):
        data.update({f"r{number}-{key}": str(v) for key, v in zip(STANDARD_KEYS, row, strict=True)})
    data["r3-saran"] = "Petugas ramah"
    response = client.post(url, data)
    assert response.status_code == 302
    assert SurveyResponse.objects.count() == 2
    assert SurveyResponse.objects.get(persyaratan=2).suggestion == "Petugas ramah"
    assert EntryBatch.objects.get().created_by == operator


def test_the_grid_marks_the_wrong_cell_and_saves_nothing(client, operator, period_a):
    client.force_login(operator)
    url = reverse("surveys:entry", args=[period_a.pk])
    data = {"rows": "10"}
    data.update({f"r1-{key}": "3" for key in STANDARD_KEYS})
    data.update({f"r2-{key}": "3" for key in STANDARD_KEYS})
    data["r2-biaya"] = "5"
    response = client.post(url, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="r2-biaya" value="5"' in html and 'aria-invalid="true"' in html
    assert html.count('aria-invalid="true"') == 1
    assert "Baris 2, kolom biaya" in html
    assert not SurveyResponse.objects.exists()


def test_a_batch_typed_by_mistake_is_removed_together(client, operator, period_a):
    batch = services.enter_paper_responses(
        operator, period_a, [(1, dict.fromkeys(STANDARD_KEYS, "3"))] * 3
    )
    client.force_login(operator)
    response = client.post(reverse("surveys:batch_delete", args=[period_a.pk, batch.pk]))
    assert response.status_code == 302
    assert not SurveyResponse.objects.exists()
    assert AuditEntry.objects.filter(action="surveys.delete_entry_batch").exists()


def test_a_closed_period_takes_no_paper_questionnaires(operator, period_a):
    services.close_period(operator, period_a)
    with pytest.raises(services.DomainError):
        services.enter_paper_responses(operator, period_a, [(1, dict.fromkeys(STANDARD_KEYS, "3"))])
    assert not SurveyResponse.objects.exists()


def test_an_outsider_cannot_enter_questionnaires(outsider_operator, period_a):
    with pytest.raises(services.PermissionDeniedError):
        services.enter_paper_responses(
            outsider_operator, period_a, [(1, dict.fromkeys(STANDARD_KEYS, "3"))]
        )
