"""Accepted innovations, open to everyone: /api/v1/innovations.

Only innovations the secretariat has accepted are published; internal evidence and personal
data (who typed or approved what) never leave the back office. The initiator's name is
published only when the initiator is the agency itself.
"""

import datetime
import decimal

from django.db.models import Prefetch, Q
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Field, Path, Query, Router, Schema
from ninja.pagination import paginate

from satu.catalog.api_search import filter_innovations
from satu.innovations.models import (
    Evidence,
    EvidenceKind,
    InitiatorKind,
    Innovation,
    InnovationForm,
    InnovationYear,
    Stage,
    Status,
    YearStatus,
)
from satu.innovations.policies import visible_innovations
from satu.urusan.models import Urusan

from .auth import OptionalTokenAuth
from .pagination import Page
from .problems import responses
from .schemas import AgencyRef

router = Router(tags=["innovations"])


class UrusanRef(Schema):
    number: int = Field(..., description="Number of the urusan (1–38).", examples=[2])
    name: str = Field(..., description="Name of the urusan.", examples=["Kesehatan"])

    @staticmethod
    def resolve_number(obj: Urusan) -> int:
        return obj.code


class InnovationSummary(Schema):
    id: int = Field(..., description="Id of the innovation.", examples=[1201])
    name: str = Field(..., description="Name of the innovation.", examples=["Si Cantik"])
    programme_year: int = Field(
        ..., description="The Satu OPD Satu Inovasi year it counts for.", examples=[2025]
    )
    agency: AgencyRef = Field(..., description="The agency that runs the innovation.")
    service_unit: str | None = Field(
        None,
        description="The service unit where it is applied, if any.",
        examples=["Instalasi Rawat Jalan"],
    )
    stage: Stage = Field(..., description="Stage: initiative, trial or implementation.")
    stage_label: str = Field(
        ..., description="The stage in the language of the request.", examples=["Penerapan"]
    )
    is_digital: bool = Field(..., description="Digital (online) innovation.", examples=[True])
    form: InnovationForm = Field(..., description="Form of the innovation.")
    form_label: str = Field(
        ..., description="The form in the language of the request.", examples=["Pelayanan publik"]
    )
    main_urusan: UrusanRef = Field(..., description="The main government affair (urusan).")
    related_urusan: list[UrusanRef] = Field(..., description="Other affairs it touches.")
    sdg_goals: list[int] = Field(
        ..., description="Sustainable Development Goals (1–17).", examples=[[3, 16]]
    )
    trial_date: datetime.date | None = Field(
        None, description="Start of the trial.", examples=["2024-02-01"]
    )
    launch_date: datetime.date | None = Field(
        None, description="Start of implementation.", examples=["2024-07-01"]
    )
    summary: str = Field(
        "",
        description="Summary (at most 200 words).",
        examples=["Antrean daring untuk poli rawat jalan."],
    )
    accepted_at: datetime.datetime | None = Field(
        None,
        description="When the secretariat accepted it.",
        examples=["2025-03-31T10:00:00+07:00"],
    )

    @staticmethod
    def resolve_stage_label(obj: Innovation) -> str:
        return str(obj.get_stage_display())

    @staticmethod
    def resolve_form_label(obj: Innovation) -> str:
        return str(obj.get_form_display())

    @staticmethod
    def resolve_service_unit(obj: Innovation) -> str | None:
        return obj.service_unit.name if obj.service_unit_id else None  # type: ignore[union-attr]

    @staticmethod
    def resolve_related_urusan(obj: Innovation) -> list[Urusan]:
        return list(obj.related_urusan.all())


class YearOut(Schema):
    year: int = Field(..., description="The year reported.", examples=[2026])
    status: YearStatus = Field(..., description="continued, developed or stopped.")
    status_label: str = Field(
        ..., description="The status in the language of the request.", examples=["Berlanjut"]
    )
    development_note: str = Field(
        "",
        description="What was developed that year.",
        examples=["Menambah layanan pendaftaran lewat WhatsApp."],
    )
    stop_reason: str = Field("", description="Why it stopped.", examples=[""])

    @staticmethod
    def resolve_status_label(obj: InnovationYear) -> str:
        return str(obj.get_status_display())


class EvidenceOut(Schema):
    id: int = Field(..., description="Id of the evidence.", examples=[77])
    kind: EvidenceKind = Field(..., description="What the evidence is.")
    title: str = Field(..., description="Title of the evidence.", examples=["SK Kepala Dinas"])
    url: str = Field(
        ...,
        description="The link, or the address to download the file.",
        examples=["https://www.youtube.com/watch?v=abc123"],
    )
    is_file: bool = Field(..., description="An uploaded file rather than a link.")
    content_type: str = Field(
        "", description="Type of the file (empty for links).", examples=["application/pdf"]
    )
    size: int = Field(0, description="Size of the file in bytes (0 for links).", examples=[48213])

    @staticmethod
    def resolve_is_file(obj: Evidence) -> bool:
        return bool(obj.file)

    @staticmethod
    def resolve_url(obj: Evidence, context: dict) -> str:
        if not obj.file:
            return obj.url
        path = reverse("innovations:evidence_download", args=[obj.pk])
        return context["request"].build_absolute_uri(path)


class InnovationOut(InnovationSummary):
    status: Status = Field(
        ...,
        description="Where it stands in the approval chain: always `accepted` for anonymous "
        "readers; the agency's own people and reviewers see their drafts and reviews too.",
    )
    status_label: str = Field(
        ...,
        description="The status in the language of the request.",
        examples=["Diterima sekretariat"],
    )
    version: int = Field(
        ...,
        description="Version of the profile, raised by every save: send it back with a change "
        "(PATCH) so that nobody's save is silently overwritten.",
        examples=[3],
    )
    initiator_kind: InitiatorKind = Field(..., description="Who started the innovation.")
    initiator_name: str | None = Field(
        None,
        description="Name of the initiator, published only when it is the agency itself (the "
        "agency's own people and reviewers always see it).",
        examples=["Dinas Kesehatan Kota Semarang"],
    )
    design: str = Field("", description="Design (rancang bangun).", examples=["Dasar hukum …"])
    goals: str = Field("", description="Goals.", examples=["Memangkas waktu tunggu."])
    benefits: str = Field("", description="Benefits.", examples=["Pasien tidak antre subuh."])
    results_before: str = Field(
        "", description="The situation before.", examples=["Menunggu 3 jam."]
    )
    results_after: str = Field("", description="Results after.", examples=["Menunggu 40 menit."])
    budget: decimal.Decimal | None = Field(
        None, description="Budget in rupiah.", examples=["150000000"]
    )
    background: str = Field("", description="KIPP: background and objectives.", examples=[""])
    novelty: str = Field("", description="KIPP: novelty.", examples=[""])
    implementation: str = Field("", description="KIPP: implementation.", examples=[""])
    significance: str = Field("", description="KIPP: significance.", examples=[""])
    adaptability: str = Field("", description="KIPP: adaptability.", examples=[""])
    resources: str = Field("", description="KIPP: resources.", examples=[""])
    sustainability: str = Field("", description="KIPP: sustainability.", examples=[""])
    replicated_from: int | None = Field(
        None, description="Id of the innovation this one replicates.", examples=[None]
    )
    years: list[YearOut] = Field(..., description="Yearly status reports, oldest first.")
    evidence: list[EvidenceOut] = Field(
        ...,
        description="Evidence (files and links): the public pieces for anonymous readers, all "
        "of them for the agency's own people and reviewers.",
    )

    @staticmethod
    def resolve_status_label(obj: Innovation) -> str:
        return str(obj.get_status_display())

    @staticmethod
    def resolve_initiator_name(obj: Innovation) -> str | None:
        if obj.initiator_kind == InitiatorKind.AGENCY or getattr(obj, "back_office_view", False):
            return obj.initiator_name or obj.agency.name
        return None

    @staticmethod
    def resolve_replicated_from(obj: Innovation) -> int | None:
        return obj.replicated_from_id

    @staticmethod
    def resolve_years(obj: Innovation) -> list[InnovationYear]:
        return list(obj.years.all())

    @staticmethod
    def resolve_evidence(obj: Innovation) -> list[Evidence]:
        return list(obj.evidence.all())


class InnovationFilters(Schema):
    year: int | None = Field(None, ge=2000, le=2100, description="Programme year.", examples=[2025])
    region: str | None = Field(
        None,
        max_length=13,
        description="Kemendagri code of a region; a province includes its kabupaten/kota.",
        examples=["33"],
    )
    agency: int | None = Field(
        None, ge=1, le=2_147_483_647, description="Id of the agency.", examples=[42]
    )
    stage: Stage | None = Field(None, description="Only innovations at this stage.")
    urusan: int | None = Field(
        None,
        ge=1,
        le=99,
        description="Number of an urusan, main or related.",
        examples=[2],
    )
    digital: bool | None = Field(None, description="Only digital (true) or non-digital (false).")
    q: str | None = Field(
        None,
        max_length=200,
        description=(
            "Words to search for, the same search and ranking as the public catalog: Indonesian "
            "word forms (pelayanan finds layanan and melayani), spelling variants (antrian finds "
            "antrean), prefixes and small typos in names. Results come best match first."
        ),
        examples=["antrean rawat jalan"],
    )


def _published():
    return (
        Innovation.objects.public()
        .select_related("agency__region", "main_urusan", "service_unit")
        .prefetch_related(Prefetch("related_urusan", queryset=Urusan.objects.order_by("code")))
    )


@router.get(
    "",
    response=responses(list[InnovationSummary], 304),
    summary="List accepted innovations",
    operation_id="list_innovations",
)
@paginate(Page)
def list_innovations(request: HttpRequest, filters: Query[InnovationFilters]):
    """Innovations accepted by the secretariat, newest programme year first (best match first
    when `q` is given)."""
    innovations = _published().order_by("-programme_year", "name", "pk")
    if filters.year:
        innovations = innovations.filter(programme_year=filters.year)
    if filters.region:
        innovations = innovations.filter(
            Q(agency__region__code=filters.region) | Q(agency__region__parent__code=filters.region)
        )
    if filters.agency:
        innovations = innovations.filter(agency_id=filters.agency)
    if filters.stage:
        innovations = innovations.filter(stage=filters.stage)
    if filters.urusan:
        related = Innovation.related_urusan.through.objects.filter(urusan__code=filters.urusan)
        innovations = innovations.filter(
            Q(main_urusan__code=filters.urusan) | Q(pk__in=related.values("innovation_id"))
        )
    if filters.digital is not None:
        innovations = innovations.filter(is_digital=filters.digital)
    return filter_innovations(innovations, filters.q)


def back_office_record(innovation_id: int) -> Innovation:
    """An innovation as its agency's people and reviewers read it: any status, every field
    and every piece of evidence. Only for callers that may see it (policies.visible_innovations)."""
    innovation = (
        Innovation.objects.select_related("agency__region", "main_urusan", "service_unit")
        .prefetch_related(
            Prefetch("related_urusan", queryset=Urusan.objects.order_by("code")),
            Prefetch("years", queryset=InnovationYear.objects.order_by("year")),
            Prefetch("evidence", queryset=Evidence.objects.order_by("created_at", "pk")),
        )
        .get(pk=innovation_id)
    )
    innovation.back_office_view = True  # type: ignore[attr-defined]
    return innovation


@router.get(
    "/{innovation_id}",
    response=responses(InnovationOut, 304, 401, 404),
    auth=OptionalTokenAuth(),
    summary="One innovation",
    operation_id="get_innovation",
    openapi_extra={
        "responses": {
            401: {"description": "A token was sent, but it is wrong, revoked or expired."}
        },
    },
)
def get_innovation(
    request: HttpRequest,
    innovation_id: int = Path(..., ge=1, le=2_147_483_647, description="Id of the innovation."),
):
    """The full profile of an accepted innovation, with its yearly statuses and public evidence.

    Without a token only accepted innovations are found. With a token (any scope), the agency's
    own people and the reviewers also read drafts and innovations in review, with all their
    evidence: this is how a client reads the current `version` before a change."""
    token = getattr(request, "api_token", None)
    if token is not None and visible_innovations(request.user).filter(pk=innovation_id).exists():
        return back_office_record(innovation_id)
    innovations = _published().prefetch_related(
        Prefetch("years", queryset=InnovationYear.objects.order_by("year")),
        Prefetch(
            "evidence",
            queryset=Evidence.objects.filter(is_public=True).order_by("created_at", "pk"),
        ),
    )
    return get_object_or_404(innovations, pk=innovation_id)
