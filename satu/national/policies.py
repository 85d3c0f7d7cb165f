"""Who may see and do what in national forwarding.

- Operators and agency heads report their agency's innovations in their region's assessment,
  answer their SID indicators with evidence, and export their KIPP proposals.
- A regional admin fills the SPD indicators of the kabupaten/kota's assessment and submits it.
- The secretariat fills and submits the province's assessment, verifies every assessment of
  the province and its kabupaten/kota, publishes them, edits the rule sets, and keeps the
  forwarding record.
- Published assessments are public (the API); everything else is back office.
"""

from django.db.models import Q, QuerySet

from satu.accounts.access import get_access
from satu.accounts.models import Role
from satu.agencies.models import Agency
from satu.innovations.models import Innovation
from satu.regions.models import Region

from .models import Assessment, Forwarding

AGENCY_ROLES = (Role.OPERATOR, Role.AGENCY_HEAD)
VIEW_ROLES = (Role.OPERATOR, Role.AGENCY_HEAD, Role.REGIONAL_ADMIN, Role.SECRETARIAT)


def can_manage_rules(user: object) -> bool:
    return get_access(user).has_role(Role.SECRETARIAT)


def visible_assessments(user: object) -> QuerySet[Assessment]:
    """Assessments of the regions the user works in (a province's secretariat sees all of it)."""
    access = get_access(user)
    if access.is_superuser:
        return Assessment.objects.all()
    query = access.region_q(Role.SECRETARIAT, prefix="region")
    query |= Q(region_id__in=access.region_ids(Role.REGIONAL_ADMIN))
    agencies = Agency.objects.filter(pk__in=access.agency_ids(*AGENCY_ROLES))
    query |= Q(region_id__in=agencies.values("region_id"))
    return Assessment.objects.filter(query)


def can_start(user: object, region: Region) -> bool:
    access = get_access(user)
    if access.is_superuser or access.covers_region(region, Role.SECRETARIAT):
        return True
    return not region.is_province and region.pk in access.region_ids(Role.REGIONAL_ADMIN)


def startable_regions(user: object) -> QuerySet[Region]:
    access = get_access(user)
    if access.is_superuser:
        return Region.objects.all()
    return Region.objects.filter(
        access.region_q(Role.SECRETARIAT) | Q(pk__in=access.region_ids(Role.REGIONAL_ADMIN))
    )


def can_edit_region(user: object, assessment: Assessment) -> bool:
    """Fill the SPD answers and submit: the province's secretariat, a kabupaten/kota's admin."""
    access = get_access(user)
    if access.is_superuser:
        return True
    region = assessment.region
    if region.is_province:
        return region.pk in access.region_ids(Role.SECRETARIAT)
    return region.pk in access.region_ids(Role.REGIONAL_ADMIN)


def can_answer_innovation(user: object, innovation: Innovation) -> bool:
    """Answer an innovation's SID indicators: its agency's operators and head."""
    access = get_access(user)
    return access.is_superuser or innovation.agency_id in access.agency_ids(*AGENCY_ROLES)


def can_include(user: object, assessment: Assessment, innovation: Innovation) -> bool:
    return can_edit_region(user, assessment) or can_answer_innovation(user, innovation)


def can_verify(user: object, assessment: Assessment) -> bool:
    """Check evidence, return, finish and publish: the secretariat of the province."""
    return get_access(user).covers_region(assessment.region, Role.SECRETARIAT)


def includable_innovations(user: object, assessment: Assessment) -> QuerySet[Innovation]:
    """Accepted innovations of the assessment's region the user may add."""
    innovations = Innovation.objects.accepted().filter(agency__region=assessment.region)
    if can_edit_region(user, assessment):
        return innovations
    return innovations.filter(agency_id__in=get_access(user).agency_ids(*AGENCY_ROLES))


# Forwarding and the KIPP proposal


def can_forward(user: object, innovation: Innovation) -> bool:
    return get_access(user).covers_agency(innovation.agency, Role.SECRETARIAT)


def visible_forwardings(user: object) -> QuerySet[Forwarding]:
    access = get_access(user)
    if access.is_superuser:
        return Forwarding.objects.all()
    agencies = Agency.objects.filter(access.agency_q(*VIEW_ROLES))
    return Forwarding.objects.filter(innovation__agency__in=agencies)


def exportable_innovations(user: object) -> QuerySet[Innovation]:
    """Innovations whose KIPP proposal the user may export."""
    access = get_access(user)
    if access.is_superuser:
        return Innovation.objects.all()
    agencies = Agency.objects.filter(access.agency_q(*VIEW_ROLES))
    return Innovation.objects.filter(agency__in=agencies)


def can_batch_export(user: object) -> bool:
    return get_access(user).has_role(Role.SECRETARIAT)
