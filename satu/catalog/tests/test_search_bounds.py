"""A search's work is bounded: a common word ranks once and keeps only the best matches."""

import re
from html import unescape

import pytest
from django.db import connection

from satu.catalog import search
from satu.catalog.api_search import filter_innovations
from satu.catalog.facets import compute_facets
from satu.catalog.models import SearchDocument
from satu.catalog.search import find, newest_matches, parse_query
from satu.innovations.models import Innovation

pytestmark = pytest.mark.django_db

POSTGRESQL = connection.vendor == "postgresql"


@pytest.fixture
def common_word(make_innovation, agency_k):
    """Six innovations with 'layanan' in the body, two with it in the name too."""
    made = [
        make_innovation(f"Inovasi Desa {number}", summary="Layanan warga di desa.")
        for number in range(4)
    ]
    made.append(make_innovation("Layanan Jemput Bola", summary="Layanan di rumah warga."))
    made.append(
        make_innovation("Layanan Antar Obat", agency=agency_k, summary="Layanan apotek keliling.")
    )
    return made


def titles(response) -> list[str]:
    html = response.content.decode()
    return [unescape(t) for t in re.findall(r'<h2><a href="/inovasi/\d+/">([^<]+)</a></h2>', html)]


def test_a_search_matching_more_than_the_cap_keeps_only_the_best(settings, common_word):
    settings.SATU_SEARCH_MAX_CANDIDATES = 2
    found = find(Innovation.objects.public(), "layanan")
    assert found.capped and found.limit == 2
    # The two with the word in the name too rank first; the other four are left out.
    assert {innovation.name for innovation in found.results} == {
        "Layanan Antar Obat",
        "Layanan Jemput Bola",
    }
    assert found.candidates.count() == 2


def test_a_search_under_the_cap_is_not_capped(settings, common_word):
    settings.SATU_SEARCH_MAX_CANDIDATES = 6
    found = find(Innovation.objects.public(), "layanan")
    assert not found.capped
    assert len(found.results) == 6


def test_the_catalog_says_when_a_search_was_capped(client, settings, common_word):
    settings.SATU_SEARCH_MAX_CANDIDATES = 3
    response = client.get("/inovasi/", {"q": "layanan"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Lebih dari 3 inovasi cocok" in html
    assert "3 inovasi" in html
    assert set(titles(response)[:2]) == {"Layanan Jemput Bola", "Layanan Antar Obat"}
    assert len(titles(response)) == 3

    settings.SATU_SEARCH_MAX_CANDIDATES = 1000
    response = client.get("/inovasi/", {"q": "layanan"})
    assert "Lebih dari" not in response.content.decode()
    assert len(titles(response)) == 6


def test_other_sorts_order_the_capped_best_matches(client, settings, common_word):
    settings.SATU_SEARCH_MAX_CANDIDATES = 2
    response = client.get("/inovasi/", {"q": "layanan", "urutan": "nama"})
    assert titles(response) == ["Layanan Antar Obat", "Layanan Jemput Bola"]


def test_facets_count_only_the_capped_candidates(client, settings, common_word):
    settings.SATU_SEARCH_MAX_CANDIDATES = 2
    response = client.get("/inovasi/", {"q": "layanan"})
    years = next(facet for facet in response.context["facets"] if facet.param == "tahun")
    assert sum(value.count for value in years.values) == 2


def test_facets_counted_in_memory_match_the_database(common_word, agency_k):
    found = find(Innovation.objects.public(), "layanan")

    def flat(facets):
        return [(f.param, [(v.value, v.label, v.count) for v in f.values]) for f in facets]

    in_memory = compute_facets(found.candidates, {}, bounded=True)
    in_database = compute_facets(found.candidates, {}, bounded=False)
    assert flat(in_memory) == flat(in_database)
    assert len(dict(flat(in_memory))["opd"]) == 2


def test_the_api_count_is_capped(client, settings, common_word):
    settings.SATU_SEARCH_MAX_CANDIDATES = 2
    body = client.get("/api/v1/innovations", {"q": "layanan"}).json()
    assert body["count"] == 2
    assert {item["name"] for item in body["results"]} == {
        "Layanan Jemput Bola",
        "Layanan Antar Obat",
    }
    assert len(filter_innovations(Innovation.objects.public(), "layanan")) == 2


def test_a_search_page_runs_a_bounded_number_of_queries(
    client, settings, common_word, make_innovation, django_assert_max_num_queries
):
    settings.SATU_SEARCH_MAX_CANDIDATES = 3
    for number in range(20):
        make_innovation(f"Layanan Tambahan {number}", summary="Layanan warga.")
    client.get("/inovasi/", {"q": "layanan"})  # warm the vocabulary cache
    with django_assert_max_num_queries(6):
        response = client.get("/inovasi/", {"q": "layanan", "page": 2})
    assert response.status_code == 200
    with django_assert_max_num_queries(6):
        assert client.get("/api/v1/innovations", {"q": "layanan"}).json()["count"] == 3


@pytest.fixture
def old_name_match(make_innovation):
    """The oldest innovation has the word in its name; five newer ones only in the body."""
    oldest = make_innovation("Layanan Tertua", summary="Loket keliling.")
    newer = [
        make_innovation(f"Inovasi Baru {number}", summary="Layanan warga di kelurahan.")
        for number in range(5)
    ]
    return oldest, newer


def test_past_the_rank_window_only_the_newest_and_the_name_matches_are_ranked(
    settings, old_name_match, django_assert_max_num_queries
):
    oldest, newer = old_name_match
    settings.SATU_SEARCH_RANK_WINDOW = 2
    # The vocabulary, the window test, the two windows, the filters: never one per match.
    # PostgreSQL asks for an estimate before each window and ranks both in one more query.
    with django_assert_max_num_queries(7 if POSTGRESQL else 5):
        found = find(Innovation.objects.public(), "layanan")
    names = [innovation.name for innovation in found.results]
    # The old name match still ranks first; of the body-only matches, only the newest two were
    # ranked at all.
    assert names[0] == "Layanan Tertua"
    assert sorted(names[1:]) == sorted([newer[4].name, newer[3].name])


def test_under_the_rank_window_every_match_is_ranked(settings, old_name_match):
    oldest, newer = old_name_match
    settings.SATU_SEARCH_RANK_WINDOW = 6
    found = find(Innovation.objects.public(), "layanan")
    assert [innovation.name for innovation in found.results][0] == "Layanan Tertua"
    assert len(found.results) == 6


def test_the_rank_window_keeps_the_callers_filters(settings, old_name_match, agency_a):
    settings.SATU_SEARCH_RANK_WINDOW = 2
    others = Innovation.objects.public().exclude(name="Layanan Tertua")
    found = find(others, "layanan")
    assert "Layanan Tertua" not in [innovation.name for innovation in found.results]
    assert len(found.results) == 2


# PostgreSQL finds the newest matches either by walking the documents newest first or through
# the GIN index alone, chosen by the planner's estimate (``search._newest_postgres``); both ways
# must give the same documents. SQLite has one way, checked by the same tests.
WAYS = {"walk": 0, "gin index": 10**9}


@pytest.mark.parametrize("way", WAYS)
def test_both_ways_to_the_newest_matches_agree(monkeypatch, way, old_name_match, make_innovation):
    make_innovation("Pasar Rakyat", summary="Pasar tradisional.")
    monkeypatch.setattr(search, "WALK_AFTER_MATCHES_PER_ROW", WAYS[way])
    matching = Innovation.objects.filter(search_document__body_terms__contains="layan")
    expected = list(matching.order_by("-pk").values_list("pk", flat=True)[:3])
    assert newest_matches(parse_query("layanan"), 3) == expected
    assert newest_matches(parse_query("pasar"), 3) == [
        Innovation.objects.get(name="Pasar Rakyat").pk
    ]


@pytest.mark.parametrize("way", WAYS)
def test_both_ways_rank_the_same_window(monkeypatch, settings, way, old_name_match):
    oldest, newer = old_name_match
    settings.SATU_SEARCH_RANK_WINDOW = 2
    monkeypatch.setattr(search, "WALK_AFTER_MATCHES_PER_ROW", WAYS[way])
    names = [innovation.name for innovation in find(Innovation.objects.public(), "layanan").results]
    assert names[0] == "Layanan Tertua"
    assert sorted(names[1:]) == sorted([newer[4].name, newer[3].name])


@pytest.mark.skipif(not POSTGRESQL, reason="the name vector and TOAST storage are PostgreSQL's")
def test_the_name_has_its_own_vector_and_the_rows_stay_narrow(old_name_match):
    oldest, _newer = old_name_match
    document = SearchDocument.objects.get(innovation=oldest)
    assert document.name_vector == "'layan':2 'layanan':1 'tertua':3 'tua':4"
    with connection.cursor() as cursor:
        cursor.execute("SELECT reloptions FROM pg_class WHERE relname = 'catalog_searchdocument'")
        assert "toast_tuple_target=256" in cursor.fetchone()[0]


@pytest.mark.skipif(not POSTGRESQL, reason="planner settings are PostgreSQL's")
def test_reading_through_the_gin_index_leaves_the_planner_settings_alone(
    monkeypatch, old_name_match
):
    monkeypatch.setattr(search, "WALK_AFTER_MATCHES_PER_ROW", WAYS["gin index"])
    assert newest_matches(parse_query("layanan"), 2)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_setting('enable_indexscan'), current_setting('enable_seqscan')"
        )
        assert cursor.fetchone() == ("on", "on")
