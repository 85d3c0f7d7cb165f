from django.core.management.base import BaseCommand

from satu.catalog.related import refresh_existing
from satu.catalog.search import rebuild_index


class Command(BaseCommand):
    help = (
        "Rebuild the catalog's full-text index from the public innovations, then recompute "
        "the related innovations computed so far (the missing ones: refresh_related)."
    )

    def handle(self, *args: object, **options: object) -> None:
        written = rebuild_index()
        self.stdout.write(f"Indexed {written} public innovation(s).")
        related = refresh_existing()
        self.stdout.write(f"Recomputed the related innovations of {related} innovation(s).")
