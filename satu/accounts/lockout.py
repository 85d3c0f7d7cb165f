"""How django-axes identifies the account behind a sign-in attempt."""

from django.http import HttpRequest


def lockout_username(request: HttpRequest, credentials: dict | None) -> str | None:
    """The email address as typed, trimmed and lower-cased.

    Without this, "Budi@…" and "budi@…" would be counted separately, so changing the case of
    a letter would give an attacker five more guesses.
    """
    value = (credentials or {}).get("username")
    if value is None and request is not None:
        value = request.POST.get("username")
    return value.strip().lower() if isinstance(value, str) else None
