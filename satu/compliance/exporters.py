"""The board as downloads: one table per region and one per agency (CSV, XLSX, JSON).

They read the same :class:`~satu.compliance.board.Board` as the page and the API.
"""

from collections.abc import Iterable, Sequence

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from satu.core.exporters import Column, Exporter

from . import rules
from .board import LIGHT_LABELS, STATUS_LABELS, Board

COUNT_COLUMNS = [
    Column("obliged", gettext_lazy("Obliged")),
    Column("complied", gettext_lazy("Complied")),
    Column("waiting", gettext_lazy("Waiting for approval")),
    Column("started", gettext_lazy("In preparation")),
    Column("nothing", gettext_lazy("Nothing yet")),
    Column("exempt", gettext_lazy("Exempt")),
    Column("percent", gettext_lazy("Complied (%)")),
    Column("light", gettext_lazy("Traffic light")),
]


class RegionComplianceExporter(Exporter):
    """One row per region, then the total."""

    columns = [
        Column("region_code", gettext_lazy("Region code")),
        Column("region", gettext_lazy("Region")),
        *COUNT_COLUMNS,
    ]

    def __init__(self, board: Board) -> None:
        self.board = board
        self.identifier = f"kepatuhan-{board.year.year}-wilayah"
        self.title = _("Compliance %(year)d by region") % {"year": board.year.year}

    def _counts(self, counts) -> list[object]:  # type: ignore[no-untyped-def]
        light = self.board.light(counts)
        return [
            counts.obliged,
            *[counts.get(status) for status in rules.STATUSES],
            counts.percent,
            str(LIGHT_LABELS[light]) if light else "",
        ]

    def rows(self) -> Iterable[Sequence[object]]:
        for row in self.board.regions:
            yield [row.code, row.label, *self._counts(row.counts)]
        yield ["", _("Total"), *self._counts(self.board.totals)]


class AgencyComplianceExporter(Exporter):
    """One row per obliged agency with its status."""

    columns = [
        Column("region_code", gettext_lazy("Region code")),
        Column("region", gettext_lazy("Region")),
        Column("agency_id", gettext_lazy("Agency id")),
        Column("agency", gettext_lazy("Agency")),
        Column("abbreviation", gettext_lazy("Abbreviation")),
        Column("type", gettext_lazy("Type")),
        Column("status", gettext_lazy("Status code")),
        Column("status_label", gettext_lazy("Status")),
        Column("counted", gettext_lazy("Innovations that count")),
    ]

    def __init__(self, board: Board, agencies: QuerySet) -> None:
        self.board = board
        self.agencies = agencies
        self.identifier = f"kepatuhan-{board.year.year}-opd"
        self.title = _("Compliance %(year)d by agency") % {"year": board.year.year}

    def rows(self) -> Iterable[Sequence[object]]:
        for agency in self.agencies.iterator(chunk_size=2000):
            yield [
                agency.region.code,
                agency.region.name,
                agency.pk,
                agency.name,
                agency.abbreviation,
                agency.get_type_display(),
                agency.status,
                str(STATUS_LABELS[agency.status]),
                agency.counted,
            ]
