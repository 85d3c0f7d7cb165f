"""The survey comparison before and after an innovation's launch, on the innovation's page."""

from django.http import HttpRequest

from satu.innovations.sections import register_detail_section

from .comparison import compare_before_after


@register_detail_section(order=10)
def survey_comparison(request: HttpRequest, innovation: object):  # type: ignore[no-untyped-def]
    # The innovation page has already checked that the user may see this innovation.
    if not getattr(innovation, "service_unit_id", None):
        return None
    return "surveys/_innovation_section.html", {"comparison": compare_before_after(innovation)}  # type: ignore[arg-type]
