"""A programme year whose deadline is 31 December: the last minute of the year counts, the
first minute of the next does not, and the escalation goes out in January for the old year."""

import datetime
import io

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from satu.innovations.models import Status

from .. import reminders, rules
from ..board import compute_board
from ..deadlines import is_registration_open
from ..models import ProgrammeYear
from .conftest import at, make_innovation

pytestmark = pytest.mark.django_db

NEW_YEARS_EVE = datetime.date(2026, 12, 31)
NEW_YEARS_DAY = datetime.date(2027, 1, 1)


@pytest.fixture
def year(reference_data) -> ProgrammeYear:
    return ProgrammeYear.objects.create(year=2026, registration_deadline=NEW_YEARS_EVE)


def status_of(year, agency):
    return compute_board(year).agencies().get(pk=agency.pk).status


@pytest.mark.parametrize(
    ("submitted", "expected"),
    [
        (at(NEW_YEARS_EVE, 23, 59), rules.COMPLIED),
        (at(NEW_YEARS_DAY, 0, 0), rules.STARTED),  # 17:00 UTC on 31 December, yet too late
    ],
    ids=["last-minute-of-the-year", "first-minute-of-the-next"],
)
def test_a_deadline_on_new_years_eve_ends_at_midnight_in_the_province(
    year, agency_a, submitted, expected
):
    year.counting_rule = "submitted"
    year.save()
    make_innovation(agency_a, Status.SUBMITTED, submitted_at=submitted)
    assert status_of(year, agency_a) == expected


def test_registration_is_open_until_the_last_second_of_the_year(year):
    assert is_registration_open(2026, at(NEW_YEARS_EVE, 23, 59)) is True
    assert is_registration_open(2026, at(NEW_YEARS_DAY, 0, 0)) is False


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (NEW_YEARS_EVE - datetime.timedelta(days=7), "before-7"),
        (NEW_YEARS_EVE, "before-1"),
        (NEW_YEARS_DAY, "after-1"),
        (datetime.date(2027, 1, 7), "after-7"),
    ],
)
def test_the_steps_of_a_december_deadline_run_into_january(year, day, expected):
    assert reminders.current_step(year, day).key == expected


def test_on_new_years_day_the_old_year_is_escalated(
    year, agency_k, regional_admin, secretariat, django_capture_on_commit_callbacks
):
    ProgrammeYear.objects.create(year=2027, registration_deadline=datetime.date(2027, 6, 30))
    make_innovation(agency_k, Status.DRAFT)
    out = io.StringIO()
    with (
        time_machine.travel(at(NEW_YEARS_DAY, 6, 0), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        call_command("send_compliance_reminders", stdout=out)
    assert "after-1" in out.getvalue() and "2026" in out.getvalue()
    [escalation] = [m for m in mail.outbox if regional_admin.email in m.to]
    assert agency_k.name in escalation.body and "2026" in escalation.body
