"""Demo accounts, one per role, for trying the platform out."""

import os

from django.conf import settings
from django.utils import timezone, translation

from satu.agencies.models import Agency
from satu.regions.models import Region

from .models import Membership, Role, User

DEMO_PASSWORD = os.environ.get("SATU_DEMO_PASSWORD", "Inovasi-Jateng-2026")
DOMAIN = "satuinovasi.test"

# (email local part, full name, role, agency (region code, abbreviation) or region code)
DEMO_ACCOUNTS: list[tuple[str, str, str | None, tuple[str, str] | str | None]] = [
    ("admin", "Administrator Sistem", None, None),
    ("sekretariat", "Retno Wulandari", Role.SECRETARIAT, "33"),
    ("operator.dinkes", "Agus Setiawan", Role.OPERATOR, ("33", "DINKES")),
    ("kepala.dinkes", "dr. Yunita Dyah Suminar", Role.AGENCY_HEAD, ("33", "DINKES")),
    ("operator.moewardi", "Sri Lestari", Role.OPERATOR, ("33", "MOEWARDI")),
    ("kepala.moewardi", "dr. Bambang Wahyuono", Role.AGENCY_HEAD, ("33", "MOEWARDI")),
    ("operator.dpmptsp", "Dwi Handayani", Role.OPERATOR, ("33", "DPMPTSP")),
    ("kepala.dpmptsp", "Ratna Kawuryan", Role.AGENCY_HEAD, ("33", "DPMPTSP")),
    ("admin.semarang", "Hendro Prasetyo", Role.REGIONAL_ADMIN, "33.74"),
    ("operator.dinkes.semarang", "Fitri Rahmawati", Role.OPERATOR, ("33.74", "DINKES")),
    ("kepala.dinkes.semarang", "dr. Abdul Hakam", Role.AGENCY_HEAD, ("33.74", "DINKES")),
    ("admin.banyumas", "Teguh Santoso", Role.REGIONAL_ADMIN, "33.02"),
    ("operator.dpmptsp.banyumas", "Nur Aini", Role.OPERATOR, ("33.02", "DPMPTSP")),
    ("kepala.dpmptsp.banyumas", "Eko Purwanto", Role.AGENCY_HEAD, ("33.02", "DPMPTSP")),
    ("juri1", "Prof. Dr. Sri Suwitri", Role.JUROR, "33"),
    ("juri2", "Dr. Teguh Yuwono", Role.JUROR, "33"),
    ("juri3", "Dr. Hartuti Purnaweni", Role.JUROR, "33"),
    ("verifikator", "Wahyu Hidayat", Role.FIELD_VERIFIER, "33"),
    ("warga", "Siti Nurhaliza", None, "citizen"),
]


def _email(local: str) -> str:
    return f"{local}@{DOMAIN}"


def seed(stdout: object) -> None:
    now = timezone.now()
    for local, name, role, scope in DEMO_ACCOUNTS:
        email = _email(local)
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User(email=email, full_name=name, email_verified_at=now)
            user.set_password(DEMO_PASSWORD)
            if local == "admin":
                user.is_staff = user.is_superuser = True
            user.save()
        if role is None:
            continue
        if isinstance(scope, tuple):
            agency = Agency.objects.get(region__code=scope[0], abbreviation=scope[1])
            Membership.objects.get_or_create(user=user, role=role, agency=agency)
        else:
            region = Region.objects.get(code=scope)
            Membership.objects.get_or_create(user=user, role=role, region=region)


def print_accounts(stdout: object) -> None:
    with translation.override("en"):
        _print_accounts(stdout)


def _print_accounts(stdout: object) -> None:
    write = stdout.write  # type: ignore[attr-defined]
    write("")
    write(f"Demo accounts (password for all: {DEMO_PASSWORD})")
    write("-" * 100)
    for local, _name, role, scope in DEMO_ACCOUNTS:
        user = User.objects.filter(email=_email(local)).first()
        if user is None:
            continue
        if role is None:
            label = "system administrator" if user.is_superuser else "citizen"
        else:
            membership = user.memberships.select_related("agency", "region").first()
            label = f"{Role(role).label} — {membership.scope if membership else scope}"
        write(f"  {user.email:<42} {label}")
    write("-" * 100)
    write(f"Sign in at {settings.SATU_BASE_URL}/akun/masuk/")
