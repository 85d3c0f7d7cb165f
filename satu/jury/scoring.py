"""Rubrics, weighted scores, aggregation, normalisation, ranking, flags and calibration.

Rubric
    Criteria with weights (summing to 1 or to 100; a weight may be 0 for an aspect that is
    read but not scored, like the KIPP "Ringkasan") and one scale for every criterion, e.g.
    1-10 or 0-100. A juror's score for an entry is the weighted mean of the marks, on the
    same scale.

Raw mean
    The mean of the jurors' scores for an entry.

Normalised score (per-juror standardisation)
    Harsh and lenient jurors are made comparable by reading each score relative to its juror:
    ``z = (score - juror mean) / juror sd`` over the entries the juror scored (population sd).
    The entry's normalised z is the mean of its jurors' z, and its normalised score puts that
    back on the rubric scale with the mean and sd of all scores of the round (the "pool"):
    ``pool mean + pool sd * z``, clipped to the scale. It reads as "what a typical juror of
    this round would have given". Two cases cannot be standardised by the juror's own figures:

    - a juror with fewer than ``min_scores_for_calibration`` scores (default 3; one score has
      no spread, and two always give z = -1 and +1 however close they are): the juror's
      scores are read against the pool instead, ``z = (score - pool mean) / pool sd``, which
      leaves them at face value on the normalised scale (method ``pooled``);
    - a juror who gave every entry the same score: z = 0 for all of them, the juror's own
      average, since the juror expressed no preference between them (method ``flat``).

    If every score of the round is the same, every z is 0.

    Normalising pays off when jurors differ in harshness or in how much of the scale they use,
    and costs a little when they do not (each juror's mean and sd are estimated from a few
    dozen entries at most). In the seeded simulation of ``tests/test_simulation.py`` Kendall's
    tau against the true order rises from 0.75 (raw) to 0.82 (normalised) with harsh and
    lenient jurors, and falls from 0.87 to 0.82 when every juror marks alike; hence it is a
    round option.

Ranking and ties
    Entries with at least one score are ranked by the round's basis: the normalised z when
    the round normalises (the default), otherwise the raw mean. Ties, after rounding to
    ``COMPARISON_DECIMALS`` decimals so that float noise never decides, are broken in order:

    1. higher normalised z (normalising rounds) or higher raw mean;
    2. higher raw mean (normalising rounds only);
    3. more jurors;
    4. lower spread (see below);
    5. lower entry id (the earlier entry), so the order is total and repeatable.

    Each entry records which rule separated it from the entry ranked just above it
    (``tie_broken_by``; None when its score alone did).

Flags
    All flags use the round's basis expressed in points of the rubric scale: the raw score, or
    in normalising rounds the score's normalised value ``pool mean + pool sd * z``.

    - *Outlying score*: for an entry with at least 3 scores, a score's deviation from the
      median of that entry's scores, divided by a robust unit: 1.4826 times the median absolute
      deviation of all such deviations in the round, leaving out the score that is itself the
      median of an odd panel (its deviation is 0 by construction), and never less than
      ``min_outlier_unit`` of the scale's width. A score is flagged when the result exceeds
      ``outlier_threshold`` (default 3.5, the usual cut-off for MAD-based z). The median, not
      the mean of the other jurors, is the reference because with three jurors one wild score
      drags the others' mean so far that the two sound jurors would be flagged with it.
    - *Disagreement*: an entry whose spread (largest minus smallest of its scores on the basis)
      exceeds ``disagreement_threshold`` of the scale's width (default 0.3).

Calibration per juror
    Count, mean, sd (population), minimum and maximum of the juror's raw scores; the mean offset
    from co-jurors (the juror's score minus the mean of the other jurors' scores for the same
    entry, averaged over the entries that had other jurors: negative is harsh, positive is
    lenient); how the juror was standardised; and how many of the juror's scores were flagged.
"""

import math
import statistics
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum

from .ids import Id, id_order

COMPARISON_DECIMALS = 9
WEIGHT_TOLERANCE = 1e-6
# 1.4826 * MAD estimates the standard deviation of a normal distribution.
MAD_TO_SD = 1.4826


class RubricError(ValueError):
    """A rubric or a score sheet that cannot be used; ``code`` is stable for callers."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class Scale:
    minimum: float
    maximum: float
    step: float | None = None
    """The smallest difference between marks (1 for whole numbers); None for any value."""

    def __post_init__(self) -> None:
        if not self.maximum > self.minimum:
            raise RubricError("The scale's maximum must exceed its minimum.", "scale_range")
        if self.step is not None and self.step <= 0:
            raise RubricError("The scale's step must be positive.", "scale_step")

    @property
    def width(self) -> float:
        return self.maximum - self.minimum

    def contains(self, value: float) -> bool:
        if not self.minimum - 1e-9 <= value <= self.maximum + 1e-9:
            return False
        if self.step is None:
            return True
        steps = (value - self.minimum) / self.step
        return abs(steps - round(steps)) < 1e-9

    def clip(self, value: float) -> float:
        return min(self.maximum, max(self.minimum, value))


@dataclass(frozen=True)
class Criterion:
    code: str
    name: str
    weight: float
    description: str = ""
    comment_required: bool = False


@dataclass(frozen=True)
class Rubric:
    name: str
    criteria: tuple[Criterion, ...]
    scale: Scale

    def __post_init__(self) -> None:
        object.__setattr__(self, "criteria", tuple(self.criteria))
        codes = [criterion.code for criterion in self.criteria]
        if not codes:
            raise RubricError("A rubric needs at least one criterion.", "no_criteria")
        if any(not code for code in codes) or len(set(codes)) != len(codes):
            raise RubricError("Criterion codes must be present and unique.", "criterion_codes")
        weights = [criterion.weight for criterion in self.criteria]
        if any(not math.isfinite(weight) or weight < 0 for weight in weights):
            raise RubricError("Weights cannot be negative.", "negative_weight")
        total = math.fsum(weights)
        if not (
            math.isclose(total, 1, abs_tol=WEIGHT_TOLERANCE)
            or math.isclose(total, 100, abs_tol=WEIGHT_TOLERANCE * 100)
        ):
            raise RubricError(f"Weights must add up to 1 or 100, not {total:g}.", "weight_total")

    @property
    def weights(self) -> dict[str, float]:
        """Each criterion's share, summing to 1."""
        total = math.fsum(criterion.weight for criterion in self.criteria)
        return {criterion.code: criterion.weight / total for criterion in self.criteria}

    def weighted_score(self, marks: Mapping[str, float]) -> float:
        """The weighted mean of the marks. Criteria weighing 0 may be left out."""
        weights = self.weights
        unknown = set(marks) - set(weights)
        if unknown:
            raise RubricError(f"Unknown criteria: {sorted(unknown)}.", "unknown_criterion")
        missing = [code for code, weight in weights.items() if weight > 0 and code not in marks]
        if missing:
            raise RubricError(f"Marks missing for {missing}.", "missing_mark")
        for code, mark in marks.items():
            if not self.scale.contains(mark):
                raise RubricError(f"The mark for {code} is outside the scale.", "mark_range")
        score = math.fsum(weights[code] * float(mark) for code, mark in marks.items())
        # Weights summing to 1 up to float noise could push a perfect sheet past the maximum.
        return self.scale.clip(score)

    def missing_comments(self, comments: Mapping[str, str]) -> list[str]:
        """Codes of criteria that require a comment and have none."""
        return [
            criterion.code
            for criterion in self.criteria
            if criterion.comment_required and not (comments.get(criterion.code) or "").strip()
        ]


@dataclass(frozen=True)
class ScoreSheet:
    juror_id: Id
    entry_id: Id
    marks: Mapping[str, float]


@dataclass(frozen=True)
class Score:
    """A juror's weighted score for an entry, on the rubric's scale."""

    juror_id: Id
    entry_id: Id
    value: float


def weighted_scores(rubric: Rubric, sheets: Iterable[ScoreSheet]) -> list[Score]:
    return [
        Score(sheet.juror_id, sheet.entry_id, rubric.weighted_score(sheet.marks))
        for sheet in sheets
    ]


class Standardisation(StrEnum):
    OWN = "own"
    POOLED = "pooled"
    FLAT = "flat"


class TieBreak(StrEnum):
    RAW_MEAN = "raw_mean"
    JURORS = "jurors"
    SPREAD = "spread"
    ENTRY_ID = "entry_id"


@dataclass(frozen=True)
class Options:
    normalise: bool = True
    """Rank and flag on the normalised scores; otherwise on the raw scores."""
    min_scores_for_calibration: int = 3
    outlier_threshold: float = 3.5
    min_outlier_unit: float = 0.02
    """The robust unit of deviation is never below this share of the scale's width."""
    min_jurors_for_outliers: int = 3
    disagreement_threshold: float = 0.3
    """Spread above this share of the scale's width flags an entry."""


@dataclass(frozen=True)
class OutlierFlag:
    juror_id: Id
    entry_id: Id
    value: float
    """The score on the round's basis."""
    entry_median: float
    """The median of the entry's scores on the round's basis."""
    deviation: float
    robust_z: float


@dataclass(frozen=True)
class DisagreementFlag:
    entry_id: Id
    spread: float
    threshold: float


@dataclass(frozen=True)
class EntryResult:
    entry_id: Id
    raw_scores: tuple[float, ...]
    raw_mean: float | None
    normalised_z: float | None
    normalised: float | None
    spread: float | None
    """Largest minus smallest score on the round's basis."""
    rank: int | None = None
    tie_broken_by: TieBreak | None = None
    outliers: tuple[OutlierFlag, ...] = ()
    disagreement: DisagreementFlag | None = None

    @property
    def jurors(self) -> int:
        return len(self.raw_scores)

    @property
    def raw_spread(self) -> float | None:
        return max(self.raw_scores) - min(self.raw_scores) if self.raw_scores else None

    @property
    def raw_sd(self) -> float | None:
        return statistics.pstdev(self.raw_scores) if self.raw_scores else None

    @property
    def flagged(self) -> bool:
        return bool(self.outliers) or self.disagreement is not None


@dataclass(frozen=True)
class JurorCalibration:
    juror_id: Id
    count: int
    mean: float
    sd: float
    minimum: float
    maximum: float
    mean_offset: float | None
    """Mean of (own score - mean of the co-jurors' scores); None without co-jurors."""
    co_scored: int
    standardisation: Standardisation
    outliers: int = 0


@dataclass(frozen=True)
class Aggregation:
    scale: Scale
    options: Options
    entries: tuple[EntryResult, ...]
    """Ranked entries by rank, then unscored entries by id."""
    jurors: tuple[JurorCalibration, ...]
    pool_mean: float | None
    pool_sd: float | None
    outlier_unit: float | None
    z_scores: Mapping[tuple[Id, Id], float] = field(repr=False)
    """The standardised score of each (juror_id, entry_id)."""

    def entry(self, entry_id: Id) -> EntryResult:
        return next(result for result in self.entries if result.entry_id == entry_id)

    def juror(self, juror_id: Id) -> JurorCalibration:
        return next(result for result in self.jurors if result.juror_id == juror_id)

    @property
    def ranking(self) -> list[Id]:
        return [result.entry_id for result in self.entries if result.rank is not None]

    @property
    def outliers(self) -> list[OutlierFlag]:
        return [flag for result in self.entries for flag in result.outliers]

    @property
    def disagreements(self) -> list[DisagreementFlag]:
        return [result.disagreement for result in self.entries if result.disagreement]


def _mean(values: Iterable[float]) -> float:
    values = list(values)
    return math.fsum(values) / len(values)


def _cmp(value: float) -> float:
    return round(value, COMPARISON_DECIMALS)


def _standardise(
    by_juror: Mapping[Id, dict[Id, float]], pool_mean: float, pool_sd: float, min_scores: int
) -> tuple[dict[tuple[Id, Id], float], dict[Id, Standardisation]]:
    z: dict[tuple[Id, Id], float] = {}
    methods: dict[Id, Standardisation] = {}
    for juror_id, scores in by_juror.items():
        values = list(scores.values())
        sd = statistics.pstdev(values)
        if len(values) < min_scores:
            methods[juror_id] = Standardisation.POOLED
            centre, unit = pool_mean, pool_sd
        elif _cmp(sd) == 0:
            methods[juror_id] = Standardisation.FLAT
            centre, unit = _mean(values), 0.0
        else:
            methods[juror_id] = Standardisation.OWN
            centre, unit = _mean(values), sd
        for entry_id, value in scores.items():
            z[(juror_id, entry_id)] = (value - centre) / unit if _cmp(unit) > 0 else 0.0
    return z, methods


def aggregate(
    scores: Iterable[Score],
    scale: Scale,
    options: Options = Options(),
    entry_ids: Iterable[Id] = (),
) -> Aggregation:
    """Aggregate a round's scores; ``entry_ids`` adds entries that have no score yet."""
    by_juror: dict[Id, dict[Id, float]] = defaultdict(dict)
    by_entry: dict[Id, dict[Id, float]] = defaultdict(dict)
    for score in scores:
        value = float(score.value)
        if not scale.minimum - 1e-9 <= value <= scale.maximum + 1e-9:
            raise RubricError(
                f"Score {value:g} of juror {score.juror_id!r} is outside the scale.", "score_range"
            )
        if score.entry_id in by_juror[score.juror_id]:
            raise RubricError(
                f"Juror {score.juror_id!r} scored entry {score.entry_id!r} twice.", "duplicate"
            )
        by_juror[score.juror_id][score.entry_id] = value
        by_entry[score.entry_id][score.juror_id] = value

    all_values = [value for scores_ in by_entry.values() for value in scores_.values()]
    pool_mean = _mean(all_values) if all_values else None
    pool_sd = statistics.pstdev(all_values) if all_values else None
    z, methods = _standardise(
        by_juror, pool_mean or 0.0, pool_sd or 0.0, options.min_scores_for_calibration
    )

    def basis(juror_id: Id, entry_id: Id) -> float:
        if options.normalise:
            return pool_mean + pool_sd * z[(juror_id, entry_id)]
        return by_entry[entry_id][juror_id]

    outliers, unit = _outliers(by_entry, basis, scale, options)
    results = []
    for entry_id, juror_scores in by_entry.items():
        values = [basis(juror_id, entry_id) for juror_id in juror_scores]
        spread = max(values) - min(values)
        normalised_z = _mean(z[(juror_id, entry_id)] for juror_id in juror_scores)
        threshold = options.disagreement_threshold * scale.width
        results.append(
            EntryResult(
                entry_id=entry_id,
                raw_scores=tuple(juror_scores[j] for j in sorted(juror_scores, key=id_order)),
                raw_mean=_mean(juror_scores.values()),
                normalised_z=normalised_z,
                normalised=scale.clip(pool_mean + pool_sd * normalised_z),
                spread=spread,
                outliers=tuple(
                    sorted(outliers.get(entry_id, ()), key=lambda f: id_order(f.juror_id))
                ),
                disagreement=(
                    DisagreementFlag(entry_id, spread, threshold)
                    if _cmp(spread) > _cmp(threshold)
                    else None
                ),
            )
        )
    ranked = _rank(results, options.normalise)
    present = set(by_entry)
    unscored = [
        EntryResult(entry_id, (), None, None, None, None)
        for entry_id in sorted(set(entry_ids) - present, key=id_order)
    ]
    flagged_by_juror: dict[Id, int] = defaultdict(int)
    for flags in outliers.values():
        for flag in flags:
            flagged_by_juror[flag.juror_id] += 1
    calibration = tuple(
        _calibrate(
            juror_id, by_juror[juror_id], by_entry, methods[juror_id], flagged_by_juror[juror_id]
        )
        for juror_id in sorted(by_juror, key=id_order)
    )
    return Aggregation(
        scale=scale,
        options=options,
        entries=tuple(ranked + unscored),
        jurors=calibration,
        pool_mean=pool_mean,
        pool_sd=pool_sd,
        outlier_unit=unit,
        z_scores=z,
    )


def _outliers(by_entry, basis, scale: Scale, options: Options):
    """Deviations from each entry's median in robust units; see the module docstring."""
    deviations = []
    # With an odd number of scores one of them is the median: its deviation is 0 by
    # construction and would shrink the unit, so it does not count towards the unit.
    unit_sample = []
    for entry_id, juror_scores in by_entry.items():
        if len(juror_scores) < max(options.min_jurors_for_outliers, 2):
            continue
        ordered = sorted(
            (basis(juror_id, entry_id), id_order(juror_id), juror_id) for juror_id in juror_scores
        )
        median = statistics.median(value for value, _, _ in ordered)
        middle = len(ordered) // 2 if len(ordered) % 2 else None
        for position, (value, _, juror_id) in enumerate(ordered):
            deviations.append((entry_id, juror_id, value, median, value - median))
            if position != middle:
                unit_sample.append(value - median)
    if not deviations:
        return {}, None
    centre = statistics.median(unit_sample)
    mad = statistics.median(abs(deviation - centre) for deviation in unit_sample)
    unit = max(MAD_TO_SD * mad, options.min_outlier_unit * scale.width)
    flags: dict[Id, list[OutlierFlag]] = defaultdict(list)
    for entry_id, juror_id, value, median, deviation in deviations:
        robust_z = deviation / unit
        if _cmp(abs(robust_z)) > _cmp(options.outlier_threshold):
            flags[entry_id].append(
                OutlierFlag(juror_id, entry_id, value, median, deviation, robust_z)
            )
    return flags, unit


def _rank_parts(result: EntryResult, normalise: bool) -> list[tuple[TieBreak | None, object]]:
    """The ranking key, each part with the tie rule it stands for (None: the primary score)."""
    parts: list[tuple[TieBreak | None, object]] = []
    if normalise:
        parts.append((None, -_cmp(result.normalised_z)))
    parts += [
        (TieBreak.RAW_MEAN if normalise else None, -_cmp(result.raw_mean)),
        (TieBreak.JURORS, -result.jurors),
        (TieBreak.SPREAD, _cmp(result.spread)),
        (TieBreak.ENTRY_ID, id_order(result.entry_id)),
    ]
    return parts


def _rank(results: list[EntryResult], normalise: bool) -> list[EntryResult]:
    def key(result: EntryResult) -> tuple:
        return tuple(value for _, value in _rank_parts(result, normalise))

    ranked: list[EntryResult] = []
    for position, result in enumerate(sorted(results, key=key), start=1):
        broken_by = None
        if ranked:
            above = _rank_parts(ranked[-1], normalise)
            broken_by = next(
                rule
                for (rule, value), (_, value_above) in zip(
                    _rank_parts(result, normalise), above, strict=True
                )
                if value != value_above
            )
        ranked.append(replace(result, rank=position, tie_broken_by=broken_by))
    return ranked


def _calibrate(
    juror_id: Id,
    scores: dict[Id, float],
    by_entry: Mapping[Id, dict[Id, float]],
    method: Standardisation,
    outliers: int,
) -> JurorCalibration:
    values = list(scores.values())
    offsets = []
    for entry_id, value in scores.items():
        others = [v for j, v in by_entry[entry_id].items() if j != juror_id]
        if others:
            offsets.append(value - _mean(others))
    return JurorCalibration(
        juror_id=juror_id,
        count=len(values),
        mean=_mean(values),
        sd=statistics.pstdev(values),
        minimum=min(values),
        maximum=max(values),
        mean_offset=_mean(offsets) if offsets else None,
        co_scored=len(offsets),
        standardisation=method,
        outliers=outliers,
    )
