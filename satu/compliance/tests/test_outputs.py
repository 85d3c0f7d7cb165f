"""The page, the CSV, the XLSX and the API give the same numbers, all from one service."""

import csv
import io
from html.parser import HTMLParser

import pytest
from openpyxl import load_workbook

from ..board import compute_board
from ..scale import generate

pytestmark = pytest.mark.django_db

FIELDS = ("obliged", "complied", "waiting", "started", "nothing", "exempt")


class RegionTable(HTMLParser):
    """Reads ``<tr data-region>`` rows and their ``<td data-count>`` cells from the page."""

    def __init__(self, table_id: str) -> None:
        super().__init__()
        self.table_id, self.inside, self.rows = table_id, False, {}
        self.row = self.cell = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and attrs.get("id") == self.table_id:
            self.inside = True
        elif self.inside and tag == "tr" and "data-region" in attrs:
            self.row = self.rows.setdefault(attrs["data-region"], {})
        elif self.row is not None and tag == "td" and "data-count" in attrs:
            self.cell = attrs["data-count"]
            self.row[self.cell] = ""

    def handle_endtag(self, tag):
        if tag == "table":
            self.inside = False
        elif tag == "td":
            self.cell = None
        elif tag == "tr":
            self.row = None

    def handle_data(self, data):
        if self.row is not None and self.cell:
            self.row[self.cell] += data


def _number(text: str) -> float | None:
    text = text.strip().rstrip("%")
    if text in ("", "–"):
        return None
    # Indonesian formatting: 1.227 and 16,5
    return float(text.replace(".", "").replace(",", "."))


def page_numbers(client, url) -> dict[str, dict[str, float | None]]:
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="id")
    assert response.status_code == 200
    parser = RegionTable("region-table")
    parser.feed(response.content.decode())
    return {
        code: {key: _number(value) for key, value in row.items()}
        for code, row in parser.rows.items()
    }


def csv_numbers(client, url) -> dict[str, dict[str, float | None]]:
    response = client.get(url)
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = {}
    for record in csv.DictReader(io.StringIO(text)):
        code = record["region_code"] or "total"
        rows[code] = {key: _plain(record[key]) for key in (*FIELDS, "percent")}
    return rows


def xlsx_numbers(client, url) -> dict[str, dict[str, float | None]]:
    response = client.get(url)
    sheet = load_workbook(io.BytesIO(response.content), read_only=True).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) > 1
    result = {}
    for values in rows[1:]:
        code = values[0] or "total"
        numbers = values[2:9]
        result[code] = {
            key: (float(v) if v is not None else None)
            for key, v in zip((*FIELDS, "percent"), numbers, strict=True)
        }
    return result


def _plain(value: str) -> float | None:
    return float(value) if value != "" else None


def api_numbers(client, url) -> dict[str, dict[str, float | None]]:
    body = client.get(url).json()
    rows = {
        row["code"]: {key: _float(row[key]) for key in (*FIELDS, "percent")}
        for row in body["regions"]
    }
    rows["total"] = {key: _float(body["totals"][key]) for key in (*FIELDS, "percent")}
    return rows


def _float(value):
    return float(value) if value is not None else None


@pytest.fixture
def generated(year, province):
    regions = [province, *province.children.order_by("code")]
    generate(year, agencies=400, regions=regions, seed=7)
    return year


def test_page_csv_xlsx_and_api_give_identical_numbers(client, generated):
    page = page_numbers(client, "/kepatuhan/2026/")
    from_csv = csv_numbers(client, "/kepatuhan/2026/unduh/wilayah.csv")
    from_xlsx = xlsx_numbers(client, "/kepatuhan/2026/unduh/wilayah.xlsx")
    from_api = api_numbers(client, "/api/v1/compliance/2026")
    assert len(page) == 37  # the province's own agencies, 35 kabupaten/kota, and the total
    assert page == from_csv == from_xlsx == from_api
    service = compute_board(generated)
    assert page["total"]["complied"] == service.totals.complied
    assert page["total"]["obliged"] == service.totals.obliged


def test_the_filtered_downloads_match_the_filtered_page(client, generated):
    query = "?type=kecamatan"
    page = page_numbers(client, f"/kepatuhan/2026/{query}")
    assert page == csv_numbers(client, f"/kepatuhan/2026/unduh/wilayah.csv{query}")
    assert page == xlsx_numbers(client, f"/kepatuhan/2026/unduh/wilayah.xlsx{query}")


def test_the_agency_download_and_the_api_list_the_same_statuses(client, generated, kota_semarang):
    response = client.get("/kepatuhan/2026/unduh/opd.csv?region=33.74")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    from_csv = {int(r["agency_id"]): r["status"] for r in csv.DictReader(io.StringIO(text))}
    body = client.get("/api/v1/compliance/2026/agencies?region=33.74&page_size=500").json()
    from_api = {row["id"]: row["status"] for row in body["results"]}
    assert from_csv == from_api
    assert body["count"] == len(from_api) > 0
    region_row = next(r for r in compute_board(generated).regions if r.code == "33.74")
    assert len(from_api) == region_row.counts.obliged + region_row.counts.exempt
    response = client.get("/kepatuhan/2026/unduh/opd.xlsx?region=33.74")
    sheet = load_workbook(io.BytesIO(response.content), read_only=True).active
    from_xlsx = {row[2]: row[6] for row in list(sheet.iter_rows(values_only=True))[1:]}
    assert from_xlsx == from_csv
