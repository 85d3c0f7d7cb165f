"""Hostile spreadsheets for the import tests and scripts/probe_upload_bomb.py, built in memory.

Each is a minimal, valid XLSX: the parts openpyxl needs, and a first sheet whose XML is the
attack.
"""

import contextlib
import io
import signal
import zipfile
from collections.abc import Iterator

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/></Relationships>'
)
_SHEET_OPEN = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
)


def workbook(sheet_xml: bytes | str) -> bytes:
    """An XLSX whose first sheet is ``sheet_xml`` (a complete <worksheet> document)."""
    if isinstance(sheet_xml, str):
        sheet_xml = sheet_xml.encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _ROOT_RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        archive.writestr("xl/worksheets/sheet1.xml", sheet_xml)
    return buffer.getvalue()


def _inline(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def dimension_bomb(header: list[str] | None = None) -> bytes:
    """A ~2 KB workbook that declares A1:XFD1048576 (17 billion cells), with a header row and
    one cell at the far corner."""
    header = header or ["nama", "tahun"]
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    cells = "".join(_inline(f"{letters[i]}1", name) for i, name in enumerate(header))
    return workbook(
        _SHEET_OPEN + '<dimension ref="A1:XFD1048576"/><sheetData>'
        f'<row r="1">{cells}</row>'
        f'<row r="1048576">{_inline("XFD1048576", "x")}</row>'
        "</sheetData></worksheet>"
    )


def dimension_bomb_without_cells() -> bytes:
    """Only the declaration: a header cell, and <dimension ref="A1:XFD1048576"/>."""
    return workbook(
        _SHEET_OPEN + '<dimension ref="A1:XFD1048576"/><sheetData>'
        f'<row r="1">{_inline("A1", "nama")}</row>'
        "</sheetData></worksheet>"
    )


def zip_bomb(megabytes: int = 300) -> bytes:
    """A workbook of a few hundred KB whose sheet XML unpacks to ``megabytes`` MB."""
    filler = b"<!--" + b" " * (1024 * 1024 - 7) + b"-->"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _ROOT_RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(_SHEET_OPEN.encode() + b"<sheetData>")
            for _ in range(megabytes):
                sheet.write(filler)
            sheet.write(b"</sheetData></worksheet>")
    return buffer.getvalue()


def empty_rows(count: int = 1_000_000) -> bytes:
    """A header and then ``count`` empty <row r="…"/> elements."""
    rows = "".join(f'<row r="{n}"/>' for n in range(2, count + 2))
    return workbook(
        _SHEET_OPEN + "<sheetData>"
        f'<row r="1">{_inline("A1", "nama")}</row>{rows}'
        "</sheetData></worksheet>"
    )


class TookTooLong(Exception):
    pass


@contextlib.contextmanager
def within(seconds: float) -> Iterator[None]:
    """Fail the test (instead of hanging the suite) if the block runs longer than ``seconds``."""

    def stop(signum: int, frame: object) -> None:
        raise TookTooLong(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
