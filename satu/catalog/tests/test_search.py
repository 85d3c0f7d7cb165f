"""Indonesian search: morphology, spelling variants, prefixes, typos and ranking."""

import pytest

from satu.catalog.search import index_innovations, parse_query, ranked, rebuild_index
from satu.innovations.models import Innovation, Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalog(make_innovation):
    return {
        "antrean": make_innovation(
            "Antrean Online Poli Rawat Jalan", summary="Pasien mendaftar dari rumah."
        ),
        "layanan": make_innovation(
            "Layanan Jemput Bola Adminduk", summary="Petugas datang ke desa."
        ),
        "melayani": make_innovation(
            "Melayani dengan Hati di Puskesmas", summary="Budaya kerja ramah."
        ),
        "body_only": make_innovation(
            "Si Cantik", summary="Sistem informasi untuk pelayanan perizinan."
        ),
        "lapor": make_innovation("Lapor Mas Bupati", summary="Kanal pengaduan warga."),
        "draft": make_innovation("Layanan Rahasia Draf", status=Status.DRAFT),
    }


def names(queryset) -> list[str]:
    return list(queryset.values_list("name", flat=True))


def search_public(text: str) -> list[str]:
    return names(ranked(Innovation.objects.public(), text))


def test_pelayanan_finds_layanan_and_melayani_with_name_matches_first(catalog):
    found = search_public("pelayanan")
    assert set(found[:2]) == {"Layanan Jemput Bola Adminduk", "Melayani dengan Hati di Puskesmas"}
    assert "Si Cantik" in found  # mentioned only in its summary, so ranked after the names
    assert found.index("Si Cantik") > 1


def test_antrian_finds_antrean(catalog):
    assert search_public("antrian")[0] == "Antrean Online Poli Rawat Jalan"
    assert search_public("mengantri")[0] == "Antrean Online Poli Rawat Jalan"


def test_case_and_accents_do_not_matter(catalog):
    assert search_public("ANTRÉAN POLI")[0] == "Antrean Online Poli Rawat Jalan"


def test_a_word_prefix_matches(catalog):
    assert search_public("jemp")[0] == "Layanan Jemput Bola Adminduk"


def test_typos_in_names_are_tolerated(catalog):
    assert search_public("admnduk")[0] == "Layanan Jemput Bola Adminduk"
    assert search_public("lapor mas bupatti")[0] == "Lapor Mas Bupati"
    assert parse_query("bupatti").corrected == {"bupatti": ["bupati"]}


def test_all_words_must_match(catalog):
    assert search_public("antrean desa") == []
    assert search_public("jemput desa") == ["Layanan Jemput Bola Adminduk"]


def test_drafts_are_never_found_and_nonsense_finds_nothing(catalog):
    assert "Layanan Rahasia Draf" not in search_public("rahasia layanan")
    assert search_public("zzqxv") == []


def test_an_innovation_leaves_the_index_when_it_is_no_longer_public(
    catalog, django_capture_on_commit_callbacks
):
    innovation = catalog["lapor"]
    with django_capture_on_commit_callbacks(execute=True):
        innovation.status = Status.RETURNED
        innovation.save()
    assert search_public("lapor") == []
    with django_capture_on_commit_callbacks(execute=True):
        innovation.status = Status.ACCEPTED
        innovation.save()
    assert search_public("lapor") == ["Lapor Mas Bupati"]


def test_rebuilding_the_index_gives_the_same_results(catalog):
    before = search_public("pelayanan")
    assert rebuild_index() == 5
    assert search_public("pelayanan") == before
    assert index_innovations([]) == 0


def test_an_empty_query_returns_everything_unranked(catalog):
    assert len(search_public("")) == 5
