"""Recording awards an innovation received elsewhere (KIPP, IGA…), read by the eligibility check."""

from django.db import transaction
from django.utils.translation import gettext as _

from satu.accounts.access import get_access
from satu.accounts.models import Role
from satu.core.errors import PermissionDeniedError

from ..models import Award


def can_record_awards(actor: object) -> bool:
    return get_access(actor).has_role(Role.SECRETARIAT)


@transaction.atomic
def record_award(actor: object, award: Award) -> Award:
    access = get_access(actor)
    if not access.covers_agency(award.innovation.agency, Role.SECRETARIAT):
        raise PermissionDeniedError(_("Only the secretariat records awards."))
    award.full_clean()
    award.save()
    return award
