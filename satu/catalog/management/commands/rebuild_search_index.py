from django.core.management.base import BaseCommand

from satu.catalog.search import rebuild_index


class Command(BaseCommand):
    help = "Rebuild the catalog's full-text index from the public innovations."

    def handle(self, *args: object, **options: object) -> None:
        written = rebuild_index()
        self.stdout.write(f"Indexed {written} public innovation(s).")
