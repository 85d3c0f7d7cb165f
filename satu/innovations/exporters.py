"""Downloads of innovations: the list a user may see, one profile, and the import template."""

import io
from collections.abc import Iterable, Sequence

from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from satu.core.exporters import Column, Exporter
from satu.urusan.models import Urusan

from . import history
from .columns import COLUMNS
from .models import Innovation


def _numbers(values: Iterable[object]) -> str:
    return ", ".join(str(value) for value in values)


def sheet_values(innovation: Innovation) -> dict[str, object]:
    """One innovation as the spreadsheet's columns (related objects must be prefetched)."""
    return {
        "tahun": innovation.programme_year,
        "kode_wilayah": innovation.agency.region.code,
        "singkatan_opd": innovation.agency.abbreviation,
        "unit_layanan": innovation.service_unit.name if innovation.service_unit else "",
        "nama": innovation.name,
        "tahapan": innovation.stage,
        "digital": "ya" if innovation.is_digital else "tidak",
        "bentuk": innovation.form,
        "inisiator": innovation.initiator_kind,
        "nama_inisiator": innovation.initiator_name,
        "urusan_utama": innovation.main_urusan.code,
        "urusan_terkait": _numbers(sorted(u.code for u in innovation.related_urusan.all())),
        "sdgs": _numbers(innovation.sdg_goals or []),
        "tanggal_uji_coba": innovation.trial_date,
        "tanggal_penerapan": innovation.launch_date,
        "anggaran": int(innovation.budget) if innovation.budget is not None else None,
        "rancang_bangun": innovation.design,
        "tujuan": innovation.goals,
        "manfaat": innovation.benefits,
        "hasil_sebelum": innovation.results_before,
        "hasil_sesudah": innovation.results_after,
        "ringkasan": innovation.summary,
        "latar_belakang": innovation.background,
        "kebaruan": innovation.novelty,
        "implementasi": innovation.implementation,
        "signifikansi": innovation.significance,
        "adaptabilitas": innovation.adaptability,
        "sumber_daya": innovation.resources,
        "keberlanjutan": innovation.sustainability,
        "status": innovation.status,
        # The day in the province, not in UTC: an innovation accepted at 05:00 WIB on 1 January
        # was accepted in the new year.
        "tanggal_diterima": (
            timezone.localdate(innovation.accepted_at) if innovation.accepted_at else None
        ),
    }


class InnovationExporter(Exporter):
    """The innovations a user may see, in the import layout (plus their id)."""

    identifier = "inovasi"
    title = _("Innovations")
    columns = [
        Column("id", _("Id")),
        *[Column(c.key, c.label, c.description) for c in COLUMNS],
    ]

    def __init__(self, innovations: QuerySet[Innovation]) -> None:
        self.innovations = innovations

    def rows(self) -> Iterable[Sequence[object]]:
        innovations = self.innovations.select_related(
            "agency__region", "service_unit", "main_urusan"
        ).prefetch_related(Prefetch("related_urusan", queryset=Urusan.objects.only("code")))
        for innovation in innovations.order_by("-programme_year", "agency__name", "name", "pk"):
            values = sheet_values(innovation)
            yield [innovation.pk, *(values[c.key] for c in COLUMNS)]


class ProfileExporter(Exporter):
    """One innovation's profile as field/value pairs, for sharing or printing."""

    title = _("Innovation profile")
    columns = [Column("field", _("Field")), Column("value", _("Value"))]

    def __init__(self, innovation: Innovation) -> None:
        self.innovation = innovation
        self.identifier = f"inovasi-{innovation.pk}"

    def rows(self) -> Iterable[Sequence[object]]:
        yield ["id", self.innovation.pk]
        yield [str(_("Status")), self.innovation.get_status_display()]
        for _name, label, value, _long in history.display_rows(history.snapshot(self.innovation)):
            yield [label, value]


class ImportTemplateExporter(Exporter):
    """The import layout with one example row (CSV; the XLSX adds a sheet of instructions)."""

    identifier = "templat-impor-inovasi"
    title = _("Innovations")
    columns = [Column(c.key, c.key, c.description) for c in COLUMNS]

    def rows(self) -> Iterable[Sequence[object]]:
        yield [c.example for c in COLUMNS]


def import_template_xlsx() -> bytes:
    """A workbook whose first sheet is the layout (keys as headers, one example row) and
    whose second sheet documents every column."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "inovasi"
    sheet.append([c.key for c in COLUMNS])
    sheet.append([c.example for c in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    guide = workbook.create_sheet(str(_("Instructions"))[:31])
    guide.append([str(_("Column")), str(_("Meaning")), str(_("Required")), str(_("Description"))])
    for cell in guide[1]:
        cell.font = Font(bold=True)
    for column in COLUMNS:
        guide.append(
            [
                column.key,
                str(column.label),
                str(_("yes")) if column.required else str(_("no")),
                str(column.description),
            ]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
