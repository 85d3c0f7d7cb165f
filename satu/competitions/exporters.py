"""Downloads of the entries list (CSV, XLSX, JSON)."""

from collections.abc import Iterable, Sequence

from django.utils.translation import gettext_lazy as _

from satu.core.exporters import Column, Exporter

from .models import Competition, Entry


class EntryExporter(Exporter):
    """The entries of a competition; screening details only for the secretariat."""

    title = _("Entries")
    public_columns = [
        Column("id", _("Entry")),
        Column("innovation", _("Innovation")),
        Column("agency", _("Agency")),
        Column("region", _("Region")),
        Column("group", _("Group")),
        Column("category", _("Category")),
        Column("status", _("Status")),
        Column("submitted_at", _("Entered")),
    ]
    internal_columns = [
        Column("screening_reasons", _("Screening reasons")),
        Column("screening_note", _("Screening note")),
        Column("shortlisted", _("Shortlisted")),
        Column("final_score", _("Final score")),
        Column("rank", _("Rank")),
        Column("title", _("Title")),
    ]

    def __init__(self, competition: Competition, entries: Iterable[Entry], internal: bool) -> None:
        self.competition = competition
        self.entries = entries
        self.internal = internal
        self.identifier = f"peserta-{competition.year}-{competition.pk}"

    @property
    def columns(self) -> Sequence[Column]:  # type: ignore[override]
        return self.public_columns + (self.internal_columns if self.internal else [])

    def rows(self) -> Iterable[Sequence[object]]:
        for entry in self.entries:
            row: list[object] = [
                entry.pk,
                entry.innovation.name,
                entry.agency.name,
                entry.agency.region.name,
                entry.get_group_display(),
                entry.category.name if entry.category_id else "",
                entry.get_status_display(),
                entry.submitted_at,
            ]
            if self.internal:
                row += [
                    ", ".join(entry.screening_reasons),
                    entry.screening_note,
                    entry.is_shortlisted,
                    entry.final_score,
                    entry.rank,
                    entry.award_title,
                ]
            yield row
