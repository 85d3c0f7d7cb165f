"""Run the in-process benchmarks of the apps and print their results as JSON on stdout."""

import importlib
import json
import sys
import time

from django.core.management.base import BaseCommand

# Each module has `run() -> dict`; a missing module is skipped.
BENCHMARK_MODULES = [
    "satu.catalog.benchmarks",
    "satu.jury.benchmarks",
    "satu.surveys.benchmarks",
    "satu.compliance.benchmarks",
]


class Command(BaseCommand):
    help = "Run the apps' in-process benchmarks (jury assignment, read-count flush, …)."

    def add_arguments(self, parser) -> None:  # type: ignore[no-untyped-def]
        parser.add_argument("--only", help="comma-separated module names")

    def handle(self, *args: object, **options: object) -> None:
        only = set(str(options["only"]).split(",")) if options["only"] else None
        results = {}
        for module_name in BENCHMARK_MODULES:
            short = module_name.split(".")[1]
            if only and short not in only:
                continue
            try:
                module = importlib.import_module(module_name)
            except ModuleNotFoundError:
                continue
            started = time.monotonic()
            print(f"running {module_name} …", file=sys.stderr, flush=True)
            result = module.run()
            result.setdefault("wall_seconds", round(time.monotonic() - started, 3))
            results[short] = result
        self.stdout.write(json.dumps(results))
