"""Who may see the compliance board, change the programme years and decide exemptions.

The public board is open to everyone: it shows regions, agencies and counts, no person. The
back-office board adds the innovations behind each status, limited to the agencies the user
may see. The programme's settings and the exemptions belong to the secretariat of the home
province (and system administrators).
"""

from django.db.models import QuerySet

from satu.accounts.access import get_access
from satu.accounts.models import Role
from satu.agencies import policies as agency_policies
from satu.agencies.models import Agency

from .board import home_province
from .models import Exemption

BOARD_ROLES = (Role.OPERATOR, Role.AGENCY_HEAD, Role.REGIONAL_ADMIN, Role.SECRETARIAT)
MANAGE_ROLES = (Role.SECRETARIAT,)


def can_view_back_office_board(user: object) -> bool:
    return get_access(user).has_role(*BOARD_ROLES)


def can_manage_programme(user: object) -> bool:
    """The secretariat of the province that runs the programme, or a system administrator."""
    access = get_access(user)
    if access.is_superuser:
        return True
    if not access.has_role(*MANAGE_ROLES):
        return False
    province = home_province()
    return province is not None and province.pk in access.region_ids(*MANAGE_ROLES)


def board_agencies(user: object) -> QuerySet[Agency] | None:
    """Agencies whose innovations the user may see on the back-office board (None: all)."""
    if can_manage_programme(user):
        return None
    return agency_policies.visible_agencies(user)


def exemption_agencies(user: object) -> QuerySet[Agency]:
    """Agencies for which the user may request or decide an exemption."""
    if not can_manage_programme(user):
        return Agency.objects.none()
    return Agency.objects.filter(get_access(user).agency_q(*MANAGE_ROLES))


def visible_exemptions(user: object) -> QuerySet[Exemption]:
    return Exemption.objects.filter(agency__in=exemption_agencies(user).values("pk"))


def can_decide_exemption(user: object, exemption: Exemption) -> bool:
    """Four eyes: never the person who asked for it."""
    if getattr(user, "pk", None) == exemption.requested_by_id:
        return False
    return exemption_agencies(user).filter(pk=exemption.agency_id).exists()
