"""One pagination for every list endpoint: page numbers, with links to neighbours.

Counting a large list costs more than reading one page of it (275,000 public innovations: a
``COUNT(*)`` of 60–95 ms against a page read in index order of a few), so a queryset is counted
only up to ``SATU_API_COUNT_LIMIT`` rows: past it ``count`` is that limit and ``count_exact``
is false. The link to the next page does not depend on the count: the page reads one row more
than it shows, so it is right however far past the limit the client pages.
"""

from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Schema
from ninja.pagination import PaginationBase

MAX_PAGE = 1_000_000


def bounded_count(queryset: QuerySet, limit: int) -> tuple[int, bool]:
    """How many rows ``queryset`` has, counting no further than ``limit``: (count, exact).

    ``SELECT COUNT(*) FROM (SELECT … LIMIT limit + 1)``: the database stops after that many
    rows. The ordering is dropped first (which rows are counted does not matter), so the
    database never sorts for a count, unless ``DISTINCT ON`` needs it.
    """
    if not queryset.query.distinct_fields:
        queryset = queryset.order_by()
    count = queryset[: limit + 1].count()
    return (limit, False) if count > limit else (count, True)


class Page(PaginationBase):
    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE, description="Page number, from 1.", examples=[1])
        page_size: int = Field(
            50, ge=1, le=500, description="Items per page (at most 500).", examples=[50]
        )

    class Output(Schema):
        count: int = Field(
            ...,
            description=(
                "Number of items over all pages. Large lists are counted only up to a limit "
                "set by the server (10,000 by default): past it this is that limit and "
                "`count_exact` is false; follow `next` to read further."
            ),
            examples=[137],
        )
        count_exact: bool = Field(
            ...,
            description=(
                "Whether `count` is the exact number of items; false when the list is longer "
                "than the counting limit and `count` is only a lower bound."
            ),
            examples=[True],
        )
        page: int = Field(..., description="This page's number.", examples=[2])
        page_size: int = Field(..., description="Items per page.", examples=[50])
        next: str | None = Field(
            None,
            description="URL of the next page, if any.",
            examples=["http://127.0.0.1:8000/api/v1/innovations?page=3"],
        )
        previous: str | None = Field(
            None,
            description="URL of the previous page, if any.",
            examples=["http://127.0.0.1:8000/api/v1/innovations?page=1"],
        )
        results: list[Any] = Field(..., description="The items of this page.")

    items_attribute = "results"

    def paginate_queryset(
        self, queryset: QuerySet, pagination: Input, request: HttpRequest, **params: Any
    ) -> dict[str, Any]:
        size = pagination.page_size
        offset = (pagination.page - 1) * size
        known = getattr(queryset, "known_count", None)
        if known is not None:
            count, exact = known, True
        elif isinstance(queryset, QuerySet):
            count, exact = bounded_count(queryset, settings.SATU_API_COUNT_LIMIT)
        else:
            count, exact = len(queryset), True
        # One row more than the page shows: whether there is a next page, whatever the count.
        rows = list(queryset[offset : offset + size + 1])
        results, has_next = rows[:size], len(rows) > size
        if pagination.page == 1 or results:
            has_previous = pagination.page > 1
        elif exact:
            # Past the end: the previous page exists while it still starts inside the list.
            has_previous = offset - size < count
        else:
            # Past the end of a list counted only up to the limit: ask for the previous page's
            # first row.
            has_previous = queryset[offset - size : offset - size + 1].exists()

        def link(page: int) -> str:
            query = request.GET.copy()
            query["page"] = str(page)
            return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")

        return {
            "count": count,
            "count_exact": exact,
            "page": pagination.page,
            "page_size": size,
            "next": link(pagination.page + 1) if has_next else None,
            "previous": link(pagination.page - 1) if has_previous else None,
            "results": results,
        }
