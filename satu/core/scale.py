"""A realistic large data set for measuring Satu Inovasi at province and national scale.

`manage.py generate_scale_data --preset province|national|test --seed N` writes it in bulk
(no per-row ORM saves, no signals). Each app that has data at scale contributes a module with
``generate(ctx)``, run in the order of ``SCALE_ORDER``; they share one :class:`ScaleContext`
with the preset's sizes, a seeded random generator and the ids created so far. The same seed
gives the same rows: ``checksum()`` summarises them for the determinism test.
"""

import hashlib
import random
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from django.db import connection, models

# "module" runs module.generate(ctx); "module:function" runs that function.
SCALE_ORDER = [
    "satu.agencies.scale",
    "satu.compliance.scale:generate_programme_years",
    "satu.innovations.scale",
    "satu.surveys.scale",
    "satu.catalog.scale",
    "satu.comments.scale",
    "satu.competitions.scale",
]
# The search index needs only the innovations: on PostgreSQL it is built alongside the parts
# after this one (``generate_scale_data``).
INDEX_AFTER = "satu.innovations.scale"


@dataclass(frozen=True)
class Preset:
    name: str
    region_codes: tuple[str, ...] | None  # provinces to fill; None = all of Indonesia
    provincial_agencies: int  # per province (beyond those loaded as reference data)
    local_agencies: int  # per kabupaten/kota
    years: int
    innovations: int
    survey_responses: int
    read_events: int
    comments: int
    competition_entries: int
    jurors: int
    last_year: int = 2026


PRESETS = {
    "test": Preset("test", ("33",), 10, 6, 3, 400, 3_000, 2_000, 300, 40, 8),
    "province": Preset("province", ("33",), 0, 28, 10, 20_000, 200_000, 100_000, 10_000, 300, 30),
    "national": Preset(
        "national", None, 50, 45, 10, 300_000, 3_000_000, 1_000_000, 100_000, 3_000, 150
    ),
}


@dataclass
class ScaleContext:
    preset: Preset
    seed: int
    log: Callable[[str], None]
    ids: dict[str, list[int]] = field(default_factory=dict)

    @property
    def years(self) -> list[int]:
        last = self.preset.last_year
        return list(range(last - self.preset.years + 1, last + 1))

    def child_rng(self, name: str) -> random.Random:
        """A generator of its own per part, so adding a part never shifts another's rows."""
        digest = hashlib.sha256(f"{self.seed}:{name}".encode()).digest()
        return random.Random(int.from_bytes(digest[:8], "big"))  # noqa: S311 - not for secrets


def bulk_insert(
    model: type[models.Model], objects: Iterable[models.Model], batch: int = 5000
) -> int:
    """bulk_create in batches without holding every object in memory at once."""
    count = 0
    chunk: list[models.Model] = []
    for obj in objects:
        chunk.append(obj)
        if len(chunk) >= batch:
            model.objects.bulk_create(chunk, batch_size=batch)
            count += len(chunk)
            chunk = []
    if chunk:
        model.objects.bulk_create(chunk, batch_size=batch)
        count += len(chunk)
    return count


def checksum(querysets: Sequence[tuple[str, models.QuerySet, Sequence[str]]]) -> dict[str, str]:
    """A sha256 per table over the listed columns (natural keys, not ids), in column order."""
    result = {}
    for label, queryset, columns in querysets:
        digest = hashlib.sha256()
        for row in queryset.order_by(*columns).values_list(*columns).iterator(chunk_size=5000):
            digest.update(repr(row).encode())
        result[label] = digest.hexdigest()
    return result


CHECKSUM_COLUMNS: list[tuple[str, str, list[str]]] = [
    ("agencies", "agencies.Agency", ["region__code", "abbreviation", "name", "type"]),
    (
        "innovations",
        "innovations.Innovation",
        [
            "agency__region__code",
            "agency__abbreviation",
            "programme_year",
            "name",
            "status",
            "launch_date",
            "summary",
        ],
    ),
    (
        "innovation_years",
        "innovations.InnovationYear",
        [
            "innovation__agency__region__code",
            "innovation__agency__abbreviation",
            "innovation__programme_year",
            "innovation__name",
            "year",
            "status",
        ],
    ),
    (
        "survey_periods",
        "surveys.SurveyPeriod",
        ["unit__agency__region__code", "unit__agency__abbreviation", "unit__name", "name"],
    ),
    ("comments", "comments.Comment", ["innovation__name", "author__email", "body"]),
    ("competition_entries", "competitions.Entry", ["competition__name", "innovation__name"]),
]


def data_checksums() -> tuple[dict[str, int], dict[str, str]]:
    """Row counts and checksums of the generated tables."""
    from django.apps import apps
    from django.db.models import Sum

    counts, sets = {}, []
    for label, model_label, columns in CHECKSUM_COLUMNS:
        queryset = apps.get_model(model_label).objects.all()
        counts[label] = queryset.count()
        sets.append((label, queryset, columns))
    counts["survey_responses"] = apps.get_model("surveys.SurveyResponse").objects.count()
    counts["read_events"] = (
        apps.get_model("catalog.ReadCount").objects.aggregate(n=Sum("count"))["n"] or 0
    )
    return counts, checksum(sets)


def analyse() -> None:
    """Refresh the planner's statistics after a bulk load."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
