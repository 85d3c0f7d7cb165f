from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UrusanConfig(AppConfig):
    name = "satu.urusan"
    label = "urusan"
    verbose_name = _("Government affairs (urusan)")

    def ready(self) -> None:
        from satu.audit.registry import register

        from .models import Urusan

        register(Urusan)
