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

Text that a spreadsheet would read as a formula (a survey suggestion ``=HYPERLINK(...)``) is
written as text: in CSV behind a single quote, in XLSX as a string cell (OWASP, "CSV
injection"). Numbers stay numbers; JSON is data and is written as it is.
"""

import csv
import datetime
import decimal
import io
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

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


# A cell starting with one of these is a formula to Excel or LibreOffice (OWASP's list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# ... unless the whole text is a number such as "-5": it computes nothing, and stays as it is.
_NUMBER = re.compile(r"[+-]?\d+(\.\d+)?")


def looks_like_formula(value: object) -> bool:
    """Whether a spreadsheet would evaluate ``value`` (a text) instead of showing it."""
    return (
        isinstance(value, str)
        and value.startswith(FORMULA_STARTS)
        and _NUMBER.fullmatch(value) is None
    )


def csv_text(value: object) -> object:
    """``value`` for a CSV cell: a text that looks like a formula behind a single quote."""
    return "'" + value if looks_like_formula(value) else value  # type: ignore[operator]


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
    # The keys are ours, but a survey's extra questions are named by its operator.
    keys = exporter.keys()
    yield "\ufeff" + writer.writerow([csv_text(key) for key in keys])
    for row in exporter.rows():
        yield writer.writerow(["" if v is None else csv_text(_plain(v)) for v in row])


def _text_cell(sheet: Any, value: str) -> Any:
    """A cell that holds ``value`` as text even when it starts with "=".

    openpyxl writes such a string as a formula; the cell is set back to a string, and marked
    with Excel's quote prefix so that editing it does not turn it into a formula either.
    """
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"
    cell.quotePrefix = True
    return cell


def render_xlsx(exporter: Exporter) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=str(exporter.title)[:31] or "data")
    header = []
    for label in exporter.headers():
        cell = (
            _text_cell(sheet, label) if looks_like_formula(label) else WriteOnlyCell(sheet, label)
        )
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
            elif looks_like_formula(plain):
                plain = _text_cell(sheet, plain)  # type: ignore[arg-type]
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
