from django.core.management.base import BaseCommand

from satu.audit.context import acting
from satu.jury.services import send_reminders


class Command(BaseCommand):
    help = (
        "Email the jurors who have unsubmitted score sheets in rounds closing soon. "
        "Run daily; each juror gets at most one reminder a day."
    )

    def handle(self, *args: object, **options: object) -> None:
        with acting(source="command"):
            sent = send_reminders()
        self.stdout.write(f"{len(sent)} reminder(s) sent.")
