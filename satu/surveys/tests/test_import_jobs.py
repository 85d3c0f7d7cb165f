"""Spreadsheet imports of paper questionnaires run in the task worker, bounded in size and time."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook

from satu.core.testing import bombs
from satu.surveys import services
from satu.surveys.elements import STANDARD_KEYS
from satu.surveys.models import ImportStatus, ResponseImport, SurveyResponse

pytestmark = pytest.mark.django_db


def xlsx(rows) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def post_file(client, period, data: bytes, name: str = "kuesioner.xlsx"):
    url = reverse("surveys:import", args=[period.pk])
    return client.post(url, {"file": SimpleUploadedFile(name, data)})


def test_the_page_stores_the_file_and_the_task_imports_it(
    client, operator, period_a, django_capture_on_commit_callbacks
):
    client.force_login(operator)
    data = xlsx([list(STANDARD_KEYS), [4, 3, 3, 4, 3, 3, 4, 3, 3], [3] * 9])
    with django_capture_on_commit_callbacks(execute=True):
        response = post_file(client, period_a, data)
    job = ResponseImport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("surveys:import_job", args=[period_a.pk, job.pk])
    assert job.status == ImportStatus.SUCCEEDED and job.batch.count == 2
    assert SurveyResponse.objects.filter(period=period_a).count() == 2
    page = client.get(response["Location"])
    assert "2 kuesioner telah diimpor" in page.content.decode()


def test_a_refused_import_lists_each_bad_cell_on_the_job_page(
    client, operator, period_a, django_capture_on_commit_callbacks
):
    client.force_login(operator)
    data = xlsx([list(STANDARD_KEYS), [4, 3, 3, 4, 3, 3, 4, 3, 3], [3, 3, 5, 3, 3, 3, 3, 3, 3]])
    with django_capture_on_commit_callbacks(execute=True):
        response = post_file(client, period_a, data)
    job = ResponseImport.objects.get()
    assert job.status == ImportStatus.FAILED
    assert [(e["row"], e["column"]) for e in job.errors] == [(3, "waktu")]
    assert not SurveyResponse.objects.exists()
    page = client.get(response["Location"]).content.decode()
    assert "hanya 1, 2, 3 atau 4" in page


def test_the_upload_answers_without_reading_the_spreadsheet(client, operator, period_a):
    """The dimension bomb that kept web workers busy for minutes: the request only stores it."""
    client.force_login(operator)
    with bombs.within(5):
        response = post_file(client, period_a, bombs.dimension_bomb(list(STANDARD_KEYS)))
    assert response.status_code == 302
    assert ResponseImport.objects.get().status == ImportStatus.PENDING


def test_the_dimension_bomb_fails_its_job_quickly_with_a_clear_message(
    client, operator, period_a, django_capture_on_commit_callbacks
):
    client.force_login(operator)
    for _attempt in range(4):
        with bombs.within(10), django_capture_on_commit_callbacks(execute=True):
            post_file(client, period_a, bombs.dimension_bomb(list(STANDARD_KEYS)))
    jobs = ResponseImport.objects.all()
    assert [job.status for job in jobs] == [ImportStatus.FAILED] * 4
    assert "lebih dari 100000 baris" in jobs[0].message
    assert not SurveyResponse.objects.exists()


def test_a_zip_bomb_fails_its_job_before_anything_is_unpacked(
    client, operator, period_a, django_capture_on_commit_callbacks
):
    client.force_login(operator)
    with bombs.within(10), django_capture_on_commit_callbacks(execute=True):
        post_file(client, period_a, bombs.zip_bomb(megabytes=200))
    job = ResponseImport.objects.get()
    assert job.status == ImportStatus.FAILED and "100 MB" in job.message


def test_a_file_above_the_upload_limit_is_refused_before_it_is_read(
    client, operator, period_a, settings
):
    settings.SATU_MAX_UPLOAD_BYTES = 64 * 1024
    client.force_login(operator)
    response = post_file(client, period_a, b"PK\x03\x04" + b"0" * (1024 * 1024), "besar.xlsx")
    assert response.status_code == 413
    assert not ResponseImport.objects.exists()


def test_a_file_just_above_the_limit_is_refused_by_the_service(operator, period_a, settings):
    settings.SATU_MAX_UPLOAD_BYTES = 64 * 1024
    file = SimpleUploadedFile("besar.csv", b"x" * (65 * 1024))
    with pytest.raises(services.DomainError) as error:
        services.start_response_import(operator, period_a, file)
    assert error.value.code == "too_large"


def test_an_import_past_its_deadline_is_stopped_and_its_job_marked_failed(
    operator, period_a, settings, django_capture_on_commit_callbacks
):
    settings.SATU_IMPORT_MAX_SECONDS = -1
    rows = ";".join(STANDARD_KEYS) + "\n" + "3;3;3;3;3;3;3;3;3\n" * 1500
    file = SimpleUploadedFile("lambat.csv", rows.encode())
    with django_capture_on_commit_callbacks(execute=True):
        job = services.start_response_import(operator, period_a, file)
    job.refresh_from_db()
    assert job.status == ImportStatus.FAILED and job.finished_at is not None
    with translation.override("id"):
        assert "dihentikan" in job.message
    assert not SurveyResponse.objects.exists()


def test_a_job_is_seen_only_by_who_manages_its_period(
    client, operator, operator_k, period_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        job = services.start_response_import(
            operator, period_a, SimpleUploadedFile("a.csv", b"sarana\n3\n")
        )
    client.force_login(operator_k)
    response = client.get(reverse("surveys:import_job", args=[period_a.pk, job.pk]))
    assert response.status_code in (403, 404)


def test_an_import_whose_worker_was_killed_is_marked_failed_when_looked_at(
    client, operator, period_a, now
):
    """A job left "running" by a killed worker no longer shows as running for ever."""
    import datetime

    from satu.audit.models import AuditEntry

    def running(minutes_ago: int) -> ResponseImport:
        return ResponseImport.objects.create(
            period=period_a,
            created_by=operator,
            file="imports/surveys/x.xlsx",
            original_name=f"{minutes_ago}.xlsx",
            status=ImportStatus.RUNNING,
            started_at=now - datetime.timedelta(minutes=minutes_ago),
        )

    killed, busy = running(31), running(5)
    client.force_login(operator)
    page = client.get(reverse("surveys:import_job", args=[period_a.pk, killed.pk]))
    killed.refresh_from_db(), busy.refresh_from_db()
    assert killed.status == ImportStatus.FAILED and killed.finished_at is not None
    assert "berhenti tiba-tiba" in page.content.decode()
    assert busy.status == ImportStatus.RUNNING
    assert AuditEntry.objects.filter(action="surveys.import_stale").count() == 1
