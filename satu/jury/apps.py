from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JuryConfig(AppConfig):
    name = "satu.jury"
    label = "jury"
    verbose_name = _("Jury")

    def ready(self) -> None:
        from satu.audit.registry import register

        from . import models, signals  # noqa: F401 - signals connects the receivers

        register(models.Rubric)
        register(models.Criterion)
        register(models.Conflict)
        register(models.JurorAssignment)
        register(models.ScoreSheet)
        register(models.ReminderLog)
