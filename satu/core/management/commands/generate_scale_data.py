import io
import json
import threading
import time
from importlib import import_module

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from satu.core import scale
from satu.innovations.models import Innovation


class IndexBuilder(threading.Thread):
    """``rebuild_search_index``, in a thread of its own (with its own connection) or not."""

    def __init__(self) -> None:
        super().__init__(name="scale-search-index", daemon=True)
        self.output = io.StringIO()
        self.error: BaseException | None = None
        self.seconds = 0.0

    def run(self) -> None:
        started = time.monotonic()
        in_thread = threading.current_thread() is self
        try:
            call_command("rebuild_search_index", stdout=self.output)
        except BaseException as error:  # reported by the command that waits for the thread
            self.error = error
        finally:
            if in_thread:
                connection.close()
            self.seconds = round(time.monotonic() - started, 1)


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
        timings: dict[str, float] = {}
        # On PostgreSQL the search index is built by a second connection while the later parts
        # (survey responses, reads, comments, the competition) are written: it reads only the
        # innovations, committed by then, and the two keep both cores busy. Inside a transaction
        # (a test calling the command) the other connection would not see them: one after the
        # other there, as on SQLite, which has a single writer.
        concurrent = connection.vendor == "postgresql" and not connection.in_atomic_block
        indexer: IndexBuilder | None = None
        for module_name in scale.SCALE_ORDER:
            part_started = time.monotonic()
            self.stdout.write(f"{module_name} …")
            module_path, _sep, function = module_name.partition(":")
            with transaction.atomic():
                getattr(import_module(module_path), function or "generate")(ctx)
            timings[module_name] = round(time.monotonic() - part_started, 1)
            if concurrent and module_name == scale.INDEX_AFTER:
                indexer = IndexBuilder()
                indexer.start()
        if indexer is None:
            indexer = IndexBuilder()
            indexer.run()
        else:
            indexer.join()
        if indexer.error is not None:
            raise CommandError(f"The search index could not be built: {indexer.error}")
        self.stdout.write(indexer.output.getvalue())
        timings["search index"] = indexer.seconds
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
