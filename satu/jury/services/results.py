"""From submitted score sheets to the round's ranking and its RoundResults.

Only sheets that still count are used: submitted, of a committed assignment, without a
conflict of interest (checked live) and for an entry the round still evaluates. Scores are
aggregated with ``satu.jury.scoring`` (raw mean, or the normalised score when the round
normalises) and written through ``record_round_result`` on the 0-100 scale of every round
result; the per-juror figures go into the result's internal ``details``. This happens on the
secretariat's command and, through the ``round_closing`` signal, whenever a round closes.
"""

import math
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.dispatch import receiver
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from satu.audit.services import record
from satu.competitions.models import CompetitionJuror, Entry, Round, RoundResult
from satu.competitions.services import entries_for_round, record_round_result
from satu.competitions.signals import round_closing
from satu.core.errors import DomainError

from .. import scoring
from ..models import JurorAssignment, Rubric, ScoreSheet, SheetStatus
from .common import require_manager, require_open
from .conflicts import conflicts_between

TIE_RULES = {
    None: "",
    scoring.TieBreak.RAW_MEAN: gettext_lazy("higher raw mean"),
    scoring.TieBreak.JURORS: gettext_lazy("more jurors"),
    scoring.TieBreak.SPREAD: gettext_lazy("smaller spread"),
    scoring.TieBreak.ENTRY_ID: gettext_lazy("earlier entry"),
}
EXCLUDED_REASONS = {
    "not_assigned": gettext_lazy("no longer assigned"),
    "conflict": gettext_lazy("conflict of interest"),
    "not_in_round": gettext_lazy("entry no longer in the round"),
}


@dataclass
class RoundAggregation:
    round: Round
    rubric: Rubric
    aggregation: scoring.Aggregation
    entries: dict[int, Entry]
    jurors: dict[int, CompetitionJuror]
    sheets: dict[tuple[int, int], ScoreSheet]
    excluded: list[tuple[ScoreSheet, str]] = field(default_factory=list)

    def percent(self, value: float | None) -> Decimal | None:
        return None if value is None else self.rubric.to_percent(value)

    def final(self, result: scoring.EntryResult) -> Decimal | None:
        """The entry's round score (0-100): normalised or raw, as the round says."""
        value = result.normalised if self.round.normalise else result.raw_mean
        return self.percent(value)


def counted_sheets(round: Round) -> tuple[list[ScoreSheet], list[tuple[ScoreSheet, str]]]:
    sheets = list(
        ScoreSheet.objects.filter(round=round, status=SheetStatus.SUBMITTED).select_related(
            "juror__user", "entry__innovation", "entry__agency__region"
        )
    )
    if not sheets:
        return [], []
    assigned = set(JurorAssignment.objects.filter(round=round).values_list("juror_id", "entry_id"))
    in_round = set(entries_for_round(round).values_list("pk", flat=True))
    conflicts = conflicts_between(
        round.competition,
        jurors=list({s.juror_id: s.juror for s in sheets}.values()),
        entries=list({s.entry_id: s.entry for s in sheets}.values()),
    )
    counted, excluded = [], []
    for sheet in sheets:
        pair = (sheet.juror_id, sheet.entry_id)
        if pair in conflicts:
            excluded.append((sheet, "conflict"))
        elif pair not in assigned:
            excluded.append((sheet, "not_assigned"))
        elif sheet.entry_id not in in_round:
            excluded.append((sheet, "not_in_round"))
        else:
            counted.append(sheet)
    return counted, excluded


def aggregate_round(round: Round) -> RoundAggregation | None:
    """The round's ranking, flags and calibration from the sheets that count (None: no rubric)."""
    rubric = Rubric.objects.filter(round=round).first()
    if rubric is None:
        return None
    counted, excluded = counted_sheets(round)
    entries = {
        e.pk: e
        for e in entries_for_round(round).select_related("innovation", "agency__region", "category")
    }
    scores = [
        scoring.Score(sheet.juror_id, sheet.entry_id, float(sheet.score))
        for sheet in counted
        if sheet.score is not None
    ]
    aggregation = scoring.aggregate(
        scores,
        rubric.scale,
        scoring.Options(normalise=round.normalise),
        entry_ids=list(entries),
    )
    jurors = {
        j.pk: j
        for j in CompetitionJuror.objects.filter(
            competition_id=round.competition_id
        ).select_related("user")
    }
    return RoundAggregation(
        round,
        rubric,
        aggregation,
        entries,
        jurors,
        {(s.juror_id, s.entry_id): s for s in counted},
        excluded,
    )


def _number(value: float | None) -> float | None:
    return None if value is None or not math.isfinite(value) else round(value, 4)


def result_details(data: RoundAggregation, result: scoring.EntryResult) -> dict:
    """What the secretariat keeps with a round result (internal, never published)."""
    z_scores = data.aggregation.z_scores
    outliers = {flag.juror_id for flag in result.outliers}
    return {
        "source": "jury",
        "method": "normalised" if data.round.normalise else "raw_mean",
        "scale": [float(data.rubric.scale_min), float(data.rubric.scale_max)],
        "rank": result.rank,
        "tie_broken_by": str(result.tie_broken_by) if result.tie_broken_by else None,
        "raw_mean": _number(result.raw_mean),
        "normalised": _number(result.normalised),
        "normalised_z": _number(result.normalised_z),
        "spread": _number(result.spread),
        "disagreement": result.disagreement is not None,
        "jurors": [
            {
                "juror": juror_id,
                "score": float(data.sheets[(juror_id, result.entry_id)].score),
                "z": _number(z_scores.get((juror_id, result.entry_id))),
                "outlier": juror_id in outliers,
            }
            for juror_id in sorted(j for (j, e) in data.sheets if e == result.entry_id)
        ],
    }


def write_results(actor: object, round: Round) -> int:
    """Record a RoundResult for every entry with at least one counted score (round open)."""
    data = aggregate_round(round)
    if data is None:
        return 0
    written = 0
    stale = stored_results(round)
    for result in data.aggregation.entries:
        if result.rank is None:
            # Scores withdrawn since the last computation leave no jury result behind.
            old = stale.get(result.entry_id)
            if old is not None and old.details.get("source") == "jury":
                old.delete()
            continue
        record_round_result(
            actor,
            round,
            data.entries[result.entry_id],
            data.final(result),
            result_details(data, result),
        )
        written += 1
    record(
        "jury.results_computed",
        round,
        {
            "entries": written,
            "method": "normalised" if round.normalise else "raw_mean",
            "excluded_sheets": len(data.excluded),
        },
    )
    return written


@transaction.atomic
def compute_round_results(actor: object, round: Round) -> int:
    """The secretariat turns the submitted scores into the round's results."""
    require_manager(actor, round.competition)
    round = Round.objects.select_for_update().select_related("competition").get(pk=round.pk)
    require_open(round)
    if not Rubric.objects.filter(round=round).exists():
        raise DomainError(_("The round has no rubric."), code="no_rubric")
    written = write_results(actor, round)
    if not written:
        raise DomainError(_("No score sheet has been submitted yet."), code="no_scores")
    return written


@receiver(round_closing, dispatch_uid="satu.jury.results_on_close")
def results_on_close(sender, round: Round, actor: object, **kwargs) -> None:  # type: ignore[no-untyped-def]
    """A closing round with jury scores gets its results from them first."""
    if ScoreSheet.objects.filter(round=round, status=SheetStatus.SUBMITTED).exists():
        write_results(actor, round)


def stored_results(round: Round) -> dict[int, RoundResult]:
    return {r.entry_id: r for r in RoundResult.objects.filter(round=round)}
