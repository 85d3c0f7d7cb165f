"""The demo data set, with its open datasets generated, and readers for the three formats."""

import csv
import io
import json

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from satu.opendata.models import Publication


@pytest.fixture(scope="package")
def seeded(django_db_setup, django_db_blocker, tmp_path_factory):
    """seed_demo once for the whole package (it takes half a minute), inside a transaction
    that is rolled back at the end; each test runs in its own savepoint within it. The files
    go to a folder of this package's own, which parallel test workers do not share."""
    media = tmp_path_factory.mktemp("media")
    with override_settings(MEDIA_ROOT=media), django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            call_command("seed_demo", "--quiet-accounts", stdout=io.StringIO())
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def demo(seeded, db):
    """The demo data set; its last step (satu.opendata.demo) wrote the open data files."""


def read_table(content: bytes, fmt: str) -> list[dict[str, object]]:
    """A file as a list of records keyed by its header, whatever its format."""
    if fmt == "csv":
        return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))
    if fmt == "json":
        return json.loads(content)
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(content), read_only=True).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    header = [str(cell) for cell in rows[0]]
    return [dict(zip(header, row, strict=True)) for row in rows[1:]]


def read_header(content: bytes, fmt: str) -> list[str]:
    if fmt == "csv":
        return next(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    if fmt == "json":
        records = json.loads(content)
        return list(records[0]) if records else []
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(content), read_only=True).worksheets[0]
    return [str(cell) for cell in next(sheet.iter_rows(values_only=True))]


def stored(slug: str, fmt: str) -> bytes:
    """The bytes of a published file, as the storage holds them."""
    info = Publication.objects.get(slug=slug).files[fmt]
    with default_storage.open(info["name"], "rb") as handle:
        return handle.read()


def truthy(value: object) -> bool:
    """A boolean as CSV (True/False), JSON (true/false) or XLSX (a boolean cell) wrote it."""
    assert value in (True, False, "True", "False"), value
    return value in (True, "True")


def number(value: object) -> int:
    return int(value) if value not in (None, "") else 0
