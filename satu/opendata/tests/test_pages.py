"""The public pages and files of /data/: stable addresses, types, caching, never-generated."""

import pytest
from django.urls import reverse

from satu.opendata.datasets import DATASETS
from satu.opendata.models import Publication

from .conftest import read_table

pytestmark = pytest.mark.django_db
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}


@pytest.mark.parametrize("slug", list(DATASETS))
@pytest.mark.parametrize("fmt", list(CONTENT_TYPES))
def test_every_file_answers_at_its_stable_address_with_its_type_and_name(demo, client, slug, fmt):
    response = client.get(f"/data/{slug}.{fmt}")
    assert response.status_code == 200
    assert response["Content-Type"] == CONTENT_TYPES[fmt]
    assert response["Content-Disposition"] == f'attachment; filename="{slug}.{fmt}"'
    assert "public" in response["Cache-Control"] and "max-age=3600" in response["Cache-Control"]
    content = b"".join(response.streaming_content)
    publication = Publication.objects.get(slug=slug)
    assert len(content) == publication.files[fmt]["size"] == int(response["Content-Length"])
    assert response["ETag"] == f'"{publication.files[fmt]["sha256"]}"'
    assert response["Last-Modified"]
    assert len(read_table(content, fmt)) == publication.rows


def test_a_file_not_changed_since_the_last_visit_answers_304(demo, client):
    first = client.get("/data/inovasi.csv")
    # Read to the end: that closes the file (response.close() would also drop the test's
    # database connection).
    b"".join(first.streaming_content)
    again = client.get("/data/inovasi.csv", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    since = client.get("/data/inovasi.csv", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304
    stale = client.get("/data/inovasi.csv", HTTP_IF_NONE_MATCH='"something-else"')
    assert stale.status_code == 200
    b"".join(stale.streaming_content)


def test_the_index_lists_every_dataset_with_its_files_in_indonesian(demo, client):
    response = client.get("/data/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Data Terbuka" in html
    assert "CC BY 4.0" in html and "Biro Organisasi" in html
    for slug in DATASETS:
        assert f'href="/data/{slug}/"' in html
        for fmt in CONTENT_TYPES:
            assert f'href="/data/{slug}.{fmt}"' in html
    assert "Harian" in html or "harian" in html


def test_the_index_runs_a_fixed_number_of_queries(demo, client, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        assert client.get("/data/").status_code == 200


def test_every_page_links_to_the_open_data_from_its_footer(demo, client):
    html = client.get("/").content.decode()
    assert f'href="{reverse("opendata:index")}"' in html


@pytest.mark.parametrize("slug", list(DATASETS))
def test_a_dataset_page_shows_its_dictionary_and_details(demo, client, slug):
    dataset = DATASETS[slug]()
    response = client.get(f"/data/{slug}/")
    assert response.status_code == 200
    html = response.content.decode()
    for column in dataset.columns:
        assert f"<code>{column.key}</code>" in html
    assert "Kamus data" in html and "Lisensi" in html and "Penerbit" in html
    rows = Publication.objects.get(slug=slug).rows
    assert f"{rows:,}".replace(",", ".") in html


def test_the_catalogue_lists_every_dataset_and_its_downloads(demo, client):
    response = client.get("/data/catalog.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    catalogue = response.json()
    assert catalogue["@type"] == "dcat:Catalog"
    assert catalogue["license"] == "https://creativecommons.org/licenses/by/4.0/"
    by_id = {dataset["identifier"]: dataset for dataset in catalogue["dataset"]}
    assert set(by_id) == set(DATASETS)
    for slug, dataset in by_id.items():
        assert dataset["accrualPeriodicity"] == "R/P1D"
        assert dataset["rows"] == Publication.objects.get(slug=slug).rows
        urls = {d["downloadURL"].split("/data/")[1] for d in dataset["distribution"]}
        assert urls == {f"{slug}.{fmt}" for fmt in CONTENT_TYPES}
        assert [c["name"] for c in dataset["describedBy"]] == DATASETS[slug]().keys()
        for distribution in dataset["distribution"]:
            assert distribution["byteSize"] > 0


def test_a_dataset_never_generated_answers_404_with_an_explanation(reference_data, client):
    Publication.objects.all().delete()
    response = client.get("/data/inovasi.csv")
    assert response.status_code == 404
    assert "belum dibuat" in response.content.decode()
    page = client.get("/data/inovasi/")
    assert page.status_code == 200
    assert "Belum dibuat" in page.content.decode()


@pytest.mark.parametrize(
    "path", ["/data/tidak-ada/", "/data/tidak-ada.csv", "/data/inovasi.pdf", "/data/inovasi.xml"]
)
def test_unknown_datasets_and_formats_answer_404(reference_data, client, path):
    assert client.get(path).status_code == 404


def test_the_files_are_read_only(demo, client):
    assert client.post("/data/inovasi.csv").status_code == 405
