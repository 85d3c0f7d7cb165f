"""Bulk import by the secretariat: a template, all-or-nothing, errors by row and column."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from satu.agencies.models import Agency
from satu.audit.models import AuditEntry
from satu.core.testing import bombs
from satu.innovations import imports
from satu.innovations.columns import KEYS
from satu.innovations.models import ImportJob, ImportStatus, Innovation, ReviewAction
from satu.regions.models import Region

pytestmark = pytest.mark.django_db


def row(**values: str) -> dict[str, str]:
    base = {
        "tahun": "2024",
        "kode_wilayah": "33.74",
        "singkatan_opd": "DINKES",
        "nama": "Posyandu Remaja Digital",
        "tahapan": "penerapan",
        "digital": "ya",
        "bentuk": "pelayanan_publik",
        "inisiator": "opd",
        "urusan_utama": "2",
        "urusan_terkait": "14, 20",
        "sdgs": "3",
        "tanggal_uji_coba": "2023-02-01",
        "tanggal_penerapan": "2023-08-01",
        "anggaran": "75.000.000",
        "rancang_bangun": "Posyandu remaja dengan pencatatan digital.",
        "tujuan": "Meningkatkan kesehatan remaja.",
        "manfaat": "Remaja terpantau gizinya.",
        "hasil_sebelum": "Cakupan 40 persen.",
        "hasil_sesudah": "Cakupan 85 persen.",
        "status": "accepted",
        "tanggal_diterima": "2024-03-30",
    }
    base.update(values)
    return base


def as_csv(rows: list[dict[str, str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=KEYS)
    writer.writeheader()
    for values in rows:
        writer.writerow({key: values.get(key, "") for key in KEYS})
    return buffer.getvalue().encode("utf-8")


def as_xlsx(rows: list[dict[str, str]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(KEYS)
    for values in rows:
        sheet.append([values.get(key, "") for key in KEYS])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def start(client, data: bytes, name: str, captured):
    with captured(execute=True):
        response = client.post(
            reverse("innovations:import"), {"file": SimpleUploadedFile(name, data)}
        )
    return response


@pytest.fixture
def kota_agencies(agency_k, kota_semarang):
    Agency.objects.get_or_create(
        region=kota_semarang,
        abbreviation="DISDUKCAPIL",
        defaults={"name": "Dinas Dukcapil Kota Semarang", "type": "dinas"},
    )
    return agency_k


def test_one_bad_row_among_valid_ones_writes_nothing_and_names_row_and_column(
    client, secretariat, kota_agencies, django_capture_on_commit_callbacks
):
    client.force_login(secretariat)
    rows = [
        row(),
        row(nama="Jemput Bola Adminduk", singkatan_opd="DISDUKCAPIL", urusan_utama="12"),
        # Row 4: launched before its trial.
        row(nama="Lapor Mbak Wali", tanggal_penerapan="2022-12-31"),
        row(nama="Kelas Ibu Balita Virtual", tahun="2025"),
    ]
    before = Innovation.objects.count()
    response = start(client, as_csv(rows), "inovasi.csv", django_capture_on_commit_callbacks)
    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("innovations:import_job", args=[job.pk])
    assert job.status == ImportStatus.FAILED
    assert Innovation.objects.count() == before
    assert job.errors == [
        {
            "row": 4,
            "column": "tanggal_penerapan",
            "message": "Tanggal penerapan tidak boleh sebelum tanggal uji coba.",
        }
    ]
    html = client.get(response["Location"]).content.decode()
    assert "tidak ada yang diimpor" in html.lower() or "nothing has been imported" in html
    assert '<td class="num">4</td>' in html and "tanggal_penerapan" in html


def test_every_error_of_every_row_is_reported(
    client, secretariat, kota_agencies, django_capture_on_commit_callbacks
):
    client.force_login(secretariat)
    rows = [
        row(nama="A", tahun="dua ribu", tahapan="selesai"),
        row(nama="B", singkatan_opd="TIDAKADA"),
        row(nama="C", urusan_utama="99", sdgs="3, x", digital="mungkin"),
        row(nama="D", hasil_sesudah="", ringkasan="kata " * 201),
        row(),
        row(),  # the same innovation twice
    ]
    start(client, as_xlsx(rows), "inovasi.xlsx", django_capture_on_commit_callbacks)
    job = ImportJob.objects.get()
    found = {(error["row"], error["column"]) for error in job.errors}
    assert found == {
        (2, "tahun"),
        (2, "tahapan"),
        (3, "singkatan_opd"),
        (4, "urusan_utama"),
        (4, "sdgs"),
        (4, "digital"),
        (5, "hasil_sesudah"),
        (5, "ringkasan"),
        (7, "nama"),
    }
    assert not Innovation.objects.exists()


def test_a_valid_file_imports_every_row_with_its_status_and_an_audit_trail(
    client, secretariat, kota_agencies, django_capture_on_commit_callbacks
):
    client.force_login(secretariat)
    rows = [
        row(),
        row(nama="Jemput Bola Adminduk", singkatan_opd="disdukcapil", urusan_utama="12"),
        row(nama="Kelas Ibu Balita Virtual", tahun="2025", status="returned", tahapan="Uji Coba"),
    ]
    start(client, as_xlsx(rows), "inovasi.xlsx", django_capture_on_commit_callbacks)
    job = ImportJob.objects.get()
    assert job.status == ImportStatus.SUCCEEDED, job.errors
    assert job.created_count == 3
    posyandu = Innovation.objects.get(name="Posyandu Remaja Digital")
    assert posyandu.status == "accepted"
    assert posyandu.accepted_at.date().isoformat() == "2024-03-30"
    assert posyandu.budget == 75_000_000
    assert sorted(posyandu.related_urusan.values_list("code", flat=True)) == [14, 20]
    assert Innovation.objects.get(name="Kelas Ibu Balita Virtual").stage == "uji_coba"
    assert posyandu.review_events.get().action == ReviewAction.IMPORT
    assert posyandu.revisions.get().kind == "import"
    created = AuditEntry.objects.filter(
        action="create", object_type="innovations.innovation", object_id=str(posyandu.pk)
    ).get()
    assert created.source == "import" and created.actor_id == secretariat.pk
    assert AuditEntry.objects.filter(action="innovation.import").count() == 1


def test_the_template_can_be_downloaded_and_imported_as_it_is(
    client, secretariat, kota_agencies, django_capture_on_commit_callbacks
):
    client.force_login(secretariat)
    response = client.get(reverse("innovations:import_template", args=["xlsx"]))
    workbook = load_workbook(io.BytesIO(response.content))
    assert [cell.value for cell in workbook.worksheets[0][1]] == KEYS
    guide = [[cell.value for cell in line] for line in workbook.worksheets[1].iter_rows()]
    assert guide[0] == ["Kolom", "Arti", "Wajib", "Keterangan"]
    assert {line[0] for line in guide[1:]} == set(KEYS)
    csv_template = b"".join(client.get(reverse("innovations:import_template", args=["csv"])))
    assert csv_template.decode("utf-8-sig").splitlines()[0] == ",".join(KEYS)
    start(client, response.content, "templat.xlsx", django_capture_on_commit_callbacks)
    job = ImportJob.objects.get()
    assert job.status == ImportStatus.SUCCEEDED, job.errors


def test_an_exported_list_can_be_imported_again(
    client, secretariat, accepted, kota_agencies, django_capture_on_commit_callbacks
):
    client.force_login(secretariat)
    exported = client.get(reverse("innovations:export", args=["csv"]))
    data = b"".join(exported).decode("utf-8-sig").replace(accepted.name, "Salinan Inovasi")
    start(client, data.encode(), "ekspor.csv", django_capture_on_commit_callbacks)
    job = ImportJob.objects.get()
    assert job.status == ImportStatus.SUCCEEDED, job.errors
    copy = Innovation.objects.get(name="Salinan Inovasi")
    assert copy.agency == accepted.agency and copy.design == accepted.design


def test_text_an_export_protected_against_formulas_imports_back_unchanged(
    client, secretariat, accepted, kota_agencies, django_capture_on_commit_callbacks
):
    design = "- Posyandu remaja\n- Pencatatan digital"
    Innovation.objects.filter(pk=accepted.pk).update(design=design)
    client.force_login(secretariat)
    exported = b"".join(client.get(reverse("innovations:export", args=["csv"]))).decode("utf-8-sig")
    assert "'- Posyandu remaja" in exported
    data = exported.replace(accepted.name, "Salinan Inovasi")
    start(client, data.encode(), "ekspor.csv", django_capture_on_commit_callbacks)
    job = ImportJob.objects.get()
    assert job.status == ImportStatus.SUCCEEDED, job.errors
    assert Innovation.objects.get(name="Salinan Inovasi").design == design


def test_only_agencies_of_the_secretariats_province_can_be_imported(
    client, secretariat, kota_agencies, django_capture_on_commit_callbacks
):
    jakarta = Region.objects.get(code="31")
    Agency.objects.create(region=jakarta, abbreviation="DINKES", name="Dinkes DKI", type="dinas")
    client.force_login(secretariat)
    start(client, as_csv([row(kode_wilayah="31")]), "x.csv", django_capture_on_commit_callbacks)
    job = ImportJob.objects.get()
    assert [(e["row"], e["column"]) for e in job.errors] == [(2, "singkatan_opd")]


@pytest.mark.parametrize("persona", ["operator", "agency_head", "regional_admin"])
def test_only_the_secretariat_imports(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("innovations:import")).status_code == 403
    assert client.get(reverse("innovations:import_template", args=["csv"])).status_code == 403


def test_a_file_that_is_not_a_spreadsheet_is_refused_at_once(client, secretariat):
    client.force_login(secretariat)
    response = client.post(
        reverse("innovations:import"),
        {"file": SimpleUploadedFile("inovasi.xlsx", b"%PDF-1.7 not a workbook")},
    )
    assert response.status_code == 200
    assert "tidak sesuai dengan namanya" in response.content.decode()
    assert not ImportJob.objects.exists()


def test_the_progress_page_polls_until_the_job_is_finished(client, secretariat, kota_agencies):
    client.force_login(secretariat)
    job = imports.start_import(secretariat, SimpleUploadedFile("a.csv", as_csv([row()])))
    page = client.get(reverse("innovations:import_job", args=[job.pk])).content.decode()
    assert 'hx-trigger="every 2s"' in page
    assert reverse("innovations:import_job", args=[job.pk]) in page  # plain refresh link
    imports.run_import(job.pk)
    fragment = client.get(
        reverse("innovations:import_job", args=[job.pk]), headers={"HX-Request": "true"}
    ).content.decode()
    assert fragment.startswith('<div id="import-progress"')
    assert "hx-trigger" not in fragment
    assert "1 inovasi diimpor." in fragment


def test_progress_is_counted_while_rows_are_checked(secretariat, kota_agencies, monkeypatch):
    seen = []
    original = imports._progress

    def spy(job, **values):
        seen.append(dict(values))
        original(job, **values)

    monkeypatch.setattr(imports, "_progress", spy)
    monkeypatch.setattr(imports, "PROGRESS_EVERY", 2)
    rows = [row(nama=f"Inovasi {n}") for n in range(5)]
    job = imports.start_import(secretariat, SimpleUploadedFile("a.csv", as_csv(rows)))
    imports.run_import(job.pk)
    assert {"status": "checking", "total_rows": 5} in seen
    assert [v["checked_rows"] for v in seen if set(v) == {"checked_rows"}] == [2, 4]
    job.refresh_from_db()
    assert job.status == ImportStatus.SUCCEEDED and job.created_count == 5


def test_a_dimension_bomb_fails_the_import_job_quickly_and_writes_nothing(
    secretariat, django_capture_on_commit_callbacks
):
    with bombs.within(10), django_capture_on_commit_callbacks(execute=True):
        job = imports.start_import(
            secretariat, SimpleUploadedFile("bom.xlsx", bombs.dimension_bomb())
        )
    job.refresh_from_db()
    assert job.status == ImportStatus.FAILED and "100000" in job.message
    assert not Innovation.objects.exists()


def test_an_import_past_its_deadline_fails_its_job(
    secretariat, settings, django_capture_on_commit_callbacks
):
    settings.SATU_IMPORT_MAX_SECONDS = -1
    rows = "tahun,nama\n" + "".join(f"2024,Inovasi {n}\n" for n in range(1500))
    with django_capture_on_commit_callbacks(execute=True):
        job = imports.start_import(secretariat, SimpleUploadedFile("lambat.csv", rows.encode()))
    job.refresh_from_db()
    assert job.status == ImportStatus.FAILED and "dihentikan" in job.message


def test_an_import_whose_worker_was_killed_is_marked_failed_when_looked_at(
    client, secretariat, now
):
    """A job left "writing" by a killed worker wrote nothing and no longer shows as running."""
    import datetime

    from satu.innovations.models import ImportJob, ImportStatus

    def running(status: str, minutes_ago: int) -> ImportJob:
        return ImportJob.objects.create(
            created_by=secretariat,
            file="imports/innovations/x.csv",
            original_name=f"{minutes_ago}.csv",
            status=status,
            started_at=now - datetime.timedelta(minutes=minutes_ago),
        )

    killed, busy = running(ImportStatus.WRITING, 45), running(ImportStatus.CHECKING, 2)
    client.force_login(secretariat)
    page = client.get(reverse("innovations:import_job", args=[killed.pk]))
    killed.refresh_from_db(), busy.refresh_from_db()
    assert killed.status == ImportStatus.FAILED
    assert "berhenti tiba-tiba" in page.content.decode()
    assert busy.status == ImportStatus.CHECKING
