"""Errors as RFC 9457 problem details, in the language of the request."""

from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from ninja import Field, NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError

from satu.core.errors import DomainError, PermissionDeniedError
from satu.core.importers import ImportRejected
from satu.innovations.services import InvalidProfile, StaleVersion

# Refusals because of the object's current state (a closed period, an innovation in review):
# the same request may succeed later, so they answer 409 Conflict rather than 400.
CONFLICT_CODES = frozenset({"wrong_status", "closed", "stale"})


class Problem(Schema):
    """RFC 9457 problem details; some problems add members of their own (named in the
    operation's description), e.g. `current_version` on an edit conflict."""

    type: str = Field(
        "about:blank",
        description="Always `about:blank`: the status says it all.",
        examples=["about:blank"],
    )
    title: str = Field(
        ...,
        description="Short summary of the problem, in the language of the request.",
        examples=["Permintaan tidak valid"],
    )
    status: int = Field(..., description="The HTTP status code.", examples=[422])
    detail: str | None = Field(
        None,
        description="What went wrong and what to do, in the language of the request.",
        examples=["Beberapa parameter tidak valid."],
    )
    errors: list[dict[str, Any]] | None = Field(
        None,
        description="Each invalid field: `location` (e.g. `body.name`), `field`, `message`; "
        "`row` (from 1) for lists of questionnaires.",
        examples=[
            [
                {
                    "location": "body.launch_date",
                    "field": "launch_date",
                    "message": "Tanggal penerapan tidak boleh di masa depan.",
                }
            ]
        ],
    )


def responses(ok: Any, *codes: int, status: int = 200) -> dict[int, Any]:
    """The documented responses of an operation: ``ok`` plus problem details.

    Every operation may answer 422 (invalid parameters) and 429 (rate limit); name the others
    an operation can give (400 for a JSON body that does not parse, 401 and 403 for token
    operations, 404 for one object, 409 for a conflict with the object's state, 413 for
    uploads). 304 answers a conditional GET of a public read.
    """
    documented: dict[int, Any] = {status: ok, 422: Problem, 429: Problem}
    for code in codes:
        documented[code] = Problem if code != 304 else None
    return documented


def field_error(name: str, message: str) -> dict[str, str]:
    """One entry of ``errors``: the field of the request body and what is wrong with it."""
    location = "body" if name == "__all__" else f"body.{name}"
    return {"location": location, "field": name, "message": message}


def problem(
    api: NinjaAPI, request: HttpRequest, status: int, title: str, detail: str = "", **extra: Any
) -> HttpResponse:
    body: dict[str, Any] = {"type": "about:blank", "title": title, "status": status}
    if detail:
        body["detail"] = detail
    body.update(extra)
    response = api.create_response(request, body, status=status)
    response["Content-Type"] = "application/problem+json"
    return response


def problem_response(status: int, title: str, detail: str = "", **extra: Any) -> HttpResponse:
    """A problem document answered outside of ninja: by a middleware, or by Django's error
    handler when an operation failed unexpectedly (ninja lets such errors through)."""
    body: dict[str, Any] = {"type": "about:blank", "title": title, "status": status}
    if detail:
        body["detail"] = detail
    body.update(extra)
    return JsonResponse(body, status=status, content_type="application/problem+json")


def install(api: NinjaAPI) -> None:
    @api.exception_handler(ValidationError)
    def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        errors = []
        for error in exc.errors:
            loc = [str(part) for part in error.get("loc", [])]
            if loc[:2] == ["body", "payload"]:
                loc = ["body", *loc[2:]]  # the body is one parameter: name its fields directly
            entry = {"location": ".".join(loc), "message": error.get("msg", "")}
            if loc[:1] in (["body"], ["form"], ["file"]) and len(loc) > 1:
                entry["field"] = ".".join(loc[1:])
            errors.append(entry)
        return problem(
            api,
            request,
            422,
            _("Invalid request"),
            _("Some parameters are not valid."),
            errors=errors,
        )

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return problem(
            api, request, 404, _("Not found"), _("No such object, or it is not available to you.")
        )

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return problem(api, request, 401, _("Not signed in"), _("A valid API token is required."))

    @api.exception_handler(PermissionDeniedError)
    def forbidden(request: HttpRequest, exc: PermissionDeniedError) -> HttpResponse:
        return problem(api, request, 403, _("Forbidden"), str(exc.message))

    @api.exception_handler(DomainError)
    def refused(request: HttpRequest, exc: DomainError) -> HttpResponse:
        extra: dict[str, Any] = {"field": exc.field} if exc.field else {}
        if exc.code:
            extra["code"] = exc.code
        if exc.code == "too_large":
            return problem(api, request, 413, _("Request too large"), str(exc.message), **extra)
        if exc.field:
            # A rule about one field of what was sent: a validation error at that field.
            extra["errors"] = [field_error(exc.field, str(exc.message))]
            return problem(api, request, 422, _("Invalid request"), str(exc.message), **extra)
        status = 409 if exc.code in CONFLICT_CODES else 400
        return problem(api, request, status, _("Request refused"), str(exc.message), **extra)

    @api.exception_handler(InvalidProfile)
    def invalid(request: HttpRequest, exc: InvalidProfile) -> HttpResponse:
        # Submitting an incomplete innovation conflicts with its state; the request itself
        # carries nothing wrong (satu.api.innovation_writes.IncompleteInnovation).
        status = 409 if getattr(exc, "is_conflict", False) else 422
        errors = [
            field_error(name, str(message))
            for name, messages in exc.errors.items()
            for message in messages
        ]
        title = _("Request refused") if status == 409 else _("Invalid request")
        return problem(api, request, status, title, str(exc.message), code=exc.code, errors=errors)

    @api.exception_handler(StaleVersion)
    def stale(request: HttpRequest, exc: StaleVersion) -> HttpResponse:
        current = exc.revision.innovation
        return problem(
            api,
            request,
            409,
            _("Edit conflict"),
            str(exc.message),
            code=exc.code,
            current_version=current.version,
            innovation_status=current.status,
            revision=exc.revision.number,
        )

    @api.exception_handler(ImportRejected)
    def rejected(request: HttpRequest, exc: ImportRejected) -> HttpResponse:
        errors = [
            {"row": error.row, "field": error.column, "message": error.message}
            for error in exc.errors
        ]
        return problem(
            api, request, 422, _("Invalid request"), str(exc.message), code=exc.code, errors=errors
        )

    @api.exception_handler(RequestDataTooBig)
    def too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
        return problem(api, request, 413, _("Request too large"), str(exc))

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        if exc.status_code == 400 and str(exc).startswith("Cannot parse request body"):
            # ninja's words for a body that is not JSON at all.
            detail = _("The request body is not valid JSON.")
            return problem(api, request, 400, _("Invalid request"), detail)
        return problem(api, request, exc.status_code, str(exc))
