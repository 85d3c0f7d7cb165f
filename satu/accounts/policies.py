"""Who may see and manage which user accounts and role memberships.

A manager has authority over a membership when it sits below them:

- the secretariat of a province: operators and agency heads of the province's agencies and of
  its kabupaten/kota, the regional administrators of its kabupaten/kota, and its jurors and
  field verifiers; never another secretariat member (only a system administrator manages those);
- a regional administrator: operators and agency heads of the agencies of their kabupaten/kota
  and the other regional administrators of that kabupaten/kota.

Managing an account (seeing it, changing its roles, activating or deactivating it) needs
authority over *every* membership it holds: one role inside the manager's scope does not hand
over an account that also serves elsewhere or higher up. System administrators (``is_staff`` or
``is_superuser``) are managed only by a superuser.
"""

from django.db.models import Q, QuerySet

from satu.agencies.models import Agency
from satu.regions.models import Region

from .access import get_access
from .models import AGENCY_ROLES, Membership, Role, User

MANAGER_ROLES = (Role.SECRETARIAT, Role.REGIONAL_ADMIN)
# Province roles the secretariat appoints and manages (not the secretariat itself).
SECRETARIAT_MANAGED_REGION_ROLES = (Role.JUROR, Role.FIELD_VERIFIER)


def _covered_memberships_q(manager: object) -> Q | None:
    """A filter on Membership for those under ``manager``'s authority; None means all."""
    access = get_access(manager)
    if access.is_superuser:
        return None
    agency_roles = list(AGENCY_ROLES)
    query = Q(pk__in=[])
    secretariat = access.region_ids(Role.SECRETARIAT)
    if secretariat:
        query |= Q(role__in=agency_roles) & (
            Q(agency__region_id__in=secretariat) | Q(agency__region__parent_id__in=secretariat)
        )
        query |= Q(role=Role.REGIONAL_ADMIN, region__parent_id__in=secretariat)
        query |= Q(role__in=SECRETARIAT_MANAGED_REGION_ROLES) & (
            Q(region_id__in=secretariat) | Q(region__parent_id__in=secretariat)
        )
    regional = access.region_ids(Role.REGIONAL_ADMIN)
    if regional:
        query |= Q(role__in=agency_roles, agency__region_id__in=regional)
        query |= Q(role=Role.REGIONAL_ADMIN, region_id__in=regional)
    return query


def manageable_memberships(manager: object) -> QuerySet[Membership]:
    """Memberships under the manager's authority (whether their accounts are is another matter)."""
    query = _covered_memberships_q(manager)
    return Membership.objects.all() if query is None else Membership.objects.filter(query)


def visible_users(manager: object) -> QuerySet[User]:
    """Accounts the manager may see and manage: every role they hold is under the manager."""
    access = get_access(manager)
    if access.is_superuser:
        return User.objects.all()
    if not access.has_role(*MANAGER_ROLES):
        return User.objects.none()
    query = _covered_memberships_q(manager)
    covered = Membership.objects.filter(query).values("user_id")
    # exclude() negates with SQL NULLs in mind: a membership of the other kind (agency or
    # region) is "not covered" rather than unknown.
    uncovered = Membership.objects.exclude(query).values("user_id")
    return User.objects.filter(pk__in=covered, is_superuser=False, is_staff=False).exclude(
        pk__in=uncovered
    )


def can_manage_user(manager: object, user: User) -> bool:
    return visible_users(manager).filter(pk=user.pk).exists()


def can_manage_membership(manager: object, membership: Membership) -> bool:
    """May ``manager`` remove this role? Only from an account they manage as a whole."""
    return can_manage_user(manager, membership.user) and (
        manageable_memberships(manager).filter(pk=membership.pk).exists()
    )


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
