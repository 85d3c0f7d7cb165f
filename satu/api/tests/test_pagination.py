"""Page: page numbers and links, and a count that stops at SATU_API_COUNT_LIMIT."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from satu.api.pagination import Page

pytestmark = pytest.mark.django_db

REGIONS = 552  # provinces and kabupaten/kota in the reference data


def page(client, number, size=100):
    return client.get("/api/v1/regions", {"page": number, "page_size": size}).json()


def test_a_list_below_the_limit_is_counted_exactly(client, reference_data):
    data = page(client, 1)
    assert data["count"] == REGIONS
    assert data["count_exact"] is True


def test_a_list_that_is_not_a_queryset_is_counted_exactly(rf, settings):
    settings.SATU_API_COUNT_LIMIT = 3
    data = Page().paginate_queryset(
        list(range(7)), Page.Input(page=2, page_size=2), rf.get("/api/v1/competitions")
    )
    assert (data["count"], data["count_exact"], data["results"]) == (7, True, [2, 3])
    assert data["next"] and data["previous"]


def test_past_the_limit_the_count_is_the_limit_and_says_so(client, reference_data, settings):
    settings.SATU_API_COUNT_LIMIT = 120
    data = page(client, 1)
    assert data["count"] == 120
    assert data["count_exact"] is False


def test_a_list_exactly_at_the_limit_is_exact(client, reference_data, settings):
    settings.SATU_API_COUNT_LIMIT = REGIONS
    data = page(client, 1)
    assert data["count"] == REGIONS and data["count_exact"] is True


@pytest.mark.parametrize(
    ("number", "items", "has_next", "has_previous"),
    [
        (1, 100, True, False),
        (2, 100, True, True),  # the last page inside the counted 120
        (3, 100, True, True),  # beyond the limit, the links still follow the real list
        (5, 100, True, True),
        (6, 52, False, True),  # the real last page
        (7, 0, False, True),  # one past the end: the last page is before it
        (8, 0, False, False),
    ],
)
def test_links_follow_the_real_list_beyond_the_limit(
    client, reference_data, settings, number, items, has_next, has_previous
):
    settings.SATU_API_COUNT_LIMIT = 120
    data = page(client, number)
    assert len(data["results"]) == items
    assert (data["next"] is not None, data["previous"] is not None) == (has_next, has_previous)
    if has_next:
        assert f"page={number + 1}" in data["next"]
    if has_previous:
        assert f"page={number - 1}" in data["previous"]


def test_the_pages_beyond_the_limit_hold_the_rest_of_the_list(client, reference_data, settings):
    settings.SATU_API_COUNT_LIMIT = 120
    codes = [region["code"] for n in range(1, 7) for region in page(client, n)["results"]]
    assert len(codes) == REGIONS == len(set(codes))


def test_the_count_asks_the_database_for_no_more_than_the_limit(client, reference_data, settings):
    settings.SATU_API_COUNT_LIMIT = 120
    with CaptureQueriesContext(connection) as captured:
        page(client, 1)
    counts = [q["sql"] for q in captured.captured_queries if "COUNT(" in q["sql"].upper()]
    assert len(counts) == 1
    assert re.search(r"\bLIMIT 121\b", counts[0]), counts[0]
    assert "ORDER BY" not in counts[0].upper(), counts[0]


def test_the_openapi_document_describes_count_exact(client):
    schema = client.get("/api/v1/openapi.json").json()
    pages = [
        component
        for component in schema["components"]["schemas"].values()
        if "count_exact" in component.get("properties", {})
    ]
    assert pages
    for component in pages:
        field = component["properties"]["count_exact"]
        assert field["type"] == "boolean" and field["description"] and field["examples"]
        assert "count_exact" in component["required"]
