"""Before and after an innovation: respondents each side and a Welch interval for the change."""

import datetime
import math

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from scipy import stats

from satu.surveys.comparison import compare_before_after, welch_interval
from satu.surveys.results import ScoreMoments

from .conftest import make_innovation, make_period, respond

pytestmark = pytest.mark.django_db

LAUNCH = datetime.date(2025, 7, 1)
BEFORE = [(3, 3, 2, 3, 3, 3, 3, 2, 3)] * 6 + [(2, 2, 2, 3, 2, 3, 3, 2, 2)] * 4
AFTER = [(4, 4, 3, 4, 3, 4, 4, 3, 4)] * 7 + [(3, 3, 3, 4, 3, 3, 3, 3, 3)] * 5


def scores(rows):
    return [25 * sum(row) / 9 for row in rows]


def periods_around_launch(unit):
    day = datetime.date
    first = make_period(
        unit, "Semester I 2025", start_date=day(2025, 1, 1), end_date=day(2025, 6, 30)
    )
    spanning = make_period(
        unit, "Triwulan III 2025", start_date=day(2025, 6, 1), end_date=day(2025, 8, 31)
    )
    after = make_period(
        unit, "Semester I 2026", start_date=day(2026, 1, 1), end_date=day(2026, 6, 30)
    )
    return first, spanning, after


def test_the_interval_equals_welchs_t_interval_on_the_per_response_scores(unit_a):
    first, spanning, after = periods_around_launch(unit_a)
    respond(first, BEFORE)
    respond(spanning, [(1,) * 9] * 5)  # left out: it spans the launch date
    respond(after, AFTER)
    comparison = compare_before_after(make_innovation(unit_a, LAUNCH))

    assert comparison.status == "ok"
    assert comparison.before.respondents == 10 and comparison.after.respondents == 12
    assert [p.name for p in comparison.spanning] == ["Triwulan III 2025"]
    reference = stats.ttest_ind(scores(AFTER), scores(BEFORE), equal_var=False)
    low, high = reference.confidence_interval(0.95)
    assert float(comparison.low) == pytest.approx(low, abs=0.006)
    assert float(comparison.high) == pytest.approx(high, abs=0.006)
    assert comparison.p_value == pytest.approx(reference.pvalue, rel=1e-9)
    mean_before = sum(scores(BEFORE)) / 10
    assert float(comparison.before.mean) == pytest.approx(mean_before, abs=0.005)
    assert comparison.significant and comparison.direction == "up"


def test_the_evidence_text_states_the_figures_for_iid_and_kipp(unit_a):
    first, _spanning, after = periods_around_launch(unit_a)
    respond(first, BEFORE)
    respond(after, AFTER)
    comparison = compare_before_after(make_innovation(unit_a, LAUNCH, "Antrean Online"))
    text = comparison.evidence_text()
    assert "Survei Kepuasan Masyarakat" in text and "“Antrean Online”" in text
    assert "1 Juli 2025" in text and "12 responden" in text and "10 responden" in text
    assert str(comparison.before.mean).replace(".", ",") in text
    assert str(comparison.low).replace(".", ",") in text
    assert "uji t Welch" in text and "signifikan secara statistik" in text


def test_no_real_change_is_called_not_significant(unit_a):
    first, _spanning, after = periods_around_launch(unit_a)
    mixed = [(3,) * 9, (4,) * 9, (2,) * 9, (3,) * 9]
    respond(first, mixed * 3)
    respond(after, list(reversed(mixed)) * 3)
    comparison = compare_before_after(make_innovation(unit_a, LAUNCH))
    assert comparison.is_ok and comparison.difference == 0
    assert comparison.low < 0 < comparison.high
    assert comparison.direction == "none"
    assert "tidak signifikan" in comparison.evidence_text()


@pytest.mark.parametrize(
    ("setup", "status"),
    [
        ("no_unit", "no_unit"),
        ("no_launch", "no_launch_date"),
        ("nothing_before", "no_before"),
        ("nothing_after", "no_after"),
        ("one_each", "too_few"),
    ],
)
def test_a_comparison_that_cannot_be_made_says_why(unit_a, setup, status):
    first, _spanning, after = periods_around_launch(unit_a)
    innovation = make_innovation(unit_a, None if setup == "no_launch" else LAUNCH)
    if setup == "no_unit":
        innovation.service_unit = None
    if setup != "nothing_before":
        respond(first, BEFORE[:1] if setup == "one_each" else BEFORE)
    if setup != "nothing_after":
        respond(after, AFTER[:1] if setup == "one_each" else AFTER)
    comparison = compare_before_after(innovation)
    assert comparison.status == status
    assert comparison.message and comparison.evidence_text() == ""
    html = render_to_string("surveys/_innovation_comparison.html", {"comparison": comparison})
    assert comparison.message in html


def test_identical_answers_on_each_side_give_a_zero_width_interval():
    before = ScoreMoments(3, 3 * 75, 3 * 75**2)
    after = ScoreMoments(2, 2 * 100, 2 * 100**2)
    difference, low, high, _df, p_value = welch_interval(before, after)
    assert difference == low == high == 25 and p_value == 0


def test_the_comparison_takes_a_fixed_number_of_queries(unit_a):
    first, spanning, after = periods_around_launch(unit_a)
    innovation = make_innovation(unit_a, LAUNCH)
    respond(first, BEFORE)
    respond(after, AFTER)
    with CaptureQueriesContext(connection) as few:
        compare_before_after(innovation)
    respond(first, BEFORE * 20)
    respond(spanning, AFTER * 10)
    with CaptureQueriesContext(connection) as many:
        compare_before_after(innovation)
    assert len(few) == len(many) <= 5


def test_the_back_office_page_and_the_template_tag_show_the_comparison(client, operator, unit_a):
    first, _spanning, after = periods_around_launch(unit_a)
    respond(first, BEFORE)
    respond(after, AFTER)
    innovation = make_innovation(unit_a, LAUNCH)
    client.force_login(operator)
    page = client.get(reverse("surveys:innovation", args=[innovation.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Kepuasan sebelum dan sesudah peluncuran" in html
    assert "peningkatan signifikan" in html
    from django.template import Context, Template

    tag = Template("{% load surveys %}{% innovation_survey_comparison innovation %}")
    rendered = tag.render(Context({"innovation": innovation}))
    assert "Teks bukti (indikator IID 34, signifikansi KIPP)" in rendered
    assert not math.isnan(compare_before_after(innovation).degrees_of_freedom)
