"""Downloads of national forwarding: the summary of a KIPP batch and the forwarding record."""

from collections.abc import Iterable, Sequence

from django.utils.translation import gettext_lazy as _

from satu.core.exporters import Column, Exporter

from .models import Forwarding


class KippBatchExporter(Exporter):
    """One row per KIPP forwarding of the year: exported, or refused with the reason."""

    title = _("KIPP proposals")
    columns = [
        Column("number", _("No.")),
        Column("innovation", _("Innovation")),
        Column("agency", _("Agency")),
        Column("region", _("Region")),
        Column("forwarded_on", _("Forwarded on")),
        Column("summary_words", _("Words in the summary")),
        Column("attachments", _("Attachments")),
        Column("folder", _("Folder in the archive")),
        Column("problems", _("Why it was not exported")),
    ]

    def __init__(self, year: int, rows: list[Sequence[object]]) -> None:
        self.identifier = f"kipp-{year}"
        self._rows = rows

    def rows(self) -> Iterable[Sequence[object]]:
        return self._rows


class ForwardingExporter(Exporter):
    title = _("Forwarding record")
    columns = [
        Column("year", _("Year")),
        Column("programme", _("Programme")),
        Column("innovation", _("Innovation")),
        Column("agency", _("Agency")),
        Column("region", _("Region")),
        Column("forwarded_on", _("Forwarded on")),
        Column("forwarded_by", _("Forwarded by")),
        Column("outcome", _("Outcome")),
        Column("predicate", _("Predicate")),
        Column("outcome_on", _("Outcome received on")),
    ]

    def __init__(self, forwardings: Iterable[Forwarding]) -> None:
        self.identifier = "penerusan-nasional"
        self.forwardings = forwardings

    def rows(self) -> Iterable[Sequence[object]]:
        for item in self.forwardings:
            programme = item.programme_name or item.get_programme_display()
            yield [
                item.year,
                programme,
                item.innovation.name,
                item.innovation.agency.name,
                item.innovation.agency.region.name,
                item.forwarded_on,
                str(item.forwarded_by) if item.forwarded_by_id else "",
                item.outcome.name if item.outcome_id else "",
                item.predicate,
                item.outcome_on,
            ]
