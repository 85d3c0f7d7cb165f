from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# Labels of the shared navigation templates (base.html, backoffice_nav.html) that link here;
# listed so that this app's catalog carries their translation.
NAV_LABELS = (_("Surveys"), _("Surveys (SKM)"))


class SurveysConfig(AppConfig):
    name = "satu.surveys"
    label = "surveys"
    verbose_name = _("Satisfaction surveys")

    def ready(self) -> None:
        from satu.audit.registry import register

        from . import (
            home,  # noqa: F401 - registers the home page section
            innovation_section,  # noqa: F401 - the comparison on the innovation page
        )
        from .models import ExtraElement, SurveyPeriod

        # Responses and receipt codes are deliberately not audited row by row: an audit entry
        # carries the requester's IP address, which must never be stored with an answer.
        # Paper entry, imports and code batches are recorded as domain actions instead.
        register(SurveyPeriod, exclude={"weight_total"})
        # PeriodTally is not registered either: derived data, rebuilt from the responses.
        register(ExtraElement)
