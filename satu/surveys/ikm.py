"""The arithmetic of the IKM (Indeks Kepuasan Masyarakat), over plain numbers.

PermenPANRB 14/2017:

- NRR (nilai rata-rata) of an element = mean of its answers (1–4).
- The weighted index = Σ weight × NRR over the elements, on the 1–4 scale. The nine standard
  elements weigh 1/9 each; a unit that adds its own elements re-weights so that the weights
  still sum to one. Weights are kept here as small whole numbers relative to each other
  (weight of an element = its number / the sum of all numbers), so they sum to one exactly and
  1/9 is not approximated by 0.111.
- The converted index (IKM konversi) = index × 25, on the 25–100 scale.
- The grade (mutu pelayanan) A–D and the performance label come from the converted index.

Rounding rule: every quantity is computed exactly (fractions of whole-number sums taken by
the database). Only the converted index is rounded, once, to two decimals, half up (88.305
becomes 88.31), and the grade is read from that rounded value with the official bounds:
A from 88.31, B from 76.61, C from 65.00, D below. So 88.30 is B and 88.31 is A. Values shown
on the 1–4 scale (NRR, index) are rounded half up for display only.
"""

import csv
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from importlib import resources

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

CONVERSION = 25
TWO_PLACES = Decimal("0.01")


@dataclass(frozen=True)
class Grade:
    """One row of the official table (nilai persepsi, interval, mutu, kinerja)."""

    letter: str
    perception: int
    converted_min: Decimal
    converted_max: Decimal
    index_min: Decimal
    index_max: Decimal
    label: Promise

    @property
    def badge(self) -> str:
        """The CSS badge class for the grade."""
        return {"A": "ok", "B": "info", "C": "warn", "D": "bad"}[self.letter]

    def __str__(self) -> str:
        return self.letter


GRADES: tuple[Grade, ...] = (
    Grade("A", 4, Decimal("88.31"), Decimal("100.00"), Decimal("3.5324"), Decimal("4.0000"),
          _("Very good")),
    Grade("B", 3, Decimal("76.61"), Decimal("88.30"), Decimal("3.0644"), Decimal("3.5320"),
          _("Good")),
    Grade("C", 2, Decimal("65.00"), Decimal("76.60"), Decimal("2.6000"), Decimal("3.0640"),
          _("Less than good")),
    Grade("D", 1, Decimal("25.00"), Decimal("64.99"), Decimal("1.0000"), Decimal("2.5996"),
          _("Not good")),
)  # fmt: skip
GRADES_BY_LETTER = {grade.letter: grade for grade in GRADES}


def round_half_up(value: Fraction | Decimal | int, places: int = 2) -> Decimal:
    """``value`` rounded half up to ``places`` decimals, exactly (no binary floating point)."""
    fraction = Fraction(value)
    scale = 10**places
    scaled = fraction * scale
    # Half up for positive values: floor(x + 1/2); the index is never negative.
    rounded = (scaled + Fraction(1, 2)).__floor__()
    return Decimal(rounded).scaleb(-places).quantize(Decimal(1).scaleb(-places))


def grade_for(converted: Fraction | Decimal | int) -> Grade:
    """The grade of a converted index (25–100), after rounding it to two decimals half up."""
    value = round_half_up(converted, 2)
    for grade in GRADES:
        if value >= grade.converted_min:
            return grade
    return GRADES[-1]


@dataclass(frozen=True)
class ElementScore:
    key: str
    name: str | Promise
    weight: Fraction  # share of the index, the shares sum to one
    nrr: Fraction | None  # mean answer, None without answers

    @property
    def nrr_display(self) -> Decimal | None:
        return None if self.nrr is None else round_half_up(self.nrr, 2)

    @property
    def weighted(self) -> Fraction | None:
        return None if self.nrr is None else self.nrr * self.weight

    @property
    def weighted_display(self) -> Decimal | None:
        weighted = self.weighted
        return None if weighted is None else round_half_up(weighted, 3)

    @property
    def weight_display(self) -> Decimal:
        return round_half_up(self.weight, 3)

    @property
    def weight_percent(self) -> Decimal:
        return round_half_up(self.weight * 100, 1)


@dataclass(frozen=True)
class IndexResult:
    """The index of a set of responses: one unit and period, or a roll-up."""

    respondents: int
    index: Fraction | None  # 1–4 scale, exact
    elements: tuple[ElementScore, ...] = ()

    @property
    def converted_exact(self) -> Fraction | None:
        return None if self.index is None else self.index * CONVERSION

    @property
    def converted(self) -> Decimal | None:
        """The converted index (25–100), rounded to two decimals half up."""
        exact = self.converted_exact
        return None if exact is None else round_half_up(exact, 2)

    @property
    def index_display(self) -> Decimal | None:
        return None if self.index is None else round_half_up(self.index, 4)

    @property
    def grade(self) -> Grade | None:
        converted = self.converted
        return None if converted is None else grade_for(converted)

    def weakest(self, count: int = 3) -> list[ElementScore]:
        """The elements with the lowest NRR, lowest first (ties keep the element order)."""
        answered = [element for element in self.elements if element.nrr is not None]
        return sorted(answered, key=lambda element: element.nrr)[:count]  # type: ignore[arg-type, return-value]


def weight_shares(weights: Mapping[str, int]) -> dict[str, Fraction]:
    """Relative whole-number weights as shares that sum to exactly one."""
    total = sum(weights.values())
    if total <= 0 or any(weight <= 0 for weight in weights.values()):
        raise ValueError("weights must be positive")
    return {key: Fraction(weight, total) for key, weight in weights.items()}


def element_scores(
    respondents: int,
    sums: Mapping[str, int],
    weights: Mapping[str, int],
    names: Mapping[str, str | Promise],
) -> tuple[ElementScore, ...]:
    """NRR and weight per element from the sum of its answers over ``respondents``."""
    shares = weight_shares(weights)
    return tuple(
        ElementScore(
            key=key,
            name=names.get(key, key),
            weight=shares[key],
            nrr=Fraction(sums[key], respondents) if respondents and key in sums else None,
        )
        for key in weights
    )


def index_from_elements(elements: Iterable[ElementScore]) -> Fraction | None:
    """Σ weight × NRR: the weighted index on the 1–4 scale."""
    total = Fraction(0)
    for element in elements:
        if element.nrr is None:
            return None
        total += element.nrr * element.weight
    return total


@dataclass(frozen=True)
class PointsGroup:
    """Responses that share one weight total: their count and the sum of their points.

    A response's points are Σ weight × answer over its questionnaire's elements (whole
    numbers), so its index on the 1–4 scale is points / weight_total.
    """

    respondents: int
    points: int
    weight_total: int


def index_from_points(groups: Iterable[PointsGroup]) -> tuple[int, Fraction | None]:
    """The respondent-weighted index of several questionnaires: (respondents, index).

    Σ over responses of (points / weight total) / number of responses — the mean of the
    per-response index, which equals Σ weight × NRR for a single questionnaire and the
    respondent-weighted mean of the unit indices for a roll-up.
    """
    respondents = 0
    total = Fraction(0)
    for group in groups:
        if not group.respondents:
            continue
        respondents += group.respondents
        total += Fraction(group.points, group.weight_total)
    return respondents, (total / respondents if respondents else None)


# Krejcie & Morgan (1970): chi-square for one degree of freedom at 95% (3.841), a margin of
# error of 5% and the proportion 0.5 that gives the largest sample.
CHI_SQUARE = Fraction(3841, 1000)
MARGIN = Fraction(5, 100)
PROPORTION = Fraction(1, 2)


def minimum_sample(population: int) -> int:
    """The minimum number of respondents for a population of ``population`` service users.

    S = X²NP(1−P) / (d²(N−1) + X²P(1−P)), rounded half up; it reproduces every row of the
    Krejcie–Morgan table and also answers for populations between its rows.
    """
    if population < 1:
        raise ValueError("population must be at least 1")
    spread = CHI_SQUARE * PROPORTION * (1 - PROPORTION)
    sample = spread * population / (MARGIN**2 * (population - 1) + spread)
    return int(round_half_up(sample, 0))


def krejcie_morgan_table() -> list[tuple[int, int]]:
    """The published table (population, minimum sample), as shipped in ``data/``."""
    text = resources.files("satu.surveys").joinpath("data", "krejcie_morgan.csv")
    return [
        (int(row["populasi_N"]), int(row["sampel_minimal_S"]))
        for row in csv.DictReader(text.read_text("utf-8").splitlines())
    ]
