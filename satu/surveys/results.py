"""Survey results computed in the database: the index of periods and the roll-ups.

Every function here runs a fixed number of aggregate queries whatever the number of
responses: the database sums whole numbers (answers per element, points per response) and
counts respondents; only those few sums reach Python, where ``ikm`` turns them into exact
fractions, the converted index and the grade.

The index of periods and the roll-ups read the sums kept per period in ``PeriodTally``
(``tallies``: maintained by the services that change responses), so a province roll-up reads
one row per period instead of every response. ``*_from_scratch`` compute the same results
from the responses themselves; the tests hold the tallies to them. The before/after
statistics (``score_moments``), the respondent profile and the flag counts still read the
responses: they serve one unit or one period at a time.

Only counted responses enter any result: answers flagged as a burst from one address wait
for the unit's review outside the index, and excluded ones never count (``Review``).
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from django.db.models import Count, F, Max, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils.functional import Promise

from satu.agencies.models import Agency, ServiceUnit
from satu.regions.models import Region

from .elements import ELEMENTS_BY_KEY, STANDARD_KEYS
from .ikm import ElementScore, IndexResult, PointsGroup, element_scores, index_from_points
from .models import (
    PROFILE_QUESTIONS,
    PROFILE_TITLES,
    ExtraElement,
    PeriodTally,
    SurveyPeriod,
    SurveyResponse,
)
from .tallies import SUM_FIELDS, extra_answer_sums, response_sums

STANDARD_NAMES = {key: element.name for key, element in ELEMENTS_BY_KEY.items()}


def _sums(row: dict) -> dict[str, int]:
    return {key: row[f"sum_{key}"] or 0 for key in STANDARD_KEYS}


def _extras_of(by_id: Mapping[int, SurveyPeriod]) -> dict[int, list[ExtraElement]]:
    extras: dict[int, list[ExtraElement]] = defaultdict(list)
    for element in ExtraElement.objects.filter(period_id__in=by_id).order_by("position"):
        extras[element.period_id].append(element)
    return extras


def _period_results(
    by_id: Mapping[int, SurveyPeriod],
    rows: Mapping[int, Mapping],
    extras: Mapping[int, list[ExtraElement]],
    extra_sums: Mapping[int, Mapping[str, int]],
) -> dict[int, IndexResult]:
    """The result of each period from its sums (``rows``: respondents, points, sum_<key>) and
    the sums of its extra elements (``extra_sums``: {str(element pk): sum})."""
    results = {}
    for period_id, period in by_id.items():
        row = rows.get(period_id, {})
        respondents = row.get("respondents", 0)
        sums = _sums(row) if row else dict.fromkeys(STANDARD_KEYS, 0)
        weights = {key: period.standard_weight(key) for key in STANDARD_KEYS}
        names: dict[str, str | Promise] = dict(STANDARD_NAMES)
        period_extra_sums = extra_sums.get(period_id, {})
        for element in extras.get(period_id, []):
            weights[element.key] = element.weight
            names[element.key] = element.name
            sums[element.key] = int(period_extra_sums.get(str(element.pk), 0))
        scores = element_scores(respondents, sums, weights, names)
        _n, index = index_from_points(
            [PointsGroup(respondents, row.get("points") or 0, period.weight_total)]
        )
        results[period_id] = IndexResult(respondents=respondents, index=index, elements=scores)
    return results


def results_for_periods(periods: Sequence[SurveyPeriod]) -> dict[int, IndexResult]:
    """The index of each period with the NRR of every element it asks (standard and extra).

    Two queries whatever the number of responses: the periods' tallies and their extra
    elements.
    """
    by_id = {period.pk: period for period in periods}
    if not by_id:
        return {}
    rows = {
        row["period_id"]: row
        for row in PeriodTally.objects.filter(period_id__in=by_id).values(
            "period_id", "respondents", "points", "extra_sums", *SUM_FIELDS
        )
    }
    extra_sums = {period_id: row["extra_sums"] or {} for period_id, row in rows.items()}
    return _period_results(by_id, rows, _extras_of(by_id), extra_sums)


def results_for_periods_from_scratch(periods: Sequence[SurveyPeriod]) -> dict[int, IndexResult]:
    """:func:`results_for_periods` summed from the responses themselves, without the tallies:
    the reference the tests hold the tallies to. Three queries at most."""
    by_id = {period.pk: period for period in periods}
    if not by_id:
        return {}
    rows = response_sums(by_id)
    extras = _extras_of(by_id)
    extra_sums = extra_answer_sums(list(extras)) if extras else {}
    return _period_results(by_id, rows, extras, extra_sums)


def period_result(period: SurveyPeriod) -> IndexResult:
    return results_for_periods([period])[period.pk]


@dataclass(frozen=True)
class FlagCounts:
    """Answers of a period flagged as a burst: waiting for review, then counted or excluded."""

    pending: int = 0
    included: int = 0
    excluded: int = 0

    @property
    def total(self) -> int:
        return self.pending + self.included + self.excluded


def flag_counts(periods: Sequence[SurveyPeriod]) -> dict[int, FlagCounts]:
    """One query: the flagged answers of each period by review state."""
    found: dict[int, dict[str, int]] = defaultdict(dict)
    rows = (
        SurveyResponse.objects.flagged()
        .filter(period_id__in=[period.pk for period in periods])
        .values_list("period_id", "review")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for period_id, review, n in rows:
        found[period_id][review] = n
    return {period.pk: FlagCounts(**found.get(period.pk, {})) for period in periods}


# Roll-ups ---------------------------------------------------------------------------------

LEVELS = ("unit", "agency", "region", "province")
# The group of a period at each level.
_GROUP_OF_PERIOD = {
    "unit": F("unit_id"),
    "agency": F("unit__agency_id"),
    "region": F("unit__agency__region_id"),
    "province": Coalesce("unit__agency__region__parent_id", "unit__agency__region_id"),
}
# A roll-up shows the mean answer per standard element; the nominal equal weights are for
# display only, since the index of a roll-up comes from each questionnaire's own weights.
_NOMINAL = dict.fromkeys(STANDARD_KEYS, 1)


@dataclass(frozen=True)
class RollupRow:
    level: str
    id: int
    code: str
    name: str
    periods: int
    result: IndexResult


def default_window(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The roll-up's window when none is chosen: last year and this year, stretched to the end
    of every period that is running today, so that a period from October to March counts as
    current in December and in January alike."""
    start, end = datetime.date(today.year - 1, 1, 1), datetime.date(today.year, 12, 31)
    running_until = SurveyPeriod.objects.filter(start_date__lte=today, end_date__gt=end).aggregate(
        last=Max("end_date")
    )["last"]
    return start, max(end, running_until or end)


def scoped_periods(
    periods: QuerySet[SurveyPeriod] | None = None,
    *,
    region: Region | None = None,
    agency: Agency | None = None,
    unit: ServiceUnit | None = None,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
) -> QuerySet[SurveyPeriod]:
    """Periods inside a scope (a region includes its kabupaten/kota) and a window."""
    periods = (periods if periods is not None else SurveyPeriod.objects.all()).ending_between(
        start, end
    )
    if region is not None:
        regions = Region.objects.with_children(region).values("pk")
        periods = periods.filter(unit__agency__region__in=regions)
    if agency is not None:
        periods = periods.filter(unit__agency=agency)
    if unit is not None:
        periods = periods.filter(unit=unit)
    return periods


def _combine(rows: Iterable[dict]) -> dict[int, tuple[int, IndexResult]]:
    """Fold the sums of (group, weight total) rows into one result per group.

    Each row carries ``group``, ``weight_total``, ``periods`` (with answers), ``respondents``,
    ``points`` and ``sum_<key>``; responses sharing a weight total add up exactly, since a
    response's index is its points / weight total.
    """
    groups: dict[int, list[dict]] = defaultdict(list)
    for row in rows:
        groups[row["group"]].append(row)
    combined = {}
    for key, parts in groups.items():
        respondents, index = index_from_points(
            PointsGroup(part["respondents"], part["points"] or 0, part["weight_total"])
            for part in parts
        )
        sums = dict.fromkeys(STANDARD_KEYS, 0)
        for part in parts:
            for element_key, value in _sums(part).items():
                sums[element_key] += value
        scores = element_scores(respondents, sums, _NOMINAL, STANDARD_NAMES)
        periods_count = sum(part["periods"] for part in parts)
        combined[key] = (periods_count, IndexResult(respondents, index, scores))
    return combined


def _labels(level: str, keys: Iterable[int]) -> dict[int, tuple[str, str]]:
    keys = list(keys)
    if level in ("region", "province"):
        return {pk: (code, name) for pk, code, name in
                Region.objects.filter(pk__in=keys).values_list("pk", "code", "name")}  # fmt: skip
    if level == "agency":
        return {
            pk: (abbreviation, name)
            for pk, abbreviation, name in Agency.objects.filter(pk__in=keys).values_list(
                "pk", "abbreviation", "name"
            )
        }
    return {
        pk: (str(pk), f"{name} — {agency}")
        for pk, name, agency in ServiceUnit.objects.filter(pk__in=keys).values_list(
            "pk", "name", "agency__name"
        )
    }


def _rollup_rows(level: str, combined: dict[int, tuple[int, IndexResult]]) -> list[RollupRow]:
    labels = _labels(level, combined)
    result = [
        RollupRow(level, key, *labels.get(key, ("", "")), periods_count, index_result)
        for key, (periods_count, index_result) in combined.items()
    ]
    result.sort(key=lambda row: (row.code, row.name))
    return result


def rollup(level: str, periods: QuerySet[SurveyPeriod]) -> list[RollupRow]:
    """The respondent-weighted index per unit, agency, region or province over ``periods``.

    Two queries whatever the number of responses: the tallies of the periods in scope summed
    per group and weight total (one row read per period, never its responses), and the names
    of the groups. ``periods`` is a queryset of periods such as :func:`scoped_periods` gives
    (filters on the period, its unit, agency and region, each period once).
    """
    if level not in LEVELS:
        raise ValueError(f"unknown level {level!r}")
    # Joined from the periods in scope, not through an IN (subquery): the planner then walks
    # from the region's agencies down the unit and period indexes to each tally's primary
    # key, instead of hashing every tally of the country first.
    rows = (
        periods.filter(tally__respondents__gt=0)
        .annotate(group=_GROUP_OF_PERIOD[level])
        .values("group", "weight_total")
        .annotate(
            periods_count=Count("pk"),
            respondents_sum=Sum("tally__respondents"),
            points_sum=Sum("tally__points"),
            **{f"{name}_sum": Sum(f"tally__{name}") for name in SUM_FIELDS},
        )
        .order_by()
    )
    combined = _combine(
        {
            "group": row["group"],
            "weight_total": row["weight_total"],
            "periods": row["periods_count"],
            "respondents": row["respondents_sum"],
            "points": row["points_sum"],
            **{name: row[f"{name}_sum"] for name in SUM_FIELDS},
        }
        for row in rows
    )
    return _rollup_rows(level, combined)


def rollup_from_scratch(level: str, periods: QuerySet[SurveyPeriod]) -> list[RollupRow]:
    """:func:`rollup` summed from the responses themselves, without the tallies: the
    reference the tests hold the tallies to. Three queries."""
    if level not in LEVELS:
        raise ValueError(f"unknown level {level!r}")
    sums = response_sums(periods.values("pk"))
    group_of = {
        pk: (group, weight_total)
        for pk, group, weight_total in periods.annotate(group=_GROUP_OF_PERIOD[level])
        .order_by()
        .values_list("pk", "group", "weight_total")
    }
    combined = _combine(
        {"group": group_of[pk][0], "weight_total": group_of[pk][1], "periods": 1, **row}
        for pk, row in sums.items()
    )
    return _rollup_rows(level, combined)


# Statistics for the before/after comparison ------------------------------------------------


@dataclass(frozen=True)
class ScoreMoments:
    """Count, sum and sum of squares of the per-response converted score (25–100)."""

    respondents: int
    total: Fraction
    squares: Fraction

    @property
    def mean(self) -> Fraction | None:
        return self.total / self.respondents if self.respondents else None

    @property
    def variance(self) -> Fraction | None:
        """The sample variance (n − 1 in the denominator)."""
        n = self.respondents
        if n < 2:
            return None
        return (self.squares - self.total * self.total / n) / (n - 1)


def score_moments(periods: QuerySet[SurveyPeriod]) -> ScoreMoments:
    """One aggregate query: a response's converted score is 25 × points / weight total."""
    rows = (
        SurveyResponse.objects.counted()
        .filter(period__in=periods.values("pk"))
        .values("period__weight_total")
        .annotate(n=Count("pk"), total=Sum("points"), squares=Sum(F("points") * F("points")))
        .order_by()
    )
    respondents, total, squares = 0, Fraction(0), Fraction(0)
    for row in rows:
        weight_total = row["period__weight_total"]
        respondents += row["n"]
        total += Fraction(25 * (row["total"] or 0), weight_total)
        squares += Fraction(625 * (row["squares"] or 0), weight_total * weight_total)
    return ScoreMoments(respondents, total, squares)


# The respondent profile of a report ---------------------------------------------------------


@dataclass(frozen=True)
class ProfileBar:
    label: str | Promise
    count: int
    share: float  # 0–1 of the respondents who answered the question


@dataclass(frozen=True)
class ProfileChart:
    field: str
    title: str | Promise
    answered: int
    bars: tuple[ProfileBar, ...]


def profile_charts(period: SurveyPeriod) -> list[ProfileChart]:
    """Respondents per answer of each profile question the period asks: two queries."""
    counts: dict[str, Count] = {}
    questions = [(f, c) for f, flag, c in PROFILE_QUESTIONS if getattr(period, flag)]
    for field, choices in questions:
        for value in choices.values:
            counts[f"{field}__{value}"] = Count("pk", filter=Q(**{field: value}))
    totals = period.responses.counted().aggregate(**counts) if counts else {}
    charts = []
    for field, choices in questions:
        values = [(label, totals[f"{field}__{value}"]) for value, label in choices.choices]
        charts.append(_chart(field, values))
    if period.services:
        services = dict(
            period.responses.counted()
            .exclude(service="")
            .values("service")
            .annotate(n=Count("pk"))
            .order_by()
            .values_list("service", "n")
        )
        values = [(name, services.pop(name, 0)) for name in period.services]
        values += sorted(services.items(), key=lambda item: -item[1])
        charts.append(_chart("service", values))
    return charts


def _chart(field: str, values: list[tuple[str | Promise, int]]) -> ProfileChart:
    answered = sum(count for _label, count in values)
    bars = tuple(
        ProfileBar(label, count, count / answered if answered else 0.0) for label, count in values
    )
    return ProfileChart(field, PROFILE_TITLES[field], answered, bars)


def suggestions(period: SurveyPeriod, limit: int = 300) -> list[tuple[datetime.date, str]]:
    return list(
        period.responses.counted()
        .exclude(suggestion="")
        .order_by("-submitted_on", "-pk")
        .values_list("submitted_on", "suggestion")[:limit]
    )


def weakest_keys(result: IndexResult, count: int = 3) -> set[str]:
    return {element.key for element in result.weakest(count)}


__all__ = [
    "LEVELS",
    "ElementScore",
    "FlagCounts",
    "flag_counts",
    "RollupRow",
    "ScoreMoments",
    "period_result",
    "profile_charts",
    "results_for_periods",
    "results_for_periods_from_scratch",
    "default_window",
    "rollup",
    "rollup_from_scratch",
    "score_moments",
    "scoped_periods",
    "suggestions",
]
