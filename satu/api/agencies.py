import datetime

from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from satu.agencies.models import Agency, AgencyType

from .pagination import Page
from .problems import responses
from .schemas import RegionRef

router = Router(tags=["agencies"])


class AgencyOut(Schema):
    id: int = Field(..., description="Id of the agency.", examples=[42])
    name: str = Field(
        ..., description="Name of the agency.", examples=["Dinas Kesehatan Provinsi Jawa Tengah"]
    )
    abbreviation: str = Field(..., description="Abbreviation of the agency.", examples=["DINKES"])
    type: AgencyType = Field(..., description="Agency type code.")
    type_label: str = Field(
        ...,
        description="Agency type in the language of the request.",
        examples=["Dinas"],
    )
    region: RegionRef = Field(..., description="The region the agency belongs to.")
    parent_id: int | None = Field(
        None,
        description="Id of the parent agency (e.g. the Setda of a biro); null for none.",
        examples=[None],
    )
    location: str = Field(
        "", description="Town or city where the agency sits, if recorded.", examples=["Semarang"]
    )
    valid_from: datetime.date | None = Field(
        None, description="First day the agency existed, if recorded.", examples=["2017-01-01"]
    )
    valid_until: datetime.date | None = Field(
        None,
        description="Last day of an agency that was merged or dissolved; null while it exists.",
        examples=[None],
    )

    @staticmethod
    def resolve_type_label(obj: Agency) -> str:
        return str(obj.get_type_display())


class AgencyFilters(Schema):
    region: str | None = Field(
        None,
        max_length=13,
        description="Kemendagri code of the region the agency belongs to.",
        examples=["33"],
    )
    type: AgencyType | None = Field(None, description="Only agencies of this type.")
    q: str | None = Field(
        None, max_length=100, description="Words in the name or abbreviation.", examples=["RSUD"]
    )
    include_ended: bool = Field(False, description="Also list agencies that no longer exist.")


@router.get(
    "",
    response=responses(list[AgencyOut], 304),
    summary="List agencies",
    operation_id="list_agencies",
)
@paginate(Page)
def list_agencies(request: HttpRequest, filters: Query[AgencyFilters]):
    """Agencies (OPD) of the regional governments, ordered by region and name."""
    agencies = Agency.objects.select_related("region").order_by("region__code", "name", "pk")
    if filters.region:
        agencies = agencies.filter(region__code=filters.region)
    if filters.type:
        agencies = agencies.filter(type=filters.type)
    if filters.q:
        for word in filters.q.split():
            agencies = agencies.filter(Q(name__icontains=word) | Q(abbreviation__icontains=word))
    if not filters.include_ended:
        agencies = agencies.active_on(timezone.localdate())
    return agencies
