"""Progress of a round's scoring, per juror and per entry, for the secretariat."""

from collections import Counter
from dataclasses import dataclass

from satu.competitions.models import CompetitionJuror, Entry, Round
from satu.competitions.services import entries_for_round

from ..models import JurorAssignment, ScoreSheet, SheetStatus


@dataclass
class JurorProgress:
    juror: CompetitionJuror
    assigned: int
    submitted: int
    drafts: int
    last_saved: object = None

    @property
    def not_started(self) -> int:
        return max(self.assigned - self.submitted - self.drafts, 0)

    @property
    def done(self) -> bool:
        return self.assigned > 0 and self.submitted >= self.assigned

    @property
    def percent(self) -> int:
        return round(100 * self.submitted / self.assigned) if self.assigned else 0


@dataclass
class EntryProgress:
    entry: Entry
    assigned: int
    submitted: int
    required: int

    @property
    def done(self) -> bool:
        return self.submitted >= self.required


def round_progress(round: Round) -> tuple[list[JurorProgress], list[EntryProgress]]:
    assignments = list(
        JurorAssignment.objects.filter(round=round).values_list("juror_id", "entry_id")
    )
    pairs = set(assignments)
    sheets = [
        (s.juror_id, s.entry_id, s.status, s.updated_at)
        for s in ScoreSheet.objects.filter(round=round).only(
            "juror_id", "entry_id", "status", "updated_at"
        )
        if (s.juror_id, s.entry_id) in pairs
    ]
    submitted = Counter(j for j, _e, status, _t in sheets if status == SheetStatus.SUBMITTED)
    drafts = Counter(j for j, _e, status, _t in sheets if status == SheetStatus.DRAFT)
    last: dict[int, object] = {}
    for juror_id, _entry, _status, saved in sheets:
        if juror_id not in last or saved > last[juror_id]:
            last[juror_id] = saved
    per_juror_assigned = Counter(j for j, _e in assignments)
    jurors = [
        JurorProgress(
            juror,
            per_juror_assigned[juror.pk],
            submitted[juror.pk],
            drafts[juror.pk],
            last.get(juror.pk),
        )
        for juror in CompetitionJuror.objects.filter(
            competition_id=round.competition_id
        ).select_related("user")
    ]
    per_entry_assigned = Counter(e for _j, e in assignments)
    per_entry_submitted = Counter(
        e for _j, e, status, _t in sheets if status == SheetStatus.SUBMITTED
    )
    entries = [
        EntryProgress(
            entry,
            per_entry_assigned[entry.pk],
            per_entry_submitted[entry.pk],
            round.jurors_per_entry,
        )
        for entry in entries_for_round(round)
        .select_related("innovation", "agency__region")
        .order_by("pk")
    ]
    return jurors, entries


def unsubmitted(round: Round) -> int:
    """Assigned sheets of entries still in the round that are not submitted."""
    pairs = set(
        JurorAssignment.objects.filter(
            round=round, entry__in=entries_for_round(round).values("pk")
        ).values_list("juror_id", "entry_id")
    )
    done = set(
        ScoreSheet.objects.filter(round=round, status=SheetStatus.SUBMITTED).values_list(
            "juror_id", "entry_id"
        )
    )
    return len(pairs - done)
