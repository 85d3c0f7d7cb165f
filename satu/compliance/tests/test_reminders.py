"""Reminders before the deadline, escalation after it, each email once per person and step."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command

from satu.accounts.models import Role
from satu.core.testing.personas import grant, make_user
from satu.innovations.models import Status

from .. import reminders
from ..models import Exemption, ExemptionStatus, ReminderLog
from .conftest import DEADLINE, make_innovation

pytestmark = pytest.mark.django_db


def run(day: datetime.date, capture) -> str:
    out = io.StringIO()
    with capture(execute=True):
        call_command("send_compliance_reminders", date=day.isoformat(), stdout=out)
    return out.getvalue()


def sent_to(address: str) -> list:
    return [message for message in mail.outbox if address in message.to]


SEVEN_DAYS_BEFORE = DEADLINE - datetime.timedelta(days=7)
DAY_AFTER = DEADLINE + datetime.timedelta(days=1)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (DEADLINE - datetime.timedelta(days=31), None),
        (DEADLINE - datetime.timedelta(days=30), "before-30"),
        (DEADLINE - datetime.timedelta(days=20), "before-30"),
        (DEADLINE - datetime.timedelta(days=14), "before-14"),
        (SEVEN_DAYS_BEFORE, "before-7"),
        (DEADLINE - datetime.timedelta(days=1), "before-1"),
        (DEADLINE, "before-1"),  # a scheduler that skipped a day catches up
        (DAY_AFTER, "after-1"),
        (DEADLINE + datetime.timedelta(days=7), "after-7"),
        (DEADLINE + datetime.timedelta(days=13), "after-7"),
        (DEADLINE + datetime.timedelta(days=14), None),  # an old year stays silent
    ],
)
def test_the_current_step_follows_the_configured_days(year, day, expected):
    step = reminders.current_step(year, day)
    assert (step.key if step else None) == expected


def test_running_the_command_twice_in_a_day_sends_each_reminder_once(
    year, operator, agency_head, outsider_operator, django_capture_on_commit_callbacks
):
    output = run(SEVEN_DAYS_BEFORE, django_capture_on_commit_callbacks)
    assert "before-7" in output
    first = len(mail.outbox)
    assert len(sent_to(operator.email)) == 1
    assert len(sent_to(agency_head.email)) == 1
    assert len(sent_to(outsider_operator.email)) == 1
    assert first == 3

    run(SEVEN_DAYS_BEFORE, django_capture_on_commit_callbacks)
    run(SEVEN_DAYS_BEFORE + datetime.timedelta(days=1), django_capture_on_commit_callbacks)
    assert len(mail.outbox) == first  # the same step: nothing new
    assert ReminderLog.objects.filter(step="before-7").count() == 3

    run(DEADLINE - datetime.timedelta(days=1), django_capture_on_commit_callbacks)
    assert len(mail.outbox) == first + 3  # the next step reaches everyone once more


def test_the_reminder_says_what_is_missing_and_where_to_do_it(
    year, operator, agency_a, django_capture_on_commit_callbacks
):
    make_innovation(agency_a, Status.RETURNED)
    draft = make_innovation(agency_a, Status.DRAFT)
    run(SEVEN_DAYS_BEFORE, django_capture_on_commit_callbacks)
    [message] = sent_to(operator.email)
    assert agency_a.name in message.subject
    body = message.body
    assert "Batas pendaftaran" in body and "7 hari lagi" in body
    assert f'"{draft.name}"' in body and "masih berupa draf" in body
    assert "dikembalikan untuk perbaikan" in body
    assert "http://127.0.0.1:8000/kelola/inovasi/" in body
    assert "/kelola/kepatuhan/2026/" in body


def test_an_agency_with_nothing_is_told_to_register_one(
    year, operator, django_capture_on_commit_callbacks
):
    run(SEVEN_DAYS_BEFORE, django_capture_on_commit_callbacks)
    [message] = sent_to(operator.email)
    assert "Belum ada inovasi yang didaftarkan untuk tahun 2026" in message.body


def test_agencies_that_complied_or_are_exempt_are_not_reminded(
    year,
    operator,
    outsider_operator,
    agency_a,
    agency_b,
    secretariat,
    superuser,
    django_capture_on_commit_callbacks,
):
    make_innovation(agency_a, Status.ACCEPTED)
    Exemption.objects.create(
        programme_year=year,
        agency=agency_b,
        reason="Sedang direstrukturisasi",
        status=ExemptionStatus.CONFIRMED,
        requested_by=secretariat,
        decided_by=superuser,
    )
    run(SEVEN_DAYS_BEFORE, django_capture_on_commit_callbacks)
    assert sent_to(operator.email) == []
    assert sent_to(outsider_operator.email) == []


def test_a_waiting_agency_is_told_where_its_innovation_waits(
    year, agency_head, agency_a, django_capture_on_commit_callbacks
):
    make_innovation(agency_a, Status.SUBMITTED)
    run(SEVEN_DAYS_BEFORE, django_capture_on_commit_callbacks)
    [message] = sent_to(agency_head.email)
    assert "menunggu persetujuan kepala OPD" in message.body


def test_inactive_accounts_get_nothing(year, operator, django_capture_on_commit_callbacks):
    operator.is_active = False
    operator.save()
    run(SEVEN_DAYS_BEFORE, django_capture_on_commit_callbacks)
    assert sent_to(operator.email) == []


def test_after_the_deadline_the_escalation_goes_to_the_regional_admin(
    year,
    operator_k,
    agency_k,
    regional_admin,
    outsider_regional_admin,
    secretariat,
    operator,
    django_capture_on_commit_callbacks,
):
    make_innovation(agency_k, Status.VERIFIED)
    output = run(DAY_AFTER, django_capture_on_commit_callbacks)
    assert "after-1" in output
    [escalation] = sent_to(regional_admin.email)
    assert "Kota Semarang" in escalation.subject
    assert agency_k.name in escalation.body
    assert "Menunggu persetujuan" in escalation.body
    assert "?region=33.74" in escalation.body
    # Banyumas has no obliged agency here; the agencies themselves are not emailed any more.
    assert sent_to(outsider_regional_admin.email) == []
    assert sent_to(operator_k.email) == [] and sent_to(operator.email) == []
    [summary] = sent_to(secretariat.email)
    assert "belum memenuhi" in summary.body and "Kota Semarang: 1" in summary.body

    before = len(mail.outbox)
    run(DAY_AFTER, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == before


def test_escalation_reaches_only_the_admin_of_the_agencys_region(
    year,
    agency_other_region,
    regional_admin,
    outsider_regional_admin,
    django_capture_on_commit_callbacks,
):
    run(DAY_AFTER, django_capture_on_commit_callbacks)
    [escalation] = sent_to(outsider_regional_admin.email)
    assert agency_other_region.name in escalation.body
    assert sent_to(regional_admin.email) == []  # Kota Semarang has no obliged agency here


def test_a_person_holding_two_roles_in_an_agency_gets_one_reminder(
    year, operator, agency_a, django_capture_on_commit_callbacks
):
    grant(operator, Role.AGENCY_HEAD, agency_a)
    run(SEVEN_DAYS_BEFORE, django_capture_on_commit_callbacks)
    assert len(sent_to(operator.email)) == 1


def test_an_operator_of_two_agencies_gets_one_reminder_per_agency(
    year, agency_a, agency_b, django_capture_on_commit_callbacks
):
    person = make_user("dua@example.id", "Operator Ganda")
    grant(person, Role.OPERATOR, agency_a)
    grant(person, Role.OPERATOR, agency_b)
    run(SEVEN_DAYS_BEFORE, django_capture_on_commit_callbacks)
    assert sorted(m.subject for m in sent_to(person.email)) == sorted(
        m.subject for m in sent_to(person.email)
    )
    assert len(sent_to(person.email)) == 2


def test_the_reminders_go_through_the_task_interface(
    year, operator, django_capture_on_commit_callbacks, settings
):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    from django.tasks import default_task_backend

    run(SEVEN_DAYS_BEFORE, django_capture_on_commit_callbacks)
    names = [result.task.name for result in default_task_backend.results]
    assert "send_agency_reminders_task" in names
    assert mail.outbox == []  # queued, not sent by the command itself


def test_the_command_says_when_nothing_is_due(year, django_capture_on_commit_callbacks):
    output = run(DEADLINE - datetime.timedelta(days=100), django_capture_on_commit_callbacks)
    assert "no reminder step is due" in output
    assert mail.outbox == []
