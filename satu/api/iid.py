"""Indeks Inovasi Daerah: a region's published index, predicate and per-indicator scores."""

import datetime
from decimal import Decimal
from typing import Literal

from django.http import Http404, HttpRequest
from ninja import Field, Path, Router, Schema

from satu.national.index import round2
from satu.national.models import Assessment
from satu.national.services import result

from .problems import responses

router = Router(tags=["iid"])


class IidRegionOut(Schema):
    code: str = Field(..., description="Kemendagri code of the region.", examples=["33.74"])
    name: str = Field(..., description="Name of the region.", examples=["Kota Semarang"])


class IidIndicatorOut(Schema):
    code: str = Field(
        ...,
        description="Indicator number (with its part a/b), or jumlah_inovasi for the number of "
        "innovations.",
        examples=["35"],
    )
    aspect: Literal["SPD", "SID"] = Field(
        ..., description="SPD (region level) or SID (per innovation).", examples=["SID"]
    )
    name: str = Field(..., description="Indicator name as in the rule set.", examples=["Video"])
    points: Decimal = Field(
        ...,
        description="Verified points (SID indicators: summed over the innovations and divided "
        "by the divisor), two decimals.",
        examples=["3.00"],
    )
    claimed_points: Decimal = Field(
        ..., description="Points as claimed by the region, two decimals.", examples=["4.00"]
    )
    maximum: Decimal = Field(
        ..., description="Points the indicator can give here, two decimals.", examples=["4.00"]
    )


class IidOut(Schema):
    year: int = Field(..., description="Year of the assessment.", examples=[2026])
    region: IidRegionOut = Field(..., description="The region assessed.")
    rule_set: str = Field(
        ...,
        description="Name of the rules the index was computed with (frozen at submission).",
        examples=["Indeks Inovasi Daerah 2026"],
    )
    confidence: str = Field(
        ...,
        description="How sure the rules are: official, press, secondary or code (third-party "
        "transcription).",
        examples=["code"],
    )
    index: Decimal = Field(
        ..., description="The verified index, 0–100, two decimals half up.", examples=["52.40"]
    )
    predicate: str = Field(
        ..., description="Predicate of the verified index.", examples=["Inovatif"]
    )
    claimed_index: Decimal = Field(
        ...,
        description="The index as the region claimed it, before verification.",
        examples=["55.10"],
    )
    claimed_predicate: str = Field(
        ..., description="Predicate of the claimed index.", examples=["Inovatif"]
    )
    spd: Decimal = Field(..., description="Verified SPD score.", examples=["42.00"])
    sid: Decimal = Field(
        ...,
        description="Verified SID score: indicator sum / divisor plus the number score.",
        examples=["60.25"],
    )
    count_score: Decimal = Field(
        ..., description="Score of the number of innovations.", examples=["4.56"]
    )
    coverage_met: bool = Field(
        ...,
        description="Whether the innovations cover enough basic-service urusan for the number "
        "of innovations to score.",
        examples=[True],
    )
    innovations: int = Field(..., description="Innovations reported.", examples=[12])
    divisor: int = Field(
        ..., description="MAX(k, number of innovations) of the year.", examples=[12]
    )
    maximum: Decimal = Field(..., description="Highest possible total score.", examples=["250.00"])
    published_at: datetime.datetime = Field(
        ...,
        description="When the secretariat published it.",
        examples=["2026-11-16T09:00:00+07:00"],
    )
    indicators: list[IidIndicatorOut] = Field(..., description="Every indicator's points.")


@router.get(
    "/{year}/regions/{code}",
    response=responses(IidOut, 304, 404),
    summary="Published IID of a region",
    operation_id="iid_region",
)
def iid_region(
    request: HttpRequest,
    year: int = Path(..., ge=2000, le=2100, description="Year of the assessment.", examples=[2026]),
    code: str = Path(
        ...,
        max_length=13,
        description="Kemendagri code of the province or kabupaten/kota.",
        examples=["33"],
    ),
):
    """The Indeks Inovasi Daerah of a region in a year, verified and claimed, with its predicate
    and the points of every indicator.

    Answers 404 until the secretariat has verified and published the assessment.
    """
    assessment = (
        Assessment.objects.published()
        .select_related("region")
        .filter(year=year, region__code=code)
        .first()
    )
    if assessment is None:
        raise Http404
    verified = result(assessment, verified=True)
    claimed = result(assessment)
    claimed_points = {(row.aspect, row.code): row.points for row in claimed.indicators}
    snapshot = assessment.rules_snapshot or {}
    return {
        "year": assessment.year,
        "region": {"code": assessment.region.code, "name": assessment.region.name},
        "rule_set": snapshot.get("name", ""),
        "confidence": snapshot.get("confidence", ""),
        "index": verified.index,
        "predicate": verified.predicate,
        "claimed_index": claimed.index,
        "claimed_predicate": claimed.predicate,
        "spd": round2(verified.spd),
        "sid": round2(verified.sid),
        "count_score": round2(verified.count_score),
        "coverage_met": verified.coverage_met,
        "innovations": verified.innovations,
        "divisor": verified.divisor,
        "maximum": round2(verified.maximum),
        "published_at": assessment.published_at,
        "indicators": [
            {
                "code": row.code,
                "aspect": row.aspect,
                "name": row.name,
                "points": round2(row.points),
                "claimed_points": round2(claimed_points.get((row.aspect, row.code), Decimal(0))),
                "maximum": round2(row.maximum),
            }
            for row in verified.indicators
        ],
    }
