"""The competition's section of the home page: the one in progress, or the latest results."""

from satu.core.home import register_home_section

from .models import Competition, Stage


@register_home_section(40)
def competition_in_progress(request, province):  # type: ignore[no-untyped-def]
    competitions = Competition.objects.public().order_by("-year", "-pk")
    running = competitions.exclude(stage=Stage.ANNOUNCED).first()
    latest = running or competitions.first()
    if latest is None:
        return None
    return "competitions/_home_section.html", {
        "competition": latest,
        "running": running is not None,
    }
