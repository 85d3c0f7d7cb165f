"""The catalog page, the innovation page, the sitemap and the API's search hook."""

import datetime
import re
from html import unescape

import pytest
from django.core.files.base import ContentFile

from satu.catalog.api_search import filter_innovations
from satu.catalog.public import evidence_link, share_links
from satu.innovations.models import Evidence, Innovation, Status
from satu.urusan.models import Urusan

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalog(make_innovation, agency_b, agency_k):
    education = Urusan.objects.get(code=1)
    return {
        "antrean": make_innovation(
            "Antrean Online Poli Rawat Jalan",
            summary="Pasien mendaftar dari rumah.",
            is_digital=True,
            programme_year=2025,
        ),
        "jemput": make_innovation(
            "Layanan Jemput Bola Adminduk",
            agency=agency_k,
            programme_year=2024,
            stage="uji_coba",
        ),
        "rsud": make_innovation(
            "Pelayanan Resep Obat Antar ke Rumah",
            agency=agency_b,
            form="tata_kelola",
            programme_year=2025,
        ),
        "sekolah": make_innovation(
            "Sekolah Ramah Anak", main_urusan=education, programme_year=2023
        ),
        "draft": make_innovation("Antrean Rahasia", status=Status.DRAFT),
    }


def titles(response) -> list[str]:
    html = response.content.decode()
    return [unescape(t) for t in re.findall(r'<h2><a href="/inovasi/\d+/">([^<]+)</a></h2>', html)]


def test_the_catalog_lists_public_innovations_only(client, catalog):
    response = client.get("/inovasi/")
    assert response.status_code == 200
    found = titles(response)
    assert len(found) == 4 and "Antrean Rahasia" not in found
    assert "<title>Katalog inovasi" in response.content.decode()


def test_search_understands_indonesian_and_ranks_the_best_first(client, catalog):
    assert titles(client.get("/inovasi/", {"q": "antrian"}))[0] == "Antrean Online Poli Rawat Jalan"
    assert titles(client.get("/inovasi/", {"q": "melayani"}))[:2] == [
        "Layanan Jemput Bola Adminduk",
        "Pelayanan Resep Obat Antar ke Rumah",
    ]
    html = client.get("/inovasi/", {"q": "admnduk"}).content.decode()
    assert "Layanan Jemput Bola Adminduk" in html
    assert "Maksud Anda" in html and "adminduk" in html


def test_facets_count_the_filtered_innovations_and_filters_combine(client, catalog):
    response = client.get("/inovasi/", {"tahun": "2025"})
    facets = {facet.param: facet for facet in response.context["facets"]}
    assert {v.label: v.count for v in facets["tahun"].values} == {"2025": 2}
    assert {v.label: v.count for v in facets["digital"].values} == {"Digital": 1, "Non-digital": 1}
    jenis = {v.value: v.count for v in facets["jenis"].values}
    assert jenis == {"dinas": 1, "rsud": 1}
    assert facets["tahun"].selected.value == "2025"

    response = client.get("/inovasi/", {"tahun": "2025", "jenis": "rsud"})
    assert titles(response) == ["Pelayanan Resep Obat Antar ke Rumah"]
    response = client.get("/inovasi/", {"wilayah": "33.74"})
    assert titles(response) == ["Layanan Jemput Bola Adminduk"]
    response = client.get("/inovasi/", {"urusan": "1", "q": "sekolah"})
    assert titles(response) == ["Sekolah Ramah Anak"]
    response = client.get("/inovasi/", {"tahapan": "uji_coba", "digital": "tidak"})
    assert titles(response) == ["Layanan Jemput Bola Adminduk"]
    response = client.get("/inovasi/", {"bentuk": "tata_kelola"})
    assert titles(response) == ["Pelayanan Resep Obat Antar ke Rumah"]


def test_every_facet_link_is_a_shareable_url_that_keeps_the_other_parameters(client, catalog):
    response = client.get("/inovasi/", {"q": "layanan", "urutan": "nama"})
    facets = {facet.param: facet for facet in response.context["facets"]}
    link = facets["tahun"].values[0].url
    assert link.startswith("/inovasi/?") and "q=layanan" in link and "urutan=nama" in link
    assert client.get(link).status_code == 200


def test_invalid_parameters_are_ignored_not_refused(client, catalog):
    response = client.get("/inovasi/", {"tahun": "abc", "jenis": "x", "urutan": "?", "page": "99"})
    assert response.status_code == 200
    assert len(titles(response)) == 4


def test_sorting_by_name_newest_and_most_read(client, catalog):
    from satu.catalog.models import ReadCount

    ReadCount.objects.create(kind="innovation", object_id=catalog["sekolah"].pk, count=50)
    ReadCount.objects.create(kind="innovation", object_id=catalog["rsud"].pk, count=10)
    assert titles(client.get("/inovasi/", {"urutan": "populer"}))[:2] == [
        "Sekolah Ramah Anak",
        "Pelayanan Resep Obat Antar ke Rumah",
    ]
    assert (
        titles(client.get("/inovasi/", {"urutan": "nama"}))[0] == "Antrean Online Poli Rawat Jalan"
    )
    assert titles(client.get("/inovasi/"))[-1] == "Sekolah Ramah Anak"  # newest year first
    assert "dibaca 50 kali" in client.get("/inovasi/").content.decode()


def test_empty_results_offer_ways_out(client, catalog):
    response = client.get("/inovasi/", {"q": "antrean", "tahun": "2023"})
    html = response.content.decode()
    assert titles(response) == []
    assert "Tidak ada inovasi yang cocok" in html
    assert 'href="/inovasi/?q=antrean"' in html  # drop the year filter
    assert "Hapus semua filter" in html


def test_the_catalog_page_makes_a_fixed_number_of_queries(
    client, catalog, make_innovation, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12) as few:
        client.get("/inovasi/", {"q": "layanan"})
    for number in range(30):
        make_innovation(f"Layanan Nomor {number}", programme_year=2020 + number % 6)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/inovasi/", {"q": "layanan"})
    assert response.context["page_obj"].paginator.count == 32


def test_pagination_keeps_the_search(client, make_innovation):
    for number in range(14):
        make_innovation(f"Layanan Nomor {number}")
    html = client.get("/inovasi/", {"q": "layanan"}).content.decode()
    assert 'href="?page=2&amp;q=layanan"' in html
    second = client.get("/inovasi/", {"q": "layanan", "page": "2"})
    assert len(titles(second)) == 2
    assert '<link rel="canonical" href="http://127.0.0.1:8000/inovasi/?page=2&amp;q=layanan">' in (
        second.content.decode()
    )


def test_the_innovation_page_shows_the_public_profile(client, catalog):
    innovation = catalog["antrean"]
    Evidence.objects.create(
        innovation=innovation,
        kind="media",
        title="Liputan TV",
        url="https://tv.example/a",
        is_public=True,
    )
    Evidence.objects.create(
        innovation=innovation, kind="report", title="Laporan Internal", url="https://x.example/b"
    )
    response = client.get(f"/inovasi/{innovation.pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Antrean Online Poli Rawat Jalan — Dinas Kesehatan" in html
    assert "Liputan TV" in html and "Laporan Internal" not in html
    assert f'<link rel="canonical" href="http://127.0.0.1:8000/inovasi/{innovation.pk}/">' in html
    assert '<meta property="og:title" content="Antrean Online Poli Rawat Jalan">' in html
    # A data block, never executed: it needs no nonce, so the page can be cached whole.
    assert '<script type="application/ld+json">' in html
    assert '"@type": "CreativeWork"' in html
    assert "dibaca 0 kali" in html
    assert "https://wa.me/?text=Antrean+Online+Poli+Rawat+Jalan+http%3A%2F%2F127.0.0.1" in html


def test_an_innovation_that_is_not_public_answers_404(client, catalog):
    assert client.get(f"/inovasi/{catalog['draft'].pk}/").status_code == 404
    assert client.get("/inovasi/999999/").status_code == 404


def test_related_innovations_share_words_or_the_urusan(client, catalog, make_innovation):
    education = Urusan.objects.get(code=1)
    make_innovation("Jemput Sampah Rumah Tangga", main_urusan=education)
    response = client.get(f"/inovasi/{catalog['jemput'].pk}/")
    related = [item.name for item in response.context["related"]]
    assert related[0] == "Jemput Sampah Rumah Tangga"  # shares the word "jemput"
    assert set(related[1:]) == {  # then the same urusan (health)
        "Antrean Online Poli Rawat Jalan",
        "Pelayanan Resep Obat Antar ke Rumah",
    }
    assert "Sekolah Ramah Anak" not in related  # neither words nor urusan in common


def _evidence(innovation, url: str = "") -> Evidence:
    evidence = Evidence(innovation=innovation, kind="decree", title="SK", url=url)
    evidence.file.save("sk.pdf", ContentFile(b"%PDF-1.4"), save=False)
    evidence.save()
    return evidence


def test_evidence_files_link_to_the_registry_view_and_links_to_their_address(catalog):
    evidence = _evidence(catalog["antrean"], url="https://jdih.example/sk")
    assert evidence_link(evidence) == f"/berkas/bukti/{evidence.pk}/"
    link_only = Evidence(
        innovation=catalog["antrean"], kind="media", title="TV", url="https://tv.example/"
    )
    assert evidence_link(link_only) == "https://tv.example/"


def test_share_links_are_encoded_plain_links():
    links = {
        link["name"]: link["url"] for link in share_links("https://a.example/x?y=1&z=2", "A & B")
    }
    assert (
        links["Facebook"]
        == "https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fa.example%2Fx%3Fy%3D1%26z%3D2"
    )
    assert links["X"].startswith("https://x.com/intent/post?url=https%3A%2F%2F")
    assert "text=A+%26+B" in links["Telegram"]


def test_the_sitemap_lists_public_pages_with_the_configured_address(client, catalog, make_article):
    article = make_article("Kabar Inovasi", slug="kabar-inovasi")
    body = client.get("/sitemap.xml").content.decode()
    assert f"<loc>http://127.0.0.1:8000/inovasi/{catalog['antrean'].pk}/</loc>" in body
    assert f"/inovasi/{catalog['draft'].pk}/<" not in body
    assert f"<loc>http://127.0.0.1:8000/berita/{article.pk}/kabar-inovasi/</loc>" in body
    assert "<loc>http://127.0.0.1:8000/berita/</loc>" in body


def test_robots_txt_points_at_the_sitemap(client):
    body = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://127.0.0.1:8000/sitemap.xml" in body
    assert "Disallow: /kelola/" in body


def test_the_home_page_shows_the_latest_innovations_and_news(client, catalog, make_article):
    make_article("Kabar Inovasi Terbaru", slug="kabar")
    html = client.get("/").content.decode()
    assert "Inovasi terbaru" in html and "Antrean Online Poli Rawat Jalan" in html
    assert "Kabar Inovasi Terbaru" in html
    assert "Antrean Rahasia" not in html
    assert 'action="/inovasi/"' in html


def test_the_api_filter_uses_the_same_search_and_ranking(catalog):
    public = Innovation.objects.public()
    found = [innovation.name for innovation in filter_innovations(public, "pelayanan")]
    assert found[:2] == ["Layanan Jemput Bola Adminduk", "Pelayanan Resep Obat Antar ke Rumah"]
    assert list(filter_innovations(public, "antrian"))[0].rank > 0
    assert filter_innovations(public, "  ").count() == 4
    assert filter_innovations(public, None) is public
    assert "Antrean Rahasia" not in [
        innovation.name for innovation in filter_innovations(Innovation.objects.public(), "antrean")
    ]


def test_the_structured_data_dates_an_innovation_by_the_provinces_calendar(client, catalog):
    innovation = catalog["antrean"]
    # Registered at 05:30 WIB on 1 January, still 31 December in UTC; no launch date yet.
    type(innovation).objects.filter(pk=innovation.pk).update(
        launch_date=None, created_at=datetime.datetime(2026, 12, 31, 22, 30, tzinfo=datetime.UTC)
    )
    html = client.get(f"/inovasi/{innovation.pk}/").content.decode()
    assert '"dateCreated": "2027-01-01"' in html
