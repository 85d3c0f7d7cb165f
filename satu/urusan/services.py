"""Loading the urusan list."""

import csv
from importlib import resources

from django.db import transaction

from .models import Urusan


@transaction.atomic
def load_urusan() -> int:
    """Create or update the 38 urusan, keyed by number. Returns how many rows changed."""
    text = resources.files("satu.urusan").joinpath("data", "urusan_pemerintahan.csv")
    changed = 0
    for row in csv.DictReader(text.read_text("utf-8").splitlines()):
        values = {
            "name": row["nama"],
            "group": row["kelompok"],
            "basic_service": row["yandas"] == "ya",
        }
        urusan, created = Urusan.objects.get_or_create(code=int(row["kode"]), defaults=values)
        if created:
            changed += 1
        elif any(getattr(urusan, key) != value for key, value in values.items()):
            for key, value in values.items():
                setattr(urusan, key, value)
            urusan.save()
            changed += 1
    return changed
