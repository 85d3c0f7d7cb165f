"""What a juror may reach: committed assignments, without conflicts, in rounds they belong to."""

from collections import defaultdict

from satu.competitions.models import CompetitionJuror, Entry, Round
from satu.competitions.services import entries_for_round

from .. import policies
from ..models import JurorAssignment
from .conflicts import conflicts_between


def _usable(assignments: list[JurorAssignment]) -> list[JurorAssignment]:
    """Drop assignments that became conflicted or whose entry left the round."""
    by_competition: dict[int, list[JurorAssignment]] = defaultdict(list)
    for assignment in assignments:
        by_competition[assignment.round.competition_id].append(assignment)
    usable = []
    for items in by_competition.values():
        competition = items[0].round.competition
        jurors = list({a.juror_id: a.juror for a in items}.values())
        entries = list({a.entry_id: a.entry for a in items}.values())
        conflicts = conflicts_between(competition, jurors=jurors, entries=entries)
        in_round: dict[int, set[int]] = {}
        for round_id in {a.round_id for a in items}:
            round = next(a.round for a in items if a.round_id == round_id)
            in_round[round_id] = set(
                entries_for_round(round)
                .filter(pk__in=[a.entry_id for a in items if a.round_id == round_id])
                .values_list("pk", flat=True)
            )
        usable += [
            a
            for a in items
            if (a.juror_id, a.entry_id) not in conflicts and a.entry_id in in_round[a.round_id]
        ]
    return usable


def _assignments(user: object):  # type: ignore[no-untyped-def]
    return JurorAssignment.objects.filter(juror__in=policies.juror_seats(user)).select_related(
        "round__competition",
        "juror__user",
        "entry__innovation__main_urusan",
        "entry__innovation__created_by",
        "entry__agency__region",
        "entry__category",
        "entry__submitted_by",
    )


def juror_assignments(user: object, round: Round | None = None) -> list[JurorAssignment]:
    """The user's usable assignments (in one round, or everywhere), in a stable order."""
    assignments = _assignments(user)
    if round is not None:
        assignments = assignments.filter(round=round)
    return _usable(list(assignments.order_by("round__competition__year", "round__order", "pk")))


def juror_assignment(user: object, pk: int) -> JurorAssignment | None:
    """One of the user's usable assignments, or None (the view answers 404)."""
    found = list(_assignments(user).filter(pk=pk))
    usable = _usable(found)
    return usable[0] if usable else None


def juror_rounds(user: object) -> list[Round]:
    """Rounds in which the user has at least one usable assignment."""
    seen: dict[int, Round] = {}
    for assignment in juror_assignments(user):
        seen.setdefault(assignment.round_id, assignment.round)
    return list(seen.values())


def seat_in(user: object, round: Round) -> CompetitionJuror | None:
    return policies.juror_seats(user).filter(competition_id=round.competition_id).first()


def assigned_entries(user: object, round: Round) -> list[Entry]:
    return [a.entry for a in juror_assignments(user, round)]
