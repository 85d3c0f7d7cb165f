import math

import pytest

from satu.jury.scoring import (
    Criterion,
    Options,
    Rubric,
    RubricError,
    Scale,
    Score,
    ScoreSheet,
    Standardisation,
    TieBreak,
    aggregate,
    weighted_scores,
)

SCALE = Scale(0, 100, 1)
RAW = Options(normalise=False)


def scores(table):
    """{juror: {entry: value}} -> scores."""
    return [
        Score(juror, entry, value) for juror, row in table.items() for entry, value in row.items()
    ]


# Juror H is harsh and juror L lenient; each scores four entries with a standard deviation of
# exactly 10, so every z is -1 or +1:
#   H: A 40, B 40, C 60, D 60  (mean 50)  z: A -1, B -1, C +1, D +1
#   L: A 70, B 90, C 70, D 90  (mean 80)  z: A -1, B +1, C -1, D +1
# Pool of all eight scores: mean 65, sd sqrt(2600 / 8) = sqrt(325).
HARSH_AND_LENIENT = scores(
    {"H": {"A": 40, "B": 40, "C": 60, "D": 60}, "L": {"A": 70, "B": 90, "C": 70, "D": 90}}
)
POOL_SD = math.sqrt(325)


# Rubrics


def rubric(weights, scale=SCALE, **kwargs):
    return Rubric(
        "Test",
        [Criterion(code, code.title(), weight, **kwargs) for code, weight in weights.items()],
        scale,
    )


def test_weights_may_sum_to_one_or_to_one_hundred_and_become_shares():
    assert rubric({"a": 60, "b": 40}).weights == {"a": 0.6, "b": 0.4}
    assert rubric({"a": 0.25, "b": 0.75}).weights == {"a": 0.25, "b": 0.75}


@pytest.mark.parametrize(
    ("weights", "code"),
    [
        ({"a": 60, "b": 30}, "weight_total"),
        ({"a": 0.5, "b": 0.4}, "weight_total"),
        ({"a": 110, "b": -10}, "negative_weight"),
        ({"a": float("nan"), "b": 100}, "negative_weight"),
        ({}, "no_criteria"),
        ({"": 100}, "criterion_codes"),
    ],
)
def test_a_rubric_with_bad_weights_is_refused_with_a_code(weights, code):
    with pytest.raises(RubricError) as error:
        rubric(weights)
    assert error.value.code == code


def test_duplicate_criterion_codes_are_refused():
    with pytest.raises(RubricError) as error:
        Rubric("R", [Criterion("a", "A", 50), Criterion("a", "A again", 50)], SCALE)
    assert error.value.code == "criterion_codes"


@pytest.mark.parametrize(
    ("minimum", "maximum", "step", "code"),
    [(10, 10, None, "scale_range"), (1, 10, 0, "scale_step")],
)
def test_a_bad_scale_is_refused(minimum, maximum, step, code):
    with pytest.raises(RubricError) as error:
        Scale(minimum, maximum, step)
    assert error.value.code == code


def test_the_weighted_score_is_the_weighted_mean_of_the_marks():
    # 0.6 * 80 + 0.4 * 50 = 48 + 20 = 68
    assert rubric({"a": 60, "b": 40}).weighted_score({"a": 80, "b": 50}) == pytest.approx(68)


def test_a_criterion_weighing_nothing_may_be_left_unmarked_but_not_a_weighted_one():
    summary_read_only = rubric({"summary": 0, "a": 100})

    assert summary_read_only.weighted_score({"a": 70}) == 70
    assert summary_read_only.weighted_score({"a": 70, "summary": 10}) == 70
    with pytest.raises(RubricError) as error:
        summary_read_only.weighted_score({"summary": 70})
    assert error.value.code == "missing_mark"


@pytest.mark.parametrize(
    ("marks", "code"),
    [
        ({"a": 101, "b": 50}, "mark_range"),
        ({"a": -1, "b": 50}, "mark_range"),
        ({"a": 7.5, "b": 50}, "mark_range"),
        ({"a": 70, "b": 50, "c": 1}, "unknown_criterion"),
    ],
)
def test_marks_off_the_scale_or_for_unknown_criteria_are_refused(marks, code):
    with pytest.raises(RubricError) as error:
        rubric({"a": 60, "b": 40}).weighted_score(marks)
    assert error.value.code == code


def test_a_scale_of_one_to_ten_in_halves():
    half_points = rubric({"a": 50, "b": 50}, scale=Scale(1, 10, 0.5))

    assert half_points.weighted_score({"a": 7.5, "b": 9}) == 8.25
    with pytest.raises(RubricError):
        half_points.weighted_score({"a": 7.25, "b": 9})
    with pytest.raises(RubricError):
        half_points.weighted_score({"a": 0.5, "b": 9})


def test_a_perfect_sheet_never_exceeds_the_maximum_through_rounding():
    thirds = rubric({"a": 1 / 3, "b": 1 / 3, "c": 1 / 3})

    assert thirds.weighted_score({"a": 100, "b": 100, "c": 100}) <= 100


def test_criteria_that_require_a_comment_are_listed_when_it_is_missing():
    commented = Rubric(
        "R",
        [Criterion("a", "A", 50, comment_required=True), Criterion("b", "B", 50)],
        SCALE,
    )

    assert commented.missing_comments({"a": "  ", "b": ""}) == ["a"]
    assert commented.missing_comments({"a": "Strong evidence"}) == []


def test_score_sheets_become_weighted_scores():
    sheets = [ScoreSheet("j1", "e1", {"a": 80, "b": 50}), ScoreSheet("j2", "e1", {"a": 0, "b": 0})]

    assert weighted_scores(rubric({"a": 60, "b": 40}), sheets) == [
        Score("j1", "e1", pytest.approx(68)),
        Score("j2", "e1", 0),
    ]


# Means and normalisation


def test_raw_and_normalised_means_of_the_hand_worked_round():
    result = aggregate(HARSH_AND_LENIENT, SCALE)

    assert result.pool_mean == 65
    assert result.pool_sd == pytest.approx(POOL_SD)
    assert {e: result.entry(e).raw_mean for e in "ABCD"} == {"A": 55, "B": 65, "C": 65, "D": 75}
    assert {e: result.entry(e).normalised_z for e in "ABCD"} == {
        "A": -1,
        "B": 0,
        "C": 0,
        "D": 1,
    }
    assert result.entry("A").normalised == pytest.approx(65 - POOL_SD)  # 46.97
    assert result.entry("D").normalised == pytest.approx(65 + POOL_SD)  # 83.03
    assert result.entry("B").normalised == 65
    assert result.z_scores[("H", "C")] == 1
    assert {c.standardisation for c in result.jurors} == {Standardisation.OWN}


def test_a_juror_with_too_few_scores_is_read_against_the_pool_at_face_value():
    table = {"H": {"A": 40, "B": 40, "C": 60, "D": 60}, "L": {"A": 70, "B": 90, "C": 70}}
    table["once"] = {"D": 77}
    result = aggregate(scores(table), SCALE)

    assert result.juror("once").standardisation == Standardisation.POOLED
    z = (77 - result.pool_mean) / result.pool_sd
    assert result.z_scores[("once", "D")] == pytest.approx(z)
    # Read against the pool, the normalised value of a pooled score is the score itself.
    assert result.pool_mean + result.pool_sd * z == pytest.approx(77)


def test_the_calibration_threshold_is_an_option():
    two_each = scores({"H": {"A": 40, "B": 60}, "L": {"A": 70, "B": 90}})

    default = aggregate(two_each, SCALE)
    lowered = aggregate(two_each, SCALE, Options(min_scores_for_calibration=2))

    assert {c.standardisation for c in default.jurors} == {Standardisation.POOLED}
    assert {c.standardisation for c in lowered.jurors} == {Standardisation.OWN}
    assert lowered.entry("A").normalised_z == -1
    # Read against the pool (mean 65, sd sqrt(325)) both scores stay at face value.
    assert default.entry("A").normalised_z == pytest.approx((55 - 65) / math.sqrt(325))
    assert default.entry("A").normalised == pytest.approx(55)


def test_a_juror_who_gives_everyone_the_same_score_expresses_no_preference():
    table = {"H": {"A": 40, "B": 40, "C": 60, "D": 60}, "same": {"A": 80, "B": 80, "C": 80}}
    result = aggregate(scores(table), SCALE)

    assert result.juror("same").standardisation == Standardisation.FLAT
    assert result.z_scores[("same", "A")] == 0
    assert result.entry("A").normalised_z == -0.5


def test_when_every_score_is_the_same_nothing_is_normalised_away_or_flagged():
    result = aggregate(scores({j: dict.fromkeys("ABC", 70) for j in ("x", "y", "z")}), SCALE)

    assert [entry.normalised for entry in result.entries] == [70, 70, 70]
    assert result.outliers == [] and result.disagreements == []
    assert result.ranking == ["A", "B", "C"]


def test_the_normalised_score_is_clipped_to_the_scale():
    table = {
        "j": {"A": 100, "B": 0, "C": 0, "D": 0, "E": 0, "F": 0, "G": 0, "H": 0},
        "k": dict.fromkeys("ABCDEFGH", 50),
    }
    table["k"]["A"] = 51

    result = aggregate(scores(table), SCALE)

    assert result.entry("A").normalised == 100
    assert result.entry("A").normalised_z > (100 - result.pool_mean) / result.pool_sd


def test_scores_outside_the_scale_or_given_twice_are_refused():
    with pytest.raises(RubricError) as error:
        aggregate([Score("j", "e", 101)], SCALE)
    assert error.value.code == "score_range"
    with pytest.raises(RubricError) as error:
        aggregate([Score("j", "e", 50), Score("j", "e", 60)], SCALE)
    assert error.value.code == "duplicate"


def test_entries_without_scores_are_listed_unranked_after_the_ranked_ones():
    result = aggregate([Score("j", "B", 50)], SCALE, entry_ids=["C", "A", "B"])

    assert [(e.entry_id, e.rank) for e in result.entries] == [("B", 1), ("A", None), ("C", None)]
    assert result.entry("A").raw_mean is None
    assert aggregate([], SCALE).entries == ()


# Ranking and ties


def test_the_hand_worked_round_ranks_on_its_basis_and_breaks_ties_by_the_rule():
    normalised = aggregate(HARSH_AND_LENIENT, SCALE)
    raw = aggregate(HARSH_AND_LENIENT, SCALE, RAW)

    # B and C tie on z (0), raw mean (65), jurors (2) and normalised spread (2 sd).
    assert normalised.ranking == ["D", "B", "C", "A"]
    assert [e.tie_broken_by for e in normalised.entries] == [None, None, TieBreak.ENTRY_ID, None]
    # On raw scores C's 60 and 70 agree better than B's 40 and 90.
    assert raw.ranking == ["D", "C", "B", "A"]
    assert [e.tie_broken_by for e in raw.entries] == [None, None, TieBreak.SPREAD, None]


def test_the_tie_rule_goes_raw_mean_then_entry_id_in_a_normalising_round():
    # Both jurors score four entries at mean +- 10, so every z is +1 or -1.
    table = {
        "H": {"A": 40, "B": 40, "C": 60, "P": 60},
        "L": {"D": 70, "E": 70, "F": 90, "Q": 90},
    }

    result = aggregate(scores(table), SCALE)

    assert result.ranking == ["F", "Q", "C", "P", "D", "E", "A", "B"]
    assert [e.tie_broken_by for e in result.entries] == [
        None,
        TieBreak.ENTRY_ID,
        TieBreak.RAW_MEAN,
        TieBreak.ENTRY_ID,
        None,
        TieBreak.ENTRY_ID,
        TieBreak.RAW_MEAN,
        TieBreak.ENTRY_ID,
    ]
    assert [e.rank for e in result.entries] == list(range(1, 9))


def test_with_equal_means_more_jurors_rank_first_then_lower_spread():
    table = {
        "x": {"three": 70, "two": 70, "wide": 60, "narrow": 70},
        "y": {"three": 70, "two": 70, "wide": 80, "narrow": 70},
        "z": {"three": 70},
    }

    result = aggregate(scores(table), SCALE, RAW)

    assert result.ranking == ["three", "narrow", "two", "wide"]
    assert [e.tie_broken_by for e in result.entries] == [
        None,
        TieBreak.JURORS,
        TieBreak.ENTRY_ID,
        TieBreak.SPREAD,
    ]


def test_float_noise_never_decides_a_tie():
    # (0.1 + 0.2) / 2 is 0.15000000000000002 in floating point, a hair above b's 0.15: the
    # means are equal to nine decimals, so the lower spread of b decides.
    table = {"x": {"a": 0.1, "b": 0.15}, "y": {"a": 0.2, "b": 0.15}}

    result = aggregate(scores(table), Scale(0, 1), RAW)

    assert result.entry("a").raw_mean > result.entry("b").raw_mean
    assert result.ranking == ["b", "a"]
    assert result.entries[1].tie_broken_by == TieBreak.SPREAD


# Flags


def test_an_outlying_score_is_flagged_against_the_entrys_median_in_robust_units():
    # Deviations from each entry's median: E1-E3 give -2 and +2 (the median scores themselves
    # are left out of the unit), E4 gives +2 and -50. The median absolute deviation is 2, so the
    # unit is 1.4826 * 2 = 2.9652 and the 20 is 50 / 2.9652 = 16.86 units below.
    table = {
        "a": {"E1": 70, "E2": 60, "E3": 80, "E4": 70},
        "b": {"E1": 72, "E2": 62, "E3": 82, "E4": 72},
        "c": {"E1": 74, "E2": 64, "E3": 84, "E4": 20},
    }

    result = aggregate(scores(table), SCALE, RAW)

    assert result.outlier_unit == pytest.approx(2.9652)
    [flag] = result.outliers
    assert (flag.juror_id, flag.entry_id, flag.value, flag.entry_median) == ("c", "E4", 20, 70)
    assert flag.deviation == -50
    assert flag.robust_z == pytest.approx(-16.862, abs=1e-3)
    assert result.entry("E4").flagged and not result.entry("E1").flagged
    assert result.juror("c").outliers == 1 and result.juror("a").outliers == 0


def test_the_middle_score_of_a_panel_does_not_shrink_the_robust_unit():
    # Deviations from the median are -1, 0 and +8 on each entry. Counting the median score's
    # own 0 would make the unit 2 (its floor) and flag every 79; without it the deviations are
    # -1 and +8, their median 3.5, the MAD 4.5 and the unit 1.4826 * 4.5 = 6.67.
    table = {"a": {}, "b": {}, "c": {}}
    for entry in ("E1", "E2", "E3", "E4"):
        table["a"][entry], table["b"][entry], table["c"][entry] = 70, 71, 79

    result = aggregate(scores(table), SCALE, RAW)

    assert result.outlier_unit == pytest.approx(6.6717)
    assert result.outliers == []


def test_the_robust_unit_has_a_floor_so_tiny_differences_are_not_outliers():
    table = {j: dict.fromkeys(("E1", "E2", "E3"), 70) for j in "abc"}
    table["c"]["E3"] = 75

    result = aggregate(scores(table), SCALE, RAW)

    # The MAD is 0, so the unit is its floor, 2% of the scale's width: the 75 is 2.5 units off.
    assert result.outlier_unit == 2
    assert result.outliers == []
    strict = aggregate(scores(table), SCALE, Options(normalise=False, outlier_threshold=2))
    assert [(f.juror_id, f.entry_id) for f in strict.outliers] == [("c", "E3")]


def test_two_jurors_give_no_outlier_only_a_disagreement():
    result = aggregate(scores({"a": {"E": 10}, "b": {"E": 90}}), SCALE, RAW)

    assert result.outliers == []
    assert [(d.entry_id, d.spread, d.threshold) for d in result.disagreements] == [("E", 80, 30)]


def test_disagreement_is_measured_on_the_rounds_basis():
    raw = aggregate(HARSH_AND_LENIENT, SCALE, RAW)
    normalised = aggregate(HARSH_AND_LENIENT, SCALE)

    # Raw spreads: A 30, B 50, C 10, D 30; only B exceeds 30.
    assert [d.entry_id for d in raw.disagreements] == ["B"]
    # Normalised, H and L agree on A and D and disagree by 2 * sqrt(325) = 36.06 on B and C.
    assert [d.entry_id for d in normalised.disagreements] == ["B", "C"]
    assert normalised.entry("B").spread == pytest.approx(2 * POOL_SD)
    assert normalised.entry("A").spread == 0
    assert raw.entry("B").raw_spread == 50 and raw.entry("B").raw_sd == 25


# Calibration


def test_the_calibration_summary_shows_each_jurors_distribution_and_offset():
    result = aggregate(HARSH_AND_LENIENT, SCALE)
    harsh, lenient = result.jurors

    assert (harsh.juror_id, harsh.count, harsh.mean, harsh.sd) == ("H", 4, 50, 10)
    assert (harsh.minimum, harsh.maximum) == (40, 60)
    # H minus L per entry: -30, -50, -10, -30.
    assert (harsh.mean_offset, harsh.co_scored) == (-30, 4)
    assert (lenient.mean, lenient.mean_offset) == (80, 30)


def test_a_juror_without_co_jurors_has_no_offset():
    result = aggregate(scores({"alone": {"A": 50, "B": 60, "C": 70}}), SCALE)

    assert result.juror("alone").mean_offset is None
    assert result.juror("alone").co_scored == 0
