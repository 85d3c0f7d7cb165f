"""Who may see and do what in the competitions.

- The secretariat of the organising province (and a superuser) manages a competition.
- Operators and agency heads see competitions open to them and their own agency's entries;
  they enter and correct them.
- A regional admin sees the entries of the agencies of the kabupaten/kota.
- Field verifiers of the province record field visits.
- Everyone else sees the public pages only.
"""

from django.db.models import Q, QuerySet

from satu.accounts.access import get_access
from satu.accounts.models import Role
from satu.agencies.models import Agency

from .models import Competition, Entry, Stage

MANAGE_ROLES = (Role.SECRETARIAT,)
ENTRANT_ROLES = (Role.OPERATOR, Role.AGENCY_HEAD)
ENTRY_VIEW_ROLES = (Role.OPERATOR, Role.AGENCY_HEAD, Role.REGIONAL_ADMIN, Role.SECRETARIAT)


def _province_ids(user: object, *roles: str) -> frozenset[int]:
    return get_access(user).region_ids(*roles)


def manageable_competitions(user: object) -> QuerySet[Competition]:
    access = get_access(user)
    if access.is_superuser:
        return Competition.objects.all()
    return Competition.objects.filter(region_id__in=access.region_ids(*MANAGE_ROLES))


def can_manage(user: object, competition: Competition) -> bool:
    access = get_access(user)
    return access.is_superuser or competition.region_id in access.region_ids(*MANAGE_ROLES)


def visible_competitions(user: object) -> QuerySet[Competition]:
    """Competitions in the back office: managed ones in full, others once past preparation."""
    access = get_access(user)
    if access.is_superuser:
        return Competition.objects.all()
    managed = Q(region_id__in=access.region_ids(*MANAGE_ROLES))
    # Agencies and regions a user works in lie in a province (their own or a parent region).
    agencies = Agency.objects.filter(access.agency_q(*ENTRY_VIEW_ROLES, Role.FIELD_VERIFIER))
    provinces = set(agencies.values_list("region_id", flat=True)) | set(
        agencies.exclude(region__parent_id=None).values_list("region__parent_id", flat=True)
    )
    provinces |= set(access.region_ids(Role.FIELD_VERIFIER, Role.JUROR))
    others = Q(region_id__in=provinces) & ~Q(stage=Stage.DRAFT)
    return Competition.objects.filter(managed | others)


def visible_entries(user: object) -> QuerySet[Entry]:
    """Entries the user may look at in the back office."""
    access = get_access(user)
    if access.is_superuser:
        return Entry.objects.all()
    query = Q(competition__region_id__in=access.region_ids(*MANAGE_ROLES))
    query |= Q(agency__in=Agency.objects.filter(access.agency_q(*ENTRY_VIEW_ROLES)))
    return Entry.objects.filter(query)


def can_enter_for(user: object, agency: Agency) -> bool:
    """May the user enter (and correct) innovations on behalf of ``agency``?"""
    access = get_access(user)
    return access.is_superuser or agency.pk in access.agency_ids(*ENTRANT_ROLES)


def entrant_agencies(user: object) -> QuerySet[Agency]:
    access = get_access(user)
    if access.is_superuser:
        return Agency.objects.all()
    return Agency.objects.filter(pk__in=access.agency_ids(*ENTRANT_ROLES))


def can_verify(user: object, competition: Competition) -> bool:
    access = get_access(user)
    return access.is_superuser or competition.region_id in access.region_ids(
        Role.FIELD_VERIFIER, *MANAGE_ROLES
    )


def verifiable_competitions(user: object) -> QuerySet[Competition]:
    access = get_access(user)
    if access.is_superuser:
        return Competition.objects.all()
    return Competition.objects.filter(
        region_id__in=access.region_ids(Role.FIELD_VERIFIER, *MANAGE_ROLES)
    )
