from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InnovationsConfig(AppConfig):
    name = "satu.innovations"
    label = "innovations"
    verbose_name = _("Innovations")

    def ready(self) -> None:
        from satu.audit.registry import register

        from .models import Evidence, Innovation, InnovationYear

        register(Innovation, exclude={"version"})
        register(InnovationYear)
        register(Evidence)
