from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NationalConfig(AppConfig):
    name = "satu.national"
    label = "national"
    verbose_name = _("National forwarding")

    def ready(self) -> None:
        from satu.audit.registry import register

        from . import (
            innovation_section,  # noqa: F401 - awards on the innovation page
            models,
        )

        register(models.RuleSet)
        register(models.Indicator)
        register(models.PredicateBand)
        register(models.Assessment, exclude={"rules_snapshot"})
        register(models.AssessmentInnovation)
        register(models.Answer)
        register(models.AnswerEvidence, exclude={"sha256"})
        register(models.Outcome)
        register(models.Forwarding)
        register(models.KippBatchExport)
