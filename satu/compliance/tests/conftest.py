"""Fixtures of the compliance tests: a programme year and innovations made with the ORM."""

import datetime
import itertools
from zoneinfo import ZoneInfo

import pytest

from satu.innovations.models import Status
from satu.urusan.models import Urusan

from ..models import ProgrammeYear
from ..scale import new_innovation

JAKARTA = ZoneInfo("Asia/Jakarta")
DEADLINE = datetime.date(2026, 6, 30)
_names = itertools.count(1)


def at(day: datetime.date, hour: int = 10, minute: int = 0) -> datetime.datetime:
    """A moment on ``day`` in Jakarta time."""
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=JAKARTA)


BEFORE = at(DEADLINE - datetime.timedelta(days=10))
LAST_MINUTE = at(DEADLINE, 23, 59)
AFTER = at(DEADLINE + datetime.timedelta(days=1), 0, 0)


def make_innovation(agency, status=Status.DRAFT, *, year=2026, submitted_at=None, accepted_at=None):
    if status != Status.DRAFT and submitted_at is None and status != Status.ACCEPTED:
        submitted_at = BEFORE
    if status == Status.ACCEPTED and accepted_at is None:
        submitted_at = submitted_at or BEFORE
        accepted_at = submitted_at + datetime.timedelta(days=3)
    innovation = new_innovation(
        agency,
        year,
        f"Inovasi {next(_names)}",
        status=status,
        submitted_at=submitted_at,
        accepted_at=accepted_at,
        urusan=Urusan.objects.order_by("code").first(),
    )
    innovation.save()
    return innovation


@pytest.fixture
def year(reference_data) -> ProgrammeYear:
    return ProgrammeYear.objects.create(year=2026, registration_deadline=DEADLINE)
