from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import transaction

from satu.audit.context import acting

# Each app with demo data has a ``demo.py`` with ``seed(stdout) -> None``; order matters.
SEED_ORDER = [
    "satu.agencies.demo",
    "satu.accounts.demo",
    "satu.innovations.demo",
    # Before the competitions: earlier national wins make innovations ineligible.
    "satu.national.demo",
    "satu.competitions.demo",
    "satu.news.demo",
    # After the innovations' demo data: comments and ratings go on accepted innovations.
    "satu.comments.demo",
    "satu.compliance.demo",
    "satu.surveys.demo",
    "satu.jury.demo",
    # Last: the open datasets are files written from everything above.
    "satu.opendata.demo",
]


class Command(BaseCommand):
    help = "Add the demonstration data set. Safe to run again: nothing is duplicated."

    def add_arguments(self, parser) -> None:  # type: ignore[no-untyped-def]
        parser.add_argument(
            "--quiet-accounts", action="store_true", help="Do not print the demo accounts."
        )

    def handle(self, *args: object, **options: object) -> None:
        with acting(source="command"):
            for module_name in SEED_ORDER:
                with transaction.atomic():
                    import_module(module_name).seed(self.stdout)
            # Demo data is written in bulk, past the signals that index one innovation at a time
            # and keep the derived tables.
            from satu.catalog import related
            from satu.catalog.search import rebuild_index
            from satu.compliance import statuses

            self.stdout.write(f"Search index: {rebuild_index()} public innovations")
            self.stdout.write(f"Related innovations: {related.refresh_all()} lists")
            self.stdout.write(f"Compliance statuses: {statuses.refresh_all()} agency-years")
        if not options["quiet_accounts"]:
            from satu.accounts.demo import print_accounts

            print_accounts(self.stdout)
