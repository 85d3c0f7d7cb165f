"""Who may see and change which agencies and service units."""

from django.db.models import QuerySet

from satu.accounts.access import get_access
from satu.accounts.models import Role
from satu.regions.models import Region

from .models import Agency, ServiceUnit

VIEW_ROLES = (Role.OPERATOR, Role.AGENCY_HEAD, Role.REGIONAL_ADMIN, Role.SECRETARIAT)
MANAGE_ROLES = (Role.REGIONAL_ADMIN, Role.SECRETARIAT)


def visible_agencies(user: object) -> QuerySet[Agency]:
    return Agency.objects.filter(get_access(user).agency_q(*VIEW_ROLES))


def manageable_agencies(user: object) -> QuerySet[Agency]:
    return Agency.objects.filter(get_access(user).agency_q(*MANAGE_ROLES))


def can_view_agency(user: object, agency: Agency) -> bool:
    return get_access(user).covers_agency(agency, *VIEW_ROLES)


def can_manage_agency(user: object, agency: Agency) -> bool:
    return get_access(user).covers_agency(agency, *MANAGE_ROLES)


def regions_for_new_agencies(user: object) -> QuerySet[Region]:
    """Regions in which the user may create agencies."""
    return Region.objects.filter(get_access(user).region_q(*MANAGE_ROLES))


def visible_service_units(user: object) -> QuerySet[ServiceUnit]:
    return ServiceUnit.objects.filter(get_access(user).agency_q(*VIEW_ROLES, prefix="agency"))


def can_manage_service_units_of(user: object, agency: Agency) -> bool:
    """Agency heads keep their own units up to date; admins those of their scope."""
    access = get_access(user)
    return access.covers_agency(agency, Role.AGENCY_HEAD, *MANAGE_ROLES)
