"""Creating, revoking and checking API tokens."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from satu.accounts.access import get_access
from satu.accounts.models import Role
from satu.audit.services import record
from satu.core.errors import DomainError, PermissionDeniedError

from .models import ApiToken, Scope, hash_token

MAX_DAYS = 365
# Write scopes need a role that may write that kind of data at all; the API endpoints check
# each object as the pages do.
SCOPE_ROLES = {
    Scope.WRITE_INNOVATIONS: (Role.OPERATOR,),
    Scope.WRITE_SURVEYS: (Role.OPERATOR, Role.AGENCY_HEAD, Role.REGIONAL_ADMIN, Role.SECRETARIAT),
}
LAST_USED_RESOLUTION = datetime.timedelta(minutes=5)


def allowed_scopes(user: object) -> list[tuple[str, str]]:
    access = get_access(user)
    return [
        (value, label)
        for value, label in Scope.choices
        if value not in SCOPE_ROLES or access.has_role(*SCOPE_ROLES[Scope(value)])
    ]


@transaction.atomic
def create_token(user: object, *, name: str, scopes: list[str], days: int) -> tuple[ApiToken, str]:
    """Create a token; the plain token is returned once and never stored."""
    allowed = {value for value, _label in allowed_scopes(user)}
    refused = [scope for scope in scopes if scope not in allowed]
    if refused:
        raise PermissionDeniedError(
            _("Your account may not use these scopes: %(scopes)s") % {"scopes": ", ".join(refused)}
        )
    if not scopes:
        raise DomainError(_("Choose at least one scope."), field="scopes")
    if not 1 <= days <= MAX_DAYS:
        raise DomainError(
            _("A token is valid for 1 to %(max)s days.") % {"max": MAX_DAYS}, field="days"
        )
    plain, prefix = ApiToken.generate()
    token = ApiToken.objects.create(
        user=user,
        name=name.strip(),
        prefix=prefix,
        key_hash=hash_token(plain),
        scopes=sorted(set(scopes)),
        expires_at=timezone.now() + datetime.timedelta(days=days),
    )
    record("api_token.create", token, {"scopes": token.scopes, "expires_at": token.expires_at})
    return token, plain


@transaction.atomic
def revoke_token(user: object, token: ApiToken) -> None:
    if token.user_id != getattr(user, "pk", None):
        raise PermissionDeniedError(_("You may only revoke your own tokens."))
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        record("api_token.revoke", token, {})


def authenticate_token(plain: str) -> ApiToken | None:
    """The usable token for this secret, or None (wrong, revoked, expired, inactive user)."""
    token = (
        ApiToken.objects.usable().select_related("user").filter(key_hash=hash_token(plain)).first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
        # At most one write per token every few minutes, not one per request.
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token
