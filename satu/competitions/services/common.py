"""Helpers shared by the competition services."""

from django.utils.translation import gettext as _

from satu.accounts.models import Membership, Role, User
from satu.core.errors import PermissionDeniedError

from .. import policies
from ..models import Competition, Entry


def require_manager(actor: object, competition: Competition) -> None:
    if not policies.can_manage(actor, competition):
        raise PermissionDeniedError(_("Only the secretariat may manage this competition."))


def lock(competition: Competition) -> Competition:
    """The competition row locked for the transaction: stage moves and bookings queue up."""
    return Competition.objects.select_for_update().get(pk=competition.pk)


def agency_people(entry: Entry) -> list[User]:
    """The operators and head of the entry's agency, who hear about its progress."""
    ids = Membership.objects.filter(
        agency_id=entry.agency_id, role__in=[Role.OPERATOR, Role.AGENCY_HEAD]
    ).values("user_id")
    return list(User.objects.filter(pk__in=ids, is_active=True).order_by("pk"))
