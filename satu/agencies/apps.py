from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgenciesConfig(AppConfig):
    name = "satu.agencies"
    label = "agencies"
    verbose_name = _("Agencies")

    def ready(self) -> None:
        from satu.audit.registry import register

        from .models import Agency, ServiceUnit

        register(Agency)
        register(ServiceUnit)
