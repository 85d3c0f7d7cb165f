"""Benchmarks of the survey results: the index of a unit with 100,000 responses and the
roll-up of a whole province. ``run()`` is called by ``make bench``; it builds the data once
(an agency "Benchmark SKM" in the home province) and reuses it on later runs.

Responses are generated inside the database with one ``INSERT … SELECT`` over a recursive
sequence (valid on SQLite and PostgreSQL): a hundred thousand rows take well under a second,
where creating as many model instances takes minutes on a busy machine.
"""

import datetime
import statistics
import time
from collections.abc import Callable, Sequence

from django.conf import settings
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from satu.agencies.models import Agency, AgencyType, ServiceUnit
from satu.regions.models import Region

from .elements import STANDARD_KEYS
from .models import Channel, PeriodTally, SurveyPeriod, SurveyResponse
from .results import period_result, rollup, scoped_periods
from .tallies import fill_tallies, refresh_tally

BENCH_ABBREVIATION = "BENCH-SKM"
UNIT_RESPONSES = 100_000
PROVINCE_UNITS = 400
RESPONSES_PER_UNIT = 250

# Answer patterns cycled through by generated responses: a realistic spread around "good".
PATTERNS: tuple[tuple[int, ...], ...] = (
    (3, 3, 3, 4, 3, 3, 3, 3, 3),
    (4, 3, 3, 4, 3, 4, 4, 3, 3),
    (3, 3, 2, 4, 3, 3, 3, 2, 3),
    (4, 4, 3, 4, 4, 4, 4, 3, 4),
    (3, 2, 2, 3, 3, 3, 3, 2, 2),
    (4, 4, 4, 4, 4, 4, 4, 4, 4),
    (3, 3, 3, 4, 3, 3, 4, 3, 3),
)


def generate_responses(
    period: SurveyPeriod,
    count: int,
    patterns: Sequence[Sequence[int]] = PATTERNS,
    *,
    channel: str = Channel.PAPER,
    tally: bool = True,
) -> None:
    """Add ``count`` responses to a period without extra elements; response n answers
    ``patterns[n % len(patterns)]`` (nine answers in element order).

    The period's tally is refreshed unless ``tally`` is false: a bulk loader of many periods
    fills them all at its end instead (``tallies.fill_tallies``)."""
    if period.extra_elements.exists():
        raise ValueError("generated responses cannot answer extra elements")
    size = len(patterns)
    weights = [period.standard_weight(key) for key in STANDARD_KEYS]

    def case(values: Sequence[int]) -> str:
        whens = " ".join(f"WHEN {i} THEN {int(v)}" for i, v in enumerate(values))
        return f"CASE n %% {size} {whens} END"

    columns = [case([pattern[i] for pattern in patterns]) for i in range(len(STANDARD_KEYS))]
    points = case(
        [sum(w * a for w, a in zip(weights, pattern, strict=True)) for pattern in patterns]
    )
    table = SurveyResponse._meta.db_table
    names = ", ".join([*STANDARD_KEYS, "points"])
    # Only whole numbers and the model's own table and column names are put into the text.
    sequence = "WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < %s)"
    target = (
        f"INSERT INTO {table} (period_id, {names}, age_group, sex, education, occupation, "
        "service, suggestion, channel, submitted_on)"
    )
    values = f"{', '.join(columns)}, {points}, '', '', '', '', '', '', %s, %s"
    sql = f"{sequence} {target} SELECT %s, {values} FROM seq"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, [count, period.pk, channel, period.start_date])
    if tally:
        refresh_tally(period)


def _timed(function: Callable[[], object], repeat: int = 5) -> dict[str, float | int]:
    timings = []
    queries = 0
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            function()
            timings.append((time.perf_counter() - started) * 1000)
        queries = len(captured)
    return {
        "best_ms": round(min(timings), 2),
        "median_ms": round(statistics.median(timings), 2),
        "queries": queries,
    }


@transaction.atomic
def _prepare(region: Region) -> tuple[SurveyPeriod, int]:
    agency, _ = Agency.objects.get_or_create(
        region=region,
        abbreviation=BENCH_ABBREVIATION,
        defaults={"name": "Benchmark SKM", "type": AgencyType.LAINNYA},
    )
    start = datetime.date(2025, 1, 1)
    end = datetime.date(2025, 12, 31)
    big_unit, _ = ServiceUnit.objects.get_or_create(agency=agency, name="Unit 100.000 responden")
    big, created = SurveyPeriod.objects.get_or_create(
        unit=big_unit, name="Benchmark", defaults={"start_date": start, "end_date": end}
    )
    if created or big.responses.count() != UNIT_RESPONSES:
        big.responses.all().delete()
        generate_responses(big, UNIT_RESPONSES)
    elif not PeriodTally.objects.filter(period=big).exists():  # data from before the tallies
        fill_tallies(SurveyPeriod.objects.filter(unit__agency=agency))
    existing = SurveyPeriod.objects.filter(unit__agency=agency).exclude(pk=big.pk).count()
    for number in range(existing, PROVINCE_UNITS):
        unit, _ = ServiceUnit.objects.get_or_create(agency=agency, name=f"Unit {number + 1:04d}")
        period = SurveyPeriod.objects.create(
            unit=unit, name="Benchmark", start_date=start, end_date=end
        )
        rotated = PATTERNS[number % len(PATTERNS) :] + PATTERNS[: number % len(PATTERNS)]
        generate_responses(period, RESPONSES_PER_UNIT, rotated)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # fresh statistics, as autovacuum would give them
            cursor.execute(f"ANALYZE {SurveyResponse._meta.db_table}")
    total = SurveyResponse.objects.filter(period__unit__agency=agency).count()
    return big, total


def run() -> dict[str, object]:
    """Time the index of one unit with 100,000 responses and the province roll-ups."""
    region = Region.objects.get(code=settings.SATU_HOME_REGION_CODE)
    started = time.perf_counter()
    big, bench_responses = _prepare(region)
    prepared_ms = round((time.perf_counter() - started) * 1000, 1)
    periods = scoped_periods(region=region)
    result = period_result(big)
    (province,) = rollup("province", periods)
    return {
        "name": "surveys",
        "database": connection.vendor,
        "prepare_ms": prepared_ms,
        "unit_responses": result.respondents,
        "unit_index": str(result.converted),
        "province_responses": province.result.respondents,
        "benchmark_responses": bench_responses,
        "unit_index_time": _timed(lambda: period_result(big)),
        "province_rollup_time": _timed(lambda: rollup("province", periods)),
        "region_rollup_time": _timed(lambda: rollup("region", periods)),
        "agency_rollup_time": _timed(lambda: rollup("agency", periods)),
    }
