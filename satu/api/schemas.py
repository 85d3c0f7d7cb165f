"""Schemas shared by several API modules (OpenAPI components are keyed by name, so one each)."""

from ninja import Field, Schema


class RegionRef(Schema):
    code: str = Field(..., description="Kemendagri code of the region.", examples=["33.74"])
    name: str = Field(..., description="Name of the region.", examples=["Kota Semarang"])


class AgencyRef(Schema):
    id: int = Field(..., description="Id of the agency (see /api/v1/agencies).", examples=[42])
    name: str = Field(
        ..., description="Name of the agency.", examples=["Dinas Kesehatan Kota Semarang"]
    )
    abbreviation: str = Field(..., description="Abbreviation of the agency.", examples=["DINKES"])
    region: RegionRef = Field(..., description="The region the agency belongs to.")
