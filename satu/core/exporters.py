"""Exporters: one small class per table; one base renders it as CSV, XLSX or JSON.

The same exporter serves a page's download button, the API and a management command, so the
numbers never differ between them::

    class AgencyExporter(Exporter):
        identifier = "agencies"
        title = _("Agencies")
        columns = [Column("code", _("Region code")), Column("name", _("Name"))]

        def rows(self):
            for agency in Agency.objects.select_related("region"):
                yield [agency.region.code, agency.name]

    return export_response(AgencyExporter(), "xlsx")
"""

import csv
import datetime
import decimal
import io
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from django.http import HttpResponse, StreamingHttpResponse
from django.utils.functional import Promise
from django.utils.text import slugify

FORMATS = ("csv", "xlsx", "json")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}


@dataclass(frozen=True)
class Column:
    key: str
    label: str | Promise
    description: str | Promise = ""


class Exporter:
    """Subclasses set ``identifier``, ``title`` and ``columns`` and yield ``rows()``."""

    identifier: str = ""
    title: str | Promise = ""
    columns: Sequence[Column] = ()

    def rows(self) -> Iterable[Sequence[object]]:
        raise NotImplementedError

    def file_name(self, fmt: str) -> str:
        return f"{slugify(self.identifier)}.{fmt}"

    def headers(self) -> list[str]:
        return [str(column.label) for column in self.columns]

    def keys(self) -> list[str]:
        return [column.key for column in self.columns]

    def records(self) -> Iterator[dict[str, object]]:
        keys = self.keys()
        for row in self.rows():
            yield dict(zip(keys, row, strict=True))


def _plain(value: object) -> object:
    if isinstance(value, Promise):
        return str(value)
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, bool):
        return value
    return value


class _Echo:
    def write(self, value: str) -> str:
        return value


def iter_csv(exporter: Exporter) -> Iterator[str]:
    """CSV with a header row of keys (machine-readable), UTF-8 with a BOM for spreadsheets."""
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow(exporter.keys())
    for row in exporter.rows():
        yield writer.writerow(["" if v is None else _plain(v) for v in row])


def render_xlsx(exporter: Exporter) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=str(exporter.title)[:31] or "data")
    header = []
    for label in exporter.headers():
        from openpyxl.cell import WriteOnlyCell

        cell = WriteOnlyCell(sheet, value=label)
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    for row in exporter.rows():
        values = []
        for value in row:
            plain = _plain(value)
            if isinstance(value, datetime.datetime):
                plain = value.replace(tzinfo=None)
            elif isinstance(value, datetime.date):
                plain = value
            values.append(plain)
        sheet.append(values)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def render_json(exporter: Exporter) -> bytes:
    records = [{k: _plain(v) for k, v in record.items()} for record in exporter.records()]
    return json.dumps(records, ensure_ascii=False, indent=1).encode("utf-8")


def export_response(exporter: Exporter, fmt: str) -> HttpResponse | StreamingHttpResponse:
    """A download of ``exporter`` in ``fmt`` (csv, xlsx or json)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}")
    disposition = f'attachment; filename="{exporter.file_name(fmt)}"'
    response: HttpResponse | StreamingHttpResponse
    if fmt == "csv":
        response = StreamingHttpResponse(iter_csv(exporter), content_type=CONTENT_TYPES["csv"])
    elif fmt == "xlsx":
        response = HttpResponse(render_xlsx(exporter), content_type=CONTENT_TYPES["xlsx"])
    else:
        response = HttpResponse(render_json(exporter), content_type=CONTENT_TYPES["json"])
    response["Content-Disposition"] = disposition
    return response


def render(exporter: Exporter, fmt: str) -> bytes:
    """The export as bytes (for files written by tasks and commands)."""
    if fmt == "csv":
        return "".join(iter_csv(exporter)).encode("utf-8")
    if fmt == "xlsx":
        return render_xlsx(exporter)
    if fmt == "json":
        return render_json(exporter)
    raise ValueError(f"unknown export format {fmt!r}")
