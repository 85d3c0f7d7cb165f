"""The public lists read their first page in index order instead of sorting the catalog."""

import pytest
from django.db import connection

from satu.catalog.views import _order
from satu.innovations.models import Innovation

pytestmark = pytest.mark.django_db

POSTGRESQL = connection.vendor == "postgresql"


def plan(sort: str) -> str:
    if POSTGRESQL:
        # A handful of test rows would rather be sorted: forbid the sort, so the plan shows
        # whether an index can give this order at all (a disabled sort still appears).
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_sort = off")
            cursor.execute("SET LOCAL enable_seqscan = off")
    return _order(Innovation.objects.public(), sort, searched=False)[:12].explain()


def test_the_catalog_sorted_by_name_reads_the_name_index():
    explained = plan("nama")
    assert "innovation_public_name" in explained, explained
    assert "Sort" not in explained and "TEMP B-TREE" not in explained, explained


def test_the_newest_first_catalog_and_home_page_read_the_newest_index():
    explained = plan("terbaru")
    assert "innovation_public_newest" in explained, explained
    assert "Sort" not in explained and "TEMP B-TREE" not in explained, explained


def test_the_newest_index_exists_on_both_databases():
    """Made by hand (migrations 0006 and 0007), since only PostgreSQL takes NULLS LAST."""
    with connection.cursor() as cursor:
        indexes = connection.introspection.get_constraints(cursor, "innovations_innovation")
    assert "innovation_public_newest" in indexes
