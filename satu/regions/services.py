"""Loading the official region list."""

import csv
from dataclasses import dataclass
from importlib import resources

from django.db import transaction

from satu.lib.text import proper_case

from .models import Region, RegionKind


@dataclass
class LoadResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


def _rows(file_name: str) -> list[dict[str, str]]:
    text = resources.files("satu.regions").joinpath("data", file_name).read_text("utf-8")
    return list(csv.DictReader(text.splitlines()))


def _upsert(result: LoadResult, code: str, **values: object) -> Region:
    region = Region.objects.filter(code=code).first()
    if region is None:
        result.created += 1
        return Region.objects.create(code=code, **values)
    changed = [field for field, value in values.items() if getattr(region, field) != value]
    if changed:
        for field in changed:
            setattr(region, field, values[field])
        region.save(update_fields=changed)
        result.updated += 1
    else:
        result.unchanged += 1
    return region


@transaction.atomic
def load_regions() -> LoadResult:
    """Create or update all provinces and kabupaten/kota, keyed by Kemendagri code.

    Rows are matched by code, so a renamed region keeps its id and everything linked to it.
    """
    result = LoadResult()
    provinces = {}
    for row in _rows("idn_provinces.csv"):
        provinces[row["code"]] = _upsert(
            result,
            row["code"],
            name=proper_case(row["name"]),
            kind=RegionKind.PROVINCE,
            parent=None,
        )
    for row in _rows("idn_regencies.csv"):
        name = proper_case(row["name"])
        kind = RegionKind.CITY if name.startswith("Kota") else RegionKind.REGENCY
        _upsert(result, row["code"], name=name, kind=kind, parent=provinces[row["province_code"]])
    return result
