"""The demo data: realistic surveys for the demo units, repeatable, and a before/after story."""

import datetime
import io

import pytest
from django.utils import timezone

from satu.agencies.models import ServiceUnit
from satu.surveys import demo
from satu.surveys.comparison import compare_before_after
from satu.surveys.models import SurveyPeriod, SurveyResponse
from satu.surveys.results import (
    period_result,
    results_for_periods,
    results_for_periods_from_scratch,
)

from .conftest import make_innovation

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_units(agency_b, agency_k):
    return [
        ServiceUnit.objects.create(agency=agency_b, name="Instalasi Rawat Jalan"),
        ServiceUnit.objects.create(agency=agency_k, name="Puskesmas Pandanaran"),
        ServiceUnit.objects.create(agency=agency_k, name="Kantor yang tidak disurvei"),
    ]


def test_the_demo_gives_survey_units_periods_with_realistic_answers(demo_units):
    demo.seed(io.StringIO())
    clinic, puskesmas, other = demo_units
    assert not SurveyPeriod.objects.filter(unit=other).exists()
    periods = SurveyPeriod.objects.filter(unit=clinic).order_by("start_date")
    assert periods.count() >= 2
    assert periods.first().end_date < timezone.localdate()
    for period in SurveyPeriod.objects.filter(unit__in=[clinic, puskesmas]):
        result = period_result(period)
        assert result.respondents >= 6
        assert 55 <= result.converted <= 100
        nrr = {e.key: e.nrr for e in result.elements}
        assert nrr["biaya"] > nrr["waktu"]  # free services, long queues
    assert SurveyResponse.objects.exclude(suggestion="").exists()
    assert SurveyResponse.objects.exclude(age_group="").exists()


def test_the_demo_runs_twice_without_duplicating(demo_units):
    demo.seed(io.StringIO())
    counts = (SurveyPeriod.objects.count(), SurveyResponse.objects.count())
    demo.seed(io.StringIO())
    assert (SurveyPeriod.objects.count(), SurveyResponse.objects.count()) == counts


def test_the_demo_tallies_agree_with_the_responses(demo_units, unit_a):
    """The demo writes responses in bulk and its tallies at the end, in one pass."""
    make_innovation(unit_a, launch=timezone.localdate() - datetime.timedelta(days=250))
    demo.seed(io.StringIO())
    periods = list(SurveyPeriod.objects.all())
    assert len(periods) > 4
    assert results_for_periods(periods) == results_for_periods_from_scratch(periods)


def test_the_demo_adds_periods_around_the_launch_of_linked_innovations(demo_units, unit_a):
    launch = timezone.localdate() - datetime.timedelta(days=300)
    innovation = make_innovation(unit_a, launch, "Antrean Daring")
    make_innovation(unit_a, None, "Belum diluncurkan")
    out = io.StringIO()
    demo.seed(out)
    comparison = compare_before_after(innovation)
    assert comparison.is_ok
    assert comparison.before.respondents >= 30 and comparison.after.respondents >= 30
    assert "Survey responses added" in out.getvalue()


def test_the_demo_needs_no_innovations(reference_data):
    out = io.StringIO()
    demo.seed(out)
    assert "Survey responses added" in out.getvalue()
    assert not SurveyPeriod.objects.filter(name__startswith="Sebelum").exists()
    # The demo operator of the provincial Dinas Kesehatan has a unit with surveys.
    assert SurveyPeriod.objects.filter(
        unit__agency__abbreviation="DINKES", unit__agency__region__code="33"
    ).exists()
