"""The benchmark builds its data once and reports timings and query counts (not asserted)."""

import pytest

from satu.surveys import benchmarks
from satu.surveys.models import SurveyResponse

pytestmark = pytest.mark.django_db


def test_the_benchmark_builds_its_data_once_and_reports_figures(reference_data, monkeypatch):
    monkeypatch.setattr(benchmarks, "UNIT_RESPONSES", 700)
    monkeypatch.setattr(benchmarks, "PROVINCE_UNITS", 3)
    monkeypatch.setattr(benchmarks, "RESPONSES_PER_UNIT", 20)
    figures = benchmarks.run()
    assert figures["unit_responses"] == 700
    assert figures["benchmark_responses"] == 760
    assert figures["province_responses"] >= 760
    assert figures["unit_index_time"]["queries"] == 2
    assert figures["province_rollup_time"]["queries"] == 2  # the tallies summed, the names
    assert set(figures["unit_index_time"]) == {"best_ms", "median_ms", "queries"}
    benchmarks.run()
    assert SurveyResponse.objects.count() == 760  # reused, not built again


def test_generated_responses_follow_the_patterns_and_the_weights(period_a):
    period_a.weights = {**period_a.weights, "waktu": 3}
    period_a.weight_total = 11
    period_a.save()
    benchmarks.generate_responses(period_a, 5, [(4,) * 9, (1,) * 9])
    answers = sorted(period_a.responses.values_list("waktu", "points"))
    assert answers == [(1, 11), (1, 11), (1, 11), (4, 44), (4, 44)]  # n = 1 … 5, n % 2
