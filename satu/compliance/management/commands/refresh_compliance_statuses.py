"""Rebuild the stored compliance status of every agency in every programme year."""

from django.core.management.base import BaseCommand
from django.db import transaction

from satu.compliance.statuses import refresh_all


class Command(BaseCommand):
    help = (
        "Recompute the stored compliance status of every agency in every programme year "
        "(after loading data in bulk; changes made through the application keep them current)."
    )

    def handle(self, *args: object, **options: object) -> None:
        with transaction.atomic():
            count = refresh_all()
        self.stdout.write(f"Compliance statuses: {count} agency-years")
