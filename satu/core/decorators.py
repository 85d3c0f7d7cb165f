"""View decorators for the back office."""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from satu.accounts.access import get_access


def back_office(*roles: str) -> Callable:
    """Signed-in users holding one of ``roles`` (any role when none are named); 403 otherwise.

    This only gates the page; which objects the user may touch is the policy's business.
    """

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @login_required
        @wraps(view)
        def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
            access = get_access(request.user)
            allowed = access.has_role(*roles) if roles else access.is_back_office
            if not allowed:
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
