"""Entering paper questionnaires through the API: POST /api/v1/surveys/periods/{id}/responses,
with a token of scope ``surveys:write``. The same service as the paper-entry grid checks the
answers, stores all questionnaires or none, and records the batch in the audit log."""

from typing import Annotated

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Path, Schema
from ninja.responses import Status as HttpStatus
from pydantic import StringConstraints

from satu.surveys import policies, services
from satu.surveys.models import AgeGroup, Education, Occupation, Sex, SurveyResponse

from .auth import TokenAuth
from .innovation_writes import require_role
from .problems import responses
from .surveys import router
from .types import JsonInt

MAX_RESPONSES = 1000
Answer = Annotated[JsonInt, Field(ge=1, le=4)]
ExtraKey = Annotated[str, StringConstraints(pattern=r"^tambahan_[1-9][0-9]{0,2}$")]


def _answer(name: str) -> object:
    return Field(..., ge=1, le=4, description=f"{name}: the answer 1–4.", examples=[3])


class StandardAnswers(Schema):
    """The nine elements of every SKM questionnaire (Permenpan RB 14/2017), answered 1–4."""

    persyaratan: JsonInt = _answer("U1 Requirements")
    prosedur: JsonInt = _answer("U2 Systems, mechanisms and procedures")
    waktu: JsonInt = _answer("U3 Completion time")
    biaya: JsonInt = _answer("U4 Cost/tariff")
    produk: JsonInt = _answer("U5 Product specification of the service type")
    kompetensi: JsonInt = _answer("U6 Competence of the staff")
    perilaku: JsonInt = _answer("U7 Behaviour of the staff")
    pengaduan: JsonInt = _answer("U8 Handling of complaints, suggestions and feedback")
    sarana: JsonInt = _answer("U9 Facilities and infrastructure")


class PaperResponseIn(Schema):
    answers: StandardAnswers = Field(..., description="Answers to the nine standard elements.")
    extra_answers: dict[ExtraKey, Answer] = Field(
        default_factory=dict,
        description="Answers to the unit's own elements, by key `tambahan_<n>` (see the "
        "period's `elements`); every one of them must be answered.",
        examples=[{"tambahan_1": 4}],
        json_schema_extra={"additionalProperties": False},
    )
    age_group: AgeGroup | None = Field(
        None, description="Age group, if the period asks it and it was answered."
    )
    sex: Sex | None = Field(None, description="Sex, if the period asks it and it was answered.")
    education: Education | None = Field(
        None, description="Education, if the period asks it and it was answered."
    )
    occupation: Occupation | None = Field(
        None, description="Occupation, if the period asks it and it was answered."
    )
    service: str = Field(
        "",
        max_length=200,
        description="The service used: its name or its number in the period's list of services.",
        examples=["Poli Umum"],
    )
    suggestion: str = Field(
        "",
        max_length=5000,
        description="The respondent's suggestion, as written on the paper.",
        examples=["Antrean mohon dipercepat."],
    )


class PaperResponsesIn(Schema):
    responses: list[PaperResponseIn] = Field(
        ...,
        min_length=1,
        max_length=MAX_RESPONSES,
        description="The questionnaires, at most 1000 per request; all are saved or none.",
    )


class EntryOut(Schema):
    batch: int = Field(
        ...,
        description="Id of the entry batch (it can be removed as a whole in the back office).",
        examples=[981],
    )
    saved: int = Field(..., description="Questionnaires saved by this request.", examples=[25])
    respondents: int = Field(
        ..., description="Questionnaires of the period after this request.", examples=[437]
    )


def _row(response: PaperResponseIn) -> dict[str, str]:
    """One questionnaire as the paper-entry grid sends it (satu.surveys.services columns)."""
    row = {key: str(value) for key, value in response.answers.model_dump().items()}
    row.update({key: str(value) for key, value in response.extra_answers.items()})
    for field_name, column in services.PROFILE_COLUMNS.items():
        value = getattr(response, field_name)
        row[column] = str(value.value) if value is not None else ""
    row[services.SERVICE_COLUMN] = response.service
    row[services.SUGGESTION_COLUMN] = response.suggestion
    return row


@router.post(
    "/periods/{period_id}/responses",
    response=responses(EntryOut, 400, 401, 403, 404, 409, 413, status=201),
    auth=TokenAuth("surveys:write"),
    summary="Enter paper questionnaires",
    operation_id="enter_paper_responses",
)
def enter_paper_responses(
    request: HttpRequest,
    period_id: Annotated[
        int, Path(..., ge=1, le=2_147_483_647, description="Id of the survey period.")
    ],
    payload: PaperResponsesIn,
):
    """Store questionnaires filled in on paper for a period of a service unit the token's
    account manages, as the paper-entry page does. All are checked first: any wrong answer
    answers 422 naming the questionnaire (`row`, from 1) and the field, and nothing is saved. A
    closed period answers 409."""
    require_role(request, policies.MANAGE_ROLES, _("You may not enter survey responses."))
    # 404, not 403: a period outside the user's scope does not exist for them.
    period = get_object_or_404(
        policies.manageable_periods(request.user).select_related("unit__agency"), pk=period_id
    )
    rows = [(number, _row(r)) for number, r in enumerate(payload.responses, start=1)]
    batch = services.enter_paper_responses(request.user, period, rows)
    respondents = SurveyResponse.objects.filter(period=period).count()
    return HttpStatus(201, {"batch": batch.pk, "saved": batch.count, "respondents": respondents})
