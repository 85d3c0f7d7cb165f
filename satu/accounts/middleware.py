"""Sign back-office users out after a while without activity."""

import time
from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import resolve_url
from django.utils.translation import gettext as _
from django_htmx.http import HttpResponseClientRedirect

from .access import get_access

LAST_SEEN_KEY = "satu_last_seen"
# Write the time of the last request into the session at most this often (seconds), so that a
# page with many requests does not save the session each time.
LAST_SEEN_PRECISION = 60


class BackOfficeIdleTimeoutMiddleware:
    """End the session of anyone holding a role after ``SATU_BACKOFFICE_IDLE_MINUTES`` idle.

    Sessions otherwise last ``SESSION_COOKIE_AGE`` (14 days): fine for a citizen's comments,
    too long for a browser left open on an office computer with access to unpublished entries,
    jury scores and personal data. Citizens keep the long session. 0 turns the timeout off.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        limit = settings.SATU_BACKOFFICE_IDLE_MINUTES * 60
        user = getattr(request, "user", None)
        if limit and user is not None and user.is_authenticated and get_access(user).is_back_office:
            now = int(time.time())
            last_seen = request.session.get(LAST_SEEN_KEY)
            if isinstance(last_seen, int) and now - last_seen > limit:
                return self.sign_out(request)
            if not isinstance(last_seen, int) or now - last_seen >= LAST_SEEN_PRECISION:
                request.session[LAST_SEEN_KEY] = now
        return self.get_response(request)

    def sign_out(self, request: HttpRequest) -> HttpResponse:
        logout(request)
        messages.info(
            request,
            _("You were signed out after %(minutes)s minutes without activity. Sign in again.")
            % {"minutes": settings.SATU_BACKOFFICE_IDLE_MINUTES},
        )
        login = resolve_url(settings.LOGIN_URL)
        target = f"{login}?{urlencode({'next': request.get_full_path()})}"
        if getattr(request, "htmx", False):
            return HttpResponseClientRedirect(target)
        if request.method != "GET":
            # A form sent after the timeout is not replayed: start again from the page.
            target = login
        return HttpResponseRedirect(target)
