"""The suite's clock: tests run at a fixed, named moment, never on the real calendar."""

import datetime
import pathlib
import re

import pytest
import time_machine
from django.utils import timezone

from satu.core.testing.clock import DEFAULT_TIME, DEFAULT_TODAY, suite_moment

ROOT = pathlib.Path(__file__).resolve().parents[3]
# Calls that read the machine's own calendar in its own time zone (UTC here, WIB in the
# province), bypassing both the suite's clock fixtures and the project's time zone.
REAL_CALENDAR = re.compile(r"\b(?:date\.today|datetime\.(?:now|today|utcnow))\(")


def test_every_test_starts_at_the_suite_moment(today, now):
    assert timezone.localdate() == today == suite_moment().date()
    assert abs(timezone.now() - now) < datetime.timedelta(minutes=5)


def test_time_ticks_on_from_the_suite_moment():
    first = timezone.now()
    second = timezone.now()
    assert second > first


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("", datetime.datetime.combine(DEFAULT_TODAY, DEFAULT_TIME)),
        ("2026-12-31", datetime.datetime(2026, 12, 31, 10, 0)),
        ("2027-01-01T00:05", datetime.datetime(2027, 1, 1, 0, 5)),
        ("2028-02-29", datetime.datetime(2028, 2, 29, 10, 0)),
    ],
)
def test_test_today_names_the_moment_in_the_project_time_zone(monkeypatch, value, expected):
    monkeypatch.setenv("TEST_TODAY", value)
    moment = suite_moment()
    assert moment.replace(tzinfo=None) == expected
    assert moment.utcoffset() == datetime.timedelta(hours=7)


def test_a_test_can_travel_further_and_comes_back():
    start = timezone.localdate()
    with time_machine.travel(datetime.datetime(2030, 1, 1, tzinfo=datetime.UTC), tick=False):
        assert timezone.now().year == 2030
    assert timezone.localdate() == start


def test_no_test_reads_the_real_calendar():
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in sorted((ROOT / "satu").glob("**/tests/**/*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if REAL_CALENDAR.search(line) and path.name != "test_clock.py"
    ]
    assert offenders == [], "use the today/now fixtures or timezone.localdate()/now()"
