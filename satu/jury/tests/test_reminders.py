"""Late jurors get a reminder a day at most, only while a round is about to close."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.utils import timezone

from satu.jury import services
from satu.jury.models import JurorAssignment, ReminderLog

from .conftest import full_marks

pytestmark = pytest.mark.django_db


def finish(user, seat, rubric):
    for assignment in JurorAssignment.objects.filter(juror=seat):
        services.submit_sheet(user, assignment, marks=full_marks(rubric))


def recipients() -> list[str]:
    return sorted(address for message in mail.outbox for address in message.to)


def test_late_jurors_are_reminded_once_a_day(
    desk, juror, other_juror, django_capture_on_commit_callbacks
):
    now = timezone.now()
    services.set_deadline(desk.secretariat, desk.round, now + datetime.timedelta(days=2))
    finish(other_juror, desk.seats.other, desk.rubric)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_juror_reminders", stdout=io.StringIO())
    late = {seat.user.email for seat in vars(desk.seats).values()} - {other_juror.email}
    assert set(recipients()) == late
    message = next(m for m in mail.outbox if m.to == [juror.email])
    assert f"/juri/babak/{desk.round.pk}/" in message.body
    assert other_juror.full_name not in message.body

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_juror_reminders", stdout=io.StringIO())
        services.remind_round(desk.secretariat, desk.round)
    assert mail.outbox == []

    tomorrow = now + datetime.timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        sent = services.send_reminders(now=tomorrow)
    assert {log.juror.user.email for log in sent} == late
    assert ReminderLog.objects.count() == 2 * len(late)


def test_no_reminder_long_before_the_deadline_or_without_one(
    desk, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_reminders() == []  # no deadline set
        services.set_deadline(
            desk.secretariat, desk.round, timezone.now() + datetime.timedelta(days=10)
        )
        assert services.send_reminders() == []
    assert mail.outbox == []


def test_the_database_refuses_a_second_reminder_on_the_same_day(desk):
    today = timezone.localdate()
    ReminderLog.objects.create(juror=desk.seats.juror, sent_on=today, pending=3)
    with pytest.raises(IntegrityError), transaction.atomic():
        ReminderLog.objects.create(juror=desk.seats.juror, sent_on=today, pending=2)
