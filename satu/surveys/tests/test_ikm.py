"""The IKM arithmetic against hand-worked examples, the official table and Krejcie–Morgan."""

import csv
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from importlib import resources

import pytest
from hypothesis import given
from hypothesis import strategies as st

from satu.surveys.elements import STANDARD_KEYS
from satu.surveys.ikm import (
    GRADES,
    IndexResult,
    PointsGroup,
    element_scores,
    grade_for,
    index_from_elements,
    index_from_points,
    krejcie_morgan_table,
    minimum_sample,
    round_half_up,
    weight_shares,
)

EQUAL = dict.fromkeys(STANDARD_KEYS, 1)

# Four respondents, answers in the regulation's element order (U1 … U9).
HAND_WORKED = [
    (4, 3, 3, 4, 3, 3, 4, 2, 3),
    (3, 3, 2, 4, 3, 4, 4, 3, 3),
    (3, 2, 2, 4, 3, 3, 3, 2, 2),
    (4, 4, 3, 4, 4, 4, 4, 3, 4),
]


def column_sums(rows):
    return {key: sum(row[i] for row in rows) for i, key in enumerate(STANDARD_KEYS)}


# The boundaries the issue names: (converted index, grade).
BOUNDARIES = [
    ("88.30", "B"),
    ("88.31", "A"),
    ("76.60", "C"),
    ("76.61", "B"),
    ("64.99", "D"),
    ("65.00", "C"),
]


@pytest.mark.parametrize(("converted", "letter"), BOUNDARIES)
def test_the_grade_boundaries_are_exactly_those_of_the_regulation(converted, letter):
    assert grade_for(Decimal(converted)).letter == letter
    # The same value reached as an exact index on the 1–4 scale (converted / 25).
    result = IndexResult(respondents=1, index=Fraction(Decimal(converted)) / 25)
    assert result.converted == Decimal(converted)
    assert result.grade.letter == letter


@pytest.mark.parametrize(
    ("exact", "rounded", "letter"),
    [
        (Fraction(88305, 1000), "88.31", "A"),  # half up
        (Fraction(883049999, 10**7), "88.30", "B"),
        (Fraction(76605, 1000), "76.61", "B"),
        (Fraction(64995, 1000), "65.00", "C"),
        (Fraction(6499499, 10**5), "64.99", "D"),
        (Fraction(25), "25.00", "D"),
        (Fraction(100), "100.00", "A"),
    ],
)
def test_the_converted_index_is_rounded_half_up_to_two_decimals_before_grading(
    exact, rounded, letter
):
    assert round_half_up(exact, 2) == Decimal(rounded)
    assert grade_for(exact).letter == letter


def test_a_hand_worked_example_of_four_respondents():
    sums = column_sums(HAND_WORKED)
    scores = element_scores(4, sums, EQUAL, {})
    nrr = {score.key: score.nrr for score in scores}
    assert nrr == {
        "persyaratan": Fraction(7, 2),
        "prosedur": Fraction(3),
        "waktu": Fraction(5, 2),
        "biaya": Fraction(4),
        "produk": Fraction(13, 4),
        "kompetensi": Fraction(7, 2),
        "perilaku": Fraction(15, 4),
        "pengaduan": Fraction(5, 2),
        "sarana": Fraction(3),
    }
    index = index_from_elements(scores)
    assert index == Fraction(29, 9)  # 116 answers' total / 4 respondents / 9 elements
    result = IndexResult(4, index, scores)
    assert result.index_display == Decimal("3.2222")
    assert result.converted == Decimal("80.56")  # 80.5555… rounded half up
    assert result.grade.letter == "B" and str(result.grade.label) == "Baik"
    assert [s.key for s in result.weakest()] == ["waktu", "pengaduan", "prosedur"]
    points = sum(sum(row) for row in HAND_WORKED)
    assert index_from_points([PointsGroup(4, points, 9)]) == (4, index)


def test_a_hand_worked_example_with_an_extra_element_of_weight_three():
    # Standard weights 1 and an extra element of weight 3: W = 12, the extra counts 3/12.
    weights = {**EQUAL, "tambahan_1": 3}
    shares = weight_shares(weights)
    assert shares["persyaratan"] == Fraction(1, 12) and shares["tambahan_1"] == Fraction(1, 4)
    assert sum(shares.values()) == 1
    # Respondent 1 answers 4 everywhere and 1 on the extra; respondent 2 answers 2 and 4.
    sums = {**dict.fromkeys(STANDARD_KEYS, 6), "tambahan_1": 5}
    scores = element_scores(2, sums, weights, {})
    index = index_from_elements(scores)
    assert index == Fraction(23, 8)  # 9 × 3/12 + 2.5 × 3/12 = 2.875
    assert index_from_points([PointsGroup(2, (36 + 3) + (18 + 12), 12)]) == (2, index)
    result = IndexResult(2, index, scores)
    assert result.converted == Decimal("71.88")  # 71.875 rounded half up
    assert result.grade.letter == "C"


def test_a_roll_up_weighs_units_by_their_respondents():
    # Unit one: 3 respondents answering 4 everywhere; unit two: 1 respondent answering 1.
    groups = [PointsGroup(3, 3 * 36, 9), PointsGroup(1, 9, 9)]
    respondents, index = index_from_points(groups)
    assert respondents == 4
    assert index == Fraction(13, 4)  # (3 × 4 + 1 × 1) / 4, not the mean of the units (2.5)


def test_the_grade_table_matches_the_shipped_regulation_table():
    text = resources.files("satu.surveys").joinpath("data", "skm_mutu_pelayanan.csv")
    rows = list(csv.DictReader(text.read_text("utf-8").splitlines()))
    assert len(rows) == len(GRADES)
    by_letter = {grade.letter: grade for grade in GRADES}
    for row in rows:
        grade = by_letter[row["mutu_pelayanan"]]
        assert grade.perception == int(row["nilai_persepsi"])
        assert grade.converted_min == Decimal(row["nik_min"])
        assert grade.converted_max == Decimal(row["nik_max"])
        assert grade.index_min == Decimal(row["ni_min"])
        assert grade.index_max == Decimal(row["ni_max"])
        assert str(grade.label).lower() == row["kinerja_unit_pelayanan"].lower()


def test_the_krejcie_morgan_figures_equal_the_shipped_table_for_every_population():
    table = krejcie_morgan_table()
    assert len(table) == 90
    mismatches = [(n, s, minimum_sample(n)) for n, s in table if minimum_sample(n) != s]
    assert mismatches == []


def test_the_krejcie_morgan_formula_answers_between_and_beyond_the_table():
    assert minimum_sample(1) == 1
    assert minimum_sample(12) == 12
    assert minimum_sample(105) == 83  # between the rows for 100 (80) and 110 (86)
    assert minimum_sample(10**8) == 384  # the limit for a very large population
    with pytest.raises(ValueError):
        minimum_sample(0)


@given(st.integers(min_value=1, max_value=10**7))
def test_the_minimum_sample_never_exceeds_the_population_and_grows_with_it(population):
    sample = minimum_sample(population)
    assert 1 <= sample <= population
    assert minimum_sample(population + 1) >= sample


answers = st.integers(min_value=1, max_value=4)


@given(
    st.lists(st.integers(min_value=1, max_value=100), min_size=9, max_size=14).flatmap(
        lambda weights: st.tuples(
            st.just(weights),
            st.lists(
                st.lists(answers, min_size=len(weights), max_size=len(weights)),
                min_size=1,
                max_size=40,
            ),
        )
    )
)
def test_the_index_from_points_equals_the_weighted_sum_of_element_averages(data):
    weights_list, rows = data
    keys = [*STANDARD_KEYS, *(f"tambahan_{i}" for i in range(1, len(weights_list) - 8))]
    weights = dict(zip(keys, weights_list, strict=True))
    sums = {key: sum(row[i] for row in rows) for i, key in enumerate(keys)}
    points = sum(sum(w * a for w, a in zip(weights_list, row, strict=True)) for row in rows)
    scores = element_scores(len(rows), sums, weights, {})
    assert sum(score.weight for score in scores) == 1
    by_points = index_from_points([PointsGroup(len(rows), points, sum(weights_list))])
    assert by_points == (len(rows), index_from_elements(scores))
    assert 1 <= by_points[1] <= 4


@given(st.decimals(min_value=25, max_value=100, places=4))
def test_rounding_agrees_with_decimal_half_up_and_grades_never_improve_downwards(value):
    assert round_half_up(value, 2) == value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    lower = grade_for(value - Decimal("0.01"))
    assert GRADES.index(lower) >= GRADES.index(grade_for(value))
