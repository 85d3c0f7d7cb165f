from django.http import HttpRequest
from ninja import Field, Router, Schema

from satu.accounts.access import get_access

from .auth import TokenAuth
from .problems import responses

router = Router(tags=["account"])


class RoleOut(Schema):
    role: str = Field(
        ...,
        description="Role code: operator, agency_head, regional_admin, secretariat, juror or "
        "field_verifier.",
        examples=["operator"],
    )
    agency_ids: list[int] = Field(
        default_factory=list,
        description="Ids of the agencies the role is held in (agency roles; empty otherwise).",
        examples=[[42]],
    )
    region_ids: list[int] = Field(
        default_factory=list,
        description="Ids of the regions the role is held in (region roles; empty otherwise).",
        examples=[[]],
    )


class MeOut(Schema):
    email: str = Field(
        ..., description="E-mail address of the account.", examples=["operator@example.go.id"]
    )
    full_name: str = Field(..., description="Full name of the account.", examples=["Agus Setiawan"])
    scopes: list[str] = Field(..., description="Scopes of the token used.", examples=[["read"]])
    roles: list[RoleOut] = Field(..., description="Roles of the account, ordered by role code.")


@router.get(
    "",
    response=responses(MeOut, 401, 403),
    auth=TokenAuth(),
    summary="The account of the token",
    operation_id="get_me",
    openapi_extra={
        "responses": {401: {"description": "Missing, wrong, revoked or expired token."}}
    },
)
def get_me(request: HttpRequest):
    """Who the token belongs to, its scopes and the roles of its account: a way to test a token."""
    access = get_access(request.user)
    roles = [
        RoleOut(role=role, agency_ids=sorted(ids)) for role, ids in access.agency_roles.items()
    ]
    roles += [
        RoleOut(role=role, region_ids=sorted(ids)) for role, ids in access.region_roles.items()
    ]
    return {
        "email": request.user.email,  # type: ignore[union-attr]
        "full_name": request.user.full_name,  # type: ignore[union-attr]
        "scopes": request.auth.scopes,  # type: ignore[attr-defined]
        "roles": sorted(roles, key=lambda r: r.role),
    }
