"""Setting up programme years and deciding exemptions.

Every change is audited: the models are registered with the audit log (before/after values),
and the decisions on exemptions also write an explicit entry with the note.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from satu.accounts.models import Membership, Role
from satu.agencies.models import Agency, AgencyType
from satu.audit.services import record
from satu.core.errors import DomainError, PermissionDeniedError
from satu.core.mail import queue_email

from . import policies, rules
from .models import Exemption, ExemptionStatus, ProgrammeYear

PROGRAMME_YEAR_FIELDS = (
    "registration_deadline",
    "obliged_types",
    "counting_rule",
    "reminder_days",
    "escalation_days",
    "green_from",
    "amber_from",
)
MAX_REMINDER_DAYS = 180
MAX_ESCALATION_DAYS = 90


def _check_manager(actor: object) -> None:
    if not policies.can_manage_programme(actor):
        raise PermissionDeniedError(_("Only the programme secretariat may do this."))


def _days(values: object, field: str, maximum: int) -> list[int]:
    try:
        days = sorted({int(v) for v in values}, reverse=True)  # type: ignore[union-attr]
    except (TypeError, ValueError):
        raise DomainError(_("Enter whole numbers of days."), field=field) from None
    if any(day < 1 or day > maximum for day in days):
        raise DomainError(
            _("Each number of days must be between 1 and %(max)d.") % {"max": maximum},
            field=field,
        )
    return days


def _validate(programme_year: ProgrammeYear) -> None:
    deadline = programme_year.registration_deadline
    if deadline.year != programme_year.year:
        raise DomainError(
            _("The deadline must fall within %(year)d.") % {"year": programme_year.year},
            field="registration_deadline",
        )
    types = list(dict.fromkeys(programme_year.obliged_types or []))
    if not types:
        raise DomainError(
            _("Choose at least one type of agency that must comply."), field="obliged_types"
        )
    unknown = set(types) - set(AgencyType.values)
    if unknown:
        raise DomainError(_("Unknown agency type."), field="obliged_types")
    programme_year.obliged_types = [t for t in AgencyType.values if t in types]
    programme_year.reminder_days = _days(
        programme_year.reminder_days, "reminder_days", MAX_REMINDER_DAYS
    )
    programme_year.escalation_days = sorted(
        _days(programme_year.escalation_days, "escalation_days", MAX_ESCALATION_DAYS)
    )
    if programme_year.amber_from > programme_year.green_from:
        raise DomainError(
            _("The amber threshold cannot be above the green one."), field="amber_from"
        )
    try:
        programme_year.full_clean(exclude=["updated_by"])
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise DomainError(messages[0], field=field if field != "__all__" else None) from None


@transaction.atomic
def create_programme_year(actor: object, year: int, **values: object) -> ProgrammeYear:
    _check_manager(actor)
    if ProgrammeYear.objects.filter(year=year).exists():
        raise DomainError(
            _("The programme year %(year)d already exists.") % {"year": year}, field="year"
        )
    programme_year = ProgrammeYear(year=year, updated_by=actor)
    for key in PROGRAMME_YEAR_FIELDS:
        if key in values:
            setattr(programme_year, key, values[key])
    _validate(programme_year)
    programme_year.save()
    return programme_year


@transaction.atomic
def update_programme_year(
    actor: object, programme_year: ProgrammeYear, **values: object
) -> ProgrammeYear:
    _check_manager(actor)
    programme_year = ProgrammeYear.objects.select_for_update().get(pk=programme_year.pk)
    for key in PROGRAMME_YEAR_FIELDS:
        if key in values:
            setattr(programme_year, key, values[key])
    programme_year.updated_by = actor  # type: ignore[assignment]
    _validate(programme_year)
    programme_year.save()
    return programme_year


def default_deadline(year: int) -> datetime.date:
    """A suggestion for a new year's form: the end of June."""
    return datetime.date(year, 6, 30)


# -- exemptions ---------------------------------------------------------------------------------


@transaction.atomic
def request_exemption(
    actor: object, programme_year: ProgrammeYear, agency: Agency, reason: str
) -> Exemption:
    """Ask for ``agency`` to be exempt in ``programme_year``; another person must confirm."""
    _check_manager(actor)
    if not policies.exemption_agencies(actor).filter(pk=agency.pk).exists():
        raise PermissionDeniedError(_("You may not request an exemption for this agency."))
    reason = (reason or "").strip()
    if len(reason) < 10:
        raise DomainError(
            _("Explain in a sentence why the agency should be exempt."), field="reason"
        )
    if not Agency.objects.filter(rules.obliged_q(programme_year), pk=agency.pk).exists():
        raise DomainError(
            _(
                "%(agency)s is not obliged to comply in %(year)d (its type is not obliged or "
                "it did not exist on the deadline day), so it needs no exemption."
            )
            % {"agency": agency.name, "year": programme_year.year},
            field="agency",
        )
    open_ = Exemption.objects.select_for_update().filter(
        programme_year=programme_year, agency=agency, status__in=["pending", "confirmed"]
    )
    if open_.exists():
        raise DomainError(
            _("%(agency)s already has an exemption for %(year)d that is pending or confirmed.")
            % {"agency": agency.name, "year": programme_year.year},
            field="agency",
        )
    exemption = Exemption.objects.create(
        programme_year=programme_year, agency=agency, reason=reason, requested_by=actor
    )
    _notify_deciders(exemption)
    return exemption


def _notify_deciders(exemption: Exemption) -> None:
    """Tell the other members of the secretariat that an exemption waits for them."""
    province = exemption.agency.region.province
    members = (
        Membership.objects.active()
        .filter(role=Role.SECRETARIAT, region=province)
        .exclude(user_id=exemption.requested_by_id)
        .select_related("user")
    )
    for membership in members:
        queue_email(
            membership.user,
            "compliance/email/exemption_requested",
            {
                "exemption": exemption,
                "path": reverse("compliance:exemption_detail", args=[exemption.pk]),
            },
        )


def _lock_for_decision(actor: object, exemption: Exemption, expected: str) -> Exemption:
    exemption = Exemption.objects.select_for_update().select_related("agency").get(pk=exemption.pk)
    if not policies.exemption_agencies(actor).filter(pk=exemption.agency_id).exists():
        raise PermissionDeniedError(_("You may not decide on this exemption."))
    if exemption.status != expected:
        raise DomainError(
            _("This exemption is %(status)s; it cannot be changed that way.")
            % {"status": exemption.get_status_display().lower()},
            code="wrong_status",
        )
    return exemption


def _required_note(note: str, message: str) -> str:
    note = (note or "").strip()
    if not note:
        raise DomainError(message, field="note")
    return note


def _decide(actor: object, exemption: Exemption, status: str, note: str, action: str) -> Exemption:
    exemption.status = status
    exemption.decided_by = actor  # type: ignore[assignment]
    exemption.decided_at = timezone.now()
    exemption.decision_note = note
    exemption.save()
    record(action, exemption, {"note": note})
    return exemption


@transaction.atomic
def confirm_exemption(actor: object, exemption: Exemption, note: str = "") -> Exemption:
    """Put the exemption in force: the agency leaves the denominator of the year."""
    _check_manager(actor)
    exemption = _lock_for_decision(actor, exemption, ExemptionStatus.PENDING)
    if exemption.requested_by_id == getattr(actor, "pk", None):
        raise PermissionDeniedError(
            _(
                "You requested this exemption. Another member of the secretariat or a system "
                "administrator must confirm it."
            ),
            code="four_eyes",
        )
    return _decide(
        actor, exemption, ExemptionStatus.CONFIRMED, note.strip(), "compliance.exemption_confirmed"
    )


@transaction.atomic
def reject_exemption(actor: object, exemption: Exemption, note: str) -> Exemption:
    _check_manager(actor)
    exemption = _lock_for_decision(actor, exemption, ExemptionStatus.PENDING)
    if exemption.requested_by_id == getattr(actor, "pk", None):
        raise PermissionDeniedError(
            _("You requested this exemption; withdraw it instead of rejecting it."),
            code="four_eyes",
        )
    note = _required_note(note, _("Say why the exemption is rejected."))
    return _decide(
        actor, exemption, ExemptionStatus.REJECTED, note, "compliance.exemption_rejected"
    )


@transaction.atomic
def withdraw_exemption(actor: object, exemption: Exemption) -> None:
    """The requester takes back a request that nobody has decided yet."""
    _check_manager(actor)
    exemption = _lock_for_decision(actor, exemption, ExemptionStatus.PENDING)
    if exemption.requested_by_id != getattr(actor, "pk", None):
        raise PermissionDeniedError(_("Only the person who requested it may withdraw it."))
    record("compliance.exemption_withdrawn", exemption, {"reason": exemption.reason})
    exemption.delete()


@transaction.atomic
def revoke_exemption(actor: object, exemption: Exemption, note: str) -> Exemption:
    """End a confirmed exemption: the agency is counted again. Any secretariat member may."""
    _check_manager(actor)
    exemption = _lock_for_decision(actor, exemption, ExemptionStatus.CONFIRMED)
    note = _required_note(note, _("Say why the exemption is revoked."))
    exemption.status = ExemptionStatus.REVOKED
    exemption.revoked_by = actor  # type: ignore[assignment]
    exemption.revoked_at = timezone.now()
    exemption.revocation_note = note
    exemption.save()
    record("compliance.exemption_revoked", exemption, {"note": note})
    return exemption
