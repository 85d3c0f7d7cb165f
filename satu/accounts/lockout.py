"""How django-axes identifies the account behind a sign-in attempt."""

from django.http import HttpRequest

from .emails import normalize_email


def lockout_username(request: HttpRequest, credentials: dict | None) -> str | None:
    """The email address in the same canonical form that sign-in looks the account up by.

    Without this, "Budi@…" and "budi@…" (or "budiſ@…" and "budis@…") would be counted
    separately while signing in to the same account, giving an attacker five more guesses for
    every spelling, and a successful sign-in under one spelling would clear the lock of another.
    """
    value = (credentials or {}).get("username")
    if value is None and request is not None:
        value = request.POST.get("username")
    return normalize_email(value) if isinstance(value, str) else None
