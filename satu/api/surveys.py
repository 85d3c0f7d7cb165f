"""Satisfaction survey (SKM) results: the index per unit and period, and roll-ups. Public.

Only aggregates are published; suggestions and individual responses stay in the back office.
"""

import datetime
from decimal import Decimal
from typing import Literal

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Path, Query, Router, Schema
from ninja.pagination import paginate

from satu.agencies.models import Agency
from satu.regions.models import Region
from satu.surveys.ikm import IndexResult
from satu.surveys.ikm import minimum_sample as krejcie_morgan
from satu.surveys.models import SurveyPeriod
from satu.surveys.results import (
    FlagCounts,
    flag_counts,
    period_result,
    results_for_periods,
    rollup,
    scoped_periods,
)

from .pagination import Page
from .problems import responses
from .types import IsoDate

router = Router(tags=["surveys"])


class ElementOut(Schema):
    key: str = Field(
        ...,
        description="Stable key of the element: one of the nine standard keys, or "
        "`tambahan_<n>` for a unit's own extra element.",
        examples=["waktu"],
    )
    name: str = Field(
        ...,
        description="Name of the element in the language of the request.",
        examples=["Waktu Penyelesaian"],
    )
    weight: Decimal = Field(
        ...,
        description="Share of the element in the index, three decimals (the shares sum to one).",
        examples=["0.111"],
    )
    average: Decimal | None = Field(
        None,
        description="Mean answer on the 1–4 scale (NRR), two decimals; null without answers.",
        examples=["3.12"],
    )


class GradeOut(Schema):
    letter: Literal["A", "B", "C", "D"] = Field(
        ..., description="Service quality grade (mutu pelayanan).", examples=["B"]
    )
    label: str = Field(
        ..., description="Performance of the unit (kinerja unit pelayanan).", examples=["Baik"]
    )


class IndexOut(Schema):
    respondents: int = Field(..., description="Number of responses counted.", examples=[412])
    index: Decimal | None = Field(
        None, description="Weighted index on the 1–4 scale, four decimals.", examples=["3.2456"]
    )
    converted: Decimal | None = Field(
        None,
        description="Converted index (index × 25, 25–100), rounded to two decimals half up; "
        "the grade is read from this value.",
        examples=["81.14"],
    )
    grade: GradeOut | None = Field(
        None,
        description="Grade and performance label; null while there are no responses.",
        examples=[{"letter": "B", "label": "Baik"}],
    )
    elements: list[ElementOut] = Field(
        ...,
        description="Average per element, in the questionnaire's order.",
        examples=[[{"key": "waktu", "name": "Waktu Penyelesaian", "weight": "0.111",
                    "average": "3.12"}]],
    )  # fmt: skip


class UnitRef(Schema):
    id: int = Field(..., description="Id of the service unit.", examples=[118])
    name: str = Field(
        ..., description="Name of the service unit.", examples=["Instalasi Rawat Jalan"]
    )
    agency_id: int = Field(..., description="Id of the unit's agency.", examples=[42])
    agency: str = Field(
        ..., description="Name of the unit's agency.", examples=["RSUD dr. Moewardi"]
    )
    region: str = Field(..., description="Kemendagri code of the agency's region.", examples=["33"])


class FlaggedOut(Schema):
    pending: int = Field(
        ...,
        description="Answers flagged as a burst from one address, waiting for the unit's "
        "review; they do not count in the result until reviewed.",
        examples=[3],
    )
    included: int = Field(
        ..., description="Flagged answers the unit reviewed and counts.", examples=[1]
    )
    excluded: int = Field(
        ..., description="Flagged answers the unit reviewed and left out.", examples=[2]
    )


class PeriodOut(Schema):
    id: int = Field(..., description="Id of the survey period.", examples=[7])
    code: str = Field(..., description="Short code of the public form.", examples=["K7M2QX9A"])
    name: str = Field(..., description="Name of the period.", examples=["Semester I 2026"])
    start_date: datetime.date = Field(
        ..., description="First day of the period.", examples=["2026-01-01"]
    )
    end_date: datetime.date = Field(
        ..., description="Last day of the period.", examples=["2026-06-30"]
    )
    is_open: bool = Field(
        ..., description="The public form accepts answers today.", examples=[True]
    )
    population: int | None = Field(
        None, description="Estimated number of service users in the period.", examples=[2400]
    )
    minimum_sample: int | None = Field(
        None,
        description="Minimum respondents for the population (Krejcie–Morgan).",
        examples=[331],
    )
    unit: UnitRef = Field(..., description="The service unit surveyed.")
    result: IndexOut = Field(..., description="Respondents, index, grade and element averages.")
    flagged: FlaggedOut = Field(
        ...,
        description="Answers flagged as bursts (many answers from one address in a short "
        "time) and what the unit decided about them.",
    )


class RollupOut(Schema):
    level: Literal["unit", "agency", "region", "province"] = Field(
        ..., description="What a row stands for.", examples=["region"]
    )
    id: int = Field(..., description="Id of the unit, agency or region.", examples=[12])
    code: str = Field(
        ...,
        description="Kemendagri code of a region, abbreviation of an agency, or the unit id.",
        examples=["33.74"],
    )
    name: str = Field(
        ..., description="Name of the unit, agency or region.", examples=["Kota Semarang"]
    )
    periods: int = Field(..., description="Survey periods counted.", examples=[31])
    result: IndexOut = Field(
        ...,
        description="Index over all respondents of the group (respondent-weighted); element "
        "averages are over the nine standard elements.",
    )


def _index(result: IndexResult) -> dict[str, object]:
    grade = result.grade
    return {
        "respondents": result.respondents,
        "index": result.index_display,
        "converted": result.converted,
        "grade": {"letter": grade.letter, "label": str(grade.label)} if grade else None,
        "elements": [
            {
                "key": element.key,
                "name": str(element.name),
                "weight": element.weight_display,
                "average": element.nrr_display,
            }
            for element in result.elements
        ],
    }


def _period(period: SurveyPeriod, result: IndexResult, flags: FlagCounts) -> dict[str, object]:
    unit = period.unit
    return {
        "id": period.pk,
        "code": period.code,
        "name": period.name,
        "start_date": period.start_date,
        "end_date": period.end_date,
        "is_open": period.accepts_answers,
        "population": period.population,
        "minimum_sample": krejcie_morgan(period.population) if period.population else None,
        "unit": {
            "id": unit.pk,
            "name": unit.name,
            "agency_id": unit.agency_id,
            "agency": unit.agency.name,
            "region": unit.agency.region.code,
        },
        "result": _index(result),
        "flagged": {
            "pending": flags.pending,
            "included": flags.included,
            "excluded": flags.excluded,
        },
    }


class PeriodFilters(Schema):
    region: str | None = Field(
        None,
        max_length=13,
        description="Kemendagri code; a province includes its kabupaten/kota.",
        examples=["33"],
    )
    agency: int | None = Field(
        None, ge=1, le=2**31 - 1, description="Id of an agency.", examples=[42]
    )
    unit: int | None = Field(
        None, ge=1, le=2**31 - 1, description="Id of a service unit.", examples=[311]
    )
    start: IsoDate | None = Field(
        None, description="Only periods ending on or after this day.", examples=["2026-01-01"]
    )
    end: IsoDate | None = Field(
        None, description="Only periods ending on or before this day.", examples=["2026-12-31"]
    )


class _ResultPage(Page):
    """Pages of periods with their results computed for the whole page in a few queries."""

    def paginate_queryset(self, queryset, pagination, request, **params):  # type: ignore[no-untyped-def]
        page = super().paginate_queryset(queryset, pagination, request, **params)
        periods = page["results"]
        results, flags = results_for_periods(periods), flag_counts(periods)
        page["results"] = [
            _period(period, results[period.pk], flags[period.pk]) for period in periods
        ]
        return page


def _filtered(filters: PeriodFilters):  # type: ignore[no-untyped-def]
    region = agency = None
    if filters.region:
        region = Region.objects.filter(code=filters.region).first()
        if region is None:
            raise Http404
    if filters.agency:
        agency = Agency.objects.filter(pk=filters.agency).first()
        if agency is None:
            raise Http404
    periods = scoped_periods(region=region, agency=agency, start=filters.start, end=filters.end)
    if filters.unit:
        periods = periods.filter(unit_id=filters.unit)
    return periods


@router.get(
    "/periods",
    response=responses(list[PeriodOut], 304, 404),
    summary="List survey periods with their index",
    operation_id="list_survey_periods",
)
@paginate(_ResultPage)
def list_periods(request: HttpRequest, filters: Query[PeriodFilters]):
    """Survey periods of service units, newest first, each with respondents, index, converted
    index, grade and the average of every element."""
    return (
        _filtered(filters)
        .select_related("unit__agency__region")
        .order_by("-end_date", "unit__name", "pk")
    )


@router.get(
    "/periods/{period_id}",
    response=responses(PeriodOut, 304, 404),
    summary="One survey period with its index",
    operation_id="get_survey_period",
)
def get_period(
    request: HttpRequest,
    period_id: int = Path(..., ge=1, le=2**31 - 1, description="Id of the period."),
):
    """The index, grade and per-element averages of one unit and period."""
    period = get_object_or_404(
        SurveyPeriod.objects.select_related("unit__agency__region"), pk=period_id
    )
    return _period(period, period_result(period), flag_counts([period])[period.pk])


class RollupFilters(Schema):
    level: Literal["unit", "agency", "region", "province"] = Field(
        "region", description="Group the responses by service unit, agency, region or province."
    )
    region: str | None = Field(
        None,
        max_length=13,
        description="Only this region (a province includes its kabupaten/kota).",
        examples=["33"],
    )
    start: IsoDate | None = Field(
        None,
        description="Window of periods: those ending on or after this day.",
        examples=["2026-01-01"],
    )
    end: IsoDate | None = Field(
        None,
        description="Window of periods: those ending on or before this day.",
        examples=["2026-12-31"],
    )


@router.get(
    "/rollups",
    response=responses(list[RollupOut], 304, 404),
    summary="Roll-up of the index per unit, agency, region or province",
    operation_id="list_survey_rollups",
)
def list_rollups(request: HttpRequest, filters: Query[RollupFilters]):
    """The respondent-weighted index per group over a window of periods. Each response counts
    with the weights of its own questionnaire, so a unit with more respondents weighs more."""
    region = None
    if filters.region:
        region = Region.objects.filter(code=filters.region).first()
        if region is None:
            raise Http404
    periods = scoped_periods(region=region, start=filters.start, end=filters.end)
    return [
        {
            "level": row.level,
            "id": row.id,
            "code": row.code,
            "name": row.name,
            "periods": row.periods,
            "result": _index(row.result),
        }
        for row in rollup(filters.level, periods)
    ]
