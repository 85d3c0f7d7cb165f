"""Refusing request bodies larger than anything the site accepts, before a byte is read."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.html import format_html
from django.utils.translation import gettext as _

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
