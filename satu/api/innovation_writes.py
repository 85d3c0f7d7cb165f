"""Operators write their agency's innovations: /api/v1/innovations (POST, PATCH, evidence,
submit), with a token of scope ``innovations:write``.

Every operation goes through the same services as the pages (policies, validation, revisions,
audit) and answers as the pages do: a role that never does this gets 403, an innovation outside
the caller's view 404, a step the innovation's status does not allow 409.
"""

import decimal
from typing import Annotated

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, File, Form, Path, Schema
from ninja.files import UploadedFile
from ninja.responses import Status as HttpStatus
from pydantic import StrictBool

from satu.accounts.access import get_access
from satu.accounts.models import Role
from satu.agencies.models import Agency, ServiceUnit
from satu.core.errors import PermissionDeniedError
from satu.innovations import policies, services
from satu.innovations.models import (
    EvidenceKind,
    InitiatorKind,
    Innovation,
    InnovationForm,
    Stage,
)
from satu.urusan.models import Urusan

from .auth import TokenAuth
from .innovations import EvidenceOut, InnovationOut, back_office_record, router
from .problems import responses
from .types import FormBool, IsoDate, JsonInt

WRITE = TokenAuth("innovations:write")
MAX_ID = 2_147_483_647
MAX_TEXT = 50_000
InnovationId = Annotated[
    int, Path(..., ge=1, le=MAX_ID, description="Id of the innovation.", examples=[1201])
]
SdgGoal = Annotated[JsonInt, Field(ge=1, le=17)]
UrusanNumber = Annotated[JsonInt, Field(ge=1, le=99)]
# Who reaches each page at all (satu.core.decorators.back_office on the matching view).
CREATE_ROLES = EDIT_ROLES = (Role.OPERATOR,)
REVIEW_PAGE_ROLES = policies.INNOVATION_ROLES


def _text(description: str, example: str) -> object:
    return Field(None, max_length=MAX_TEXT, description=description, examples=[example])


class _ProfileIn(Schema):
    """The profile fields an operator may set; omitted fields are left as they are."""

    name: str = Field(
        None,
        min_length=1,
        max_length=200,
        description="Name of the innovation.",
        examples=["Si Cantik"],
    )
    service_unit: JsonInt | None = Field(
        None,
        ge=1,
        le=MAX_ID,
        description="Id of an active service unit of the agency where it is applied; null for "
        "none.",
        examples=[311],
    )
    programme_year: JsonInt = Field(
        None,
        ge=2000,
        le=2100,
        description="The Satu OPD Satu Inovasi year it counts for (at most next year).",
        examples=[2026],
    )
    stage: Stage = Field(None, description="Stage: initiative, trial or implementation.")
    is_digital: StrictBool = Field(
        None, description="Digital (online) innovation.", examples=[True]
    )
    form: InnovationForm = Field(None, description="Form of the innovation.")
    initiator_kind: InitiatorKind = Field(None, description="Who started the innovation.")
    initiator_name: str = Field(
        None,
        max_length=200,
        description="Name of the initiator; needed before submitting unless the agency itself "
        "started it.",
        examples=["dr. Ratna Wulandari"],
    )
    main_urusan: UrusanNumber = Field(
        None,
        description="Number of the main government affair (urusan, 1–38).",
        examples=[2],
    )
    related_urusan: list[UrusanNumber] = Field(
        None,
        max_length=38,
        description="Numbers of other affairs it touches.",
        examples=[[20, 25]],
    )
    sdg_goals: list[SdgGoal] = Field(
        None,
        max_length=17,
        description="Sustainable Development Goals it contributes to (1–17).",
        examples=[[3, 16]],
    )
    trial_date: IsoDate | None = Field(
        None, description="Start of the trial (not in the future).", examples=["2025-02-01"]
    )
    launch_date: IsoDate | None = Field(
        None,
        description="Start of implementation (not in the future, not before the trial).",
        examples=["2025-07-01"],
    )
    budget: JsonInt | None = Field(
        None,
        ge=0,
        le=9_999_999_999_999_999,
        description="Budget in rupiah, a whole number.",
        examples=[150000000],
    )
    design: str = _text("Design (rancang bangun).", "Dasar hukum: Perwali No. 12 Tahun 2024 …")
    goals: str = _text("Goals.", "Memangkas waktu tunggu pasien rawat jalan.")
    benefits: str = _text("Benefits.", "Pasien tidak perlu antre sejak subuh.")
    results_before: str = _text("The situation before.", "Menunggu rata-rata 3 jam.")
    results_after: str = _text("Results after.", "Menunggu rata-rata 40 menit.")
    summary: str = _text("Summary (at most 200 words).", "Antrean daring untuk poli rawat jalan.")
    background: str = _text("KIPP: background and objectives.", "Antrean panjang setiap pagi.")
    novelty: str = _text("KIPP: novelty.", "Nomor antrean lewat WhatsApp.")
    implementation: str = _text("KIPP: implementation.", "Diterapkan di 3 poli sejak 2025.")
    significance: str = _text("KIPP: significance.", "12.000 pasien per bulan.")
    adaptability: str = _text("KIPP: adaptability.", "Direplikasi oleh 2 RSUD.")
    resources: str = _text("KIPP: resources.", "2 petugas, server dinas.")
    sustainability: str = _text("KIPP: sustainability.", "Diatur dalam SOP dan Perwali.")


class InnovationCreate(_ProfileIn):
    agency: JsonInt = Field(
        None,
        ge=1,
        le=MAX_ID,
        description="Id of the agency (see /api/v1/agencies); may be left out by an operator of "
        "exactly one agency.",
        examples=[42],
    )
    name: str = Field(
        ...,
        min_length=1,
        max_length=200,
        description="Name of the innovation.",
        examples=["Si Cantik"],
    )
    programme_year: JsonInt = Field(
        ...,
        ge=2000,
        le=2100,
        description="The Satu OPD Satu Inovasi year it counts for (at most next year).",
        examples=[2026],
    )
    stage: Stage = Field(..., description="Stage: initiative, trial or implementation.")
    form: InnovationForm = Field(..., description="Form of the innovation.")
    initiator_kind: InitiatorKind = Field(..., description="Who started the innovation.")
    main_urusan: UrusanNumber = Field(
        ..., description="Number of the main government affair (urusan, 1–38).", examples=[2]
    )


class InnovationPatch(_ProfileIn):
    version: JsonInt = Field(
        ...,
        ge=1,
        le=MAX_ID,
        description="The `version` the change is based on, as last read. A newer version on "
        "the server answers 409 and changes nothing.",
        examples=[3],
    )


class EvidenceLinkIn(Schema):
    url: str = Field(
        ...,
        min_length=1,
        max_length=500,
        pattern=r"^[Hh][Tt][Tt][Pp][Ss]?://[^\s/?#]+[^\s]*$",
        description="The link: a web address starting with http:// or https://.",
        examples=["https://www.youtube.com/watch?v=abc123"],
    )
    kind: EvidenceKind = Field(..., description="What the evidence is.")
    title: str = Field(
        ...,
        min_length=1,
        max_length=200,
        pattern=r"\S",
        description="Title of the evidence.",
        examples=["Video sosialisasi"],
    )
    is_public: StrictBool = Field(
        False,
        description="Shown to citizens once the innovation is accepted.",
        examples=[True],
    )


def require_role(request: HttpRequest, roles: tuple[str, ...], message: str) -> None:
    if not get_access(request.user).has_role(*roles):
        raise PermissionDeniedError(message)


def _visible(request: HttpRequest, innovation_id: int) -> Innovation:
    # 404, not 403: an outsider learns nothing about another agency's innovations.
    return get_object_or_404(
        policies.visible_innovations(request.user).select_related("agency__region__parent"),
        pk=innovation_id,
    )


def _agency(request: HttpRequest, agency_id: int | None) -> Agency:
    if agency_id is not None:
        agency = Agency.objects.select_related("region").filter(pk=agency_id).first()
        if agency is None:
            raise services.InvalidProfile(
                {"agency": [_("There is no agency with the id %(id)s.") % {"id": agency_id}]}
            )
        return agency
    agencies = list(policies.operator_agencies(request.user).select_related("region")[:2])
    if len(agencies) != 1:
        raise services.InvalidProfile(
            {"agency": [_("Name the agency: you are an operator of several agencies.")]}
        )
    return agencies[0]


def _values(payload: _ProfileIn, agency: Agency) -> dict[str, object]:
    """The profile values the services take, with numbers and ids turned into objects."""
    values = payload.model_dump(exclude_unset=True, exclude={"agency", "version"})
    errors: dict[str, list[str]] = {}
    numbers = {*(values.get("related_urusan") or []), values.get("main_urusan")} - {None}
    urusan = {u.code: u for u in Urusan.objects.filter(code__in=numbers)}
    if values.get("main_urusan") is not None:
        values["main_urusan"] = urusan.get(values["main_urusan"])
        if values["main_urusan"] is None:
            errors["main_urusan"] = [_("There is no urusan with this number.")]
    if values.get("related_urusan") is not None:
        unknown = [n for n in values["related_urusan"] if n not in urusan]
        if unknown:
            errors["related_urusan"] = [
                _("There is no urusan with the number %(numbers)s.")
                % {"numbers": ", ".join(map(str, unknown))}
            ]
        values["related_urusan"] = [urusan[n] for n in values["related_urusan"] if n in urusan]
    if values.get("service_unit") is not None:
        unit = ServiceUnit.objects.filter(
            agency=agency, is_active=True, pk=values["service_unit"]
        ).first()
        if unit is None:
            errors["service_unit"] = [_("The agency has no active service unit with this id.")]
        values["service_unit"] = unit
    if values.get("budget") is not None:
        values["budget"] = decimal.Decimal(values["budget"])
    if values.get("sdg_goals") is not None:
        values["sdg_goals"] = sorted(set(values["sdg_goals"]))
    if errors:
        raise services.InvalidProfile(errors)
    return values


@router.post(
    "",
    response=responses(InnovationOut, 400, 401, 403, 404, status=201),
    auth=WRITE,
    summary="Register a draft innovation",
    operation_id="create_innovation",
)
def create_innovation(request: HttpRequest, payload: InnovationCreate):
    """Create a draft innovation of an agency the token's account is an operator of, with the
    same rules as the registration form. Answers the innovation with its `status` and
    `version`; field errors answer 422 with the message at each field, another agency 403."""
    require_role(request, CREATE_ROLES, _("You may not register innovations."))
    agency = _agency(request, payload.agency)
    innovation = services.create_innovation(request.user, agency, _values(payload, agency))
    return HttpStatus(201, back_office_record(innovation.pk))


@router.patch(
    "/{innovation_id}",
    response=responses(InnovationOut, 400, 401, 403, 404, 409),
    auth=WRITE,
    summary="Change a draft innovation",
    operation_id="update_innovation",
)
def update_innovation(request: HttpRequest, innovation_id: InnovationId, payload: InnovationPatch):
    """Change the fields given, leaving the others as they are. `version` must be the version
    last read: if someone saved since, nothing changes and the answer is 409 with the
    `current_version` (read it again, apply your change, send it with that version). An
    innovation in review or accepted answers 409 too; its operator may change it again once it
    is returned."""
    require_role(request, EDIT_ROLES, _("You may not change innovations."))
    innovation = _visible(request, innovation_id)
    values = _values(payload, innovation.agency)
    services.save_innovation(request.user, innovation, values, based_on_version=payload.version)
    return back_office_record(innovation.pk)


@router.post(
    "/{innovation_id}/evidence",
    response=responses(EvidenceOut, 401, 403, 404, 409, 413, status=201),
    auth=WRITE,
    summary="Upload a file as evidence",
    operation_id="upload_evidence",
    # The form's enum field loses its description when ninja flattens the form.
    openapi_extra={
        "requestBody": {
            "content": {
                "multipart/form-data": {
                    "schema": {"properties": {"kind": {"description": "What the evidence is."}}}
                }
            }
        }
    },
)
def upload_evidence(
    request: HttpRequest,
    innovation_id: InnovationId,
    file: Annotated[
        UploadedFile,
        File(
            ...,
            description="The file: PDF, JPEG, PNG, WebP, Word, Excel, PowerPoint or OpenDocument.",
        ),
    ],
    kind: Annotated[EvidenceKind, Form(..., description="What the evidence is.")],
    title: Annotated[
        str,
        Form(
            "",
            max_length=200,
            description="Title of the evidence; the file name when left empty.",
            examples=["SK Kepala Dinas"],
        ),
    ] = "",
    is_public: Annotated[
        FormBool,
        Form(
            False,
            description="Shown to citizens once the innovation is accepted.",
            examples=[True],
        ),
    ] = False,
):
    """Add a file (PDF, image, office document) as evidence, sent as multipart/form-data. The
    file is checked by its content, not its name: a `.pdf` that is not a PDF is refused (422).
    Files above the upload limit answer 413."""
    require_role(request, REVIEW_PAGE_ROLES, _("You may not add evidence."))
    innovation = _visible(request, innovation_id)
    evidence = services.add_evidence_file(
        request.user, innovation, file, kind=kind, title=title, is_public=is_public
    )
    return HttpStatus(201, evidence)


@router.post(
    "/{innovation_id}/links",
    response=responses(EvidenceOut, 400, 401, 403, 404, 409, status=201),
    auth=WRITE,
    summary="Add a link as evidence",
    operation_id="add_evidence_link",
)
def add_evidence_link(request: HttpRequest, innovation_id: InnovationId, payload: EvidenceLinkIn):
    """Add a web link (a video, a news article, a page) as evidence."""
    require_role(request, REVIEW_PAGE_ROLES, _("You may not add evidence."))
    innovation = _visible(request, innovation_id)
    evidence = services.add_evidence_link(
        request.user,
        innovation,
        url=payload.url,
        kind=payload.kind,
        title=payload.title,
        is_public=payload.is_public,
    )
    return HttpStatus(201, evidence)


@router.post(
    "/{innovation_id}/submit",
    response=responses(InnovationOut, 401, 403, 404, 409),
    auth=WRITE,
    summary="Submit an innovation to the agency head",
    operation_id="submit_innovation",
)
def submit_innovation(request: HttpRequest, innovation_id: InnovationId):
    """Send a draft (or a returned innovation) to the agency head for approval, as the
    operator's Submit button does. An incomplete innovation answers 409 listing each field
    still to fill in; one already in review 409 as well."""
    require_role(request, REVIEW_PAGE_ROLES, _("You may not submit innovations."))
    innovation = _visible(request, innovation_id)
    try:
        services.submit_innovation(request.user, innovation)
    except services.InvalidProfile as error:
        raise IncompleteInnovation(error.errors, error.message) from None
    return back_office_record(innovation.pk)


class IncompleteInnovation(services.InvalidProfile):
    """Submitting needs fields the draft lacks: a conflict with its state, not a bad request."""

    is_conflict = True
