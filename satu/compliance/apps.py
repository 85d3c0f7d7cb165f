from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplianceConfig(AppConfig):
    name = "satu.compliance"
    label = "compliance"
    verbose_name = _("Compliance")

    def ready(self) -> None:
        from satu.audit.registry import register

        from . import (
            home,  # noqa: F401 - registers the home page section
            signals,  # noqa: F401 - keeps the stored agency statuses in step
        )
        from .models import Exemption, ProgrammeYear

        register(ProgrammeYear)
        register(Exemption)

        # The operator pages of the innovation registry show the year's deadline.
        from satu.innovations.deadlines import set_deadline_provider

        from .deadlines import registration_deadline

        set_deadline_provider(registration_deadline)
