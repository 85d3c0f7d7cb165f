import pytest
from django.core.management import call_command

from satu.agencies.models import Agency
from satu.regions.models import Region, RegionKind
from satu.regions.services import load_regions
from satu.urusan.models import Urusan

JATENG_CODES = [f"33.{n:02d}" for n in range(1, 30)] + [f"33.{n}" for n in range(71, 77)]

pytestmark = pytest.mark.django_db


def test_all_provinces_and_kabupaten_kota_of_indonesia_are_loaded(reference_data):
    assert Region.objects.provinces().count() == 38
    assert Region.objects.local().count() == 514


def test_jawa_tengah_has_its_35_kabupaten_kota_with_kemendagri_codes(province):
    codes = list(province.children.values_list("code", flat=True))
    assert codes == JATENG_CODES
    assert province.children.filter(kind=RegionKind.CITY).count() == 6


def test_names_are_shown_in_proper_case(reference_data):
    assert Region.objects.get(code="33.01").name == "Kabupaten Cilacap"
    assert Region.objects.get(code="33.74").name == "Kota Semarang"
    assert Region.objects.get(code="31").name == "DKI Jakarta"
    assert Region.objects.get(code="73.10").name == "Kabupaten Pangkajene dan Kepulauan"


def test_loading_again_changes_nothing(reference_data):
    before = Region.objects.count(), Agency.objects.count(), Urusan.objects.count()
    result = load_regions()
    call_command("load_reference_data", verbosity=0)
    assert result.created == 0 and result.updated == 0
    assert (Region.objects.count(), Agency.objects.count(), Urusan.objects.count()) == before


def test_a_changed_name_is_updated_in_place_keeping_links(reference_data):
    cilacap = Region.objects.get(code="33.01")
    agency = Agency.objects.create(
        name="Dinas Uji", abbreviation="UJI", type="dinas", region=cilacap
    )
    Region.objects.filter(pk=cilacap.pk).update(name="KABUPATEN CILACAP LAMA")
    result = load_regions()
    assert result.updated == 1
    cilacap.refresh_from_db()
    assert cilacap.name == "Kabupaten Cilacap"
    agency.refresh_from_db()
    assert agency.region_id == cilacap.pk


def test_provincial_agencies_and_urusan_are_loaded(province):
    moewardi = Agency.objects.get(region=province, abbreviation="MOEWARDI")
    assert moewardi.name == "RSUD dr. Moewardi"
    assert moewardi.type == "rsud"
    assert Agency.objects.filter(region=province).count() == 53
    biro = Agency.objects.get(region=province, abbreviation="ORGANISASI")
    assert biro.parent.abbreviation == "SETDA"
    assert Urusan.objects.count() == 38
    assert Urusan.objects.filter(basic_service=True).count() == 6


def test_a_province_with_its_children_and_its_agencies(province):
    """``with_children`` is the province and its kabupaten/kota; ``Agency.in_region`` reads
    the agencies of those regions through it."""
    regions = Region.objects.with_children(province)
    assert set(regions.values_list("code", flat=True)) == {
        province.code,
        *province.children.values_list("code", flat=True),
    }
    kota = province.children.get(code="33.74")
    assert set(Region.objects.with_children(kota)) == {kota}
    elsewhere = Region.objects.provinces().exclude(pk=province.pk).first()
    outside = Agency.objects.create(
        name="Dinas Luar", abbreviation="DL", type="dinas", region=elsewhere
    )
    inside = Agency.objects.create(name="Dinas Kota", abbreviation="DK", type="dinas", region=kota)
    agencies = set(Agency.objects.in_region(province))
    assert inside in agencies
    assert outside not in agencies
    assert agencies == set(Agency.objects.filter(region__in=regions))
