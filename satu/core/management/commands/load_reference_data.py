from django.core.management.base import BaseCommand

from satu.agencies.services import load_provincial_agencies
from satu.audit.context import acting
from satu.national.services import load_reference as load_national_rules
from satu.regions.services import load_regions
from satu.urusan.services import load_urusan


class Command(BaseCommand):
    help = (
        "Load or update the reference data: regions of Indonesia, the provincial agencies of the "
        "home province, the 38 urusan, and the IID rule sets of 2023 and 2026. Safe to run "
        "again: rows are matched by their codes."
    )

    def handle(self, *args: object, **options: object) -> None:
        with acting(source="command"):
            regions = load_regions()
            urusan = load_urusan()
            agencies = load_provincial_agencies()
            national = load_national_rules()
        self.stdout.write(
            f"Regions: {regions.created} created, {regions.updated} updated, "
            f"{regions.unchanged} unchanged. Urusan changed: {urusan}. "
            f"Provincial agencies changed: {agencies}. IID rule sets and outcomes added: "
            f"{national}."
        )
