"""The innovation registry's business rules: saving profiles, the approval chain, evidence and
yearly statuses. Every function takes the acting user, checks the policy, runs in a
transaction and leaves an audit trail.
"""

import copy
import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from satu.accounts.access import get_access
from satu.accounts.models import Role
from satu.agencies.models import Agency
from satu.audit.services import record
from satu.core.errors import DomainError, PermissionDeniedError
from satu.notifications.services import notify

from . import history, policies, uploads
from .models import (
    Evidence,
    Innovation,
    InnovationYear,
    ReviewAction,
    ReviewEvent,
    Revision,
    RevisionKind,
    Status,
)
from .policies import Act
from .validation import submission_errors

EDITABLE_FIELDS = history.EDITABLE_FIELDS


class InvalidProfile(DomainError):
    """The content breaks a rule; ``errors`` maps each field to its messages."""

    def __init__(self, errors: dict[str, list[str]], message: str = "") -> None:
        super().__init__(
            message or _("Some fields need correcting; see the messages at each field."),
            code="invalid",
        )
        self.errors = errors


class StaleVersion(DomainError):
    """The save was based on an older version; the refused content is kept in ``revision``."""

    def __init__(self, message: str, revision: Revision) -> None:
        super().__init__(message, code="stale")
        self.revision = revision


def _validation_errors(error: ValidationError) -> dict[str, list[str]]:
    if hasattr(error, "error_dict"):
        return {field: [str(m) for m in error.message_dict[field]] for field in error.error_dict}
    return {"__all__": [str(m) for m in error.messages]}


def _apply(innovation: Innovation, values: dict[str, object]) -> list[int] | None:
    """Set profile values on the instance; return the related urusan ids if given."""
    related = None
    for name, value in values.items():
        if name not in EDITABLE_FIELDS:
            raise ValueError(f"{name} is not an editable profile field")
        if name == "related_urusan":
            related = sorted({getattr(u, "pk", u) for u in value})  # type: ignore[union-attr]
            continue
        if isinstance(value, str):
            value = value.strip()
        setattr(innovation, name, value)
    if related is not None and innovation.main_urusan_id in related:
        related.remove(innovation.main_urusan_id)  # the main urusan is not "related" too
    return related


def _validate(innovation: Innovation) -> None:
    try:
        innovation.full_clean(exclude=["agency", "created_by", "replicated_from"])
    except ValidationError as error:
        raise InvalidProfile(_validation_errors(error)) from None


def _url(innovation: Innovation) -> str:
    return reverse("innovations:detail", args=[innovation.pk])


@transaction.atomic
def create_innovation(actor: object, agency: Agency, values: dict[str, object]) -> Innovation:
    """A new draft of ``agency``, by one of its operators."""
    if not get_access(actor).covers_agency(agency, Role.OPERATOR):
        raise PermissionDeniedError(_("You may not register innovations for this agency."))
    innovation = Innovation(agency=agency, created_by_id=getattr(actor, "pk", None))
    related = _apply(innovation, values)
    _validate(innovation)
    innovation.save()
    if related:
        innovation.related_urusan.set(related)
    history.add_revision(innovation, RevisionKind.SAVE, actor)
    return innovation


def save_innovation(
    actor: object, innovation: Innovation, values: dict[str, object], *, based_on_version: int
) -> Innovation:
    """Save the profile, refusing a save based on an older version than the current one.

    A refused save is not lost: its content is stored as a conflict revision and
    :class:`StaleVersion` names it, so the editor can compare and copy from it.
    """
    with transaction.atomic():
        current = (
            Innovation.objects.select_for_update(of=("self",))
            .select_related("agency__region")
            .get(pk=innovation.pk)
        )
        refusal = ""
        if not policies.can(actor, Act.EDIT, current):
            if not get_access(actor).covers_agency(current.agency, Role.OPERATOR):
                raise PermissionDeniedError(_("You may not change this innovation."))
            refusal = _(
                "Your changes were not saved: the innovation is now “%(status)s” and can no "
                "longer be edited."
            ) % {"status": current.get_status_display()}
        elif current.version != based_on_version:
            refusal = _(
                "Your changes were not saved: someone else saved this innovation after you "
                "opened it (you started from version %(yours)s; it is now at version "
                "%(current)s)."
            ) % {"yours": based_on_version, "current": current.version}
        if refusal:
            attempted = copy.copy(current)
            related = _apply(attempted, values)
            conflict = history.add_revision(
                current,
                RevisionKind.CONFLICT,
                actor,
                data=history.snapshot(attempted, related_urusan=related),
                version=based_on_version,
                note=refusal,
            )
            record("innovation.save_refused", current, {"revision": conflict.number})
        else:
            related = _apply(current, values)
            _validate(current)
            current.version += 1
            current.save()
            if related is not None:
                current.related_urusan.set(related)
            history.add_revision(current, RevisionKind.SAVE, actor)
            return current
    kept = _(" They are kept as revision #%(number)s: compare and copy from it.") % {
        "number": conflict.number
    }
    raise StaleVersion(refusal + kept, conflict)


# The approval chain


def _locked(innovation: Innovation) -> Innovation:
    return (
        Innovation.objects.select_for_update(of=("self",))
        .select_related("agency__region__parent")
        .get(pk=innovation.pk)
    )


REFUSALS = {
    Act.SUBMIT: gettext_lazy("You may not submit this innovation."),
    Act.APPROVE: gettext_lazy("You may not approve this innovation."),
    Act.VERIFY: gettext_lazy("You may not verify this innovation."),
    Act.ACCEPT: gettext_lazy("You may not accept this innovation."),
    Act.RETURN: gettext_lazy("You may not return this innovation."),
    Act.WITHDRAW: gettext_lazy("You may not withdraw this innovation."),
    Act.REOPEN: gettext_lazy("You may not reopen this innovation."),
}
ACT_ROLES = {
    Act.SUBMIT: (Role.OPERATOR,),
    Act.WITHDRAW: (Role.OPERATOR,),
    Act.APPROVE: (Role.AGENCY_HEAD,),
    Act.VERIFY: (Role.REGIONAL_ADMIN,),
    Act.ACCEPT: (Role.SECRETARIAT,),
    Act.REOPEN: (Role.SECRETARIAT,),
    Act.RETURN: (Role.AGENCY_HEAD, Role.REGIONAL_ADMIN, Role.SECRETARIAT),
}


def _check(actor: object, act: str, innovation: Innovation) -> None:
    if policies.can(actor, act, innovation):
        return
    if get_access(actor).covers_agency(innovation.agency, *ACT_ROLES[act]):
        # The right person, but not at this point of the chain.
        raise DomainError(
            _("This innovation is “%(status)s”; that step is not possible now.")
            % {"status": innovation.get_status_display()},
            code="wrong_status",
        )
    raise PermissionDeniedError(REFUSALS[act])


def _move(
    actor: object,
    innovation: Innovation,
    action: str,
    to_status: str,
    *,
    role: str,
    reason: str = "",
    revision: Revision | None = None,
) -> ReviewEvent:
    from_status = innovation.status
    now = timezone.now()
    innovation.status = to_status
    fields = ["status", "updated_at"]
    if to_status == Status.SUBMITTED and innovation.submitted_at is None:
        innovation.submitted_at = now
        fields.append("submitted_at")
    if to_status == Status.ACCEPTED:
        innovation.accepted_at = now
        fields.append("accepted_at")
    innovation.save(update_fields=fields)
    event = ReviewEvent.objects.create(
        innovation=innovation,
        action=action,
        from_status=from_status,
        to_status=to_status,
        actor_id=getattr(actor, "pk", None),
        actor_role=role,
        reason=reason,
        revision=revision or innovation.revisions.order_by("-number").first(),
        created_at=now,
    )
    details: dict[str, object] = {"from": from_status, "to": to_status}
    if reason:
        details["reason"] = reason
    record(f"innovation.{action}", innovation, details)
    return event


# What the person whose turn it is reads, by the role that must act next.
YOUR_TURN = {
    Role.AGENCY_HEAD: gettext_lazy("“{name}” of {agency} is waiting for your approval."),
    Role.REGIONAL_ADMIN: gettext_lazy("“{name}” of {agency} is waiting for your verification."),
    Role.SECRETARIAT: gettext_lazy("“{name}” of {agency} is waiting for acceptance."),
}


def _tell_next(innovation: Innovation) -> None:
    """Tell the people of the next step (email and notification) that it is their turn."""
    role = policies.step_role(innovation)
    notify(
        policies.next_actors(innovation),
        format_lazy(YOUR_TURN[role], name=innovation.name, agency=innovation.agency.name),
        _url(innovation),
        email_template="innovations/email/your_turn",
        context={"innovation": innovation, "agency": innovation.agency},
    )


def _tell_operators(innovation: Innovation, message: object, template: str, **extra) -> None:
    notify(
        policies.agency_operators(innovation),
        message,  # type: ignore[arg-type]
        _url(innovation),
        email_template=template,
        context={"innovation": innovation, "agency": innovation.agency, **extra},
    )


def _required_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(
            _("Write the reason, so that the operator knows what to correct."),
            field="reason",
            code="reason_required",
        )
    return reason


@transaction.atomic
def submit_innovation(actor: object, innovation: Innovation) -> Innovation:
    """The operator sends the innovation to the agency head (also after a return)."""
    current = _locked(innovation)
    _check(actor, Act.SUBMIT, current)
    errors = submission_errors(current, today=timezone.localdate())
    if errors:
        raise InvalidProfile(
            errors, _("The innovation is not complete yet; fill in the fields marked below.")
        )
    revision = history.add_revision(
        current,
        RevisionKind.SUBMISSION,
        actor,
        data=history.snapshot(current, with_evidence=True),
    )
    _move(
        actor, current, ReviewAction.SUBMIT, Status.SUBMITTED, role=Role.OPERATOR, revision=revision
    )
    _tell_next(current)
    return current


@transaction.atomic
def approve_innovation(actor: object, innovation: Innovation) -> Innovation:
    current = _locked(innovation)
    _check(actor, Act.APPROVE, current)
    _move(actor, current, ReviewAction.APPROVE, Status.APPROVED, role=Role.AGENCY_HEAD)
    _tell_next(current)  # the regional administrator, or the secretariat for the province
    return current


@transaction.atomic
def verify_innovation(actor: object, innovation: Innovation) -> Innovation:
    current = _locked(innovation)
    _check(actor, Act.VERIFY, current)
    _move(actor, current, ReviewAction.VERIFY, Status.VERIFIED, role=Role.REGIONAL_ADMIN)
    _tell_next(current)
    return current


@transaction.atomic
def accept_innovation(actor: object, innovation: Innovation) -> Innovation:
    current = _locked(innovation)
    _check(actor, Act.ACCEPT, current)
    _move(actor, current, ReviewAction.ACCEPT, Status.ACCEPTED, role=Role.SECRETARIAT)
    _tell_operators(
        current,
        format_lazy(gettext_lazy("“{name}” has been accepted."), name=current.name),
        "innovations/email/accepted",
    )
    return current


def _send_back(
    actor: object, current: Innovation, action: str, role: str, reason: str, message: object
) -> Innovation:
    """Back to the operator (status "returned"), who is told why by email and notification."""
    reason = _required_reason(reason)
    _move(actor, current, action, Status.RETURNED, role=role, reason=reason)
    _tell_operators(
        current,
        format_lazy(message, name=current.name, reason=reason[:300]),
        "innovations/email/returned",
        reason=reason,
    )
    return current


@transaction.atomic
def return_innovation(actor: object, innovation: Innovation, reason: str) -> Innovation:
    """Whoever holds the current step sends it back to the operator, saying why."""
    current = _locked(innovation)
    _check(actor, Act.RETURN, current)
    message = gettext_lazy("“{name}” was returned for correction: {reason}")
    role = policies.step_role(current) or ""
    return _send_back(actor, current, ReviewAction.RETURN, role, reason, message)


@transaction.atomic
def reopen_innovation(actor: object, innovation: Innovation, reason: str) -> Innovation:
    """The secretariat unlocks an accepted innovation for correction (status "returned").

    ``accepted_at`` keeps the time of the last acceptance until it is accepted again.
    """
    current = _locked(innovation)
    _check(actor, Act.REOPEN, current)
    message = gettext_lazy("“{name}” was reopened for correction: {reason}")
    return _send_back(actor, current, ReviewAction.REOPEN, Role.SECRETARIAT, reason, message)


@transaction.atomic
def withdraw_innovation(actor: object, innovation: Innovation, reason: str = "") -> Innovation:
    current = _locked(innovation)
    _check(actor, Act.WITHDRAW, current)
    reason = (reason or "").strip()
    _move(
        actor, current, ReviewAction.WITHDRAW, Status.WITHDRAWN, role=Role.OPERATOR, reason=reason
    )
    return current


TRANSITIONS = {
    Act.SUBMIT: submit_innovation,
    Act.APPROVE: approve_innovation,
    Act.VERIFY: verify_innovation,
    Act.ACCEPT: accept_innovation,
}
TRANSITIONS_WITH_REASON = {
    Act.RETURN: return_innovation,
    Act.REOPEN: reopen_innovation,
    Act.WITHDRAW: withdraw_innovation,
}


def latest_return(innovation: Innovation) -> ReviewEvent | None:
    """The return (or reopening) that the operator is correcting now, if any."""
    if innovation.status != Status.RETURNED:
        return None
    return (
        innovation.review_events.filter(action__in=[ReviewAction.RETURN, ReviewAction.REOPEN])
        .select_related("actor")
        .order_by("-created_at", "-pk")
        .first()
    )


# Evidence


def _check_evidence(actor: object, innovation: Innovation) -> Innovation:
    current = _locked(innovation)
    if not policies.can(actor, Act.ADD_EVIDENCE, current):
        if get_access(actor).covers_agency(current.agency, Role.OPERATOR):
            raise DomainError(
                _("Evidence cannot be added while the innovation is “%(status)s”.")
                % {"status": current.get_status_display()},
                code="wrong_status",
            )
        raise PermissionDeniedError(_("You may not add evidence to this innovation."))
    return current


def add_evidence_file(
    actor: object,
    innovation: Innovation,
    uploaded: File,
    *,
    kind: str,
    title: str,
    is_public: bool,
) -> Evidence:
    """Check the file by its content, store it under a random name and record it."""
    name = getattr(uploaded, "name", "") or ""
    checked = uploads.check_file(uploaded, name)
    with transaction.atomic():
        current = _check_evidence(actor, innovation)
        stored = uploads.store_file(uploaded, name, "evidence", checked)
        evidence = Evidence(
            innovation=current,
            kind=kind,
            title=(title or stored.original_name).strip()[:200],
            file=stored.name,
            original_name=stored.original_name,
            content_type=stored.content_type,
            size=stored.size,
            sha256=stored.sha256,
            is_public=is_public,
            uploaded_by_id=getattr(actor, "pk", None),
        )
        try:
            evidence.full_clean(exclude=["innovation", "uploaded_by"])
            evidence.save()
        except Exception:
            default_storage.delete(stored.name)
            raise
    return evidence


@transaction.atomic
def add_evidence_link(
    actor: object, innovation: Innovation, *, url: str, kind: str, title: str, is_public: bool
) -> Evidence:
    current = _check_evidence(actor, innovation)
    evidence = Evidence(
        innovation=current,
        kind=kind,
        title=(title or "").strip(),
        url=(url or "").strip(),
        is_public=is_public,
        uploaded_by_id=getattr(actor, "pk", None),
    )
    try:
        evidence.full_clean(exclude=["innovation", "uploaded_by"])
    except ValidationError as error:
        raise InvalidProfile(_validation_errors(error)) from None
    evidence.save()
    return evidence


@transaction.atomic
def remove_evidence(actor: object, evidence: Evidence) -> None:
    current = _locked(evidence.innovation)
    if not policies.can(actor, Act.REMOVE_EVIDENCE, current):
        if get_access(actor).covers_agency(current.agency, Role.OPERATOR):
            raise DomainError(
                _("Evidence cannot be removed while the innovation is “%(status)s”.")
                % {"status": current.get_status_display()},
                code="wrong_status",
            )
        raise PermissionDeniedError(_("You may not remove this evidence."))
    name = evidence.file.name if evidence.file else ""
    evidence.delete()
    if name:
        transaction.on_commit(lambda: default_storage.delete(name))


def can_download(user: object, evidence: Evidence) -> bool:
    """Public evidence of accepted innovations is open; everything else follows visibility."""
    innovation = evidence.innovation
    if evidence.is_public and innovation.status == Status.ACCEPTED:
        return True
    return policies.visible_innovations(user).filter(pk=innovation.pk).exists()


# Yearly status


@transaction.atomic
def record_year_status(
    actor: object,
    innovation: Innovation,
    *,
    year: int,
    status: str,
    development_note: str = "",
    stop_reason: str = "",
) -> InnovationYear:
    """Record (or correct) what happened to the innovation in ``year``."""
    current = _locked(innovation)
    if not policies.can(actor, Act.RECORD_YEAR, current):
        raise PermissionDeniedError(_("You may not report on this innovation."))
    entry = InnovationYear.objects.filter(innovation=current, year=year).first() or InnovationYear(
        innovation=current, year=year
    )
    entry.status = status
    entry.development_note = (development_note or "").strip()
    entry.stop_reason = (stop_reason or "").strip()
    try:
        entry.full_clean(exclude=["innovation"], validate_unique=False)
    except ValidationError as error:
        raise InvalidProfile(_validation_errors(error)) from None
    entry.save()
    return entry


def years_to_report(innovation: Innovation, today: datetime.date | None = None) -> Iterable[int]:
    today = today or timezone.localdate()
    return range(today.year, innovation.programme_year - 1, -1)
