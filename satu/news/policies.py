"""Who may write news and who sees which articles."""

from django.db.models import QuerySet

from satu.accounts.access import get_access
from satu.accounts.models import Role

from .models import Article


def can_manage_news(user: object) -> bool:
    """The programme secretariat writes the news (and system administrators)."""
    return get_access(user).has_role(Role.SECRETARIAT)


def visible_articles(user: object) -> QuerySet[Article]:
    if can_manage_news(user):
        return Article.objects.all()
    return Article.objects.published()


def manageable_articles(user: object) -> QuerySet[Article]:
    if can_manage_news(user):
        return Article.objects.all()
    return Article.objects.none()
