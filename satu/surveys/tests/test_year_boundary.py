"""Survey windows across the turn of the year: a running period is current in December and in
January alike."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from satu.surveys.results import default_window

from .conftest import make_period, respond

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "moment",
    [
        datetime.datetime(2026, 12, 31, 16, 59, tzinfo=datetime.UTC),  # 23:59 WIB
        datetime.datetime(2026, 12, 31, 17, 0, tzinfo=datetime.UTC),  # 00:00 WIB, 1 January
        datetime.datetime(2027, 1, 1, 10, 0, tzinfo=datetime.UTC),
    ],
    ids=["last-minute-of-the-year", "first-minute-of-the-year", "new-years-day"],
)
def test_a_period_running_across_the_new_year_is_in_the_default_roll_up(
    client, secretariat, unit_k, moment
):
    running = make_period(
        unit_k,
        "Oktober–Maret",
        start_date=datetime.date(2026, 10, 1),
        end_date=datetime.date(2027, 3, 31),
    )
    long_ago = make_period(
        unit_k,
        "Dua tahun lalu",
        start_date=datetime.date(2023, 1, 1),
        end_date=datetime.date(2023, 6, 30),
    )
    respond(running, [(4,) * 9] * 2)
    respond(long_ago, [(1,) * 9] * 5)
    with time_machine.travel(moment, tick=False):
        client.force_login(secretariat)
        page = client.get(reverse("surveys:rollup"), {"region": "33", "level": "region"})
    assert page.status_code == 200
    assert page.context["start"] <= running.end_date <= page.context["end"]
    assert page.context["total"].result.respondents == 2


def test_the_default_window_is_last_year_and_this_year_when_nothing_runs_past_it(unit_k):
    make_period(unit_k, start_date=datetime.date(2026, 1, 1), end_date=datetime.date(2026, 6, 30))
    # A period that starts next year is not running yet: it does not stretch the window.
    make_period(
        unit_k,
        "Tahun depan",
        start_date=datetime.date(2027, 1, 2),
        end_date=datetime.date(2027, 6, 30),
    )
    assert default_window(datetime.date(2026, 12, 31)) == (
        datetime.date(2025, 1, 1),
        datetime.date(2026, 12, 31),
    )
    assert default_window(datetime.date(2027, 1, 1)) == (
        datetime.date(2026, 1, 1),
        datetime.date(2027, 12, 31),
    )
