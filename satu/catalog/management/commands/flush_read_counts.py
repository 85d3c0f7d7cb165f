from django.core.management.base import BaseCommand

from satu.audit.context import acting
from satu.catalog.readcounts import flush_read_counts


class Command(BaseCommand):
    help = "Move buffered page views into the read counts. Run it every minute."

    def handle(self, *args: object, **options: object) -> None:
        with acting(source="command"):
            result = flush_read_counts()
        self.stdout.write(
            f"Flushed {result.batches} batch(es): {result.events} view(s), "
            f"{result.counted} counted on {result.pages} page(s)."
        )
