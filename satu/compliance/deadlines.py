"""The registration deadline of a programme year, for any page that needs to show it.

from satu.compliance.deadlines import registration_deadline
registration_deadline(2026)  # datetime.date(2026, 6, 30), or None when not set up
"""

import datetime

from django.utils import timezone

from .models import ProgrammeYear


def registration_deadline(year: int) -> datetime.date | None:
    """The last day on which an innovation of ``year`` can be submitted, or None."""
    return (
        ProgrammeYear.objects.filter(year=year)
        .values_list("registration_deadline", flat=True)
        .first()
    )


def registration_deadline_end(year: int) -> datetime.datetime | None:
    """The first moment after the deadline day (aware, in the programme's time zone)."""
    programme_year = ProgrammeYear.objects.filter(year=year).first()
    return programme_year.deadline_end if programme_year else None


def is_registration_open(year: int, now: datetime.datetime | None = None) -> bool | None:
    """Whether a submission made ``now`` is on time for ``year`` (None when not set up)."""
    end = registration_deadline_end(year)
    if end is None:
        return None
    return (now or timezone.now()) < end
