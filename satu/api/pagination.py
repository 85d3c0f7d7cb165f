"""One pagination for every list endpoint: page numbers, with links to neighbours."""

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Schema
from ninja.pagination import PaginationBase

MAX_PAGE = 1_000_000


class Page(PaginationBase):
    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE, description="Page number, from 1.", examples=[1])
        page_size: int = Field(
            50, ge=1, le=500, description="Items per page (at most 500).", examples=[50]
        )

    class Output(Schema):
        count: int = Field(..., description="Number of items over all pages.", examples=[137])
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
        count = queryset.count() if isinstance(queryset, QuerySet) else len(queryset)

        def link(page: int) -> str:
            query = request.GET.copy()
            query["page"] = str(page)
            return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")

        return {
            "count": count,
            "page": pagination.page,
            "page_size": size,
            "next": link(pagination.page + 1) if offset + size < count else None,
            "previous": link(pagination.page - 1)
            if pagination.page > 1 and offset < count + size
            else None,
            "results": list(queryset[offset : offset + size]),
        }
