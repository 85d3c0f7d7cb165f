"""The test suite's clock: every test runs at a fixed, named moment, never at the real date.

The moment is ``TEST_TODAY`` (``YYYY-MM-DD``, optionally ``YYYY-MM-DDTHH:MM``) in the
project's time zone, by default :data:`DEFAULT_TODAY` at :data:`DEFAULT_TIME`. The clock is
moved there when pytest starts (so module-level constants and session fixtures see it too) and
again at the start of every test, so each test begins at the same instant whatever ran before
it. Time then ticks on from there, so timeouts and rate-limit windows behave as in real life.

``TEST_TODAY=2026-12-31 make test`` runs the suite as if it were New Year's Eve; `.ci/run`
runs the date-sensitive apps that way at the year boundary (see ``make test-calendar``).
"""

import datetime
import os
import zoneinfo

import pytest
import time_machine

DEFAULT_TODAY = datetime.date(2026, 9, 15)
DEFAULT_TIME = datetime.time(10, 0)
ZONE = zoneinfo.ZoneInfo("Asia/Jakarta")  # settings.TIME_ZONE, read before Django is set up


def suite_moment() -> datetime.datetime:
    """The instant every test starts at, as an aware datetime in the project's time zone."""
    value = os.environ.get("TEST_TODAY", "").strip()
    if not value:
        return datetime.datetime.combine(DEFAULT_TODAY, DEFAULT_TIME, ZONE)
    try:
        if "T" in value or " " in value:
            moment = datetime.datetime.fromisoformat(value)
        else:
            moment = datetime.datetime.combine(datetime.date.fromisoformat(value), DEFAULT_TIME)
    except ValueError as error:
        raise pytest.UsageError(
            f"TEST_TODAY={value!r} is not a date (YYYY-MM-DD) or moment (YYYY-MM-DDTHH:MM)"
        ) from error
    return moment if moment.tzinfo else moment.replace(tzinfo=ZONE)


_session_travel: time_machine.travel | None = None


def pytest_configure(config: pytest.Config) -> None:
    global _session_travel
    _session_travel = time_machine.travel(suite_moment(), tick=True)
    _session_travel.start()


def pytest_unconfigure(config: pytest.Config) -> None:
    if _session_travel is not None:
        _session_travel.stop()


def pytest_report_header(config: pytest.Config) -> str:
    return f"test clock: every test starts at {suite_moment().isoformat()} (TEST_TODAY)"


@pytest.fixture(autouse=True)
def _frozen_clock():  # type: ignore[no-untyped-def]
    """Start each test at the suite's named moment, with empty caches.

    Every test starts in the same minute, so counters kept in the cache (rate limits, lock-outs)
    would pile up across the tests a worker runs; each test starts from an empty cache instead.
    """
    from django.core.cache import caches

    with time_machine.travel(suite_moment(), tick=True):
        for cache in caches.all(initialized_only=True):
            cache.clear()
        yield


@pytest.fixture
def today() -> datetime.date:
    """The date the test runs at (the suite's named date), in the project's time zone."""
    return suite_moment().date()


@pytest.fixture
def now() -> datetime.datetime:
    """The instant the test started at, aware, in the project's time zone."""
    return suite_moment()
