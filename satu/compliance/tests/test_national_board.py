"""A national install (no home province) shows one board over every agency of Indonesia."""

import pytest

from satu.regions.models import Region

from ..board import compute_board
from ..scale import generate

pytestmark = pytest.mark.django_db


@pytest.fixture
def national(settings, year):
    settings.SATU_HOME_REGION_CODE = ""
    jateng = Region.objects.get(code="33")
    aceh = Region.objects.get(code="11")
    regions = [jateng, *jateng.children.all()[:3], aceh, *aceh.children.all()[:2]]
    generate(year, agencies=120, regions=regions, seed=5, prefix="NAT")
    return year


def test_the_national_board_has_one_row_per_province_adding_up_its_kabupaten_kota(national):
    board = compute_board(national, scope=None)
    assert [row.code for row in board.regions] == ["11", "33"]
    jateng = compute_board(national, scope=None, region=Region.objects.get(code="33"))
    by_region = compute_board(national, scope=Region.objects.get(code="33"))
    # A province on the national board stands for itself and its kabupaten/kota.
    assert jateng.totals == by_region.totals
    assert board.totals.obliged == sum(row.counts.obliged for row in board.regions)


def test_the_national_board_page_and_api_answer_without_a_home_province(client, national):
    response = client.get("/kepatuhan/2026/")
    assert response.status_code == 200
    assert "Jawa Tengah" in response.content.decode()
    data = client.get("/api/v1/compliance/2026").json()
    assert [row["code"] for row in data["regions"]] == ["11", "33"]
    filtered = client.get("/api/v1/compliance/2026/agencies", {"region": "11"}).json()
    assert filtered["count"] > 0
