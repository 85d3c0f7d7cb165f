from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegionsConfig(AppConfig):
    name = "satu.regions"
    label = "regions"
    verbose_name = _("Regions")

    def ready(self) -> None:
        from satu.audit.registry import register

        from .models import Region

        register(Region)
