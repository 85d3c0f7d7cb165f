"""Presentation slots: automatic scheduling, booking by hand, invitations."""

import datetime
from collections.abc import Iterable, Sequence

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from satu.audit.services import record
from satu.core.errors import DomainError
from satu.core.mail import queue_email

from .. import scheduling
from ..models import CompetitionJuror, Entry, PresentationSlot, Round, RoundKind
from .common import agency_people, lock, require_manager
from .rounds import entries_for_round


def _existing(round: Round, exclude: PresentationSlot | None = None) -> list[scheduling.Booking]:
    slots = PresentationSlot.objects.filter(round=round).prefetch_related("jurors")
    if exclude is not None:
        slots = slots.exclude(pk=exclude.pk)
    return [
        scheduling.Booking(
            entry=slot.entry_id,
            jurors=frozenset(j.pk for j in slot.jurors.all()),
            start=slot.starts_at,
            end=slot.ends_at,
        )
        for slot in slots
    ]


def _conflicts(round: Round, entries: Sequence[Entry], jurors: Sequence[CompetitionJuror]):  # type: ignore[no-untyped-def]
    """(entry id, juror id) pairs that must never meet in a panel (conflicts of interest)."""
    from satu.jury.services.conflicts import conflicts_between

    found = conflicts_between(round.competition, jurors=jurors, entries=entries)
    return frozenset((entry_id, juror_id) for juror_id, entry_id in found.pairs)


def _check_round(round: Round) -> None:
    if round.kind != RoundKind.PRESENTATION:
        raise DomainError(_("Slots belong to the presentation round."), code="wrong_round")


@transaction.atomic
def book_slot(
    actor: object,
    round: Round,
    entry: Entry,
    starts_at: datetime.datetime,
    jurors: Sequence[CompetitionJuror],
    *,
    location: str = "",
    slot: PresentationSlot | None = None,
) -> PresentationSlot:
    """Book (or move) one slot by hand; refused when an entry or juror would be double-booked."""
    require_manager(actor, round.competition)
    _check_round(round)
    lock(round.competition)
    if not entries_for_round(round).filter(pk=entry.pk).exists():
        raise DomainError(_("Only shortlisted entries present."), code="entry_not_in_round")
    if any(j.competition_id != round.competition_id for j in jurors):
        raise DomainError(_("The jurors must come from this competition's pool."), code="juror")
    if not jurors:
        raise DomainError(_("Choose the jurors of the panel."), field="jurors", code="no_panel")
    conflicted = {juror_id for _e, juror_id in _conflicts(round, [entry], jurors)}
    if conflicted:
        names = ", ".join(str(j.user) for j in jurors if j.pk in conflicted)
        raise DomainError(
            _("These jurors have a conflict of interest with the entry: %(names)s")
            % {"names": names},
            field="jurors",
            code="juror_conflict",
        )
    if (
        PresentationSlot.objects.filter(round=round, entry=entry)
        .exclude(pk=slot.pk if slot else None)
        .exists()
    ):
        raise DomainError(_("This entry already has a slot; move that one instead."), code="booked")
    ends_at = starts_at + datetime.timedelta(minutes=round.competition.slot_minutes)
    candidate = scheduling.Booking(entry.pk, frozenset(j.pk for j in jurors), starts_at, ends_at)
    problems = scheduling.clashes(_existing(round, exclude=slot), candidate)
    if "entry" in problems:
        raise DomainError(_("The entry already presents at that time."), code="entry_double_booked")
    if problems:
        names = ", ".join(str(j.user) for j in jurors if str(j.pk) in problems)
        raise DomainError(
            _("These jurors are already booked at that time: %(names)s") % {"names": names},
            code="juror_double_booked",
        )
    if slot is None:
        slot = PresentationSlot(round=round, entry=entry)
    slot.starts_at, slot.ends_at, slot.location = starts_at, ends_at, location
    slot.invited_at = None
    slot.save()
    slot.jurors.set(jurors)
    return slot


@transaction.atomic
def schedule_presentations(
    actor: object,
    round: Round,
    *,
    days: Iterable[datetime.date],
    day_start: datetime.time,
    day_end: datetime.time,
    location: str = "",
) -> scheduling.Plan:
    """Book every shortlisted entry without a slot over the given days and hours."""
    require_manager(actor, round.competition)
    _check_round(round)
    competition = lock(round.competition)
    windows = scheduling.day_windows(days, day_start, day_end, timezone.get_current_timezone())
    if not windows:
        raise DomainError(_("Give at least one day with a time span."), code="no_days")
    jurors = list(competition.jurors.order_by("pk"))
    if len(jurors) < competition.panel_size:
        raise DomainError(
            _("The juror pool is smaller than a panel (%(size)s).")
            % {"size": competition.panel_size},
            code="pool_too_small",
        )
    entries = list(entries_for_round(round).order_by("shortlist_rank", "pk"))
    plan = scheduling.plan(
        [entry.pk for entry in entries],
        [j.pk for j in jurors],
        windows,
        datetime.timedelta(minutes=competition.slot_minutes),
        competition.panel_size,
        existing=_existing(round),
        conflicts=_conflicts(round, entries, jurors),
    )
    by_id = {j.pk: j for j in jurors}
    for booking in plan.bookings:
        slot = PresentationSlot.objects.create(
            round=round,
            entry_id=booking.entry,
            starts_at=booking.start,
            ends_at=booking.end,
            location=location,
        )
        slot.jurors.set([by_id[j] for j in booking.jurors])
    record(
        "competitions.presentations_scheduled",
        round,
        {"booked": len(plan.bookings), "unplaced": plan.unplaced},
    )
    return plan


@transaction.atomic
def send_invitations(actor: object, round: Round, *, again: bool = False) -> int:
    """Email each slot's agency and panel the time; returns the number of slots invited."""
    require_manager(actor, round.competition)
    slots = (
        PresentationSlot.objects.filter(round=round)
        .select_related("entry__innovation", "entry__agency", "round__competition")
        .prefetch_related("jurors__user")
    )
    if not again:
        slots = slots.filter(invited_at__isnull=True)
    count = 0
    for slot in slots:
        context = {"slot": slot, "entry": slot.entry, "competition": round.competition}
        for person in agency_people(slot.entry):
            queue_email(person, "competitions/email/presentation_invitation", context)
        for juror in slot.jurors.all():
            queue_email(juror.user, "competitions/email/panel_invitation", context)
        slot.invited_at = timezone.now()
        slot.save(update_fields=["invited_at"])
        count += 1
    return count
