from django.core.management.base import BaseCommand, CommandError

from satu.accounts.emails import normalize_email
from satu.accounts.models import User
from satu.api.services import create_token
from satu.audit.context import acting
from satu.core.errors import DomainError


class Command(BaseCommand):
    help = "Create an API token for an account and print it (it is shown only this once)."

    def add_arguments(self, parser) -> None:  # type: ignore[no-untyped-def]
        parser.add_argument("email")
        parser.add_argument("--name", default="command line")
        parser.add_argument("--scope", action="append", dest="scopes", default=None)
        parser.add_argument("--days", type=int, default=30)

    def handle(self, *args: object, **options: object) -> None:
        user = User.objects.filter(email=normalize_email(str(options["email"]))).first()
        if user is None:
            raise CommandError(f"No account with the email address {options['email']}.")
        scopes = options["scopes"] or ["read"]
        try:
            with acting(source="command"):
                _token, plain = create_token(
                    user, name=str(options["name"]), scopes=scopes, days=int(options["days"])
                )  # type: ignore[arg-type]
        except DomainError as error:
            raise CommandError(str(error.message)) from error
        self.stdout.write(plain)
