"""Who may see and manage which user accounts and role memberships."""

from django.db.models import Q, QuerySet

from satu.agencies.models import Agency
from satu.regions.models import Region

from .access import get_access
from .models import AGENCY_ROLES, Membership, Role, User

MANAGER_ROLES = (Role.SECRETARIAT, Role.REGIONAL_ADMIN)


def manageable_memberships(manager: object) -> QuerySet[Membership]:
    """Memberships inside the manager's scope."""
    access = get_access(manager)
    if access.is_superuser:
        return Membership.objects.all()
    query = Q(pk__in=[])
    secretariat = access.region_ids(Role.SECRETARIAT)
    if secretariat:
        query |= Q(agency__region_id__in=secretariat) | Q(agency__region__parent_id__in=secretariat)
        query |= Q(region_id__in=secretariat) | Q(region__parent_id__in=secretariat)
    regional = access.region_ids(Role.REGIONAL_ADMIN)
    if regional:
        query |= Q(agency__region_id__in=regional) | Q(region_id__in=regional)
    return Membership.objects.filter(query)


def visible_users(manager: object) -> QuerySet[User]:
    """Accounts the manager may see and manage: those holding a role in the manager's scope."""
    access = get_access(manager)
    if access.is_superuser:
        return User.objects.all()
    if not access.has_role(*MANAGER_ROLES):
        return User.objects.none()
    scoped = manageable_memberships(manager).values("user_id")
    return User.objects.filter(pk__in=scoped, is_superuser=False)


def can_manage_user(manager: object, user: User) -> bool:
    return visible_users(manager).filter(pk=user.pk).exists()


def can_grant(
    manager: object, role: str, *, agency: Agency | None = None, region: Region | None = None
) -> bool:
    """May ``manager`` give ``role`` within ``agency`` or ``region``?"""
    access = get_access(manager)
    if access.is_superuser:
        return True
    if role in AGENCY_ROLES:
        if agency is None:
            return False
        return access.covers_agency(agency, *MANAGER_ROLES)
    if region is None:
        return False
    if access.covers_region(region, Role.SECRETARIAT):
        return True
    return role == Role.REGIONAL_ADMIN and region.pk in access.region_ids(Role.REGIONAL_ADMIN)


def grantable_roles(manager: object) -> list[tuple[str, str]]:
    access = get_access(manager)
    if access.is_superuser or access.has_role(Role.SECRETARIAT):
        return list(Role.choices)
    if access.has_role(Role.REGIONAL_ADMIN):
        allowed = {Role.OPERATOR, Role.AGENCY_HEAD, Role.REGIONAL_ADMIN}
        return [(value, label) for value, label in Role.choices if value in allowed]
    return []
