"""Assigning jurors to the entries of a round: a computed proposal, hand edits, then a commit.

The proposal is solved by min-cost flow (``satu.jury.assignment``) over the pool and the
entries the round evaluates (``entries_for_round``), with the live conflicts of interest as
hard constraints. The secretariat may add or remove pairs by hand; every edit is checked with
``evaluate_assignment`` so that a conflicted pair, an overloaded juror or a fourth juror on a
three-juror entry is refused. Committing writes ``JurorAssignment`` rows and the audit log.
A juror's maximum load counts per round.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from satu.audit.services import record
from satu.competitions.models import CompetitionJuror, Entry, Round
from satu.competitions.services import entries_for_round
from satu.core.errors import DomainError
from satu.core.mail import queue_email

from ..assignment import (
    AssignmentProblem,
    AssignmentResult,
    evaluate_assignment,
    solve_assignment,
)
from ..assignment import Entry as EntryItem
from ..assignment import Juror as JurorItem
from ..conflicts import ConflictSet
from ..models import AssignmentDraft, JurorAssignment, ScoreSheet
from .common import actor_or_none, locked_round, require_manager, require_not_closed
from .conflicts import conflicts_between, refresh_conflicts

Pair = tuple[int, int]  # (CompetitionJuror id, Entry id)


@dataclass
class RoundProblem:
    """The round's assignment problem with the objects behind its ids."""

    problem: AssignmentProblem
    entries: dict[int, Entry]
    jurors: dict[int, CompetitionJuror]
    conflicts: ConflictSet


def round_entries(round: Round) -> list[Entry]:
    return list(
        entries_for_round(round)
        .select_related("innovation__main_urusan", "agency__region")
        .prefetch_related("innovation__related_urusan")
        .order_by("pk")
    )


def pool(round: Round) -> list[CompetitionJuror]:
    return list(
        CompetitionJuror.objects.filter(competition_id=round.competition_id)
        .select_related("user", "agency", "home_region")
        .prefetch_related("expertise")
        .order_by("pk")
    )


def entry_urusan(entry: Entry) -> frozenset[int]:
    innovation = entry.innovation
    return frozenset({innovation.main_urusan_id} | {u.pk for u in innovation.related_urusan.all()})


def build_problem(round: Round, *, added=(), removed=()) -> RoundProblem:  # type: ignore[no-untyped-def]
    entries = round_entries(round)
    jurors = pool(round)
    conflicts = conflicts_between(round.competition, jurors=jurors, entries=entries)
    problem = AssignmentProblem(
        [EntryItem(entry.pk, entry_urusan(entry)) for entry in entries],
        [
            JurorItem(juror.pk, juror.max_load, frozenset(u.pk for u in juror.expertise.all()))
            for juror in jurors
        ],
        round.jurors_per_entry,
        conflicts,
        fixed=added,
        forbidden=removed,
    )
    return RoundProblem(problem, {e.pk: e for e in entries}, {j.pk: j for j in jurors}, conflicts)


def committed_pairs(round: Round) -> set[Pair]:
    return set(JurorAssignment.objects.filter(round=round).values_list("juror_id", "entry_id"))


def _draft(round: Round, actor: object) -> AssignmentDraft:
    draft = AssignmentDraft.objects.select_for_update().filter(round=round).first()
    if draft is None:
        draft = AssignmentDraft(round=round, pairs=AssignmentDraft.to_json(committed_pairs(round)))
    draft.updated_by = actor_or_none(actor)
    return draft


def _editable_draft(actor: object, round: Round) -> tuple[Round, AssignmentDraft]:
    """The round locked and still changeable, and its proposal (made from the commit if new)."""
    require_manager(actor, round.competition)
    round = locked_round(round)
    require_not_closed(round)
    return round, _draft(round, actor)


@dataclass
class Preview:
    """What the secretariat reviews before committing."""

    round_problem: RoundProblem
    result: AssignmentResult
    committed: set[Pair]
    pairs: set[Pair]
    is_draft: bool
    scored_removed: list[Pair] = field(default_factory=list)

    @property
    def to_add(self) -> set[Pair]:
        return self.pairs - self.committed

    @property
    def to_remove(self) -> set[Pair]:
        return self.committed - self.pairs


def preview(round: Round) -> Preview:
    """The proposal being edited (or the committed assignment), checked against today's rules."""
    draft = AssignmentDraft.objects.filter(round=round).first()
    committed = committed_pairs(round)
    pairs = AssignmentDraft.as_pairs(draft.pairs) if draft else committed
    added = AssignmentDraft.as_pairs(draft.added) if draft else set()
    removed = AssignmentDraft.as_pairs(draft.removed) if draft else set()
    round_problem = build_problem(round, added=added, removed=removed)
    result = evaluate_assignment(round_problem.problem, pairs)
    scored = set(ScoreSheet.objects.filter(round=round).values_list("juror_id", "entry_id"))
    return Preview(
        round_problem,
        result,
        committed,
        pairs,
        draft is not None,
        sorted((committed - pairs) & scored),
    )


@transaction.atomic
def propose_assignment(actor: object, round: Round) -> AssignmentResult:
    """Compute the best assignment, keeping the pairs added by hand and avoiding those removed."""
    round, draft = _editable_draft(actor, round)
    added = AssignmentDraft.as_pairs(draft.added)
    removed = AssignmentDraft.as_pairs(draft.removed)
    refresh_conflicts(round.competition)
    round_problem = build_problem(round, added=added, removed=removed)
    if not round_problem.problem.entries:
        raise DomainError(_("The round has no entries to assign."), code="no_entries")
    if not round_problem.problem.jurors:
        raise DomainError(_("The juror pool is empty."), code="no_jurors")
    result = solve_assignment(round_problem.problem)
    draft.pairs = AssignmentDraft.to_json(set(result.pair_set()))
    # Hand-added pairs that could not be kept are dropped from the list of hand edits.
    draft.added = AssignmentDraft.to_json(added & set(result.pair_set()))
    draft.save()
    return result


def _violations(problem: AssignmentProblem, pairs: set[Pair]) -> set[tuple[Pair, str]]:
    return {
        ((issue.juror_id, issue.entry_id), str(issue.problem))
        for issue in evaluate_assignment(problem, pairs).violations
    }


@transaction.atomic
def add_pair(actor: object, round: Round, juror: CompetitionJuror, entry: Entry) -> None:
    """Put a juror on an entry by hand; refused when it breaks a rule (conflicts stay hard)."""
    round, draft = _editable_draft(actor, round)
    pair = (juror.pk, entry.pk)
    pairs = AssignmentDraft.as_pairs(draft.pairs)
    added = AssignmentDraft.as_pairs(draft.added)
    removed = AssignmentDraft.as_pairs(draft.removed) - {pair}
    if pair in pairs:
        raise DomainError(_("The juror is already assigned to this entry."), code="duplicate")
    problem = build_problem(round, added=added, removed=removed).problem
    before = _violations(problem, pairs)
    after = evaluate_assignment(problem, pairs | {pair})
    new = [
        issue
        for issue in after.violations
        if ((issue.juror_id, issue.entry_id), str(issue.problem)) not in before
    ]
    if new:
        raise DomainError(str(new[0].message), code=str(new[0].problem))
    draft.pairs = AssignmentDraft.to_json(pairs | {pair})
    draft.added = AssignmentDraft.to_json(added | {pair})
    draft.removed = AssignmentDraft.to_json(removed)
    draft.save()


@transaction.atomic
def remove_pair(actor: object, round: Round, juror: CompetitionJuror, entry: Entry) -> None:
    """Take a juror off an entry by hand; a new proposal will not put them back."""
    round, draft = _editable_draft(actor, round)
    pair = (juror.pk, entry.pk)
    draft.pairs = AssignmentDraft.to_json(AssignmentDraft.as_pairs(draft.pairs) - {pair})
    draft.added = AssignmentDraft.to_json(AssignmentDraft.as_pairs(draft.added) - {pair})
    draft.removed = AssignmentDraft.to_json(AssignmentDraft.as_pairs(draft.removed) | {pair})
    draft.save()


@transaction.atomic
def discard_draft(actor: object, round: Round) -> None:
    require_manager(actor, round.competition)
    AssignmentDraft.objects.filter(round=round).delete()


@transaction.atomic
def commit_assignment(actor: object, round: Round) -> tuple[int, int]:
    """Store the proposal as the round's assignment; returns (pairs added, pairs removed).

    The proposal is checked again against the live conflicts, caps and k: a pair that became
    conflicted since the proposal was made refuses the commit.
    """
    require_manager(actor, round.competition)
    round = locked_round(round)
    require_not_closed(round)
    draft = AssignmentDraft.objects.select_for_update().filter(round=round).first()
    if draft is None:
        raise DomainError(_("There is no proposal to commit."), code="no_draft")
    pairs = AssignmentDraft.as_pairs(draft.pairs)
    refresh_conflicts(round.competition)  # the record shows the conflicts the commit obeyed
    round_problem = build_problem(round, added=AssignmentDraft.as_pairs(draft.added))
    result = evaluate_assignment(round_problem.problem, pairs)
    if result.violations:
        count = len(result.violations)
        raise DomainError(
            ngettext(
                "%(count)d pair breaks a rule (%(first)s) and must be removed first.",
                "%(count)d pairs break a rule (first: %(first)s) and must be removed first.",
                count,
            )
            % {"count": count, "first": result.violations[0].message},
            code="violations",
        )
    committed = committed_pairs(round)
    to_remove, to_add = committed - pairs, pairs - committed
    if to_remove:
        removal = JurorAssignment.objects.none()
        for juror_id, entry_id in to_remove:
            removal |= JurorAssignment.objects.filter(
                round=round, juror_id=juror_id, entry_id=entry_id
            )
        removal.delete()
    fits = {(p.juror_id, p.entry_id): p.expertise_fit for p in result.pairs}
    added_by_hand = AssignmentDraft.as_pairs(draft.added)
    now = timezone.now()
    JurorAssignment.objects.bulk_create(
        [
            JurorAssignment(
                round=round,
                juror_id=juror_id,
                entry_id=entry_id,
                by_hand=(juror_id, entry_id) in added_by_hand,
                expertise_fit=None
                if fits.get((juror_id, entry_id)) is None
                else Decimal(str(round_fit(fits[(juror_id, entry_id)]))),
                committed_by=actor_or_none(actor),
                committed_at=now,
            )
            for juror_id, entry_id in sorted(to_add)
        ]
    )
    draft.delete()
    record(
        "jury.assignment_committed",
        round,
        {
            "added": sorted(to_add),
            "removed": sorted(to_remove),
            "pairs": len(pairs),
            "short_entries": len(result.shortfalls),
        },
    )
    _notify(round, {juror_id for juror_id, _entry in to_add})
    return len(to_add), len(to_remove)


def round_fit(value: float) -> float:
    return round(value, 3)


def _notify(round: Round, juror_ids: set[int]) -> None:
    for juror in CompetitionJuror.objects.filter(pk__in=juror_ids).select_related("user"):
        count = JurorAssignment.objects.filter(round=round, juror=juror).count()
        queue_email(
            juror.user,
            "jury/email/assigned",
            {"round": round, "competition": round.competition, "count": count},
        )
