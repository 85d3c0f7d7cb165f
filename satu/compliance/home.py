"""The compliance section of the home page: this year's rate and a link to the board."""

from django.http import HttpRequest
from django.utils import timezone

from satu.core.home import register_home_section

from .board import compute_board
from .models import ProgrammeYear


@register_home_section(order=20)
def compliance_section(request: HttpRequest, province: object) -> tuple[str, dict] | None:
    year = (
        ProgrammeYear.objects.filter(year__lte=timezone.localdate().year).order_by("-year").first()
    )
    if year is None or province is None:
        return None
    board = compute_board(year, scope=province)  # type: ignore[arg-type]
    return (
        "compliance/_home_section.html",
        {"year": year, "totals": board.totals, "light": board.light(board.totals)},
    )
