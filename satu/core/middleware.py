"""Requests refused at the door, before any view sees them.

- A body larger than anything the site accepts answers 413 from its Content-Length alone,
  before a byte of it is read (:class:`RequestSizeLimitMiddleware`).
- A request that carries a NUL character answers 400 (422 problem details on the API):
  PostgreSQL cannot store or even compare text that holds NUL (U+0000), so a query string, form
  field or JSON value with one made the database raise, and the visitor got a server error. No
  text of this application may hold it (:class:`RejectNulMiddleware`).
"""

import json
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.db import OperationalError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.html import format_html
from django.utils.translation import gettext as _

from satu.api.problems import problem_response

NUL = "\x00"
API_PREFIX = "/api/"


def _json_location(value: object, location: str) -> str | None:
    """Where in a parsed JSON document a text holds NUL (``body.name``), if anywhere."""
    if isinstance(value, str):
        return location if NUL in value else None
    if isinstance(value, dict):
        for key, item in value.items():
            if NUL in key:
                return location
            found = _json_location(item, f"{location}.{key}")
            if found:
                return found
    if isinstance(value, list):
        for index, item in enumerate(value):
            found = _json_location(item, f"{location}.{index}")
            if found:
                return found
    return None


def _pairs_location(pairs: object, prefix: str) -> str | None:
    for key, values in pairs.lists():  # type: ignore[attr-defined]
        if NUL in key or any(NUL in value for value in values if isinstance(value, str)):
            return f"{prefix}.{key.replace(NUL, '')}"
    return None


def nul_location(request: HttpRequest) -> str | None:
    """Where the request carries NUL: ``path``, ``query.<name>``, ``form.<name>`` or
    ``body.<field>``; None when it does not."""
    if NUL in request.path:
        return "path"
    found = _pairs_location(request.GET, "query")
    if found or request.method not in ("POST", "PUT", "PATCH"):
        return found
    content_type = request.content_type or ""
    try:
        if content_type == "application/x-www-form-urlencoded" or (
            # The API middleware has already read a multipart body, under the upload limit.
            # Pages read theirs in the view, after installing that limit; their form fields
            # refuse NUL themselves (Django's CharField).
            content_type == "multipart/form-data" and request.path.startswith(API_PREFIX)
        ):
            return _pairs_location(request.POST, "form")
        if content_type == "application/json" or content_type.endswith("+json"):
            # Parse only what may hold an escaped NUL; a raw one is not JSON at all and is
            # refused as such by the API.
            if b"\\u0000" not in request.body:
                return None
            try:
                document = json.loads(request.body)
            except ValueError:
                return None
            return _json_location(document, "body")
    except (RequestDataTooBig, TooManyFieldsSent):
        return None  # answered as such further on
    return None


def _api_refusal(location: str) -> HttpResponse:
    error = {"location": location, "message": _("NUL characters (U+0000) are not allowed.")}
    if location.startswith(("body.", "form.")):
        error["field"] = location.split(".", 1)[1]
    return problem_response(
        422, _("Invalid request"), _("Some parameters are not valid."), errors=[error]
    )


class RejectNulMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        location = nul_location(request)
        if location is None:
            return self.get_response(request)
        if request.path.startswith(API_PREFIX):
            return _api_refusal(location)
        return render(
            request,
            "core/error.html",
            {
                "title": _("Invalid request"),
                "message": _(
                    "The address or the form contains an invisible control character (NUL) "
                    "that cannot be processed. Remove it and try again."
                ),
            },
            status=400,
        )


# Room for a form's other fields and the multipart framing around the largest allowed file.
MULTIPART_OVERHEAD = 1024 * 1024


def body_limit(request: HttpRequest) -> int:
    """The largest body this request may have: an upload, or a plain form or JSON body."""
    if request.META.get("CONTENT_TYPE", "").startswith("multipart/"):
        return int(settings.SATU_MAX_UPLOAD_BYTES) + MULTIPART_OVERHEAD
    return int(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)


def _megabytes(request: HttpRequest) -> int:
    if request.META.get("CONTENT_TYPE", "").startswith("multipart/"):
        return int(settings.SATU_MAX_UPLOAD_BYTES) // (1024 * 1024)
    return max(1, int(settings.DATA_UPLOAD_MAX_MEMORY_SIZE) // (1024 * 1024))


class RequestSizeLimitMiddleware:
    """Answer 413 to a request whose Content-Length passes the limit, without reading its body.

    Django streams a multipart body to temporary files whatever its size, and only the views that
    read uploads install the per-file limit; without this, any page (the sign-in form included)
    let an anonymous client write a gigabyte to disk before the CSRF check refused it. The body
    read is never longer than Content-Length (the WSGI stream is cut there), so checking the
    header bounds every request. The API answers its own 413 as problem details.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith("/api/"):
            try:
                length = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                length = 0
            if length > body_limit(request):
                response = _too_large(request)
                # The unread body must not be taken for the next request on this connection.
                response["Connection"] = "close"
                return response
        return self.get_response(request)


def _too_large(request: HttpRequest) -> HttpResponse:
    multipart = request.META.get("CONTENT_TYPE", "").startswith("multipart/")
    if multipart:
        message = _("The file is larger than %(size)s MB, the most that can be uploaded.")
    else:
        message = _("The request is larger than %(size)s MB, the most this site accepts.")
    message %= {"size": _megabytes(request)}
    if request.headers.get("HX-Request") == "true":
        # htmx swaps only successful answers: put the message into the upload form's error slot
        # (the same answer as satu.innovations.uploads.too_large_response).
        response = HttpResponse(format_html('<p class="alert alert-error">{}</p>', message))
        response["HX-Retarget"] = "#upload-error"
        response["HX-Reswap"] = "innerHTML"
        return response
    return render(
        request,
        "core/error.html",
        {"title": _("Request too large"), "message": message},
        status=413,
    )


# How long a client is asked to wait when the embedded database was busy.
BUSY_RETRY_SECONDS = 5


class DatabaseBusyMiddleware:
    """Answer 503 with Retry-After when SQLite stayed locked past its busy timeout.

    The embedded install writes through one SQLite file: a long all-or-nothing import holds its
    write lock, and a write arriving meanwhile waits for the busy timeout (20 s) and then fails
    with "database is locked". That is a moment's congestion, not a server error: the client is
    told to try again shortly (problem details on the API), and nothing was written.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not (isinstance(exception, OperationalError) and "locked" in str(exception)):
            return None
        message = _("The system is busy saving other data. Try again in a few seconds.")
        if request.path.startswith("/api/"):
            response = problem_response(503, _("Service busy"), message)
        else:
            response = render(
                request, "core/error.html", {"title": _("Service busy"), "message": message},
                status=503,
            )  # fmt: skip
        response["Retry-After"] = str(BUSY_RETRY_SECONDS)
        return response
