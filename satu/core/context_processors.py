from django.conf import settings
from django.http import HttpRequest

from satu.accounts.access import get_access


def site(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    access = get_access(user) if user is not None and user.is_authenticated else None
    return {
        "site_name": settings.SATU_SITE_NAME,
        "access": access,
        "is_back_office": bool(access and access.is_back_office),
    }
