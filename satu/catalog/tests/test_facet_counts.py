"""The stored facet counts equal the facets counted from the innovations after every change."""

import pytest
from django.core.management import call_command

from satu.agencies.models import AgencyType
from satu.innovations.models import Innovation, Stage, Status
from satu.urusan.models import Urusan

from .. import facetcounts
from ..facets import compute_facets, unfiltered_facets
from ..models import FacetCount

pytestmark = pytest.mark.django_db


def shown(facets) -> list:
    return [(f.param, [(v.value, v.label, v.count) for v in f.values]) for f in facets]


def assert_in_step() -> None:
    public = Innovation.objects.public()
    total, stored = unfiltered_facets(public, {})
    assert total == public.count()
    assert shown(stored) == shown(compute_facets(public, {}))


@pytest.fixture
def catalog(make_innovation, agency_k):
    education = Urusan.objects.get(code=1)
    return [
        make_innovation("Antrean Online Poli", is_digital=True),
        make_innovation("Rawat Jalan Keliling", programme_year=2024, stage="uji_coba"),
        make_innovation("Jemput Bola Adminduk", agency=agency_k),
        make_innovation("Sekolah Ramah Anak", main_urusan=education, form="tata_kelola"),
        make_innovation("Antrean Rahasia", status=Status.DRAFT),
    ]


def save(innovation: Innovation, capture, **changes: object) -> None:
    for field, value in changes.items():
        setattr(innovation, field, value)
    with capture(execute=True):
        innovation.save()


def test_publishing_editing_and_withdrawing_keep_the_counts(
    catalog, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    assert_in_step()
    first = Innovation.objects.get(pk=catalog[0].pk)
    save(first, capture, programme_year=2023, stage=Stage.INITIATIVE, is_digital=False)
    assert_in_step()
    save(first, capture, status=Status.WITHDRAWN)
    assert_in_step()
    save(Innovation.objects.get(pk=catalog[4].pk), capture, status=Status.ACCEPTED)
    assert_in_step()


def test_an_agency_changing_type_moves_its_innovations(
    catalog, agency_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        agency_a.type = AgencyType.BADAN if agency_a.type != AgencyType.BADAN else AgencyType.DINAS
        agency_a.save()
    assert_in_step()


def test_deleting_an_innovation_takes_it_out_of_the_counts(
    catalog, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        Innovation.objects.get(pk=catalog[1].pk).delete()
    assert_in_step()


def test_a_rebuild_recounts_from_scratch_and_the_recount_heals_drift(catalog):
    FacetCount.objects.filter(facet="tahun").update(count=999)
    with pytest.raises(AssertionError):
        assert_in_step()
    call_command("rebuild_search_index", verbosity=0)
    assert_in_step()
    FacetCount.objects.all().delete()
    facetcounts.rebuild()
    assert_in_step()


def test_the_catalog_page_reads_the_counts_and_shows_the_total(client, catalog):
    FacetCount.objects.filter(facet="tahun").update(count=40)  # a tell-tale total
    years = FacetCount.objects.filter(facet="tahun", count__gt=0).count()
    response = client.get("/inovasi/")
    assert response.status_code == 200
    assert response.context["page_obj"].paginator.count == 40 * years
    # A filtered catalog counts its innovations directly.
    filtered = client.get("/inovasi/?digital=ya")
    assert filtered.context["page_obj"].paginator.count == (
        Innovation.objects.public().filter(is_digital=True).count()
    )


def test_the_home_page_shows_the_kept_number_of_public_innovations(
    client, catalog, django_capture_on_commit_callbacks
):
    assert facetcounts.public_total() == Innovation.objects.public().count() == 4
    save(Innovation.objects.get(pk=catalog[0].pk), django_capture_on_commit_callbacks,
         status=Status.WITHDRAWN)  # fmt: skip
    assert facetcounts.public_total() == Innovation.objects.public().count() == 3
    response = client.get("/")
    assert "Lihat semua 3 inovasi" in response.content.decode()


def test_the_agency_facet_shows_the_fifteen_largest_ties_broken_by_name(reference_data, province):
    from satu.agencies.models import Agency

    from ..facets import AGENCY_FACET_SIZE

    counts = [9, 8, 8] + [5] * 20 + [2, 1]  # ties across the fifteenth place
    agencies = [
        Agency.objects.create(
            name=f"Dinas Uji {chr(ord('Z') - index)}",
            abbreviation=f"DU{index}",
            type=AgencyType.DINAS,
            region=province,
        )  # fmt: skip
        for index in range(len(counts))
    ]
    FacetCount.objects.bulk_create(
        FacetCount(facet="opd", value=str(agency.pk), count=n)
        for agency, n in zip(agencies, counts, strict=True)
    )
    _total, groups = facetcounts.unfiltered_facets()
    expected = sorted(
        ((str(a.pk), a.name, n) for a, n in zip(agencies, counts, strict=True)),
        key=lambda row: (-row[2], row[1]),
    )[:AGENCY_FACET_SIZE]
    assert groups["opd"] == expected
    assert [n for _pk, _name, n in groups["opd"]] == [9, 8, 8] + [5] * 12
