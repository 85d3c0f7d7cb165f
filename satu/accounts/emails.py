"""One canonical form of an email address, used for every lookup, lock-out and new account.

The database is never asked to compare case-insensitively (``iexact``): PostgreSQL's UPPER()
folds the dotless ı to I and the long ſ to S, SQLite folds only ASCII, so the same address could
match one account on one engine and none on the other, and sign-in (database lookup) and
lock-out (django-axes key) could disagree about which account an attempt was for. Instead every
address is put in one form in Python (Unicode NFKC, then case folding) and compared exactly.
"""

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def normalize_email(value: str | None) -> str:
    """The canonical form of ``value``: trimmed, Unicode NFKC, case-folded.

    NFKC turns compatibility characters into the letter they stand for (ſ → s, the Kelvin sign
    K → K, full-width letters → ASCII); case folding then lower-cases the result (ß → ss). A
    dotless ı stays ı, so it names a different address from the one with an i, on every engine.
    """
    if not value:
        return ""
    return unicodedata.normalize("NFKC", value.strip()).casefold()


def validate_plain_email(value: str) -> None:
    """Refuse new addresses that keep non-ASCII characters once normalised.

    Look-alike letters (ı, Cyrillic а, Greek ο…) make an address that reads like somebody
    else's. Addresses of government and ordinary mail providers are ASCII; an internationalised
    domain can be written in its xn-- form.
    """
    if not normalize_email(value).isascii():
        raise ValidationError(
            _(
                "Use an email address written with Latin letters (a–z), digits and ordinary "
                "punctuation only."
            ),
            code="email_not_ascii",
        )
