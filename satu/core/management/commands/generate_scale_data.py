import json
import time
from importlib import import_module

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from satu.core import scale
from satu.innovations.models import Innovation


class Command(BaseCommand):
    help = (
        "Generate a realistic large data set (presets: test, province, national) in bulk, "
        "deterministic by seed. Run it on an empty database after migrate."
    )

    def add_arguments(self, parser) -> None:  # type: ignore[no-untyped-def]
        parser.add_argument("--preset", choices=sorted(scale.PRESETS), default="province")
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--json", help="Write counts, checksums and timings to this file.")

    def handle(self, *args: object, **options: object) -> None:
        preset = scale.PRESETS[str(options["preset"])]
        if Innovation.objects.exists():
            raise CommandError(
                "The database already has innovations; generate scale data into an empty "
                "database (after migrate) so that the same seed gives the same data."
            )
        started = time.monotonic()
        call_command("load_reference_data", stdout=self.stdout)
        ctx = scale.ScaleContext(
            preset=preset,
            seed=int(options["seed"]),  # type: ignore[arg-type]
            log=lambda message: self.stdout.write(f"  {message}"),
        )
        timings = {}
        for module_name in scale.SCALE_ORDER:
            part_started = time.monotonic()
            self.stdout.write(f"{module_name} …")
            module_path, _sep, function = module_name.partition(":")
            with transaction.atomic():
                getattr(import_module(module_path), function or "generate")(ctx)
            timings[module_name] = round(time.monotonic() - part_started, 1)
        part_started = time.monotonic()
        call_command("rebuild_search_index", stdout=self.stdout)
        timings["search index"] = round(time.monotonic() - part_started, 1)
        part_started = time.monotonic()
        with transaction.atomic():
            # The bulk writes above pass the signals that keep the stored statuses.
            call_command("refresh_compliance_statuses", stdout=self.stdout)
        timings["compliance statuses"] = round(time.monotonic() - part_started, 1)
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            # A bulk load leaves the visibility map empty, so every count would read the whole
            # table until autovacuum comes by; a production database is vacuumed routinely.
            # (VACUUM cannot run inside a transaction, as when a test calls the command.)
            with connection.cursor() as cursor:
                cursor.execute("VACUUM")
        scale.analyse()
        counts, checksums = scale.data_checksums()
        result = {
            "preset": preset.name,
            "seed": options["seed"],
            "counts": counts,
            "checksums": checksums,
            "seconds": round(time.monotonic() - started, 1),
            "timings": timings,
        }
        self.stdout.write(json.dumps(result, indent=1))
        if options["json"]:
            with open(str(options["json"]), "w", encoding="utf-8") as handle:
                json.dump(result, handle, indent=1)
