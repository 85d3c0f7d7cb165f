"""Reminder emails to late jurors, at most one per juror per day, and the round's deadline.

A juror is late when an open round closes within ``SATU_JURY_REMINDER_DAYS`` days (or its
closing time has passed while it is still open) and some of the juror's sheets are not
submitted. ``manage.py send_juror_reminders`` runs daily; the secretariat may also remind the
late jurors of one round at once. Either way ``ReminderLog``'s unique (juror, day) constraint
keeps it to one email a day.
"""

import datetime
from collections import defaultdict

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from satu.audit.services import record
from satu.competitions.models import CompetitionJuror, Round, RoundState
from satu.competitions.services import entries_for_round
from satu.core.errors import DomainError
from satu.core.mail import queue_email

from ..models import JurorAssignment, ReminderLog, ScoreSheet, SheetStatus
from .common import locked_round, require_manager, require_not_closed


def due_rounds(now: datetime.datetime) -> list[Round]:
    """Open rounds whose closing time is within the reminder window (or already passed)."""
    window = datetime.timedelta(days=settings.SATU_JURY_REMINDER_DAYS)
    return list(
        Round.objects.filter(
            state=RoundState.OPEN, closes_at__isnull=False, closes_at__lte=now + window
        ).select_related("competition")
    )


def pending_by_juror(rounds: list[Round]) -> dict[int, list[tuple[Round, int]]]:
    """Unsubmitted assigned sheets per juror (CompetitionJuror id), round by round."""
    pending: dict[int, list[tuple[Round, int]]] = defaultdict(list)
    for round in rounds:
        in_round = entries_for_round(round).values("pk")
        assigned = JurorAssignment.objects.filter(round=round, entry__in=in_round).values_list(
            "juror_id", "entry_id"
        )
        done = set(
            ScoreSheet.objects.filter(round=round, status=SheetStatus.SUBMITTED).values_list(
                "juror_id", "entry_id"
            )
        )
        counts: dict[int, int] = defaultdict(int)
        for pair in assigned:
            if pair not in done:
                counts[pair[0]] += 1
        for juror_id, count in counts.items():
            pending[juror_id].append((round, count))
    return pending


def send_reminders(
    *, round: Round | None = None, now: datetime.datetime | None = None
) -> list[ReminderLog]:
    """Email every late juror (of ``round``, or of every due round) not yet reminded today."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    rounds = [round] if round is not None else due_rounds(now)
    sent = []
    pending = pending_by_juror(rounds)
    jurors = CompetitionJuror.objects.filter(pk__in=pending, user__is_active=True).select_related(
        "user", "competition"
    )
    for juror in jurors.order_by("pk"):
        items = pending[juror.pk]
        try:
            with transaction.atomic():
                log = ReminderLog.objects.create(
                    juror=juror, sent_on=today, pending=sum(count for _r, count in items)
                )
                queue_email(
                    juror.user,
                    "jury/email/reminder",
                    {"juror": juror, "competition": juror.competition, "items": items},
                )
        except IntegrityError:
            continue  # already reminded today
        sent.append(log)
    return sent


def remind_round(actor: object, round: Round) -> list[ReminderLog]:
    """The secretariat reminds the late jurors of one open round now (once a day each)."""
    require_manager(actor, round.competition)
    if round.state != RoundState.OPEN:
        raise DomainError(_("Reminders are sent while the round is open."), code="not_open")
    with transaction.atomic():
        sent = send_reminders(round=round)
        record("jury.reminders_sent", round, {"jurors": [log.juror_id for log in sent]})
    return sent


@transaction.atomic
def set_deadline(actor: object, round: Round, closes_at: datetime.datetime | None) -> Round:
    """The time by which jurors submit; reminders start some days before it."""
    require_manager(actor, round.competition)
    round = locked_round(round)
    require_not_closed(round)
    round.closes_at = closes_at
    round.save(update_fields=["closes_at"])
    return round
