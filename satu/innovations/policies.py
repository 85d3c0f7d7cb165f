"""Who may see an innovation, and who may act on it at each step of the approval chain.

The chain: the agency's operator submits; the agency head approves; the regional
administrator of the kabupaten/kota verifies (provincial agencies skip this step); the
secretariat of the province accepts. Whoever holds the current step may return it with a
reason; the operator may withdraw it until it is accepted; the secretariat may reopen an
accepted innovation for correction.
"""

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from satu.accounts.access import get_access
from satu.accounts.models import Membership, Role, User

from .models import Innovation, Status

# Statuses in which the operator may change the profile and submit it (again).
EDITABLE = (Status.DRAFT, Status.RETURNED, Status.WITHDRAWN)
WITHDRAWABLE = (Status.DRAFT, Status.SUBMITTED, Status.APPROVED, Status.VERIFIED, Status.RETURNED)
# After acceptance the profile is locked, but the operator still reports on it.
EVIDENCE_ADDABLE = (*EDITABLE, Status.ACCEPTED)

AGENCY_ROLES = (Role.OPERATOR, Role.AGENCY_HEAD)
REVIEW_ROLES = (Role.REGIONAL_ADMIN, Role.SECRETARIAT)
# Anyone who works with innovations in the back office.
INNOVATION_ROLES = (*AGENCY_ROLES, *REVIEW_ROLES)


class Act:
    """The things a person can do to an innovation (names used by views and templates)."""

    EDIT = "edit"
    SUBMIT = "submit"
    APPROVE = "approve"
    VERIFY = "verify"
    ACCEPT = "accept"
    RETURN = "return"
    WITHDRAW = "withdraw"
    REOPEN = "reopen"
    ADD_EVIDENCE = "add_evidence"
    REMOVE_EVIDENCE = "remove_evidence"
    RECORD_YEAR = "record_year"

    TRANSITIONS = (SUBMIT, APPROVE, VERIFY, ACCEPT, RETURN, WITHDRAW, REOPEN)


def visible_innovations(user: object) -> QuerySet[Innovation]:
    """Innovations the user may open in the back office.

    The agency's own people see everything of their agency; reviewers see the innovations
    of their region once the agency has submitted them (a draft is the agency's own business).
    """
    access = get_access(user)
    if access.is_superuser:
        return Innovation.objects.all()
    if not access.has_role(*INNOVATION_ROLES):
        return Innovation.objects.none()
    own = access.agency_q(*AGENCY_ROLES, prefix="agency")
    reviewed = access.agency_q(*REVIEW_ROLES, prefix="agency") & ~Q(
        status=Status.DRAFT, submitted_at__isnull=True
    )
    return Innovation.objects.filter(own | reviewed)


def step_role(innovation: Innovation) -> str | None:
    """The role that must act next, or None once accepted."""
    status = innovation.status
    if status in EDITABLE:
        return Role.OPERATOR
    if status == Status.SUBMITTED:
        return Role.AGENCY_HEAD
    if status == Status.APPROVED:
        return Role.SECRETARIAT if innovation.is_provincial else Role.REGIONAL_ADMIN
    if status == Status.VERIFIED:
        return Role.SECRETARIAT
    return None


WAITING_LABELS = {
    Role.OPERATOR: _("the agency operator"),
    Role.AGENCY_HEAD: _("the agency head"),
    Role.REGIONAL_ADMIN: _("the regional administrator"),
    Role.SECRETARIAT: _("the secretariat"),
}


def waiting_for(innovation: Innovation) -> str:
    """Who the innovation is waiting for, in words ("" when nobody)."""
    if innovation.status in (Status.ACCEPTED, Status.WITHDRAWN):
        return ""
    role = step_role(innovation)
    return str(WAITING_LABELS[role]) if role else ""


def _covers(user: object, innovation: Innovation, role: str) -> bool:
    return get_access(user).covers_agency(innovation.agency, role)


def can(user: object, act: str, innovation: Innovation) -> bool:
    """May ``user`` do ``act`` to ``innovation`` now?"""
    status = innovation.status
    if act in (Act.EDIT, Act.SUBMIT):
        return status in EDITABLE and _covers(user, innovation, Role.OPERATOR)
    if act == Act.WITHDRAW:
        return status in WITHDRAWABLE and _covers(user, innovation, Role.OPERATOR)
    if act == Act.ADD_EVIDENCE:
        return status in EVIDENCE_ADDABLE and _covers(user, innovation, Role.OPERATOR)
    if act == Act.REMOVE_EVIDENCE:
        return status in EDITABLE and _covers(user, innovation, Role.OPERATOR)
    if act == Act.RECORD_YEAR:
        return status != Status.WITHDRAWN and _covers(user, innovation, Role.OPERATOR)
    if act == Act.APPROVE:
        return status == Status.SUBMITTED and _covers(user, innovation, Role.AGENCY_HEAD)
    if act == Act.VERIFY:
        return (
            status == Status.APPROVED
            and not innovation.is_provincial
            and _covers(user, innovation, Role.REGIONAL_ADMIN)
        )
    if act == Act.ACCEPT:
        ready = status == Status.VERIFIED or (
            status == Status.APPROVED and innovation.is_provincial
        )
        return ready and _covers(user, innovation, Role.SECRETARIAT)
    if act == Act.RETURN:
        role = step_role(innovation)
        return status in (Status.SUBMITTED, Status.APPROVED, Status.VERIFIED) and bool(
            role and _covers(user, innovation, role)
        )
    if act == Act.REOPEN:
        return status == Status.ACCEPTED and _covers(user, innovation, Role.SECRETARIAT)
    raise ValueError(f"unknown act {act!r}")


def allowed_acts(user: object, innovation: Innovation) -> set[str]:
    acts = (
        Act.EDIT,
        *Act.TRANSITIONS,
        Act.ADD_EVIDENCE,
        Act.REMOVE_EVIDENCE,
        Act.RECORD_YEAR,
    )
    return {act for act in acts if can(user, act, innovation)}


def waiting_for_me(user: object) -> QuerySet[Innovation]:
    """Innovations on which it is the user's turn to act."""
    access = get_access(user)
    if not (access.is_superuser or access.has_role(*INNOVATION_ROLES)):
        return Innovation.objects.none()
    query = Q(pk__in=[])
    if access.is_superuser or access.has_role(Role.OPERATOR):
        query |= access.agency_q(Role.OPERATOR, prefix="agency") & Q(
            status__in=[Status.DRAFT, Status.RETURNED]
        )
    if access.is_superuser or access.has_role(Role.AGENCY_HEAD):
        query |= access.agency_q(Role.AGENCY_HEAD, prefix="agency") & Q(status=Status.SUBMITTED)
    if access.is_superuser or access.has_role(Role.REGIONAL_ADMIN):
        query |= (
            access.agency_q(Role.REGIONAL_ADMIN, prefix="agency")
            & Q(status=Status.APPROVED)
            & ~Q(agency__region__parent__isnull=True)
        )
    if access.is_superuser or access.has_role(Role.SECRETARIAT):
        query |= access.agency_q(Role.SECRETARIAT, prefix="agency") & (
            Q(status=Status.VERIFIED)
            | Q(status=Status.APPROVED, agency__region__parent__isnull=True)
        )
    return visible_innovations(user).filter(query)


def next_actors(innovation: Innovation) -> QuerySet[User]:
    """The people whose turn it is now (to be told so)."""
    role = step_role(innovation)
    agency = innovation.agency
    if role in (Role.OPERATOR, Role.AGENCY_HEAD):
        memberships = Membership.objects.filter(role=role, agency=agency)
    elif role == Role.REGIONAL_ADMIN:
        memberships = Membership.objects.filter(role=role, region=agency.region)
    elif role == Role.SECRETARIAT:
        memberships = Membership.objects.filter(role=role, region=agency.region.province)
    else:
        return User.objects.none()
    return User.objects.filter(is_active=True, pk__in=memberships.values("user_id"))


def agency_operators(innovation: Innovation) -> QuerySet[User]:
    memberships = Membership.objects.filter(role=Role.OPERATOR, agency=innovation.agency_id)
    return User.objects.filter(is_active=True, pk__in=memberships.values("user_id"))


def can_import(user: object) -> bool:
    """Bulk import of earlier years is the secretariat's job."""
    return get_access(user).has_role(Role.SECRETARIAT)


def operator_agencies(user: object) -> QuerySet:
    """Agencies in which the user may register innovations."""
    from satu.agencies.models import Agency

    return Agency.objects.filter(get_access(user).agency_q(Role.OPERATOR))
