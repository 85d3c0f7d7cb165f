"""Template helpers of the surveys, for pages of other apps (the innovation page)."""

from django import template

from ..comparison import Comparison, compare_before_after

register = template.Library()


@register.inclusion_tag("surveys/_innovation_comparison.html")
def innovation_survey_comparison(innovation: object) -> dict[str, Comparison]:
    """``{% load surveys %}{% innovation_survey_comparison innovation %}``: the SKM before and
    after the innovation's launch. The page showing it must already have checked that the
    user may see the innovation."""
    return {"comparison": compare_before_after(innovation)}  # type: ignore[arg-type]
