import datetime

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from satu.audit.context import acting
from satu.compliance.reminders import plan_reminders


class Command(BaseCommand):
    help = (
        "Queue today's compliance reminders (before the deadline) and escalations (after it). "
        "Run it once a day; running it again sends nothing twice."
    )

    def add_arguments(self, parser) -> None:  # type: ignore[no-untyped-def]
        parser.add_argument(
            "--date", help="Act as if today were this day (YYYY-MM-DD), e.g. to catch up."
        )
        parser.add_argument("--year", type=int, help="Only this programme year.")

    def handle(self, *args: object, **options: object) -> None:
        today = timezone.localdate()
        if options["date"]:
            try:
                today = datetime.date.fromisoformat(str(options["date"]))
            except ValueError:
                raise CommandError("--date must look like 2026-06-23.") from None
        with acting(source="command"), transaction.atomic():
            planned = plan_reminders(today, year=options["year"])  # type: ignore[arg-type]
        if not planned:
            self.stdout.write(f"{today}: no reminder step is due.")
        for item in planned:
            self.stdout.write(
                f"{today}: year {item.year}, step {item.step}: {item.agencies} agencies have not "
                f"complied; {item.tasks} task(s) queued."
            )
