from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogConfig(AppConfig):
    name = "satu.catalog"
    label = "catalog"
    verbose_name = _("Public catalog")

    def ready(self) -> None:
        from . import home, signals  # noqa: F401
