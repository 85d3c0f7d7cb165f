from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "satu.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from satu.audit.registry import register

        from .models import Invitation, Membership, User

        register(User, exclude={"password", "last_login"})
        register(Membership)
        register(Invitation)
