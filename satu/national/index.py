"""The Indeks Inovasi Daerah as a pure function over plain data (no database).

Formula (BSKDN 2023 deck; 2026 per third-party transcriptions, see ``data/SOURCES.md``)::

    SPD   = Σ weight × level over the region-level indicators
    SID   = Σ_j Σ weight × level over the indicators of innovation j, divided by MAX(k, n)
          + number-of-innovations score = count_weight × min(n, cap),
            zero unless the innovations cover ``coverage_min`` basic-service urusan
    total = SPD + SID
    IID   = total / maximum total × 100

An answer counts only with evidence: a level without evidence scores 0, as nationally. The
claimed index counts every piece of evidence given; the verified index only the evidence a
verifier accepted.

Rounding: sums stay exact (``Decimal``); the index and every displayed figure are rounded to
two decimals half up (60.005 → 60.01), and the predicate is chosen from the rounded index,
since the thresholds are written with two decimals.
"""

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

SPD = "SPD"
SID = "SID"
LEVELS = (1, 2, 3)
TOP_LEVEL = 3
COUNT_CODE = "jumlah_inovasi"
CENT = Decimal("0.01")
HUNDRED = Decimal(100)


def round2(value: Decimal) -> Decimal:
    """Two decimals, half up: the rounding of every displayed figure and of the predicate."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class IndicatorRule:
    code: str  # "1", "2a", "35"
    aspect: str  # SPD or SID
    number: int
    name: str
    weight: Decimal
    variable: str = ""
    parameters: tuple[str, str, str] = ("", "", "")
    mandatory: bool = False
    evidence: str = ""
    needs_video: bool = False

    @property
    def maximum(self) -> Decimal:
        return self.weight * TOP_LEVEL


@dataclass(frozen=True)
class Band:
    name: str
    minimum: Decimal  # the lowest rounded index that earns this predicate


@dataclass(frozen=True)
class Rules:
    """One year's rule set, as plain data (built from the database or a frozen snapshot)."""

    year: int
    indicators: tuple[IndicatorRule, ...]
    divisor_min: int
    count_weight: Decimal
    count_cap: int
    coverage_min: int
    bands: tuple[Band, ...]
    design_min_words: int = 300
    window_start: datetime.date | None = None
    window_end: datetime.date | None = None

    def of(self, aspect: str) -> list[IndicatorRule]:
        return [rule for rule in self.indicators if rule.aspect == aspect]

    def indicator(self, code: str) -> IndicatorRule | None:
        for rule in self.indicators:
            if rule.code == code:
                return rule
        return None

    @property
    def spd_maximum(self) -> Decimal:
        return sum((rule.maximum for rule in self.of(SPD)), Decimal(0))

    @property
    def sid_indicator_maximum(self) -> Decimal:
        return sum((rule.maximum for rule in self.of(SID)), Decimal(0))

    @property
    def count_maximum(self) -> Decimal:
        return self.count_weight * self.count_cap

    @property
    def maximum(self) -> Decimal:
        return self.spd_maximum + self.sid_indicator_maximum + self.count_maximum

    def predicate(self, index: Decimal) -> str:
        """The predicate of a (rounded) index: the band with the highest minimum it reaches."""
        rounded = round2(index)
        for band in sorted(self.bands, key=lambda band: band.minimum, reverse=True):
            if rounded >= band.minimum:
                return band.name
        return ""


@dataclass(frozen=True)
class Answer:
    """A chosen parameter (1–3) and how many pieces of evidence count for it."""

    level: int | None
    evidence: int = 0

    @property
    def effective_level(self) -> int:
        """The level that scores: 0 without a level or without evidence."""
        if self.level not in LEVELS or self.evidence <= 0:
            return 0
        return int(self.level)  # type: ignore[arg-type]


@dataclass(frozen=True)
class InnovationInput:
    key: object
    name: str
    answers: Mapping[str, Answer] = field(default_factory=dict)
    # Codes of the basic-service urusan the innovation counts for (its main urusan).
    basic_service_urusan: frozenset[int] = frozenset()


@dataclass(frozen=True)
class IndicatorScore:
    """One indicator's contribution to the total, with what improving it would add."""

    code: str
    aspect: str
    name: str
    points: Decimal
    maximum: Decimal
    gain_next_level: Decimal
    gain_to_top: Decimal


@dataclass(frozen=True)
class InnovationScore:
    key: object
    name: str
    points: Decimal  # Σ weight × level before the divisor
    by_indicator: dict[str, Decimal]


@dataclass(frozen=True)
class Result:
    spd: Decimal
    sid_indicators: Decimal  # Σ_j / MAX(k, n)
    count_score: Decimal
    coverage_met: bool
    basic_service_covered: int
    innovations: int
    divisor: int
    total: Decimal
    maximum: Decimal
    index: Decimal  # rounded, two decimals
    predicate: str
    indicators: tuple[IndicatorScore, ...]
    per_innovation: tuple[InnovationScore, ...]

    @property
    def sid(self) -> Decimal:
        return self.sid_indicators + self.count_score

    def gains(self, limit: int | None = None) -> list[IndicatorScore]:
        """The indicators that would add the most if raised to the top, best first."""
        ranked = sorted(
            (row for row in self.indicators if row.gain_to_top > 0),
            key=lambda row: (-row.gain_to_top, -row.gain_next_level, row.aspect, row.code),
        )
        return ranked[:limit] if limit else ranked


def _gain_next(level: int, weight: Decimal) -> Decimal:
    return weight * (min(level + 1, TOP_LEVEL) - level)


def compute(
    rules: Rules,
    spd_answers: Mapping[str, Answer],
    innovations: Sequence[InnovationInput],
) -> Result:
    """The index, its parts, the predicate, and per indicator what improving it would add."""
    rows: list[IndicatorScore] = []
    spd = Decimal(0)
    for rule in rules.of(SPD):
        level = spd_answers.get(rule.code, Answer(None)).effective_level
        points = rule.weight * level
        spd += points
        rows.append(
            IndicatorScore(
                rule.code,
                SPD,
                rule.name,
                points,
                rule.maximum,
                _gain_next(level, rule.weight),
                rule.maximum - points,
            )
        )
    n = len(innovations)
    divisor = max(rules.divisor_min, n, 1)
    per_innovation = []
    sums: dict[str, Decimal] = {rule.code: Decimal(0) for rule in rules.of(SID)}
    next_gain: dict[str, Decimal] = dict.fromkeys(sums, Decimal(0))
    for innovation in innovations:
        by_indicator = {}
        for rule in rules.of(SID):
            level = innovation.answers.get(rule.code, Answer(None)).effective_level
            by_indicator[rule.code] = rule.weight * level
            sums[rule.code] += rule.weight * level
            next_gain[rule.code] += _gain_next(level, rule.weight)
        per_innovation.append(
            InnovationScore(
                innovation.key,
                innovation.name,
                sum(by_indicator.values(), Decimal(0)),
                by_indicator,
            )
        )
    sid_indicators = Decimal(0)
    for rule in rules.of(SID):
        points = sums[rule.code] / divisor
        sid_indicators += points
        maximum = rule.maximum * n / divisor
        rows.append(
            IndicatorScore(
                rule.code,
                SID,
                rule.name,
                points,
                maximum,
                next_gain[rule.code] / divisor,
                maximum - points,
            )
        )
    covered: set[int] = set()
    for innovation in innovations:
        covered |= innovation.basic_service_urusan
    coverage_met = len(covered) >= rules.coverage_min
    possible_count = rules.count_weight * min(n, rules.count_cap)
    count_score = possible_count if coverage_met else Decimal(0)
    rows.append(
        IndicatorScore(
            COUNT_CODE,
            SID,
            "Jumlah inovasi",
            count_score,
            rules.count_maximum,
            possible_count - count_score,
            possible_count - count_score,
        )
    )
    total = spd + sid_indicators + count_score
    maximum = rules.maximum
    index = round2(total / maximum * HUNDRED) if maximum else Decimal("0.00")
    return Result(
        spd=spd,
        sid_indicators=sid_indicators,
        count_score=count_score,
        coverage_met=coverage_met,
        basic_service_covered=len(covered),
        innovations=n,
        divisor=divisor,
        total=total,
        maximum=maximum,
        index=index,
        predicate=rules.predicate(index),
        indicators=tuple(rows),
        per_innovation=tuple(per_innovation),
    )
