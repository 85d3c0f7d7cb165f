"""Compliance with "Satu OPD Satu Inovasi": the board of a year, by region and by agency.

The figures come from the same service as the public board and its downloads
(:func:`satu.compliance.board.compute_board`), so they are identical.
"""

import datetime

from django.http import Http404, HttpRequest
from ninja import Field, Path, Query, Router, Schema
from ninja.pagination import paginate

from satu.agencies.models import Agency, AgencyType
from satu.compliance.board import STATUS_LABELS, Board, Counts, compute_board, home_province
from satu.compliance.models import CountingRule, ProgrammeYear
from satu.regions.models import Region

from .pagination import Page
from .problems import responses

YEAR = Path(..., ge=2000, le=2100, description="Programme year.", examples=[2026])

router = Router(tags=["compliance"])


class CountsOut(Schema):
    obliged: int = Field(
        ..., description="Agencies that must comply (exempt ones excluded).", examples=[48]
    )
    complied: int = Field(
        ..., description="Obliged agencies with an innovation that counts.", examples=[31]
    )
    waiting: int = Field(
        ...,
        description="Obliged agencies whose on-time innovation waits in the approval chain.",
        examples=[6],
    )
    started: int = Field(
        ...,
        description="Obliged agencies with only drafts, returned or late innovations.",
        examples=[4],
    )
    nothing: int = Field(
        ..., description="Obliged agencies with no innovation of the year.", examples=[7]
    )
    exempt: int = Field(
        ..., description="Agencies exempted by the secretariat (not obliged).", examples=[2]
    )
    percent: float | None = Field(
        None,
        description="complied / obliged × 100, one decimal; null when nobody is obliged.",
        examples=[64.6],
    )


class RegionCountsOut(CountsOut):
    code: str = Field(..., examples=["33.74"], description="Kemendagri code of the region.")
    name: str = Field(..., description="Name of the region.", examples=["Kota Semarang"])
    kind: str = Field(
        ...,
        description="province (its own agencies), regency or city.",
        examples=["city"],
    )
    light: str | None = Field(
        None,
        description="Traffic light: green, amber or red; null when nobody is obliged.",
        examples=["amber"],
    )


class BoardOut(Schema):
    year: int = Field(..., description="Programme year.", examples=[2026])
    registration_deadline: datetime.date = Field(
        ...,
        description="Last day an innovation can be submitted and still count for the year.",
        examples=["2026-06-30"],
    )
    counting_rule: CountingRule = Field(
        ...,
        description="accepted: submitted by the deadline and accepted by the secretariat; "
        "submitted: submitted by the deadline.",
    )
    obliged_types: list[AgencyType] = Field(
        ..., description="Types of agency that must have an innovation."
    )
    scope: str = Field(..., examples=["33"], description="Code of the programme's province.")
    totals: CountsOut = Field(..., description="Totals of the whole province.")
    light: str | None = Field(
        None,
        description="Traffic light of the totals: green, amber or red; null when nobody is "
        "obliged.",
        examples=["amber"],
    )
    regions: list[RegionCountsOut] = Field(
        ...,
        description="One row per region: the province's own agencies first, then each "
        "kabupaten/kota.",
    )


class AgencyRowOut(Schema):
    id: int = Field(..., description="Id of the agency (see /api/v1/agencies).", examples=[42])
    name: str = Field(
        ..., description="Name of the agency.", examples=["Dinas Kesehatan Provinsi Jawa Tengah"]
    )
    abbreviation: str = Field(..., description="Abbreviation of the agency.", examples=["DINKES"])
    type: AgencyType = Field(..., description="Agency type code.")
    region_code: str = Field(
        ..., description="Kemendagri code of the agency's region.", examples=["33"]
    )
    region_name: str = Field(
        ..., description="Name of the agency's region.", examples=["Jawa Tengah"]
    )
    status: str = Field(
        ..., description="complied, waiting, started, nothing or exempt.", examples=["complied"]
    )
    status_label: str = Field(
        ..., description="The status in the language of the request.", examples=["Memenuhi"]
    )
    counted: int = Field(
        ..., description="Innovations of the agency that count for the year.", examples=[1]
    )

    @staticmethod
    def resolve_region_code(obj: Agency) -> str:
        return obj.region.code

    @staticmethod
    def resolve_region_name(obj: Agency) -> str:
        return obj.region.name

    @staticmethod
    def resolve_status_label(obj: Agency) -> str:
        return str(STATUS_LABELS[obj.status])  # type: ignore[attr-defined]


class ComplianceAgencyFilters(Schema):
    region: str | None = Field(
        None,
        max_length=13,
        description="Kemendagri code of the agencies' region (the province's code: its own "
        "agencies).",
        examples=["33.74"],
    )
    type: AgencyType | None = Field(None, description="Only agencies of this type.")
    status: str | None = Field(
        None,
        pattern="^(complied|waiting|started|nothing|exempt)$",
        description="Only agencies with this status: complied, waiting, started, nothing or "
        "exempt.",
        examples=["waiting"],
    )


def _board(year: int, region_code: str | None = None, agency_type: str | None = None) -> Board:
    programme_year = ProgrammeYear.objects.filter(year=year).first()
    province = home_province()  # None in a national install: every agency counts
    if programme_year is None:
        raise Http404
    region = None
    if region_code:
        region = Region.objects.filter(code=region_code).first()
        outside = (
            province is not None
            and region is not None
            and (region.pk != province.pk and region.parent_id != province.pk)
        )
        if region is None or outside:
            raise Http404
    return compute_board(programme_year, scope=province, region=region, agency_type=agency_type)


def _counts(counts: Counts) -> dict[str, object]:
    return counts.as_dict()


@router.get(
    "/{year}",
    response=responses(BoardOut, 304, 404),
    summary="Compliance board of a year",
    operation_id="compliance",
)
def compliance_board(request: HttpRequest, year: int = YEAR):
    """Totals of the programme's province and one row per region (provincial agencies under
    the province's own code, then each kabupaten/kota)."""
    board = _board(year)
    return {
        "year": board.year.year,
        "registration_deadline": board.year.registration_deadline,
        "counting_rule": board.year.counting_rule,
        "obliged_types": board.year.obliged_types,
        "scope": board.scope.code if board.scope else "",
        "totals": _counts(board.totals),
        "light": board.light(board.totals),
        "regions": [
            {
                "code": row.code,
                "name": row.name,
                "kind": row.kind,
                "light": board.light(row.counts),
                **_counts(row.counts),
            }
            for row in board.regions
        ],
    }


@router.get(
    "/{year}/agencies",
    response=responses(list[AgencyRowOut], 304, 404),
    summary="Agencies with their compliance status",
    operation_id="compliance_agencies",
)
@paginate(Page)
def compliance_agencies(
    request: HttpRequest, filters: Query[ComplianceAgencyFilters], year: int = YEAR
):
    """Every obliged agency with its status, ordered by region code and name."""
    board = _board(year, filters.region, filters.type)
    return board.agencies(status=filters.status, sort="region")
