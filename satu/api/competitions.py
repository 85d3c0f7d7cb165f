"""Competitions: public facts, and the results once the winners are announced."""

import datetime
import enum
from decimal import Decimal

from django.http import Http404, HttpRequest
from ninja import Field, Path, Router, Schema
from ninja.pagination import paginate

from satu.competitions.models import Competition, Entry, Group, Stage
from satu.competitions.views.public import public_results

from .pagination import Page
from .problems import responses
from .schemas import AgencyRef

router = Router(tags=["competitions"])

# Named apart from the innovation's Stage: OpenAPI components are keyed by name.
CompetitionStage = enum.Enum(  # type: ignore[misc]
    "CompetitionStage", {stage.name: stage.value for stage in Stage}, type=str
)


class TimelineOut(Schema):
    stage: CompetitionStage = Field(..., description="Stage code.")
    stage_label: str = Field(
        ..., description="The stage in the language of the request.", examples=["Pendaftaran"]
    )
    starts_on: datetime.date = Field(
        ..., description="First day of the stage.", examples=["2026-03-02"]
    )
    ends_on: datetime.date = Field(
        ..., description="Last day of the stage.", examples=["2026-04-30"]
    )


class CompetitionOut(Schema):
    id: int = Field(..., description="Id of the competition.", examples=[1])
    year: int = Field(..., description="Year of the competition.", examples=[2026])
    name: str = Field(
        ...,
        description="Name of the competition.",
        examples=["Kompetisi Inovasi Pelayanan Publik Jawa Tengah 2026"],
    )
    description: str = Field(
        "",
        description="What the competition is about, as the secretariat wrote it.",
        examples=["Kompetisi tahunan inovasi pelayanan publik perangkat daerah se-Jawa Tengah."],
    )
    region: str = Field(
        ..., description="Kemendagri code of the organising province.", examples=["33"]
    )
    stage: CompetitionStage = Field(..., description="Current stage code.")
    stage_label: str = Field(
        ...,
        description="Current stage in the language of the request.",
        examples=["Penilaian proposal"],
    )
    groups: list[Group] = Field(..., description="Groups open: umum, replikasi, khusus.")
    categories: list[str] = Field(
        ...,
        description="Names of the thematic categories.",
        examples=[["Pelayanan Publik Inklusif", "Tata Kelola Pemerintahan"]],
    )
    timeline: list[TimelineOut] = Field(..., description="The stages with their dates.")
    announced_at: datetime.datetime | None = Field(
        None,
        description="When the winners were announced; null before.",
        examples=["2026-10-28T10:00:00+07:00"],
    )


class InnovationRef(Schema):
    id: int = Field(
        ..., description="Id of the innovation (see /api/v1/innovations).", examples=[1201]
    )
    name: str = Field(..., description="Name of the innovation.", examples=["Si Cantik"])


class ResultOut(Schema):
    group: Group = Field(..., description="Group the entry competed in.")
    category: str | None = Field(
        None,
        description="Name of the category it competed in; null when the competition has none.",
        examples=["Pelayanan Publik Inklusif"],
    )
    rank: int = Field(..., description="Rank within the group and category.", examples=[1])
    title: str = Field(
        ..., description="Title awarded, in Indonesian.", examples=["Juara 1", "Finalis"]
    )
    is_winner: bool = Field(..., description="A winner rather than a finalist.")
    final_score: Decimal = Field(
        ..., description="The weighted final score (0–100), three decimals.", examples=["87.350"]
    )
    innovation: InnovationRef = Field(..., description="The innovation entered.")
    agency: AgencyRef = Field(..., description="The agency that entered it.")


def _competition_out(competition: Competition) -> dict:
    return {
        "id": competition.pk,
        "year": competition.year,
        "name": competition.name,
        "description": competition.description,
        "region": competition.region.code,
        "stage": competition.stage,
        "stage_label": str(competition.get_stage_display()),
        "groups": competition.groups,
        "categories": [c.name for c in competition.categories.all()],
        "timeline": [
            {
                "stage": step.stage,
                "stage_label": str(step.get_stage_display()),
                "starts_on": step.starts_on,
                "ends_on": step.ends_on,
            }
            for step in competition.timeline.all()
        ],
        "announced_at": competition.announced_at if competition.is_announced else None,
    }


def _result_out(entry: Entry) -> dict:
    return {
        "group": entry.group,
        "category": entry.category.name if entry.category_id else None,
        "rank": entry.rank,
        "title": entry.award_title,
        "is_winner": entry.is_winner,
        "final_score": entry.final_score,
        "innovation": {"id": entry.innovation_id, "name": entry.innovation.name},
        "agency": {
            "id": entry.agency_id,
            "name": entry.agency.name,
            "abbreviation": entry.agency.abbreviation,
            "region": {"code": entry.agency.region.code, "name": entry.agency.region.name},
        },
    }


@router.get(
    "",
    response=responses(list[CompetitionOut], 304),
    summary="List competitions",
    operation_id="list_competitions",
)
@paginate(Page)
def list_competitions(request: HttpRequest):
    """Competitions past their preparation, newest first, with groups, categories and timeline."""
    competitions = (
        Competition.objects.public()
        .select_related("region")
        .prefetch_related("categories", "timeline")
        .order_by("-year", "name", "pk")
    )
    return [_competition_out(c) for c in competitions]


@router.get(
    "/{competition_id}/results",
    response=responses(list[ResultOut], 304, 404),
    summary="Results of a competition",
    operation_id="competition_results",
)
def competition_results(
    request: HttpRequest,
    competition_id: int = Path(..., ge=1, le=2_147_483_647, description="Id of the competition."),
):
    """Winners and finalists with their rank, title and final score.

    Answers 404 until the winners are announced; never contains individual jurors' scores.
    """
    competition = (
        Competition.objects.public().filter(pk=competition_id, stage=Stage.ANNOUNCED).first()
    )
    if competition is None:
        raise Http404
    return [
        _result_out(entry) for _bucket, entries in public_results(competition) for entry in entries
    ]
