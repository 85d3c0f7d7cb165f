"""Accounts: invitations, role grants, citizen registration and email verification."""

from datetime import timedelta
from enum import StrEnum

from django.contrib.auth.tokens import default_token_generator
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from satu.agencies.models import Agency
from satu.audit.services import record
from satu.core.errors import DomainError, PermissionDeniedError
from satu.core.mail import queue_email
from satu.regions.models import Region

from . import policies
from .access import forget_access
from .emails import normalize_email, validate_plain_email
from .models import Invitation, InvitationStatus, Membership, User

VERIFY_SALT = "satu.accounts.verify-email"
VERIFY_MAX_AGE = 3 * 24 * 3600
# How long the owner of an existing account has to accept a role offered to them.
INVITATION_VALID_DAYS = 7


def set_password_path(user: User) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return reverse("accounts:password_reset_confirm", args=[uid, token])


def _add_membership(
    user: User, role: str, *, agency: Agency | None, region: Region | None
) -> Membership:
    if Membership.objects.filter(user=user, role=role, agency=agency, region=region).exists():
        raise DomainError(_("This person already holds this role there."), field="role")
    membership = Membership(user=user, role=role, agency=agency, region=region)
    membership.full_clean()
    membership.save()
    forget_access(user)
    return membership


@transaction.atomic
def grant_role(
    actor: object,
    user: User,
    role: str,
    *,
    agency: Agency | None = None,
    region: Region | None = None,
) -> Membership:
    """Give a role to an account the actor manages as a whole (see ``policies``)."""
    if not policies.can_grant(actor, role, agency=agency, region=region):
        raise PermissionDeniedError(_("You may not give this role in this agency or region."))
    if not policies.can_manage_user(actor, user):
        raise PermissionDeniedError(_("You may not manage this account."))
    return _add_membership(user, role, agency=agency, region=region)


@transaction.atomic
def revoke_role(actor: object, membership: Membership) -> None:
    if not policies.can_manage_membership(actor, membership):
        raise PermissionDeniedError(_("You may not remove this role."))
    membership.delete()
    forget_access(membership.user)


class InviteOutcome(StrEnum):
    CREATED = "created"  # a new account with the role, and a link to set its password
    GRANTED = "granted"  # an account the inviter already manages as a whole got the role
    PENDING = "pending"  # another existing account: the owner is asked to accept


@transaction.atomic
def invite_user(
    actor: object,
    *,
    email: str,
    full_name: str,
    role: str,
    agency: Agency | None = None,
    region: Region | None = None,
) -> tuple[User, InviteOutcome]:
    """Give a role to a person, creating their account if needed and emailing them.

    A new account has no password; the invitation links to the page where they set one. An
    existing account the inviter does not already manage as a whole (a citizen, or somebody
    serving elsewhere or higher up) is only offered the role: the owner signs in and accepts it,
    so nobody can pull another person's account into their own scope.
    """
    if not policies.can_grant(actor, role, agency=agency, region=region):
        raise PermissionDeniedError(_("You may not give this role in this agency or region."))
    email = normalize_email(email)
    user = User.objects.filter(email=email).first()
    if user is None:
        try:
            validate_plain_email(email)
        except ValidationError as error:
            raise DomainError(error.messages[0], field="email") from None
        user = User(email=email, full_name=full_name.strip())
        user.set_unusable_password()
        user.full_clean()
        user.save()
        membership = _add_membership(user, role, agency=agency, region=region)
        outcome = InviteOutcome.CREATED
    elif policies.can_manage_user(actor, user):
        membership = grant_role(actor, user, role, agency=agency, region=region)
        outcome = InviteOutcome.GRANTED
    else:
        offer_role(actor, user, role, agency=agency, region=region)
        return user, InviteOutcome.PENDING
    record("user.invite", user, {"role": role, "scope": str(membership.scope)})
    queue_email(
        user,
        "accounts/email/invite",
        {
            "membership": membership,
            "new_account": outcome == InviteOutcome.CREATED,
            "set_password_path": set_password_path(user)
            if outcome == InviteOutcome.CREATED
            else "",
            "inviter": getattr(actor, "full_name", ""),
        },
    )
    return user, outcome


def offer_role(
    actor: object,
    user: User,
    role: str,
    *,
    agency: Agency | None = None,
    region: Region | None = None,
) -> Invitation:
    """Ask the owner of an existing account to accept a role; an open offer is renewed."""
    invitation = (
        Invitation.objects.open()
        .filter(user=user, role=role, agency=agency, region=region)
        .select_for_update()
        .first()
    )
    expires_at = timezone.now() + timedelta(days=INVITATION_VALID_DAYS)
    if invitation is None:
        invitation = Invitation(
            user=user,
            role=role,
            agency=agency,
            region=region,
            invited_by=actor if isinstance(actor, User) else None,
            expires_at=expires_at,
        )
        invitation.full_clean()
        invitation.save()
    else:
        invitation.expires_at = expires_at
        invitation.save(update_fields=["expires_at"])
    record("user.invitation_offer", user, {"role": role, "scope": str(invitation.scope)})
    queue_email(
        user,
        "accounts/email/invitation",
        {
            "invitation": invitation,
            "inviter": getattr(actor, "full_name", ""),
            "invitation_path": reverse("accounts:invitation", args=[invitation.pk]),
        },
    )
    return invitation


@transaction.atomic
def answer_invitation(user: User, invitation: Invitation, *, accept: bool) -> Membership | None:
    """The owner of the account accepts or declines a role offered to them.

    The inviter's authority is checked again: a role offered by somebody who has since lost
    the right to give it is not given.
    """
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.user_id != user.pk:
        raise PermissionDeniedError(_("This invitation is not for you."))
    if not invitation.is_open:
        raise DomainError(_("This invitation has already been answered or has expired."))
    invitation.status = InvitationStatus.ACCEPTED if accept else InvitationStatus.DECLINED
    invitation.answered_at = timezone.now()
    invitation.save(update_fields=["status", "answered_at"])
    if not accept:
        record("user.invitation_decline", user, {"role": invitation.role})
        return None
    inviter = invitation.invited_by
    if inviter is None or not policies.can_grant(
        inviter, invitation.role, agency=invitation.agency, region=invitation.region
    ):
        raise DomainError(
            _(
                "The person who invited you may no longer give this role. "
                "Ask them to invite you again."
            )
        )
    membership = Membership.objects.filter(
        user=user, role=invitation.role, agency=invitation.agency, region=invitation.region
    ).first() or _add_membership(
        user, invitation.role, agency=invitation.agency, region=invitation.region
    )
    record(
        "user.invitation_accept", user, {"role": invitation.role, "scope": str(membership.scope)}
    )
    return membership


@transaction.atomic
def set_user_active(actor: object, user: User, active: bool) -> None:
    """Only a manager of the whole account (see ``policies``) may switch it on or off."""
    if not policies.can_manage_user(actor, user):
        raise PermissionDeniedError(_("You may not manage this account."))
    if getattr(actor, "pk", None) == user.pk:
        raise DomainError(_("You cannot deactivate your own account."))
    user.is_active = active
    user.save(update_fields=["is_active"])


@transaction.atomic
def register_citizen(*, email: str, full_name: str, password: str) -> User | None:
    """Create a citizen account that becomes usable once the email address is verified.

    The answer is the same whether or not the address already has an account, so the form
    cannot be used to find out who is registered: an existing owner gets an email instead (a
    new verification link if they never verified, else a note on how to sign in).
    """
    email = normalize_email(email)
    try:
        validate_plain_email(email)
    except ValidationError as error:
        raise DomainError(error.messages[0], field="email") from None
    existing = User.objects.filter(email=email).first()
    if existing is not None:
        pending_registration = (
            not existing.is_active
            and existing.email_verified_at is None
            and existing.has_usable_password()
            and not existing.is_staff
            and not existing.memberships.exists()
        )
        if pending_registration:
            # A citizen who never verified: a new link (never for an account switched off by
            # a manager, which the link would switch on again).
            send_verification(existing)
        else:
            queue_email(
                existing,
                "accounts/email/already_registered",
                {"reset_path": reverse("accounts:password_reset")},
            )
        return None
    user = User(email=email, full_name=full_name.strip(), is_active=False)
    user.set_password(password)
    user.full_clean()
    user.save()
    send_verification(user)
    return user


def send_verification(user: User) -> None:
    token = signing.dumps({"u": user.pk, "e": user.email}, salt=VERIFY_SALT)
    queue_email(
        user,
        "accounts/email/verify",
        {"verify_path": reverse("accounts:verify_email", args=[token])},
    )


@transaction.atomic
def verify_email(token: str) -> User:
    try:
        data = signing.loads(token, salt=VERIFY_SALT, max_age=VERIFY_MAX_AGE)
    except signing.SignatureExpired:
        raise DomainError(
            _("This verification link has expired. Register again to get a new one.")
        ) from None
    except signing.BadSignature:
        raise DomainError(_("This verification link is not valid.")) from None
    user = User.objects.filter(pk=data.get("u"), email=normalize_email(data.get("e"))).first()
    if user is None:
        raise DomainError(_("This verification link is not valid."))
    if user.email_verified_at is None:
        user.email_verified_at = timezone.now()
        user.is_active = True
        user.save(update_fields=["email_verified_at", "is_active"])
    return user


@transaction.atomic
def delete_own_account(user: User, password: str) -> None:
    """A citizen closes their account: it is deleted with its personal data.

    Their comments stay without an author (shown as from a deleted account) and their ratings
    stay as anonymous counts: the foreign keys to the account are set to NULL on delete.
    People holding a role are removed by whoever manages their agency or region instead.
    """
    if not user.check_password(password):
        raise DomainError(_("The password is not correct."), field="password")
    if user.is_superuser or user.memberships.exists():
        raise DomainError(
            _(
                "Accounts with a role in the programme are closed by the secretariat or the "
                "regional administrator, not by their owner."
            )
        )
    record("user.delete_own_account", user, {}, object_repr=f"user {user.pk}")
    user.delete()
