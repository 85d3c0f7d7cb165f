"""The board runs a fixed number of queries, however many agencies there are."""

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ..board import compute_board
from ..scale import generate

pytestmark = pytest.mark.django_db


def count_queries(func) -> int:
    with CaptureQueriesContext(connection) as captured:
        func()
    return len(captured.captured_queries)


def service_calls(year):
    board = compute_board(year)
    assert board.regions and board.types
    agencies = board.agencies(sort="status")
    return agencies.count(), list(agencies[:50]), board.totals


def page_calls(client, url):
    def call():
        response = client.get(url)
        assert response.status_code == 200
        if hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)

    return call


URLS = [
    "/kepatuhan/2026/",
    "/kepatuhan/2026/?region=33&status=nothing&sort=-status",
    "/kepatuhan/2026/unduh/wilayah.csv",
    "/kepatuhan/2026/unduh/opd.xlsx?type=dinas",
    "/api/v1/compliance/2026",
    "/api/v1/compliance/2026/agencies?page_size=100",
]


def test_the_number_of_queries_does_not_grow_with_the_number_of_agencies(client, year, province):
    regions = [province, *province.children.order_by("code")]
    generate(year, agencies=10, regions=regions, seed=1, prefix="SMALL")
    small = {
        "service": count_queries(lambda: service_calls(year)),
        **{url: count_queries(page_calls(client, url)) for url in URLS},
    }
    generate(year, agencies=1000, regions=regions, seed=2, prefix="LARGE")
    large = {
        "service": count_queries(lambda: service_calls(year)),
        **{url: count_queries(page_calls(client, url)) for url in URLS},
    }
    assert large == small
    assert small["service"] <= 6


def test_the_back_office_board_has_a_fixed_number_of_queries_too(
    client, year, province, secretariat
):
    regions = [province, *province.children.order_by("code")]
    client.force_login(secretariat)
    url = "/kelola/kepatuhan/2026/"
    # The clock stands still, and a first visit records the back-office session's activity
    # (written at most once a minute), so that both counts see the same session work.
    with time_machine.travel(timezone.now(), tick=False):
        page_calls(client, url)()
        generate(year, agencies=10, regions=regions, seed=3, prefix="SMALL")
        small = count_queries(page_calls(client, url))
        generate(year, agencies=1000, regions=regions, seed=4, prefix="LARGE")
        assert count_queries(page_calls(client, url)) == small
