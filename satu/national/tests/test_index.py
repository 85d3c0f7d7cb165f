"""The index against hand-worked examples, with the shipped 2023 and 2026 rules (no database).

The 2026 rules: SPD weights sum to 21 (maximum 63), SID weights to 37 (maximum 111 per
innovation), the number of innovations 0.38 × min(n, 200) (maximum 76): a maximum of 250.
"""

from decimal import Decimal

import pytest

from satu.national.index import SID, SPD, Answer, Band, InnovationInput, Rules, compute, round2
from satu.national.rules import rules_from_data, shipped_rule_sets

SHIPPED = {data["year"]: rules_from_data(data) for data in shipped_rule_sets()}
RULES_2023, RULES_2026 = SHIPPED[2023], SHIPPED[2026]


def spd(rules: Rules, level: int, *, without_evidence: tuple[str, ...] = ()) -> dict:
    return {
        rule.code: Answer(level, 0 if rule.code in without_evidence else 1)
        for rule in rules.of(SPD)
    }


def innovation(
    rules: Rules, key: int, level: int, urusan: int | None, *, without_evidence=()
) -> InnovationInput:
    return InnovationInput(
        key=key,
        name=f"Inovasi {key}",
        answers={
            rule.code: Answer(level, 0 if rule.code in without_evidence else 2)
            for rule in rules.of(SID)
        },
        basic_service_urusan=frozenset({urusan} if urusan else ()),
    )


def test_the_shipped_rules_have_the_published_maxima():
    for rules in (RULES_2023, RULES_2026):
        assert len(rules.of(SPD)) == 20  # indicators 1–15, five of them split a/b
        assert len(rules.of(SID)) == 20  # indicators 16–35
        assert rules.spd_maximum == 63
        assert rules.sid_indicator_maximum == 111
        assert rules.count_maximum == 76
        assert rules.maximum == 250
        assert round2(rules.spd_maximum / rules.maximum * 100) == Decimal("25.20")
    assert (RULES_2023.divisor_min, RULES_2026.divisor_min) == (10, 12)
    assert (RULES_2023.coverage_min, RULES_2026.coverage_min) == (0, 5)
    assert [r.code for r in RULES_2026.of(SID) if r.mandatory] == ["16", "17", "32", "33", "35"]
    assert [r.code for r in RULES_2026.of(SID) if r.needs_video] == ["35"]


def test_fewer_innovations_than_the_divisor():
    # SPD 63; 3 innovations × (37 × 2) = 222, divided by MAX(12, 3) = 12 → 18.50;
    # urusan 1, 2, 3 cover 3 of the 5 basic-service urusan required → number scores 0.
    # Total 81.50 → 81.50 / 250 × 100 = 32.60.
    innovations = [innovation(RULES_2026, key, 2, urusan=key) for key in (1, 2, 3)]
    result = compute(RULES_2026, spd(RULES_2026, 3), innovations)
    assert (result.spd, result.divisor) == (Decimal(63), 12)
    assert result.sid_indicators == Decimal("18.5")
    assert (result.coverage_met, result.basic_service_covered) == (False, 3)
    assert result.count_score == 0
    assert result.total == Decimal("81.5")
    assert result.index == Decimal("32.60")
    assert result.predicate == "Kurang Inovatif"


def test_the_same_data_under_the_2023_rules():
    # Divisor MAX(10, 3) = 10 → 22.20; no coverage rule → 3 × 0.38 = 1.14.
    # Total 63 + 22.20 + 1.14 = 86.34 → 34.536 → 34.54, below 35.00.
    innovations = [innovation(RULES_2023, key, 2, urusan=key) for key in (1, 2, 3)]
    result = compute(RULES_2023, spd(RULES_2023, 3), innovations)
    assert result.sid_indicators == Decimal("22.2")
    assert result.count_score == Decimal("1.14")
    assert result.index == Decimal("34.54")
    assert result.predicate == "Kurang Inovatif"


def test_more_innovations_than_the_divisor():
    # 15 innovations × 37 = 555, divided by MAX(12, 15) = 15 → 37.00; urusan 1–5 cover 5 of 6
    # → 15 × 0.38 = 5.70; SPD 21 × 2 = 42. Total 84.70 → 33.88.
    innovations = [innovation(RULES_2026, key, 1, urusan=key % 5 + 1) for key in range(15)]
    result = compute(RULES_2026, spd(RULES_2026, 2), innovations)
    assert result.divisor == 15
    assert result.sid_indicators == Decimal(37)
    assert (result.coverage_met, result.count_score) == (True, Decimal("5.70"))
    assert result.total == Decimal("84.70")
    assert result.index == Decimal("33.88")
    assert result.predicate == "Kurang Inovatif"


def test_answers_without_evidence_count_zero():
    # SPD: 63 less indicators 6, 7, 8 (1.5 × 3 each, no evidence) = 49.50.
    # One innovation: 111 less 33 (3 × 3) and 35 (4 × 3) without evidence = 90, / 12 = 7.50.
    # Total 57.00 → 22.80.
    innovations = [innovation(RULES_2026, 1, 3, urusan=2, without_evidence=("33", "35"))]
    result = compute(RULES_2026, spd(RULES_2026, 3, without_evidence=("6", "7", "8")), innovations)
    assert result.spd == Decimal("49.5")
    assert result.per_innovation[0].points == 90
    assert result.sid_indicators == Decimal("7.5")
    assert result.index == Decimal("22.80")
    # What would gain the most: the three SPD indicators lacking evidence (4.50 each).
    best = result.gains(3)
    assert [
        (row.code, row.points, row.maximum, row.gain_next_level, row.gain_to_top) for row in best
    ] == [
        ("6", 0, Decimal("4.5"), Decimal("1.5"), Decimal("4.5")),
        ("7", 0, Decimal("4.5"), Decimal("1.5"), Decimal("4.5")),
        ("8", 0, Decimal("4.5"), Decimal("1.5"), Decimal("4.5")),
    ]
    video = next(row for row in result.indicators if row.code == "35")
    assert (video.points, video.maximum, video.gain_to_top) == (0, 1, 1)
    assert round2(video.gain_next_level) == Decimal("0.33")


def test_a_failed_coverage_rule_scores_the_number_of_innovations_zero():
    # 12 innovations at the top (12 × 111 / 12 = 111) covering urusan 1–4 only: 4 < 5.
    # Total 63 + 111 + 0 = 174 → 69.60; with urusan 5 covered: + 12 × 0.38 = 4.56 → 71.42.
    failing = [innovation(RULES_2026, key, 3, urusan=key % 4 + 1) for key in range(12)]
    result = compute(RULES_2026, spd(RULES_2026, 3), failing)
    assert (result.coverage_met, result.basic_service_covered) == (False, 4)
    assert result.count_score == 0
    assert result.index == Decimal("69.60")
    count_row = next(row for row in result.indicators if row.code == "jumlah_inovasi")
    assert count_row.gain_to_top == Decimal("4.56")
    passing = failing[:-1] + [innovation(RULES_2026, 11, 3, urusan=5)]
    result = compute(RULES_2026, spd(RULES_2026, 3), passing)
    assert result.count_score == Decimal("4.56")
    assert result.index == Decimal("71.42")
    assert result.predicate == "Sangat Inovatif"


def test_innovations_outside_the_basic_services_do_not_cover_anything():
    innovations = [innovation(RULES_2026, key, 1, urusan=None) for key in range(6)]
    result = compute(RULES_2026, {}, innovations)
    assert (result.basic_service_covered, result.count_score) == (0, 0)


def index_of(rules: Rules, innovations: int, unit: str = "0.01") -> tuple[Decimal, str]:
    """The year's predicates over a scale of maximum 100 where each innovation adds ``unit``."""
    scale = Rules(
        year=rules.year,
        indicators=(),
        divisor_min=1,
        count_weight=Decimal(unit),
        count_cap=int(100 / Decimal(unit)),
        coverage_min=0,
        bands=rules.bands,
    )
    result = compute(scale, {}, [InnovationInput(key=i, name="") for i in range(innovations)])
    return result.index, result.predicate


@pytest.mark.parametrize(
    ("year", "innovations", "index", "predicate"),
    [
        (2023, 6_001, "60.01", "Sangat Inovatif"),
        (2023, 6_000, "60.00", "Inovatif"),
        (2023, 3_500, "35.00", "Inovatif"),
        (2023, 3_499, "34.99", "Kurang Inovatif"),
        (2023, 1, "0.01", "Kurang Inovatif"),
        (2023, 0, "0.00", "Tidak Dapat Dinilai (disclaimer)"),
        (2023, 10_000, "100.00", "Sangat Inovatif"),
        (2026, 6_501, "65.01", "Sangat Inovatif"),
        (2026, 6_500, "65.00", "Inovatif"),
        (2026, 4_001, "40.01", "Inovatif"),
        (2026, 4_000, "40.00", "Kurang Inovatif"),
        (2026, 1, "0.01", "Kurang Inovatif"),
        (2026, 0, "0.00", "Tidak Dapat Dinilai"),
    ],
)
def test_scores_exactly_on_the_predicate_boundaries(year, innovations, index, predicate):
    assert index_of(SHIPPED[year], innovations) == (Decimal(index), predicate)


def test_the_index_is_rounded_half_up_before_the_predicate_is_chosen():
    # 60,005 × 0.001 = 60.005: half up gives 60.01 (Sangat Inovatif in 2023); rounding half
    # to even would have given 60.00 (Inovatif).
    assert index_of(RULES_2023, 60_005, "0.001") == (Decimal("60.01"), "Sangat Inovatif")
    assert index_of(RULES_2023, 60_004, "0.001") == (Decimal("60.00"), "Inovatif")


def test_a_predicate_needs_a_band_that_the_index_reaches():
    rules = Rules(
        year=2030,
        indicators=(),
        divisor_min=1,
        count_weight=Decimal(1),
        count_cap=10,
        coverage_min=0,
        bands=(Band("Baik", Decimal(50)),),
    )
    assert compute(rules, {}, [InnovationInput(key=1, name="")]).predicate == ""
