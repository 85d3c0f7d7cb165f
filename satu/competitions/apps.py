from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompetitionsConfig(AppConfig):
    name = "satu.competitions"
    label = "competitions"
    verbose_name = _("Competitions")

    def ready(self) -> None:
        from satu.audit.registry import register

        from . import (
            home,  # noqa: F401 - registers the home page section
            models,
        )

        register(models.Competition)
        register(models.Category)
        register(models.TimelineStep)
        register(models.CompetitionJuror)
        register(models.StageTransition)
        register(models.Entry)
        register(models.Award)
        register(models.Round)
        register(models.RoundResult)
        # The objector's email address stays out of the log; the decision is what matters.
        register(models.Objection, exclude={"email", "sender_hash"})
        register(models.PresentationSlot)
        register(models.ChecklistItem)
        register(models.FieldVerification)
        register(models.VerificationPhoto)
        register(models.Certificate, exclude={"signature"})
