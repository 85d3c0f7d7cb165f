"""Errors as RFC 9457 problem details, in the language of the request."""

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError

from satu.core.errors import DomainError, PermissionDeniedError


class Problem(Schema):
    type: str = "about:blank"
    title: str
    status: int
    detail: str | None = None
    errors: list[dict[str, Any]] | None = None


def responses(ok: Any, *codes: int, status: int = 200) -> dict[int, Any]:
    """The documented responses of an operation: ``ok`` plus problem details.

    Every operation may answer 422 (invalid parameters) and 429 (rate limit); name the others
    an operation can give (401 and 403 for token operations, 404 for one object, 413 for
    uploads). 304 answers a conditional GET of a public read.
    """
    documented: dict[int, Any] = {status: ok, 422: Problem, 429: Problem}
    for code in codes:
        documented[code] = Problem if code != 304 else None
    return documented


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


def install(api: NinjaAPI) -> None:
    @api.exception_handler(ValidationError)
    def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        errors = [
            {
                "location": ".".join(str(part) for part in error.get("loc", [])),
                "message": error.get("msg", ""),
            }
            for error in exc.errors
        ]
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
        extra = {"field": exc.field} if exc.field else {}
        if exc.code:
            extra["code"] = exc.code
        return problem(api, request, 400, _("Request refused"), str(exc.message), **extra)

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return problem(api, request, exc.status_code, str(exc))
