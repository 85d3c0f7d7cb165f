"""Certificates (piagam) for winners and finalists, with a QR code to a verification page.

A certificate's code is 16 random characters (80 bits) followed by an 8-character tag, an HMAC
of the random part under the site's secret key: a mistyped or altered code fails the tag
before the database is asked. The stored ``signature`` is an HMAC over the code and what the
certificate states (innovation, agency, competition, title, date), so a record altered in the
database is shown as not genuine too.
"""

import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

from ..models import Certificate, CertificateKind, Competition, Entry
from .common import require_manager
from .rounds import bucket_label

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I, easy to read back
RANDOM_LENGTH = 16
TAG_LENGTH = 8
_SALT = "satu.competitions.certificate"


def _tag(random_part: str) -> str:
    digest = salted_hmac(_SALT + ".code", random_part, algorithm="sha256").digest()
    return "".join(ALPHABET[byte % len(ALPHABET)] for byte in digest[:TAG_LENGTH])


def new_code() -> str:
    random_part = "".join(secrets.choice(ALPHABET) for _ in range(RANDOM_LENGTH))
    return random_part + _tag(random_part)


def normalise_code(code: str) -> str:
    return "".join(ch for ch in (code or "").upper() if ch.isalnum())


def code_is_well_formed(code: str) -> bool:
    if len(code) != RANDOM_LENGTH + TAG_LENGTH or any(ch not in ALPHABET for ch in code):
        return False
    return constant_time_compare(code[RANDOM_LENGTH:], _tag(code[:RANDOM_LENGTH]))


def display_code(code: str) -> str:
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def _statement(certificate: Certificate) -> str:
    entry = certificate.entry
    return "|".join(
        [
            certificate.code,
            str(entry.pk),
            entry.innovation.name,
            entry.agency.name,
            entry.competition.name,
            certificate.kind,
            certificate.title,
            certificate.issued_on.isoformat(),
        ]
    )


def sign(certificate: Certificate) -> str:
    return salted_hmac(
        _SALT + ".statement", _statement(certificate), algorithm="sha256"
    ).hexdigest()


@dataclass(frozen=True)
class Verification:
    genuine: bool
    certificate: Certificate | None = None


def verify_code(code: str) -> Verification:
    """Is ``code`` the code of a genuine, unaltered certificate?"""
    code = normalise_code(code)
    if not code_is_well_formed(code):
        return Verification(False)
    certificate = (
        Certificate.objects.select_related(
            "entry__innovation", "entry__agency__region", "entry__competition", "entry__category"
        )
        .filter(code=code)
        .first()
    )
    if certificate is None or not constant_time_compare(certificate.signature, sign(certificate)):
        return Verification(False)
    return Verification(True, certificate)


def verification_url(certificate: Certificate) -> str:
    return settings.SATU_BASE_URL + reverse(
        "competitions:certificate_verify", args=[certificate.code]
    )


def certificate_title(entry: Entry) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        if entry.is_winner:
            return f"{entry.award_title} — {bucket_label(entry)}"
        return f"{_('Finalist')} — {bucket_label(entry)}"


@transaction.atomic
def issue_certificates(actor: object, competition: Competition) -> list[Certificate]:
    """A certificate for each winner and each other finalist (once; running again adds none)."""
    require_manager(actor, competition)
    issued = []
    today = timezone.localdate()
    entries = (
        Entry.objects.filter(competition=competition)
        .shortlisted()
        .filter(final_score__isnull=False)
        .select_related("innovation", "agency", "competition", "category")
    )
    for entry in entries:
        kind = CertificateKind.WINNER if entry.is_winner else CertificateKind.FINALIST
        if Certificate.objects.filter(entry=entry, kind=kind).exists():
            continue
        certificate = Certificate(
            entry=entry,
            kind=kind,
            title=certificate_title(entry)[:200],
            code=new_code(),
            issued_on=today,
        )
        certificate.signature = sign(certificate)
        certificate.save()
        issued.append(certificate)
    return issued


def render_html(certificate: Certificate) -> str:
    import segno

    url = verification_url(certificate)
    qr = segno.make(url, error="m")
    with translation.override(settings.LANGUAGE_CODE):
        return render_to_string(
            "competitions/certificate_pdf.html",
            {
                "certificate": certificate,
                "entry": certificate.entry,
                "competition": certificate.entry.competition,
                "qr": qr.svg_data_uri(scale=4, border=1),
                "url": url,
                "code": display_code(certificate.code),
                "site_name": settings.SATU_SITE_NAME,
            },
        )


def certificate_pdf(certificate: Certificate) -> bytes:
    """The PDF, rendered once with WeasyPrint and kept in storage."""
    if certificate.file:
        try:
            with certificate.file.open("rb") as handle:
                return handle.read()
        except FileNotFoundError:
            pass
    from weasyprint import HTML

    pdf = HTML(string=render_html(certificate)).write_pdf()
    certificate.file.save(f"{certificate.code}.pdf", ContentFile(pdf), save=False)
    Certificate.objects.filter(pk=certificate.pk).update(file=certificate.file.name)
    return pdf
