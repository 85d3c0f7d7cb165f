"""Who may comment, rate and moderate."""

from django.db.models import Model

from satu.accounts.access import get_access
from satu.accounts.models import Role


def can_take_part(user: object) -> bool:
    """Any signed-in, active account (citizens verify their email before they can sign in)."""
    return bool(getattr(user, "is_authenticated", False) and getattr(user, "is_active", False))


def can_moderate(user: object) -> bool:
    return get_access(user).has_role(Role.SECRETARIAT)


def is_open_for_comments(target: Model) -> bool:
    """Only what the public can see takes comments: accepted innovations, published news."""
    label = target._meta.label_lower
    if label == "innovations.innovation":
        return target.__class__.objects.public().filter(pk=target.pk).exists()  # type: ignore[attr-defined]
    if label == "news.article":
        return bool(target.is_public)  # type: ignore[attr-defined]
    return False
