"""Who may see and do what in the jury.

- The secretariat of the organising province (and a superuser) manages the jury of a
  competition: pool, conflicts, rubrics, assignment, progress, results, history.
- A juror sees only the entries committed to them in rounds of competitions of a province
  where they still hold the juror role, never an entry they have a conflict of interest with
  (checked live, see ``services.conflicts``), and only through the juror's view of an entry
  (``satu.jury.blind``).
- Everyone else sees nothing of the jury.
"""

from django.db.models import QuerySet

from satu.accounts.access import get_access
from satu.accounts.models import Role
from satu.competitions import policies as competition_policies
from satu.competitions.models import Competition, CompetitionJuror, Round, Stage


def can_manage(user: object, competition: Competition) -> bool:
    return competition_policies.can_manage(user, competition)


def managed_rounds(user: object) -> QuerySet[Round]:
    return Round.objects.filter(
        competition__in=competition_policies.manageable_competitions(user)
    ).select_related("competition")


def juror_seats(user: object) -> QuerySet[CompetitionJuror]:
    """The user's places in juror pools, where the user still holds the juror role."""
    access = get_access(user)
    if access.user_id is None:
        return CompetitionJuror.objects.none()
    return (
        CompetitionJuror.objects.filter(
            user_id=access.user_id,
            competition__region_id__in=access.region_ids(Role.JUROR),
        )
        .exclude(competition__stage=Stage.DRAFT)
        .select_related("competition")
    )
