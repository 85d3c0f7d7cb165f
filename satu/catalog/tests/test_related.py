"""Related innovations are stored when innovations change and equal a computation from scratch."""

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from satu.catalog.models import RelatedList
from satu.catalog.related import QUEUED_KEY, compute_related, stored_related
from satu.innovations.models import Innovation, Status
from satu.urusan.models import Urusan

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalog(make_innovation, agency_k):
    education = Urusan.objects.get(code=1)
    return {
        "antrean": make_innovation(
            "Antrean Online Poli Rawat Jalan", summary="Pasien mendaftar antrean dari rumah."
        ),
        "apotek": make_innovation("Antrean Obat Apotek", summary="Resep diantar ke rumah."),
        "keliling": make_innovation("Rawat Jalan Keliling Desa", programme_year=2024),
        "posyandu": make_innovation("Posyandu Online Balita", summary="Jadwal timbang."),
        "jemput": make_innovation("Jemput Bola Adminduk", agency=agency_k),
        "sampah": make_innovation("Jemput Sampah Rumah Tangga", main_urusan=education),
        "sekolah": make_innovation("Sekolah Ramah Anak", main_urusan=education),
        "draft": make_innovation("Antrean Rahasia Poli", status=Status.DRAFT),
    }


def assert_fresh() -> None:
    """Every public innovation's stored list equals its list computed from scratch."""
    public = list(Innovation.objects.public())
    assert public
    for innovation in public:
        assert stored_related(innovation) == compute_related(innovation), innovation.name
    assert not RelatedList.objects.exclude(innovation__in=Innovation.objects.public()).exists()


def names(ids: list[int] | None) -> list[str]:
    by_id = Innovation.objects.in_bulk(ids or [])
    return [by_id[pk].name for pk in ids or []]


def save(innovation: Innovation, capture, **changes: object) -> None:
    for field, value in changes.items():
        setattr(innovation, field, value)
    with capture(execute=True):
        innovation.save()


def test_lists_are_stored_as_innovations_are_created(catalog):
    assert_fresh()
    assert names(stored_related(catalog["antrean"]))[:2] == [
        "Rawat Jalan Keliling Desa",
        "Antrean Obat Apotek",
    ]


def test_publishing_an_innovation_brings_it_into_the_lists_it_belongs_to(
    catalog, django_capture_on_commit_callbacks
):
    draft = catalog["draft"]
    assert draft.pk not in stored_related(catalog["apotek"])
    save(draft, django_capture_on_commit_callbacks, status=Status.ACCEPTED)
    assert_fresh()
    assert draft.pk in stored_related(catalog["apotek"])
    assert stored_related(draft)


def test_editing_the_name_or_summary_recomputes_its_list_and_its_neighbours(
    catalog, django_capture_on_commit_callbacks
):
    posyandu = catalog["posyandu"]
    save(posyandu, django_capture_on_commit_callbacks, name="Antrean Posyandu Balita")
    assert_fresh()
    assert posyandu.pk in stored_related(catalog["apotek"])
    save(posyandu, django_capture_on_commit_callbacks, summary="Sampah ditimbang warga.")
    assert_fresh()
    assert catalog["sampah"].pk in stored_related(posyandu)


def test_an_agency_rename_recomputes_the_lists_its_innovations_may_enter(
    catalog, agency_k, django_capture_on_commit_callbacks
):
    jemput = catalog["jemput"]
    assert jemput.pk not in stored_related(catalog["keliling"])
    agency_k.name = "Dinas Keliling Desa"
    with django_capture_on_commit_callbacks(execute=True):
        agency_k.save()
    assert_fresh()
    assert jemput.pk in stored_related(catalog["keliling"])


def test_unpublishing_a_related_innovation_takes_it_out_of_every_list(
    catalog, client, django_capture_on_commit_callbacks
):
    apotek = catalog["apotek"]
    assert apotek.pk in stored_related(catalog["antrean"])
    save(apotek, django_capture_on_commit_callbacks, status=Status.WITHDRAWN)
    assert_fresh()
    assert not RelatedList.objects.filter(pk=apotek.pk).exists()
    assert apotek.pk not in stored_related(catalog["antrean"])


def test_deleting_a_related_innovation_takes_it_out_of_every_list(
    catalog, django_capture_on_commit_callbacks
):
    apotek = catalog["apotek"]
    with django_capture_on_commit_callbacks(execute=True):
        apotek.delete()
    assert_fresh()
    assert apotek.pk not in stored_related(catalog["antrean"])


def test_the_page_never_shows_an_innovation_that_stopped_being_public(catalog, client):
    apotek = catalog["apotek"]
    # Past the signals, as a bulk update would: the stored list still holds it.
    Innovation.objects.filter(pk=apotek.pk).update(status=Status.WITHDRAWN)
    assert apotek.pk in stored_related(catalog["antrean"])
    related = client.get(f"/inovasi/{catalog['antrean'].pk}/").context["related"]
    assert apotek not in related
    assert len(related) == 4
    Innovation.objects.filter(pk=apotek.pk).delete()
    assert len(client.get(f"/inovasi/{catalog['antrean'].pk}/").context["related"]) == 4


def test_the_page_reads_the_stored_list_without_searching(catalog, client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/inovasi/{catalog['antrean'].pk}/")
    assert [item.name for item in response.context["related"][:2]] == [
        "Rawat Jalan Keliling Desa",
        "Antrean Obat Apotek",
    ]
    assert "Antrean Obat Apotek" in response.content.decode()
    sql = " ".join(query["sql"] for query in queries.captured_queries)
    assert "catalog_related" in sql
    assert "catalog_search" not in sql


def test_the_related_block_costs_two_queries(catalog, django_assert_max_num_queries):
    from satu.catalog.related import related_innovations

    with django_assert_max_num_queries(2):
        related = related_innovations(catalog["antrean"])
    assert len(related) == 4


def test_a_missing_list_shows_the_urusan_and_is_computed_once_in_the_background(
    catalog, client, django_capture_on_commit_callbacks
):
    antrean = catalog["antrean"]
    RelatedList.objects.filter(pk=antrean.pk).delete()
    cache.delete(QUEUED_KEY.format(antrean.pk))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        related = client.get(f"/inovasi/{antrean.pk}/").context["related"]
        client.get(f"/inovasi/{antrean.pk}/")
    # The same urusan (health), newest first, and no search.
    assert [item.name for item in related] == [
        "Jemput Bola Adminduk",
        "Posyandu Online Balita",
        "Antrean Obat Apotek",
        "Rawat Jalan Keliling Desa",
    ]
    assert len(callbacks) == 1  # the second view found the task already queued
    callbacks[0]()
    assert stored_related(antrean) == compute_related(antrean)


@pytest.mark.parametrize("option", [[], ["--all"]])
def test_the_bulk_command_fills_every_list(catalog, option):
    RelatedList.objects.filter(pk=catalog["antrean"].pk).delete()
    if option:
        RelatedList.objects.all().delete()
    call_command("refresh_related", *option, stdout=None)
    assert_fresh()
