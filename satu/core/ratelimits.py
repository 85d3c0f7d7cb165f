"""Rate limits of the public writes (ratings, comments, reports…), with rates from settings.

django-ratelimit counts in the shared cache. Addresses come from ``satu.core.net.client_ip``
(``RATELIMIT_IP_META_KEY``), so a visitor cannot pick a new address by sending
X-Forwarded-For. A refused request answers 429 through ``RATELIMIT_VIEW``.
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest
from django_ratelimit.decorators import ratelimit

# Every public write of one address shares this counter: the address limit bounds their sum.
PUBLIC_WRITE_GROUP = "satu.public-write"


def setting_rate(name: str) -> Callable[[str, HttpRequest], str]:
    """A rate read from a setting at request time, so that tests and operators can change it."""

    def rate(group: str, request: HttpRequest) -> str:
        return getattr(settings, name)

    return rate


def public_write(account_rate_setting: str | None = None) -> Callable:
    """Limit a public write per address (shared by all of them) and, if named, per account."""
    per_address = ratelimit(
        group=PUBLIC_WRITE_GROUP,
        key="ip",
        rate=setting_rate("SATU_PUBLIC_WRITE_RATE_LIMIT"),
        method="POST",
        block=True,
    )

    def decorator(view: Callable) -> Callable:
        if account_rate_setting is not None:
            view = ratelimit(
                key="user_or_ip",
                rate=setting_rate(account_rate_setting),
                method="POST",
                block=True,
            )(view)
        return per_address(view)

    return decorator
