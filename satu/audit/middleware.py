from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from satu.core.net import client_ip

from .context import acting


class AuditContextMiddleware:
    """Attribute every change made while serving a request to its user and address."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        path = request.path
        if path.startswith("/api/"):
            source = "api"
        elif path.startswith("/admin/"):
            source = "admin"
        else:
            source = "web"
        # The user is read when an entry is written, so that the API's token authentication,
        # which runs inside the view, is attributed too (see satu.api.auth).
        with acting(request=request, ip=client_ip(request), source=source):
            return self.get_response(request)
