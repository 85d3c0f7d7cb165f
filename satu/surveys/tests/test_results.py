"""Results computed in the database: the index of a period, roll-ups, and their query count."""

import datetime
from decimal import Decimal
from fractions import Fraction

import pytest

from satu.agencies.models import ServiceUnit
from satu.surveys import services
from satu.surveys.benchmarks import generate_responses
from satu.surveys.results import period_result, rollup, scoped_periods

from .conftest import make_period, respond
from .test_ikm import HAND_WORKED

pytestmark = pytest.mark.django_db

# Rows of nine answers with a known total, to reach an exact converted index.
ROWS_BY_TOTAL = {
    32: (4, 4, 4, 4, 4, 3, 3, 3, 3),
    31: (4, 4, 4, 4, 3, 3, 3, 3, 3),
    28: (4, 3, 3, 3, 3, 3, 3, 3, 3),
    27: (3, 3, 3, 3, 3, 3, 3, 3, 3),
    24: (3, 3, 3, 3, 3, 3, 2, 2, 2),
    23: (3, 3, 3, 3, 3, 2, 2, 2, 2),
}
# converted = 25 × total / (9 × respondents); (converted, grade, [(row total, how many)]).
EXACT_BOUNDARIES = [
    ("88.30", "B", [(32, 197), (31, 53)]),
    ("88.31", "A", [(32, 1979), (31, 521)]),
    ("76.60", "C", [(28, 144), (27, 106)]),
    ("76.61", "B", [(28, 1449), (27, 1051)]),
    ("64.99", "D", [(24, 991), (23, 1509)]),
    ("65.00", "C", [(24, 2), (23, 3)]),
]


@pytest.mark.parametrize(("converted", "letter", "mix"), EXACT_BOUNDARIES)
def test_a_period_whose_answers_give_exactly_a_boundary_gets_the_official_grade(
    unit_a, converted, letter, mix
):
    period = make_period(unit_a)
    respond(period, [ROWS_BY_TOTAL[total] for total, count in mix for _ in range(count)])
    result = period_result(period)
    assert result.converted == Decimal(converted)
    assert result.converted_exact == Decimal(converted)  # exact, not a rounded neighbour
    assert result.grade.letter == letter


def test_the_hand_worked_example_comes_out_of_the_database(period_a):
    respond(period_a, HAND_WORKED)
    result = period_result(period_a)
    assert result.respondents == 4
    assert result.index == Fraction(29, 9)
    assert result.converted == Decimal("80.56")
    assert result.grade.letter == "B"
    assert [e.nrr_display for e in result.elements][:3] == [
        Decimal("3.50"),
        Decimal("3.00"),
        Decimal("2.50"),
    ]


def test_custom_weights_and_an_extra_element_count_as_configured(operator, period_a):
    services.set_questionnaire(
        operator,
        period_a,
        {"waktu": 3},
        [services.ExtraElementData("Antrean daring", "Bagaimana antrean daring?", "mudah", 2)],
    )
    period_a.refresh_from_db()
    assert period_a.weight_total == 8 + 3 + 2
    respond(period_a, [(4,) * 9, (2,) * 9], extra=[(1,), (3,)])
    result = period_result(period_a)
    shares = {e.key: e.weight for e in result.elements}
    assert shares["waktu"] == Fraction(3, 13) and shares["tambahan_1"] == Fraction(2, 13)
    assert {e.key: e.nrr for e in result.elements}["tambahan_1"] == 2
    # Σ share × NRR = (11 × 3 + 2 × 2) / 13 = 37/13
    assert result.index == Fraction(37, 13)


def test_the_questionnaire_is_frozen_once_answers_arrive(operator, period_a):
    respond(period_a, [(3,) * 9])
    with pytest.raises(services.DomainError) as refused:
        services.set_questionnaire(operator, period_a, {"waktu": 2}, [])
    assert refused.value.code == "questionnaire_frozen"


def test_roll_ups_per_agency_region_and_province_are_weighted_by_respondents(
    unit_a, unit_b, unit_k, unit_banyumas, province, kota_semarang
):
    respond(make_period(unit_a), [(4,) * 9] * 3)  # provincial Dinkes: 3 × 4
    respond(make_period(unit_b), [(2,) * 9])  # provincial RSUD: 1 × 2
    respond(make_period(unit_k), [(1,) * 9] * 4)  # Kota Semarang: 4 × 1
    respond(make_period(unit_banyumas), [(3,) * 9] * 2)  # Banyumas: 2 × 3
    periods = scoped_periods(region=province)

    by_agency = {row.id: row.result.index for row in rollup("agency", periods)}
    assert by_agency == {
        unit_a.agency_id: 4,
        unit_b.agency_id: 2,
        unit_k.agency_id: 1,
        unit_banyumas.agency_id: 3,
    }

    by_region = {row.code: row.result for row in rollup("region", periods)}
    assert by_region["33"].respondents == 4 and by_region["33"].index == Fraction(14, 4)
    assert by_region["33.74"].index == 1 and by_region["33.02"].index == 3

    (whole,) = rollup("province", periods)
    assert whole.code == "33" and whole.periods == 4
    assert whole.result.respondents == 10
    assert whole.result.index == Fraction(3 * 4 + 2 + 4 * 1 + 2 * 3, 10)
    assert whole.result.converted == Decimal("60.00")

    (kota,) = rollup("region", scoped_periods(region=kota_semarang))
    assert kota.name == kota_semarang.name and kota.result.respondents == 4


def test_the_period_window_picks_periods_by_their_last_day(unit_a):
    early = make_period(
        unit_a,
        "2025",
        start_date=datetime.date(2025, 1, 1),
        end_date=datetime.date(2025, 12, 31),
    )
    late = make_period(
        unit_a,
        "2026",
        start_date=datetime.date(2026, 1, 1),
        end_date=datetime.date(2026, 6, 30),
    )
    respond(early, [(1,) * 9])
    respond(late, [(4,) * 9])
    window = scoped_periods(start=datetime.date(2026, 1, 1), end=datetime.date(2026, 12, 31))
    (row,) = rollup("unit", window)
    assert row.result.respondents == 1 and row.result.index == 4


def test_the_index_of_100000_responses_and_the_province_roll_up_take_a_fixed_number_of_queries(
    unit_a, unit_k, province, django_assert_num_queries
):
    small = make_period(unit_a, "Kecil")
    respond(small, [(3,) * 9] * 5)
    other = ServiceUnit.objects.create(agency=unit_a.agency, name="Unit besar")
    big = make_period(other, "Besar")
    # 100,000 responses: a quarter answer 4 everywhere, the rest 3 → index 3.25 exactly.
    generate_responses(big, 100_000, [(4,) * 9, (3,) * 9, (3,) * 9, (3,) * 9])
    respond(make_period(unit_k), [(2,) * 9] * 10)

    with django_assert_num_queries(2):  # the period's tally, the extra elements
        result = period_result(big)
    assert result.respondents == 100_000
    assert result.index == Fraction(13, 4) and result.converted == Decimal("81.25")
    with django_assert_num_queries(2):
        assert period_result(small).respondents == 5

    periods = scoped_periods(region=province)
    with django_assert_num_queries(2):  # the tallies summed per group, the names
        (whole,) = rollup("province", periods)
    assert whole.result.respondents == 100_015
    assert whole.result.index == Fraction(25_000 * 36 + 75_000 * 27 + 5 * 27 + 10 * 18, 9 * 100_015)
    with django_assert_num_queries(2):
        rows = rollup("region", periods)
    assert {row.code: row.result.respondents for row in rows} == {"33": 100_005, "33.74": 10}
