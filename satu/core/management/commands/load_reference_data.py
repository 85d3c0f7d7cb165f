from django.core.management.base import BaseCommand

from satu.agencies.services import load_provincial_agencies
from satu.audit.context import acting
from satu.regions.services import load_regions
from satu.urusan.services import load_urusan


class Command(BaseCommand):
    help = (
        "Load or update the reference data: regions of Indonesia, the provincial agencies of the "
        "home province and the 38 urusan. Safe to run again: rows are matched by their codes."
    )

    def handle(self, *args: object, **options: object) -> None:
        with acting(source="command"):
            regions = load_regions()
            urusan = load_urusan()
            agencies = load_provincial_agencies()
        self.stdout.write(
            f"Regions: {regions.created} created, {regions.updated} updated, "
            f"{regions.unchanged} unchanged. Urusan changed: {urusan}. "
            f"Provincial agencies changed: {agencies}."
        )
