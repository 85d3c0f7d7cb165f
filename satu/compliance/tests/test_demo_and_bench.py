"""The demo data works without innovations and twice; the benchmark runs and keeps nothing."""

import io

import pytest
from django.core.management import call_command

from satu.agencies.models import Agency
from satu.innovations.models import Innovation

from .. import benchmarks
from ..models import Exemption, ExemptionStatus, ProgrammeYear

pytestmark = pytest.mark.django_db


def test_the_demo_seeds_years_and_exemptions_with_zero_innovations_and_runs_twice(
    reference_data, django_capture_on_commit_callbacks
):
    assert not Innovation.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", quiet_accounts=True, stdout=io.StringIO())
        call_command("seed_demo", quiet_accounts=True, stdout=io.StringIO())
    assert set(ProgrammeYear.objects.values_list("year", flat=True)) == {2024, 2025, 2026}
    assert Exemption.objects.filter(status=ExemptionStatus.CONFIRMED).count() == 2
    assert Exemption.objects.filter(status=ExemptionStatus.PENDING).count() == 1


def test_the_benchmark_measures_the_national_board_and_rolls_back(reference_data):
    before = Agency.objects.count()
    result = benchmarks.run(agencies=120, repeats=1)
    assert result["agencies"] == 120 and result["innovations"] > 0
    for key in ("national_regions", "national_types", "national_agencies_page_by_status"):
        assert result[key]["queries"] <= 3 and result[key]["median_ms"] >= 0
    assert Agency.objects.count() == before
    assert not ProgrammeYear.objects.filter(year=benchmarks.BENCH_YEAR).exists()


def test_the_home_page_shows_this_years_compliance(client, year):
    response = client.get("/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "Kepatuhan 2026" in content
    assert "/kepatuhan/2026/" in content
