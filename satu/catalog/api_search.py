"""The API's ``q=``: the catalog's search service and ranking for /api/v1/innovations."""

from django.db.models import QuerySet

from satu.innovations.models import Innovation

from .search import RankedResults, find, parse_query


def filter_innovations(
    queryset: QuerySet[Innovation], q: str | None
) -> QuerySet[Innovation] | RankedResults:
    """``queryset`` narrowed to the innovations matching ``q``, best match first.

    The same Indonesian-aware search and ranking as the catalog page, bounded the same way: at
    most ``SATU_SEARCH_MAX_CANDIDATES`` best matches. Each innovation carries ``rank`` (higher
    is better). Without ``q`` (or with only punctuation) the queryset comes back unchanged.
    """
    parsed = parse_query(q or "")
    if not parsed:
        return queryset
    return find(queryset, parsed).results
