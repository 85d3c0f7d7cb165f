"""The surveys' section of the home page: how many surveys citizens can answer now."""

from django.http import HttpRequest
from django.utils import timezone

from satu.core.home import Section, register_home_section
from satu.regions.models import Region

from .models import SurveyPeriod


@register_home_section(order=80)
def open_surveys(request: HttpRequest, province: object) -> Section | None:
    if province is None:
        return None
    count = (
        SurveyPeriod.objects.open_on(timezone.localdate())
        .filter(unit__agency__region__in=Region.objects.with_children(province).values("pk"))
        .count()
    )
    return "surveys/_home_section.html", {"open_count": count}
