"""Traffic rules of the API: rate limits, request size, and HTTP caching of public reads."""

from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
    set_response_etag,
)
from django.utils.translation import gettext as _
from django_ratelimit.core import get_usage

from satu.core.net import client_ip
from satu.innovations.uploads import SizeLimitUploadHandler, too_large_message

from .models import hash_token

PUBLIC_MAX_AGE = 60


def _problem(status: int, title: str, detail: str, **headers: str) -> HttpResponse:
    response = JsonResponse(
        {"type": "about:blank", "title": title, "status": status, "detail": detail},
        status=status,
        content_type="application/problem+json",
    )
    for name, value in headers.items():
        response[name] = value
    return response


def _bearer(request: HttpRequest) -> str | None:
    header = request.META.get("HTTP_AUTHORIZATION", "")
    scheme, _sep, value = header.partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


class ApiTrafficMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith("/api/"):
            return self.get_response(request)
        too_big = self._check_size(request)
        if too_big is not None:
            return too_big
        token = _bearer(request)
        limited = self._limit(request, f"ip:{client_ip(request)}", settings.API_RATE_ADDRESS)
        if limited is None and token is not None:
            limited = self._limit(
                request, f"token:{hash_token(token)[:24]}", settings.API_RATE_TOKEN
            )
        elif limited is None:
            limited = self._limit(
                request, f"anon:{client_ip(request)}", settings.API_RATE_ANONYMOUS
            )
        if limited is not None:
            return limited
        if request.method == "POST" and request.content_type == "multipart/form-data":
            unreadable = self._read_upload(request)
            if unreadable is not None:
                return unreadable
        response = self.get_response(request)
        if (
            request.method in ("GET", "HEAD")
            and response.status_code == 200
            and not response.streaming
        ):
            if token is None and not request.user.is_authenticated:
                patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
                # Some reads show more to a token: a cache must not hand this answer to one.
                patch_vary_headers(response, ["Accept-Language", "Authorization"])
                if not response.has_header("ETag"):
                    set_response_etag(response)
                return get_conditional_response(request, etag=response["ETag"], response=response)
            patch_cache_control(response, private=True, no_store=True)
        return response

    def _limit(self, request: HttpRequest, identity: str, rate: str) -> HttpResponse | None:
        usage = get_usage(
            request,
            group=f"api:{identity.split(':', 1)[0]}",
            key=lambda _g, _r: identity,
            rate=rate,
            increment=True,
        )
        if usage is None or not usage["should_limit"]:
            return None
        wait = max(1, int(usage["time_left"]))
        return _problem(
            429,
            _("Too many requests"),
            _("The rate limit of %(rate)s has been reached. Try again in %(seconds)s seconds.")
            % {"rate": rate, "seconds": wait},
            **{"Retry-After": str(wait)},
        )

    def _check_size(self, request: HttpRequest) -> HttpResponse | None:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        multipart = request.META.get("CONTENT_TYPE", "").startswith("multipart/")
        limit = (
            settings.SATU_MAX_UPLOAD_BYTES + 1_048_576
            if multipart
            else settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        )
        if length > limit:
            return _problem(
                413,
                _("Request too large"),
                _("The request body is larger than %(limit)s bytes.") % {"limit": limit},
            )
        return None

    def _read_upload(self, request: HttpRequest) -> HttpResponse | None:
        """Read a multipart body now, under the upload limit, before any view sees it.

        Content-Length may be missing or lie: the size handler cuts a file off at the limit
        while it streams in. A body that is not valid multipart is a bad request, not an error.
        """
        request.upload_handlers.insert(0, SizeLimitUploadHandler(request))
        try:
            request.POST  # noqa: B018 - parse now, under the limit
        except (MultiPartParserError, RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent):
            return _problem(
                422,
                _("Invalid request"),
                _("The body is not valid multipart/form-data, or has too many parts."),
            )
        if getattr(request, "upload_too_large", False):
            return _problem(413, _("Request too large"), too_large_message())
        return None
