"""The public portal in a real browser: accessibility (axe-core) and page weight."""

import gzip
import io

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from playwright.sync_api import Page, expect

from satu.comments import services as comments
from satu.news import services as news
from satu.news.models import Article, ArticleStatus, Category

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MAX_PAGE_WEIGHT = 200 * 1024
SERIOUS = {"serious", "critical"}


@pytest.fixture
def portal(reference_data, make_innovation, secretariat, citizen, read_buffer):
    innovations = [
        make_innovation(
            f"Layanan Antrean Online Puskesmas {number}",
            summary="Warga mendaftar berobat dari rumah lewat ponsel, tanpa antre sejak subuh. "
            * 3,
            goals="Mempersingkat waktu tunggu pasien.",
            benefits="Waktu tunggu turun dari tiga jam menjadi tiga puluh menit.",
            design="Pasien memilih poli dan jam kunjungan.\n\nPetugas memanggil sesuai urutan.",
            results_before="Antrean panjang sejak pagi.",
            results_after="Antrean tertib dan singkat.",
            is_digital=number % 2 == 0,
            programme_year=2023 + number % 3,
        )
        for number in range(14)
    ]
    comments.post_comment(citizen, innovations[0], "Sangat membantu ibu saya yang sudah sepuh.")
    comments.rate_innovation(citizen, innovations[0], 5)
    buffer = io.BytesIO()
    Image.new("RGB", (1600, 900), (10, 80, 140)).save(buffer, "PNG")
    article = Article(
        title="Kompetisi Inovasi Pelayanan Publik 2026 Dibuka",
        category=Category.objects.get_or_create(slug="kompetisi", defaults={"name": "Kompetisi"})[
            0
        ],
        status=ArticleStatus.PUBLISHED,
        summary="Pendaftaran dibuka sampai akhir bulan.",
        body="<p>Setiap perangkat daerah diundang mendaftarkan inovasinya.</p>",
        photo_alt="Poster kompetisi inovasi",
        photo_credit="Foto: Biro Organisasi",
    )
    news.save_article(
        secretariat,
        article,
        photo=SimpleUploadedFile("poster.png", buffer.getvalue(), content_type="image/png"),
    )
    return {"innovation": innovations[0], "article": article}


def pages(base: str, portal) -> dict[str, str]:
    return {
        "home": f"{base}/",
        "catalog": f"{base}/inovasi/",
        "search results": f"{base}/inovasi/?q=antrian&tahun=2023",
        "empty search": f"{base}/inovasi/?q=zzqxv",
        "innovation": f"{base}/inovasi/{portal['innovation'].pk}/",
        "news": f"{base}/berita/",
        "article": f"{base}{portal['article'].get_absolute_url()}",
        "registration": f"{base}/akun/daftar/",
        "sign-in": f"{base}/akun/masuk/",
    }


def test_public_pages_have_no_serious_accessibility_violations(live_server, page: Page, portal):
    axe = Axe()
    problems = {}
    for name, url in pages(live_server.url, portal).items():
        response = page.goto(url)
        assert response is not None and response.status == 200, name
        results = axe.run(page)
        serious = [v for v in results.response["violations"] if v.get("impact") in SERIOUS]
        if serious:
            problems[name] = [(v["id"], v["help"], len(v["nodes"])) for v in serious]
    assert problems == {}


def _transferred(page: Page, url: str) -> tuple[int, list[tuple[str, int]]]:
    """Bytes of the page and all its assets, each body gzipped at level 6 as served."""
    responses = []

    def collect(response) -> None:
        responses.append(response)

    page.on("response", collect)
    page.goto(url)
    page.wait_for_load_state("networkidle")
    sizes = []
    for response in responses:
        body = response.body()
        sizes.append((response.url, len(gzip.compress(body, compresslevel=6))))
    return sum(size for _url, size in sizes), sizes


@pytest.mark.parametrize("name", ["catalog", "search results", "innovation", "article"])
def test_pages_weigh_at_most_200_kb_compressed_with_all_assets(live_server, browser, portal, name):
    context = browser.new_context(locale="id-ID")  # a first visit: nothing cached
    page = context.new_page()
    total, sizes = _transferred(page, pages(live_server.url, portal)[name])
    context.close()
    assert len(sizes) >= 2  # the page and at least its stylesheet
    assert total <= MAX_PAGE_WEIGHT, sizes


def test_sharing_works_without_javascript_and_copies_with_it(live_server, browser, portal):
    url = pages(live_server.url, portal)["innovation"]
    context = browser.new_context(java_script_enabled=False, locale="id-ID")
    page = context.new_page()
    page.goto(url)
    expect(page.get_by_label("Tautan halaman ini")).to_have_value(
        f"http://127.0.0.1:8000/inovasi/{portal['innovation'].pk}/"
    )
    expect(page.get_by_role("button", name="Salin tautan")).to_be_hidden()
    expect(page.get_by_role("link", name="WhatsApp")).to_have_attribute(
        "href",
        f"https://wa.me/?text=Layanan+Antrean+Online+Puskesmas+0+http%3A%2F%2F127.0.0.1%3A8000%2Finovasi%2F{portal['innovation'].pk}%2F",
    )
    context.close()

    context = browser.new_context(locale="id-ID", permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(url)
    page.get_by_role("button", name="Salin tautan").click()
    expect(page.get_by_text("Tautan disalin")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()").endswith(
        f"/inovasi/{portal['innovation'].pk}/"
    )
    context.close()


def test_a_visitor_searches_filters_and_opens_an_innovation(live_server, page: Page, portal):
    page.goto(f"{live_server.url}/")
    page.get_by_role("searchbox", name="Cari inovasi").fill("antrian puskesmas")
    page.get_by_role("button", name="Cari", exact=True).click()
    expect(page.get_by_role("heading", name="14 inovasi")).to_be_visible()
    page.get_by_role("link", name="2023").first.click()
    expect(page.get_by_role("heading", name="5 inovasi")).to_be_visible()
    assert "tahun=2023" in page.url and "q=antrian" in page.url
    page.get_by_role("link", name="Layanan Antrean Online Puskesmas 0").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Layanan Antrean Online Puskesmas 0")
    expect(page.get_by_text("Sangat membantu ibu saya")).to_be_visible()
    expect(page.get_by_role("link", name="Daftar", exact=True)).to_be_visible()
