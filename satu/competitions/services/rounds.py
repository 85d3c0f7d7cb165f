"""Rounds and their results, the shortlist, the objection period and the final outcome.

Everything downstream of a round (shortlist, final score, winners) reads ``RoundResult`` only;
the jury work writes results through :func:`record_round_result`.
"""

from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from satu.audit.services import record
from satu.core.errors import DomainError
from satu.core.mail import queue_email

from .. import selection
from ..models import (
    Category,
    Competition,
    Entry,
    EntryStatus,
    Group,
    Objection,
    ObjectionStatus,
    Round,
    RoundKind,
    RoundResult,
    RoundState,
    Stage,
)
from ..signals import round_closing
from .common import lock, require_manager

# Objections one address may file per competition within a day (a flood guard; the view also
# rate-limits requests per address).
OBJECTIONS_PER_ADDRESS_PER_DAY = 5


def entries_for_round(round: Round) -> QuerySet[Entry]:
    """The entries a round evaluates: every screened-in entry at the desk, then the shortlist."""
    entries = Entry.objects.filter(competition_id=round.competition_id)
    if round.kind == RoundKind.DESK:
        return entries.passed()
    return entries.shortlisted()


def round_of(competition: Competition, kind: str) -> Round | None:
    return competition.rounds.filter(kind=kind).first()


def missing_results(round: Round) -> QuerySet[Entry]:
    return entries_for_round(round).exclude(round_results__round=round)


def _to_score(score: object) -> Decimal:
    try:
        value = Decimal(str(score))
    except InvalidOperation:
        raise DomainError(_("The score is not a number."), code="score_invalid") from None
    if not value.is_finite() or value < 0 or value > 100:
        raise DomainError(_("A score lies between 0 and 100."), code="score_out_of_range")
    return value.quantize(Decimal("0.001"))


def store_result(
    actor: object, round: Round, entry: Entry, score: object, details: dict | None
) -> RoundResult:
    """Write one result after the caller checked the actor's right to (no permission check)."""
    if round.state != RoundState.OPEN:
        raise DomainError(
            _("Results can only be recorded while the round is open."), code="round_not_open"
        )
    if not entries_for_round(round).filter(pk=entry.pk).exists():
        raise DomainError(
            _("This entry is not evaluated in this round."), code="entry_not_in_round"
        )
    value = _to_score(score)
    result, _created = RoundResult.objects.update_or_create(
        round=round,
        entry=entry,
        defaults={
            "score": value,
            "details": details or {},
            "computed_at": timezone.now(),
            "recorded_by": actor if getattr(actor, "pk", None) else None,
        },
    )
    return result


@transaction.atomic
def record_round_result(
    actor: object, round: Round, entry: Entry, score: object, details: dict | None = None
) -> RoundResult:
    """Record (or replace) the score of ``entry`` in ``round``, 0–100.

    ``details`` keeps what the jury computed (per-juror scores, normalisation) for the
    secretariat; it is never published.
    """
    require_manager(actor, round.competition)
    round = Round.objects.select_for_update().get(pk=round.pk)
    return store_result(actor, round, entry, score, details)


@transaction.atomic
def open_round(actor: object, round: Round, closes_at=None) -> Round:  # type: ignore[no-untyped-def]
    require_manager(actor, round.competition)
    round = Round.objects.select_for_update().get(pk=round.pk)
    if round.state == RoundState.CLOSED:
        raise DomainError(_("A closed round is reopened with a reason."), code="closed")
    round.state = RoundState.OPEN
    round.closes_at = closes_at or round.closes_at
    round.save()
    return round


@transaction.atomic
def close_round(actor: object, round: Round) -> Round:
    require_manager(actor, round.competition)
    round = Round.objects.select_for_update().get(pk=round.pk)
    if round.state == RoundState.OPEN:
        round_closing.send(sender=Round, round=round, actor=actor)
    if round.state != RoundState.CLOSED:
        round.state = RoundState.CLOSED
        round.closed_at = timezone.now()
        round.save()
    return round


@transaction.atomic
def reopen_round(actor: object, round: Round, reason: str, closes_at=None) -> Round:  # type: ignore[no-untyped-def]
    """Reopen a closed round; the reason is recorded and audited."""
    require_manager(actor, round.competition)
    if not reason.strip():
        raise DomainError(
            _("Give the reason for reopening the round."), field="reason", code="reason"
        )
    round = Round.objects.select_for_update().get(pk=round.pk)
    if round.state != RoundState.CLOSED:
        raise DomainError(_("The round is not closed."), code="not_closed")
    round.state = RoundState.OPEN
    round.closed_at = None
    round.closes_at = closes_at
    round.reopen_reason = reason.strip()
    round.save()
    record("competitions.round_reopened", round, {"reason": reason.strip()})
    return round


# Shortlist


def shortlist_candidates(competition: Competition) -> list[selection.Candidate]:
    desk = round_of(competition, RoundKind.DESK)
    if desk is None:
        raise DomainError(_("The competition has no desk evaluation round."), code="no_desk_round")
    results = (
        RoundResult.objects.filter(round=desk, entry__status=EntryStatus.PASSED)
        .select_related("entry__agency__region")
        .order_by("entry__submitted_at", "entry_id")
    )
    candidates = []
    for position, result in enumerate(results):
        region = result.entry.agency.region
        candidates.append(
            selection.Candidate(
                id=result.entry_id,
                score=result.score,
                group=result.entry.group,
                # Provincial agencies share the province's "region"; each kabupaten/kota its own.
                region=region.pk,
                order=position,
            )
        )
    return candidates


def preview_shortlist(competition: Competition) -> list[selection.Candidate]:
    return selection.select_shortlist(
        shortlist_candidates(competition),
        size=competition.shortlist_size if competition.shortlist_mode == "top_n" else None,
        threshold=competition.shortlist_threshold,
        proportional_groups=competition.shortlist_proportional_groups,
        max_per_region=competition.shortlist_max_per_region,
    )


@transaction.atomic
def make_shortlist(actor: object, competition: Competition) -> list[Entry]:
    """Put the shortlist together from the desk results by the competition's shortlist rules."""
    require_manager(actor, competition)
    competition = lock(competition)
    if competition.stage != Stage.SHORTLIST:
        raise DomainError(_("The shortlist is made in the shortlisting stage."), code="stage")
    chosen = preview_shortlist(competition)
    now = timezone.now()
    entries = Entry.objects.filter(competition=competition)
    entries.update(shortlisted_at=None, shortlist_rank=None, removed_at=None, removal_reason="")
    shortlisted = []
    for rank, candidate in enumerate(chosen, start=1):
        entry = Entry.objects.get(pk=candidate.id)
        entry.shortlisted_at = now
        entry.shortlist_rank = rank
        entry.save()
        shortlisted.append(entry)
    record(
        "competitions.shortlist_made",
        competition,
        {"entries": [e.pk for e in shortlisted], "mode": competition.shortlist_mode},
    )
    return shortlisted


# Objections (uji publik)


def sender_hash(address: str) -> str:
    return salted_hmac(
        "satu.competitions.objection-sender", address or "", algorithm="sha256"
    ).hexdigest()


@transaction.atomic
def file_objection(
    entry: Entry, *, name: str, email: str, text: str, address: str = ""
) -> Objection:
    """Anyone may object to a shortlisted entry while the objection period runs."""
    competition = Competition.objects.get(pk=entry.competition_id)
    entry = Entry.objects.get(pk=entry.pk)
    if not competition.objection_open(timezone.now()):
        raise DomainError(_("The objection period is not open."), code="objection_closed")
    if not entry.is_shortlisted:
        raise DomainError(_("Objections are only possible against shortlisted entries."))
    if not (name.strip() and email.strip() and text.strip()):
        raise DomainError(_("Name, email address and objection are all needed."))
    digest = sender_hash(address)
    since = timezone.now() - timezone.timedelta(days=1)
    recent = Objection.objects.filter(
        entry__competition=competition, sender_hash=digest, created_at__gte=since
    ).count()
    if address and recent >= OBJECTIONS_PER_ADDRESS_PER_DAY:
        raise DomainError(
            _("Too many objections were sent from your address today. Please try tomorrow."),
            code="rate_limited",
        )
    return Objection.objects.create(
        entry=entry,
        name=name.strip()[:150],
        email=email.strip(),
        text=text.strip()[:5000],
        sender_hash=digest,
    )


@transaction.atomic
def resolve_objection(actor: object, objection: Objection, *, upheld: bool, note: str) -> Objection:
    """Decide an objection. Upheld removes the entry from the shortlist with the note as reason."""
    competition = Competition.objects.get(pk=objection.entry.competition_id)
    require_manager(actor, competition)
    if not note.strip():
        raise DomainError(_("Record the reasons for the decision."), field="note", code="note")
    objection = Objection.objects.select_for_update().get(pk=objection.pk)
    if objection.status != ObjectionStatus.PENDING:
        raise DomainError(_("This objection has already been decided."), code="decided")
    if competition.stage not in (Stage.OBJECTION, Stage.PRESENTATION):
        raise DomainError(_("Objections are decided during the objection period."), code="stage")
    objection.status = ObjectionStatus.UPHELD if upheld else ObjectionStatus.DISMISSED
    objection.decision_note = note.strip()
    objection.decided_by = actor if getattr(actor, "pk", None) else None
    objection.decided_at = timezone.now()
    objection.save()
    if upheld:
        entry = Entry.objects.select_for_update().get(pk=objection.entry_id)
        if entry.removed_at is None:
            entry.removed_at = timezone.now()
            entry.removal_reason = note.strip()
            entry.save()
    queue_email(
        objection.email,
        "competitions/email/objection_decided",
        {"objection": objection, "entry": objection.entry, "competition": competition},
    )
    return objection


# Final score and winners


def winners_in(competition: Competition, category: Category | None) -> int:
    if category is not None and category.winners is not None:
        return category.winners
    return competition.winners_per_category


def final_candidates(competition: Competition) -> tuple[list[selection.Candidate], list[Entry]]:
    """Finalists with a complete set of weighted results, and those still missing one."""
    rounds = list(competition.rounds.all())
    weights = {r.pk: r.weight for r in rounds}
    entries = list(
        Entry.objects.filter(competition=competition)
        .shortlisted()
        .order_by("submitted_at", "pk")
        .prefetch_related("round_results")
    )
    candidates, incomplete = [], []
    for position, entry in enumerate(entries):
        scores = {result.round_id: result.score for result in entry.round_results.all()}
        final = selection.weighted_score(scores, weights)
        if final is None:
            incomplete.append(entry)
            continue
        candidates.append(
            selection.Candidate(id=entry.pk, score=final, group=entry.group, order=position)
        )
    return candidates, incomplete


@transaction.atomic
def compute_final_results(actor: object, competition: Competition) -> list[Entry]:
    """Combine the round scores by their weights; place the winners of each group and category."""
    require_manager(actor, competition)
    competition = lock(competition)
    if competition.stage != Stage.FINAL:
        raise DomainError(_("Final results are computed in the final stage."), code="stage")
    if not any(r.weight > 0 for r in competition.rounds.all()):
        raise DomainError(_("No round has a weight in the final score."), code="no_weights")
    candidates, incomplete = final_candidates(competition)
    if incomplete:
        raise DomainError(
            _("These finalists miss a round result: %(entries)s")
            % {"entries": ", ".join(str(e.innovation) for e in incomplete)},
            code="missing_results",
        )
    entries = {e.pk: e for e in Entry.objects.filter(pk__in=[c.id for c in candidates])}
    categories = {c.pk: c for c in competition.categories.all()}
    bucket_of = {e.pk: (e.group, e.category_id) for e in entries.values()}
    limits = {
        bucket: winners_in(competition, categories.get(bucket[1]))
        for bucket in set(bucket_of.values())
    }
    placements = selection.place_winners(candidates, bucket_of=bucket_of, winners_in=limits)
    scores = {c.id: c.score for c in candidates}
    Entry.objects.filter(competition=competition).update(
        final_score=None, rank=None, is_winner=False, award_title=""
    )
    with translation.override(settings.LANGUAGE_CODE):
        for placement in placements:
            entry = entries[placement.id]
            entry.final_score = scores[placement.id]
            entry.rank = placement.rank
            entry.is_winner = placement.is_winner
            entry.award_title = (
                _("Winner %(rank)s") % {"rank": placement.rank}
                if placement.is_winner
                else _("Finalist")
            )
            entry.save()
    record(
        "competitions.final_results",
        competition,
        {"placements": [[p.id, p.rank, p.is_winner, str(scores[p.id])] for p in placements]},
    )
    return sorted(entries.values(), key=lambda e: (e.group, e.category_id or 0, e.rank or 0))


def bucket_label(entry: Entry) -> str:
    group = str(Group(entry.group).label)
    return f"{group} — {entry.category.name}" if entry.category_id else group
