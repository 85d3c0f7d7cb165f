"""Who may run the surveys of which service units.

Operators and heads of an agency manage the surveys of its units; a regional administrator
those of the agencies of the kabupaten/kota; the secretariat those of the whole province.
Results are public through the API, but the back office (suggestions, raw responses, receipt
codes, entry) is for these roles only.
"""

from django.db.models import QuerySet

from satu.accounts.access import get_access
from satu.accounts.models import Role
from satu.agencies.models import Agency, ServiceUnit
from satu.innovations.models import Innovation
from satu.regions.models import Region

from .models import SurveyPeriod

MANAGE_ROLES = (Role.OPERATOR, Role.AGENCY_HEAD, Role.REGIONAL_ADMIN, Role.SECRETARIAT)
ROLLUP_ROLES = (Role.REGIONAL_ADMIN, Role.SECRETARIAT)


def manageable_units(user: object) -> QuerySet[ServiceUnit]:
    return ServiceUnit.objects.filter(get_access(user).agency_q(*MANAGE_ROLES, prefix="agency"))


def manageable_periods(user: object) -> QuerySet[SurveyPeriod]:
    return SurveyPeriod.objects.filter(
        get_access(user).agency_q(*MANAGE_ROLES, prefix="unit__agency")
    )


def can_manage_unit(user: object, unit: ServiceUnit) -> bool:
    return get_access(user).covers_agency(unit.agency, *MANAGE_ROLES)


def can_manage_period(user: object, period: SurveyPeriod) -> bool:
    return can_manage_unit(user, period.unit)


def visible_agencies(user: object) -> QuerySet[Agency]:
    return Agency.objects.filter(get_access(user).agency_q(*MANAGE_ROLES))


def rollup_regions(user: object) -> QuerySet[Region]:
    """Regions whose roll-up the user may open in the back office."""
    return Region.objects.filter(get_access(user).region_q(*ROLLUP_ROLES))


def visible_innovations(user: object) -> QuerySet[Innovation]:
    """Innovations whose survey comparison the user may see: by the innovation's agency."""
    return Innovation.objects.filter(get_access(user).agency_q(*MANAGE_ROLES, prefix="agency"))
