from typing import Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from satu.regions.models import Region

from .pagination import Page
from .problems import responses

router = Router(tags=["regions"])


class RegionOut(Schema):
    code: str = Field(..., description="Kemendagri code, e.g. 33 or 33.01.", examples=["33.01"])
    name: str = Field(..., description="Name of the region.", examples=["Kabupaten Cilacap"])
    kind: Literal["province", "regency", "city"] = Field(
        ..., description="province, regency (kabupaten) or city (kota)."
    )
    parent: str | None = Field(
        None, description="Code of the province of a kabupaten/kota.", examples=["33"]
    )

    @staticmethod
    def resolve_parent(obj: Region) -> str | None:
        return obj.parent.code if obj.parent_id else None


class RegionFilters(Schema):
    kind: Literal["province", "regency", "city"] | None = Field(
        None, description="Only regions of this kind."
    )
    parent: str | None = Field(
        None,
        max_length=13,
        description="Only the kabupaten/kota of the province with this code.",
        examples=["33"],
    )


@router.get(
    "",
    response=responses(list[RegionOut], 304),
    summary="List regions",
    operation_id="list_regions",
)
@paginate(Page)
def list_regions(request: HttpRequest, filters: Query[RegionFilters]):
    """Provinces and kabupaten/kota of Indonesia with their Kemendagri codes, ordered by code."""
    regions = Region.objects.select_related("parent").order_by("code")
    if filters.kind:
        regions = regions.filter(kind=filters.kind)
    if filters.parent:
        regions = regions.filter(parent__code=filters.parent)
    return regions
