from django.core.management.base import BaseCommand, CommandError

from satu.audit.models import AuditEntry
from satu.audit.services import verify_chain


class Command(BaseCommand):
    help = "Check the audit log's hash chain; exit non-zero and name each broken entry."

    def handle(self, *args: object, **options: object) -> None:
        problems = verify_chain()
        if problems:
            for problem in problems:
                self.stderr.write(f"BROKEN {problem}")
            raise CommandError(f"The audit log has been tampered with: {len(problems)} problem(s).")
        count = AuditEntry.objects.count()
        self.stdout.write(self.style.SUCCESS(f"Audit log intact: {count} entries verified."))
