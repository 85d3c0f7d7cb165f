from django.core.management.base import BaseCommand

from satu.audit.context import acting
from satu.catalog.related import refresh_all


class Command(BaseCommand):
    help = (
        "Compute the related innovations of the public innovations that have none yet "
        "(--all: recompute every list)."
    )

    def add_arguments(self, parser) -> None:  # type: ignore[no-untyped-def]
        parser.add_argument("--all", action="store_true", help="Recompute every list.")

    def handle(self, *args: object, **options: object) -> None:
        with acting(source="command"):
            stored = refresh_all(missing_only=not options["all"])
        self.stdout.write(f"Computed the related innovations of {stored} innovation(s).")
