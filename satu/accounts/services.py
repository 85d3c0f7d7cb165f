"""Accounts: invitations, role grants, citizen registration and email verification."""

from django.contrib.auth.tokens import default_token_generator
from django.core import signing
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
from .models import Membership, User

VERIFY_SALT = "satu.accounts.verify-email"
VERIFY_MAX_AGE = 3 * 24 * 3600


def set_password_path(user: User) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return reverse("accounts:password_reset_confirm", args=[uid, token])


@transaction.atomic
def grant_role(
    actor: object,
    user: User,
    role: str,
    *,
    agency: Agency | None = None,
    region: Region | None = None,
) -> Membership:
    if not policies.can_grant(actor, role, agency=agency, region=region):
        raise PermissionDeniedError(_("You may not give this role in this agency or region."))
    existing = Membership.objects.filter(user=user, role=role, agency=agency, region=region).first()
    if existing:
        raise DomainError(_("This person already holds this role there."), field="role")
    membership = Membership(user=user, role=role, agency=agency, region=region)
    membership.full_clean()
    membership.save()
    forget_access(user)
    return membership


@transaction.atomic
def revoke_role(actor: object, membership: Membership) -> None:
    if not policies.manageable_memberships(actor).filter(pk=membership.pk).exists():
        raise PermissionDeniedError(_("You may not remove this role."))
    membership.delete()
    forget_access(membership.user)


@transaction.atomic
def invite_user(
    actor: object,
    *,
    email: str,
    full_name: str,
    role: str,
    agency: Agency | None = None,
    region: Region | None = None,
) -> tuple[User, bool]:
    """Give a role to a person, creating their account if needed and emailing them.

    A new account has no password; the invitation links to the page where they set one.
    Returns the user and whether the account is new.
    """
    email = User.objects.normalize_email(email).strip().lower()
    user = User.objects.filter(email__iexact=email).first()
    created = user is None
    if user is None:
        user = User(email=email, full_name=full_name.strip())
        user.set_unusable_password()
        user.full_clean()
        user.save()
    elif user.is_superuser:
        raise PermissionDeniedError(_("You may not give this role in this agency or region."))
    membership = grant_role(actor, user, role, agency=agency, region=region)
    record("user.invite", user, {"role": role, "scope": str(membership.scope)})
    queue_email(
        user,
        "accounts/email/invite",
        {
            "membership": membership,
            "new_account": created,
            "set_password_path": set_password_path(user) if created else "",
            "inviter": getattr(actor, "full_name", ""),
        },
    )
    return user, created


@transaction.atomic
def set_user_active(actor: object, user: User, active: bool) -> None:
    if not policies.can_manage_user(actor, user):
        raise PermissionDeniedError(_("You may not manage this account."))
    if getattr(actor, "pk", None) == user.pk:
        raise DomainError(_("You cannot deactivate your own account."))
    user.is_active = active
    user.save(update_fields=["is_active"])


@transaction.atomic
def register_citizen(*, email: str, full_name: str, password: str) -> User:
    """Create a citizen account that becomes usable once the email address is verified."""
    email = User.objects.normalize_email(email).strip().lower()
    existing = User.objects.filter(email__iexact=email).first()
    if existing is not None:
        if existing.email_verified_at is None and not existing.has_usable_password():
            raise DomainError(_("This email address is already registered."), field="email")
        if existing.email_verified_at is None:
            send_verification(existing)
            return existing
        raise DomainError(
            _("This email address is already registered. Sign in or reset your password."),
            field="email",
        )
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
    user = User.objects.filter(pk=data.get("u"), email__iexact=data.get("e", "")).first()
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
