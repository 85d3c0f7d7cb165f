"""Downloads: the secretariat's ranking of a round, and a juror's own work list (blind-safe)."""

from collections.abc import Iterable, Sequence

from django.utils.translation import gettext_lazy as _

from satu.core.exporters import Column, Exporter

from .blind import JurorEntryTitle
from .models import JurorAssignment, ScoreSheet
from .services.results import TIE_RULES, RoundAggregation


class RankingExporter(Exporter):
    """A round's ranking with every juror's score (internal: the secretariat only)."""

    title = _("Ranking")
    columns = [
        Column("rank", _("Rank")),
        Column("entry", _("Entry")),
        Column("innovation", _("Innovation")),
        Column("agency", _("Agency")),
        Column("region", _("Region")),
        Column("jurors", _("Jurors")),
        Column("raw_mean", _("Raw mean")),
        Column("normalised", _("Normalised score")),
        Column("round_score", _("Round score (0-100)")),
        Column("tie_broken_by", _("Tie broken by")),
        Column("outlying_jurors", _("Outlying scores")),
        Column("disagreement", _("Jurors disagree")),
        Column("juror_scores", _("Scores per juror")),
    ]

    def __init__(self, data: RoundAggregation) -> None:
        self.data = data
        round = data.round
        self.identifier = f"peringkat-{round.competition.year}-{round.kind}-{round.pk}"

    def rows(self) -> Iterable[Sequence[object]]:
        data = self.data
        for result in data.aggregation.entries:
            if result.rank is None:
                continue
            entry = data.entries[result.entry_id]
            names = {j: data.jurors[j].user.full_name for j in data.jurors}
            scores = [
                f"{names[juror_id]}: {data.sheets[(juror_id, result.entry_id)].score}"
                for juror_id, entry_id in sorted(data.sheets)
                if entry_id == result.entry_id
            ]
            yield [
                result.rank,
                entry.pk,
                entry.innovation.name,
                entry.agency.name,
                entry.agency.region.name,
                result.jurors,
                round(result.raw_mean, 3),
                round(result.normalised, 3) if result.normalised is not None else None,
                data.final(result),
                str(TIE_RULES[result.tie_broken_by]),
                "; ".join(names[flag.juror_id] for flag in result.outliers),
                result.disagreement is not None,
                "; ".join(scores),
            ]


class JurorWorkExporter(Exporter):
    """A juror's own assignments in a round: codes, (redacted) titles, own status and score."""

    title = _("My entries")
    columns = [
        Column("code", _("Code")),
        Column("title", _("Innovation")),
        Column("category", _("Category")),
        Column("status", _("Status")),
        Column("score", _("My score")),
        Column("submitted_at", _("Submitted")),
    ]

    def __init__(
        self,
        assignments: list[JurorAssignment],
        titles: dict[int, JurorEntryTitle],
        sheets: dict[int, ScoreSheet],
        identifier: str,
    ) -> None:
        self.assignments, self.titles, self.sheets = assignments, titles, sheets
        self.identifier = identifier

    def rows(self) -> Iterable[Sequence[object]]:
        for assignment in self.assignments:
            sheet = self.sheets.get(assignment.entry_id)
            title = self.titles[assignment.entry_id]
            entry = assignment.entry
            yield [
                title.code,
                title.title,
                entry.category.name if entry.category_id else "",
                sheet.get_status_display() if sheet else _("Not started"),
                sheet.score if sheet else None,
                sheet.submitted_at if sheet else None,
            ]
