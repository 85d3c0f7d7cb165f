"""The HTTP scenarios of `make bench`, with paths filled from the generated data (JSON).

Each scenario: ``paths`` (requests rotate through them), optional ``target_p95_ms`` and
``min_ratio_to_floor`` (the targets of issue 11 for the national preset on PostgreSQL), and
optional ``env`` (settings of the server it needs, e.g. a national install for the national
compliance board).
"""

import json

from django.core.management.base import BaseCommand
from django.db.models import Count
from django.urls import reverse

from satu.catalog.models import ReadCount
from satu.compliance.models import ProgrammeYear
from satu.innovations.models import Innovation
from satu.regions.models import Region
from satu.surveys.models import SurveyPeriod

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
        "floor": {"paths": ["/healthz"], "note": "no database, no template"},
        "home": {"paths": ["/"]},
        "catalog_list": {"paths": [reverse("catalog:list")]},
        "catalog_search": {
            "paths": [f"{reverse('catalog:list')}?q={q.replace(' ', '+')}" for q in SEARCHES],
            "target_p95_ms": 100,
        },
        "innovation_page": {
            "paths": [reverse("catalog:detail", args=[pk]) for pk in popular],
            "target_p95_ms": 50,
            "min_ratio_to_floor": 0.5,
        },
        "api_innovations": {"paths": ["/api/v1/innovations?page_size=50"]},
        "api_innovations_search": {
            "paths": [f"/api/v1/innovations?q={q.replace(' ', '+')}" for q in SEARCHES]
        },
        "api_agencies": {"paths": [f"/api/v1/agencies?region={code}&page_size=100"]},
        "api_regions": {"paths": ["/api/v1/regions?kind=province"]},
    }
    if year:
        targets["compliance_board_province"] = {"paths": [f"/kepatuhan/{year}/"]}
        targets["compliance_board_national"] = {
            "paths": [f"/kepatuhan/{year}/"],
            "env": {"SATU_HOME_REGION_CODE": ""},
            "target_p95_ms": 300,
        }
        targets["api_compliance_agencies"] = {
            "paths": [f"/api/v1/compliance/{year}/agencies?page_size=100"]
        }
    if big_period:
        targets["survey_unit_index"] = {
            "paths": [f"/api/v1/surveys/periods/{big_period['pk']}"],
            "target_p95_ms": 100,
        }
        targets["survey_province_rollup"] = {
            "paths": [f"/api/v1/surveys/rollups?level=province&region={code}"]
        }
    return {name: spec for name, spec in targets.items() if all(spec["paths"])}


class Command(BaseCommand):
    help = "Print the benchmark's HTTP scenarios as JSON (used by scripts/bench.py)."

    def handle(self, *args: object, **options: object) -> None:
        self.stdout.write(json.dumps({"http": http_targets()}))
