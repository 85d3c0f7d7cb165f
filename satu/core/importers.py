"""Reading spreadsheets for all-or-nothing imports with row-level errors.

An import reads every row, checks every row, and writes only when no row has an error; each
error names the row as the person sees it in their spreadsheet (the header is row 1), the column
and the reason::

    table = read_table(uploaded_file)
    with collect_errors() as errors:
        parsed = [parse(row, errors) for row in table.rows]   # errors.add(row.number, col, msg)
    save(parsed)                                              # inside transaction.atomic()

Every read is bounded before and while it parses, because a 2 KB workbook can declare a sheet
of 17 billion cells and a 4 MB one can unpack to gigabytes: the upload's size, the unpacked size
of the archive (as its directory declares it, which zipfile enforces while unpacking), the row
number and the row width are checked, the sheet's declared dimensions are ignored, and the work
stops at a deadline (:func:`time_limit`). Imports run in the task worker, where
:func:`memory_limit` also caps the memory the worker may take.
"""

import contextlib
import contextvars
import csv
import datetime
import io
import os
import threading
import time
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from .errors import DomainError
from .exporters import looks_like_formula

MAX_ROWS = 100_000
# The widest row an import reads; every template has a few dozen columns at most.
MAX_COLUMNS = 200
# An archive with more members than this is not a workbook someone filled in.
MAX_ZIP_MEMBERS = 1_000
# How often (in rows) the deadline is checked while streaming.
DEADLINE_EVERY = 1_000

_deadline: contextvars.ContextVar[float | None] = contextvars.ContextVar(
    "import_deadline", default=None
)


class ImportTimeout(DomainError):
    """The import ran past its deadline and was stopped; nothing was written."""

    def __init__(self) -> None:
        super().__init__(
            _(
                "The file took longer than %(seconds)s seconds to process and was stopped; "
                "nothing has been imported. Split it into smaller files."
            )
            % {"seconds": settings.SATU_IMPORT_MAX_SECONDS},
            code="import_timeout",
        )


class ImportTooLarge(DomainError):
    """The import needed more memory than it may use; nothing was written."""

    def __init__(self) -> None:
        super().__init__(
            _(
                "The file needs more memory than an import may use and was stopped; "
                "nothing has been imported. Split it into smaller files."
            ),
            code="import_memory",
        )


@contextlib.contextmanager
def time_limit(seconds: float | None = None) -> Iterator[None]:
    """Stop the import (:class:`ImportTimeout`) once ``seconds`` have passed.

    The reader and the row checks call :func:`check_deadline` as they go; the default comes
    from ``settings.SATU_IMPORT_MAX_SECONDS``.
    """
    seconds = settings.SATU_IMPORT_MAX_SECONDS if seconds is None else seconds
    token = _deadline.set(time.monotonic() + seconds)
    try:
        yield
    finally:
        _deadline.reset(token)


def check_deadline() -> None:
    deadline = _deadline.get()
    if deadline is not None and time.monotonic() > deadline:
        raise ImportTimeout()


def _address_space() -> int | None:
    """This process's virtual memory size in bytes (Linux), or None where it is unknown."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError, AttributeError):
        return None


_memory_guard = threading.Lock()


@contextlib.contextmanager
def memory_limit(megabytes: int | None = None) -> Iterator[None]:
    """Let the block allocate at most ``megabytes`` more; past that it fails cleanly.

    Lowers the process's soft address-space limit for the duration (restored afterwards) and
    turns the MemoryError into :class:`ImportTooLarge`. Meant for the task worker, which runs
    one task at a time; if another thread of the process already holds a limit, or the limit
    cannot be set (not Linux), the block runs under the size bounds and the deadline only.
    """
    megabytes = settings.SATU_IMPORT_MAX_MEMORY_MB if megabytes is None else megabytes
    current = _address_space()
    if not megabytes or current is None or not _memory_guard.acquire(blocking=False):
        yield
        return
    import resource

    try:
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        wanted = current + megabytes * 1024 * 1024
        for ceiling in (soft, hard):
            if ceiling != resource.RLIM_INFINITY:
                wanted = min(wanted, ceiling)
        resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))
        try:
            yield
        except MemoryError:
            raise ImportTooLarge() from None
        finally:
            resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
    finally:
        _memory_guard.release()


@contextlib.contextmanager
def import_limits() -> Iterator[None]:
    """The deadline and the memory cap of one import, as the task worker runs it."""
    with time_limit(), memory_limit():
        yield


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


def _too_many_rows() -> DomainError:
    return DomainError(
        _("The file has more than %(max)s rows; split it into smaller files.") % {"max": MAX_ROWS},
        code="too_many_rows",
    )


def _too_wide(row: int) -> DomainError:
    return DomainError(
        _(
            "Row %(row)s has cells beyond column %(max)s; delete the unused columns and "
            "upload the file again."
        )
        % {"row": row, "max": MAX_COLUMNS},
        code="too_many_columns",
    )


def _from_rows(numbered: Iterator[tuple[int, Sequence[object]]]) -> Table:
    """Build the table from (row number, cells) pairs, the header first.

    Empty rows count towards the row limit too: a sheet that reaches past row MAX_ROWS + 1 is
    refused as soon as the reader gets there, however few of its rows hold anything.
    """
    try:
        number, header = next(numbered)
    except StopIteration:
        raise DomainError(_("The file is empty."), code="empty_file") from None
    if len(header) > MAX_COLUMNS:
        raise _too_wide(number)
    columns = [_normalise(h) for h in header]
    table = Table(columns=columns)
    for index, raw in numbered:
        if index % DEADLINE_EVERY == 0:
            check_deadline()
        if index > MAX_ROWS + 1:
            raise _too_many_rows()
        if len(raw) > MAX_COLUMNS:
            raise _too_wide(index)
        values = [_cell(v) for v in raw]
        if not any(v.strip() for v in values):
            continue
        table.rows.append(Row(index, dict(zip(columns, values, strict=False))))
    return table


def _read_bounded(uploaded: object) -> bytes:
    """The upload's bytes, refusing anything above the upload limit without reading it all."""
    limit = int(settings.SATU_MAX_UPLOAD_BYTES)
    size = getattr(uploaded, "size", None)
    if isinstance(size, int) and size > limit:
        raise _upload_too_large()
    data = uploaded.read(limit + 1)  # type: ignore[attr-defined]
    if isinstance(data, str):
        data = data.encode("utf-8")
    if len(data) > limit:
        raise _upload_too_large()
    return data


def _upload_too_large() -> DomainError:
    return DomainError(
        _("The file is larger than %(size)s MB, the most that can be uploaded.")
        % {"size": int(settings.SATU_MAX_UPLOAD_BYTES) // (1024 * 1024)},
        field="file",
        code="too_large",
    )


def read_table(uploaded: object, name: str | None = None) -> Table:
    """Read a CSV or XLSX upload (a file-like object with a name).

    The format is decided by the content, not only the name: an XLSX is a zip archive with a
    workbook inside; anything else must be UTF-8 text.
    """
    file_name = (name or getattr(uploaded, "name", "") or "").lower()
    data = _read_bounded(uploaded)
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
    try:
        rows = (_unquoted(row) for row in csv.reader(io.StringIO(text), dialect))
        return _from_rows(enumerate(rows, start=1))
    except csv.Error:
        raise DomainError(
            _("The CSV file could not be read: a cell is too long or a quote is not closed."),
            code="bad_csv",
        ) from None


def _unquoted(row: list[str]) -> list[object]:
    """The cells of a CSV row without the quote our exports put before formula-like text, so
    that an exported file imports back as it was."""
    return [
        value[1:] if value.startswith("'") and looks_like_formula(value[1:]) else value
        for value in row
    ]


def _check_archive(data: bytes) -> None:
    """Refuse a zip whose members would unpack past the limit, before anything unpacks them.

    The sizes come from the archive's directory; zipfile stops unpacking a member at its
    declared size (and fails its checksum), so a member cannot grow past what is checked here.
    """
    limit = int(settings.SATU_IMPORT_MAX_UNPACKED_MB) * 1024 * 1024
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise DomainError(_("The file is not a valid XLSX workbook."), code="bad_xlsx") from None
    if len(members) > MAX_ZIP_MEMBERS or sum(m.file_size for m in members) > limit:
        raise DomainError(
            _(
                "The workbook unpacks to more than %(size)s MB; it is too large to import. "
                "Split it into smaller files."
            )
            % {"size": settings.SATU_IMPORT_MAX_UNPACKED_MB},
            code="too_large_unpacked",
        )


def _read_xlsx(data: bytes) -> Table:
    from openpyxl import load_workbook

    _check_archive(data)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError):
        raise DomainError(_("The file is not a valid XLSX workbook."), code="bad_xlsx") from None
    try:
        if not workbook.worksheets:
            raise DomainError(_("The file is empty."), code="empty_file")
        sheet = workbook.worksheets[0]
        # The <dimension> element is the file's own claim: one saying A1:XFD1048576 would make
        # openpyxl pad every row to 16,384 cells and invent a million rows. Read only the cells
        # that are really there; _from_rows bounds the row numbers and widths it meets.
        sheet.reset_dimensions()
        return _from_rows(enumerate(sheet.iter_rows(values_only=True), start=1))
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, SyntaxError):
        # SyntaxError: xml.etree's ParseError on broken sheet XML.
        raise DomainError(_("The file is not a valid XLSX workbook."), code="bad_xlsx") from None
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


def fail_stale_jobs(jobs: QuerySet, running: Iterable[str], failed: str, action: str) -> int:
    """Mark failed the jobs of ``jobs`` still ``running`` long after they started.

    A job whose worker was killed or restarted would otherwise show "running" for ever. The
    import writes all its rows in one transaction, so such a job wrote nothing. Each job marked
    is recorded in the audit log as ``action``.
    """
    from satu.audit.services import record

    cutoff = timezone.now() - datetime.timedelta(minutes=settings.SATU_IMPORT_STALE_MINUTES)
    stale = list(jobs.filter(status__in=list(running), started_at__lt=cutoff))
    message = _(
        "The import stopped unexpectedly (its worker was stopped) and has been marked as failed; "
        "nothing has been imported. Upload the file again."
    )
    for job in stale:
        with transaction.atomic():
            updated = (
                type(job)
                .objects.filter(pk=job.pk, status=job.status)
                .update(status=failed, message=message, finished_at=timezone.now())
            )
            if updated:
                record(action, job, {"status": job.status, "started_at": str(job.started_at)})
    return len(stale)
