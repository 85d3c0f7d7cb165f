"""Reading spreadsheets for all-or-nothing imports with row-level errors.

An import reads every row, checks every row, and writes only when no row has an error; each
error names the row as the person sees it in their spreadsheet (the header is row 1), the column
and the reason::

    table = read_table(uploaded_file)
    with collect_errors() as errors:
        parsed = [parse(row, errors) for row in table.rows]   # errors.add(row.number, col, msg)
    save(parsed)                                              # inside transaction.atomic()
"""

import contextlib
import csv
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .errors import DomainError
from .exporters import looks_like_formula

MAX_ROWS = 100_000


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return _("Row %(row)s, column %(column)s: %(message)s") % {
            "row": self.row,
            "column": self.column or "–",
            "message": self.message,
        }


class ImportRejected(DomainError):
    """The file has errors; nothing was written."""

    def __init__(self, errors: list[RowError]) -> None:
        super().__init__(
            _("The file has %(count)s error(s); nothing has been imported.")
            % {"count": len(errors)},
            code="import_rejected",
        )
        self.errors = errors


@dataclass
class Row:
    number: int
    values: dict[str, str]

    def get(self, column: str) -> str:
        return (self.values.get(column) or "").strip()


@dataclass
class Table:
    columns: list[str]
    rows: list[Row] = field(default_factory=list)


def _normalise(header: object) -> str:
    return str(header or "").strip().lower()


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10] if hasattr(value, "hour") else value.isoformat()
    return str(value)


def _from_rows(raw_rows: Iterator[list[object]]) -> Table:
    try:
        header = next(raw_rows)
    except StopIteration:
        raise DomainError(_("The file is empty."), code="empty_file") from None
    columns = [_normalise(h) for h in header]
    table = Table(columns=columns)
    for index, raw in enumerate(raw_rows, start=2):
        values = [_cell(v) for v in raw]
        if not any(v.strip() for v in values):
            continue
        if len(table.rows) >= MAX_ROWS:
            raise DomainError(
                _("The file has more than %(max)s rows; split it into smaller files.")
                % {"max": MAX_ROWS},
                code="too_many_rows",
            )
        table.rows.append(Row(index, dict(zip(columns, values, strict=False))))
    return table


def read_table(uploaded: object, name: str | None = None) -> Table:
    """Read a CSV or XLSX upload (a file-like object with a name).

    The format is decided by the content, not only the name: an XLSX is a zip archive with a
    workbook inside; anything else must be UTF-8 text.
    """
    file_name = (name or getattr(uploaded, "name", "") or "").lower()
    data = uploaded.read()  # type: ignore[attr-defined]
    if isinstance(data, str):
        data = data.encode("utf-8")
    if data[:4] == b"PK\x03\x04":
        return _read_xlsx(data)
    if file_name.endswith((".xlsx", ".xlsm")):
        raise DomainError(_("The file is not a valid XLSX workbook."), code="bad_xlsx")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DomainError(
            _("The file is neither an XLSX workbook nor UTF-8 CSV text."), code="bad_encoding"
        ) from None
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return _from_rows(iter(_unquoted(row) for row in csv.reader(io.StringIO(text), dialect)))


def _unquoted(row: list[str]) -> list[object]:
    """The cells of a CSV row without the quote our exports put before formula-like text, so
    that an exported file imports back as it was."""
    return [
        value[1:] if value.startswith("'") and looks_like_formula(value[1:]) else value
        for value in row
    ]


def _read_xlsx(data: bytes) -> Table:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        raise DomainError(_("The file is not a valid XLSX workbook."), code="bad_xlsx") from None
    try:
        sheet = workbook.worksheets[0]
        return _from_rows(iter(list(row) for row in sheet.iter_rows(values_only=True)))
    finally:
        workbook.close()


class ErrorCollector:
    def __init__(self) -> None:
        self.errors: list[RowError] = []

    def add(self, row: int, column: str, message: str) -> None:
        self.errors.append(RowError(row, column, str(message)))

    def __bool__(self) -> bool:
        return bool(self.errors)


@contextlib.contextmanager
def collect_errors() -> Iterator[ErrorCollector]:
    """Gather row errors; raise :class:`ImportRejected` at the end of the block if any."""
    collector = ErrorCollector()
    yield collector
    if collector.errors:
        raise ImportRejected(collector.errors)


def require_columns(table: Table, required: list[str]) -> None:
    missing = [column for column in required if column not in table.columns]
    if missing:
        raise ImportRejected(
            [
                RowError(1, column, _("This column is missing from the header row."))
                for column in missing
            ]
        )
