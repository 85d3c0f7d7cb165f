"""How the jury plugs into the competition's stage control."""

from django.dispatch import receiver
from django.utils.translation import gettext as _

from satu.competitions.models import Competition
from satu.competitions.services.rounds import round_of
from satu.competitions.services.stages import STAGE_ROUND, OpenWork
from satu.competitions.signals import stage_open_work

from .models import JurorAssignment, Rubric
from .services.progress import unsubmitted
from .services.results import results_on_close  # noqa: F401 - connects the round_closing receiver


@receiver(stage_open_work, dispatch_uid="satu.jury.open_work")
def jury_open_work(sender, competition: Competition, **kwargs) -> list[OpenWork]:  # type: ignore[no-untyped-def]
    """Unsubmitted score sheets (or a rubric without an assignment) are unfinished work."""
    kind = STAGE_ROUND.get(competition.stage)
    round = round_of(competition, kind) if kind else None
    if round is None or not Rubric.objects.filter(round=round).exists():
        return []
    if not JurorAssignment.objects.filter(round=round).exists():
        return [OpenWork("no_assignment", _("No jurors have been assigned to the round."))]
    count = unsubmitted(round)
    if count:
        return [
            OpenWork(
                "unsubmitted_scores",
                _("%(count)s assigned score sheets are not submitted.") % {"count": count},
                count,
            )
        ]
    return []
