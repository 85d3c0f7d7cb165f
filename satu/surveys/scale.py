"""Survey responses at scale: every service unit surveyed each semester of the last years."""

import datetime

from django.db import connection
from django.utils import timezone

from satu.agencies.models import ServiceUnit
from satu.core.scale import ScaleContext, bulk_insert

from .benchmarks import PATTERNS, generate_responses
from .models import SurveyPeriod, new_code
from .tallies import fill_tallies

SEMESTERS = 6  # the last three years


def _semesters(last_year: int) -> list[tuple[str, datetime.date, datetime.date]]:
    result = []
    for year in range(last_year - SEMESTERS // 2 + 1, last_year + 1):
        result.append((f"Semester I {year}", datetime.date(year, 1, 1), datetime.date(year, 6, 30)))
        result.append(
            (f"Semester II {year}", datetime.date(year, 7, 1), datetime.date(year, 12, 31))
        )
    return result


def generate(ctx: ScaleContext) -> None:
    preset = ctx.preset
    units = ServiceUnit.objects.all()
    if preset.region_codes is not None:
        units = units.filter(agency__region__code__startswith=preset.region_codes[0])
    unit_ids = list(units.order_by("pk").values_list("pk", flat=True))
    semesters = _semesters(preset.last_year)
    now = timezone.now()
    periods = [
        SurveyPeriod(
            unit_id=unit_id,
            name=name,
            start_date=start,
            end_date=end,
            code=new_code(),
            created_at=now,
            updated_at=now,
        )
        for unit_id in unit_ids
        for name, start, end in semesters
    ]
    bulk_insert(SurveyPeriod, periods, batch=2000)
    created = list(SurveyPeriod.objects.filter(unit_id__in=unit_ids).order_by("pk"))
    per_period, extra = divmod(preset.survey_responses, max(1, len(created)))
    for index, period in enumerate(created):
        count = per_period + (1 if index < extra else 0)
        shift = index % len(PATTERNS)
        generate_responses(period, count, PATTERNS[shift:] + PATTERNS[:shift], tally=False)
    # The tallies of all those periods at once: one grouped pass over the responses.
    tallies = fill_tallies(SurveyPeriod.objects.filter(unit__in=units))
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE surveys_surveyresponse")
            cursor.execute("ANALYZE surveys_periodtally")
    ctx.log(
        f"survey periods: {len(created)}, responses: {preset.survey_responses}, tallies: {tallies}"
    )
