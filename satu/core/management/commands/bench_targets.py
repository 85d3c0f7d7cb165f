"""The HTTP scenarios of `make bench`, with paths filled from the generated data (JSON)."""

import json

from django.core.management.base import BaseCommand
from django.urls import NoReverseMatch, reverse

from satu.regions.models import Region


def _url(name: str, *args: object) -> str | None:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def http_targets() -> dict[str, dict]:
    province = Region.objects.filter(code="33").first() or Region.objects.provinces().first()
    targets: dict[str, dict] = {
        "floor": {"paths": ["/healthz"], "note": "trivial view: no database, no template"},
        "home": {"paths": ["/"]},
        "api_regions": {"paths": ["/api/v1/regions?kind=province", "/api/v1/regions?parent=33"]},
        "api_agencies": {
            "paths": [
                f"/api/v1/agencies?region={province.code}" if province else "/api/v1/agencies"
            ]
        },
    }
    return {name: spec for name, spec in targets.items() if all(spec["paths"])}


class Command(BaseCommand):
    help = "Print the benchmark's HTTP scenarios as JSON (used by scripts/bench.py)."

    def handle(self, *args: object, **options: object) -> None:
        self.stdout.write(json.dumps({"http": http_targets()}))
