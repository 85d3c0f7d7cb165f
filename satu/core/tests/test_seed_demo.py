import io

import pytest
from django.core.management import call_command

from satu.accounts.models import Membership, User
from satu.agencies.models import Agency, AgencyType, ServiceUnit
from satu.regions.models import Region

pytestmark = pytest.mark.django_db


def counts() -> tuple[int, ...]:
    return (
        Agency.objects.count(),
        ServiceUnit.objects.count(),
        User.objects.count(),
        Membership.objects.count(),
        Region.objects.count(),
    )


def test_seed_demo_gives_the_province_about_a_thousand_agencies(reference_data):
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    province = Region.objects.get(code="33")
    local = Agency.objects.in_region(province).exclude(region=province)
    assert Agency.objects.in_region(province).count() >= 1000
    for region in province.children.all():
        assert local.filter(region=region, type=AgencyType.RSUD).exists(), region
        assert local.filter(region=region, type=AgencyType.KECAMATAN).exists(), region
        assert local.filter(region=region, abbreviation="DINKES").exists(), region
    assert "sekretariat@satuinovasi.test" in out.getvalue()
    assert "sekretariat@satuinovasi.test" in out.getvalue().split("Demo accounts")[1]


def test_seed_demo_twice_duplicates_nothing(reference_data):
    call_command("seed_demo", stdout=io.StringIO())
    first = counts()
    call_command("load_reference_data", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())
    assert counts() == first
