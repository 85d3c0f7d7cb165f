"""The awards of an innovation (national outcomes included) on its back-office page."""

from django.http import HttpRequest

from satu.innovations.sections import register_detail_section


@register_detail_section(order=5)
def awards(request: HttpRequest, innovation: object):  # type: ignore[no-untyped-def]
    if not innovation.awards.exists():  # type: ignore[attr-defined]
        return None
    return "national/_awards_section.html", {}
