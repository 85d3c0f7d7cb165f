from django.http import HttpRequest

from satu.accounts.access import get_access


def notifications(request: HttpRequest) -> dict[str, object]:
    """The unread count for the header, counted only when a page shows it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not get_access(user).is_back_office:
        return {}

    def count() -> int:
        from .services import unread_count

        if not hasattr(request, "_unread_notifications"):
            request._unread_notifications = unread_count(user)  # type: ignore[attr-defined]
        return request._unread_notifications  # type: ignore[attr-defined]

    return {"unread_notifications": count}
