"""The HTTP scenarios of `make bench`, with paths filled from the generated data (JSON).

Each scenario: ``paths`` (requests rotate through them), its ``kind`` (``public`` pages are
measured with the page cache off and on; ``api`` and ``back_office`` are never cached whole),
optional ``target_p95_ms`` and ``min_ratio_to_floor`` (the targets of issue 16 for the national
preset on PostgreSQL, which hold with the page cache off), optional ``cookie`` (a signed-in
session for the back-office scenarios) and optional ``env`` (settings of the server it needs,
e.g. a national install for the national compliance board).
"""

import json
from importlib import import_module

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.core.management.base import BaseCommand
from django.db.models import Count
from django.urls import reverse

from satu.accounts.models import Membership, Role, User
from satu.catalog.models import ReadCount
from satu.competitions.models import Competition
from satu.compliance.models import ProgrammeYear
from satu.innovations.models import Innovation
from satu.jury.models import JurorAssignment
from satu.regions.models import Region
from satu.surveys.models import SurveyPeriod

# The targets of issue 16 (p95 in ms, throughput as a share of the floor's).
PAGE = {"kind": "public", "target_p95_ms": 100, "min_ratio_to_floor": 0.3}
API = {"kind": "api", "target_p95_ms": 100, "min_ratio_to_floor": 0.3}
BACK_OFFICE = {"kind": "back_office", "target_p95_ms": 200}

# Twenty searches a citizen might type, in Indonesian, with the usual spelling variants.
SEARCHES = [
    "antrian rawat jalan",
    "pelayanan adminduk",
    "perizinan usaha",
    "imunisasi",
    "beasiswa pelajar",
    "pajak kendaraan",
    "bank sampah",
    "pengaduan warga",
    "ktp elektronik",
    "akta kelahiran",
    "posyandu",
    "lansia",
    "ambulans",
    "dana desa",
    "umkm",
    "layanan online",
    "jemput bola",
    "sistem informasi",
    "kesehatan jiwa",
    "parkir",
]


def http_targets() -> dict[str, dict]:
    province = Region.objects.filter(code="33").first() or Region.objects.provinces().first()
    code = province.code if province else "33"
    year = ProgrammeYear.objects.order_by("-year").values_list("year", flat=True).first()
    popular = list(
        ReadCount.objects.filter(kind="innovation")
        .order_by("-count")
        .values_list("object_id", flat=True)[:50]
    ) or list(Innovation.objects.public().order_by("-pk").values_list("pk", flat=True)[:50])
    big_period = (
        SurveyPeriod.objects.annotate(n=Count("responses")).order_by("-n").values("pk").first()
    )
    targets: dict[str, dict] = {
        "floor": {"paths": ["/healthz"], "kind": "api", "note": "no database, no template"},
        "home": {"paths": ["/"], **PAGE},
        "catalog_list": {"paths": [reverse("catalog:list")], **PAGE},
        "catalog_search": {
            "paths": [f"{reverse('catalog:list')}?q={q.replace(' ', '+')}" for q in SEARCHES],
            **PAGE,
        },
        "innovation_page": {
            "paths": [reverse("catalog:detail", args=[pk]) for pk in popular],
            **PAGE,
            "target_p95_ms": 50,
        },
        "api_innovations": {"paths": ["/api/v1/innovations?page_size=50"], **API},
        "api_innovations_search": {
            "paths": [f"/api/v1/innovations?q={q.replace(' ', '+')}" for q in SEARCHES],
            **API,
            "target_p95_ms": 150,
        },
        "api_agencies": {"paths": [f"/api/v1/agencies?region={code}&page_size=100"], **API},
        "api_regions": {"paths": ["/api/v1/regions?kind=province"], **API},
    }
    if year:
        targets["compliance_board_province"] = {"paths": [f"/kepatuhan/{year}/"], **PAGE}
        targets["compliance_board_national"] = {
            "paths": [f"/kepatuhan/{year}/"],
            "env": {"SATU_HOME_REGION_CODE": ""},
            **PAGE,
        }
        targets["api_compliance_agencies"] = {
            "paths": [f"/api/v1/compliance/{year}/agencies?page_size=100"],
            **API,
        }
    if big_period:
        targets["survey_unit_index"] = {
            "paths": [f"/api/v1/surveys/periods/{big_period['pk']}"],
            **API,
            "target_p95_ms": 50,
        }
        targets["survey_province_rollup"] = {
            "paths": [f"/api/v1/surveys/rollups?level=province&region={code}"],
            **API,
            "target_p95_ms": 300,
        }
    targets.update(back_office_targets(province, year))
    return {name: spec for name, spec in targets.items() if all(spec["paths"])}


def session_cookie(user: User) -> str:
    """A signed-in session for ``user``, as the Cookie header a browser would send."""
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.set_expiry(24 * 3600)
    store.save()
    return f"{settings.SESSION_COOKIE_NAME}={store.session_key}"


def bench_user(email: str, role: str, **scope: object) -> User:
    """A bench account holding ``role`` (made once; it never signs in with a password)."""
    user, created = User.objects.get_or_create(
        email=email, defaults={"full_name": email.split("@")[0], "is_active": True}
    )
    if created:
        user.set_unusable_password()
        user.save()
    Membership.objects.get_or_create(user=user, role=role, **scope)
    return user


def back_office_targets(province: Region | None, year: int | None) -> dict[str, dict]:
    """The first screens of the operator, the secretariat and a juror, signed in."""
    targets: dict[str, dict] = {}
    busiest = (
        Innovation.objects.values("agency_id")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .values_list("agency_id", flat=True)
        .first()
    )
    if busiest:
        operator = bench_user("bench.operator@satuinovasi.test", Role.OPERATOR, agency_id=busiest)
        targets["office_operator_innovations"] = {
            "paths": [reverse("innovations:list")],
            "cookie": session_cookie(operator),
            **BACK_OFFICE,
        }
    if province is not None:
        secretariat = bench_user(
            "bench.sekretariat@satuinovasi.test", Role.SECRETARIAT, region=province
        )
        cookie = session_cookie(secretariat)
        if year:
            targets["office_compliance_board"] = {
                "paths": [reverse("compliance:backoffice_board", args=[year])],
                "cookie": cookie,
                **BACK_OFFICE,
            }
        competition = Competition.objects.order_by("-year", "-pk").first()
        if competition is not None:
            targets["office_competition"] = {
                "paths": [
                    reverse("competitions:detail", args=[competition.pk]),
                    reverse("competitions:entries", args=[competition.pk]),
                ],
                "cookie": cookie,
                **BACK_OFFICE,
            }
    assignment = JurorAssignment.objects.select_related("juror__user").order_by("pk").first()
    if assignment is not None:
        targets["office_juror_round"] = {
            "paths": [reverse("jury:home"), reverse("jury:round", args=[assignment.round_id])],
            "cookie": session_cookie(assignment.juror.user),
            **BACK_OFFICE,
        }
    return targets


class Command(BaseCommand):
    help = "Print the benchmark's HTTP scenarios as JSON (used by scripts/bench.py)."

    def handle(self, *args: object, **options: object) -> None:
        self.stdout.write(json.dumps({"http": http_targets()}))
