from django.core.management.base import BaseCommand, CommandError

from satu.audit.context import acting
from satu.opendata.datasets import DATASETS
from satu.opendata.services import regenerate_datasets


class Command(BaseCommand):
    help = (
        "Regenerate the open datasets under /data/ (CSV, XLSX, JSON) into storage. Run it once "
        "a day; a dataset whose content did not change is not rewritten."
    )

    def add_arguments(self, parser) -> None:  # type: ignore[no-untyped-def]
        parser.add_argument(
            "datasets", nargs="*", choices=sorted(DATASETS), help="Only these datasets."
        )

    def handle(self, *args: object, **options: object) -> None:
        with acting(source="command"):
            outcomes = regenerate_datasets(options["datasets"] or None)  # type: ignore[arg-type]
        for outcome in outcomes:
            if outcome.error:
                self.stderr.write(f"{outcome.slug}: FAILED, previous files kept: {outcome.error}")
            else:
                state = "updated" if outcome.changed else "unchanged"
                self.stdout.write(f"{outcome.slug}: {outcome.rows} rows, {state}")
        failed = [outcome.slug for outcome in outcomes if outcome.error]
        if failed:
            raise CommandError(f"{len(failed)} dataset(s) failed: {', '.join(failed)}")
