"""The API's ``q=``: the catalog's search service and ranking for /api/v1/innovations."""

from django.db.models import QuerySet

from satu.innovations.models import Innovation

from .search import ranked


def filter_innovations(queryset: QuerySet[Innovation], q: str | None) -> QuerySet[Innovation]:
    """``queryset`` narrowed to the innovations matching ``q``, best match first.

    The same Indonesian-aware search and ranking as the catalog page; each innovation carries
    ``rank`` (higher is better). Without ``q`` the queryset comes back unchanged.
    """
    if not q or not q.strip():
        return queryset
    return ranked(queryset, q)
