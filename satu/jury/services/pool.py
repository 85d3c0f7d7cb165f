"""The juror pool of a competition: the secretariat invites users who hold the juror role."""

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from satu.accounts.access import get_access
from satu.accounts.models import Role, User
from satu.agencies.models import Agency
from satu.competitions.models import Competition, CompetitionJuror
from satu.core.errors import DomainError
from satu.core.mail import queue_email
from satu.regions.models import Region
from satu.urusan.models import Urusan

from ..models import JurorAssignment, ScoreSheet
from .common import require_manager
from .conflicts import refresh_conflicts


def eligible_users(competition: Competition):  # type: ignore[no-untyped-def]
    """Active users holding the juror role in the competition's province."""
    return (
        User.objects.filter(
            is_active=True,
            memberships__role=Role.JUROR,
            memberships__region_id=competition.region_id,
        )
        .distinct()
        .order_by("full_name", "email")
    )


def _check(competition: Competition, user: User, home_region: Region | None) -> None:
    if competition.region_id not in get_access(user).region_ids(Role.JUROR):
        raise DomainError(
            _("Only users holding the juror role in this province can join the jury."),
            field="user",
            code="not_juror",
        )
    if home_region is not None and home_region.is_province:
        raise DomainError(
            _("Choose a kabupaten or kota as the home region."), field="home_region", code="region"
        )


@dataclass(frozen=True)
class JurorDetails:
    """What the secretariat records about a juror of the pool."""

    kind: str
    max_load: int
    agency: Agency | None = None
    home_region: Region | None = None
    expertise: tuple[Urusan, ...] = ()


def _apply(juror: CompetitionJuror, details: JurorDetails) -> CompetitionJuror:
    _check(juror.competition, juror.user, details.home_region)
    juror.kind, juror.max_load = details.kind, details.max_load
    juror.agency, juror.home_region = details.agency, details.home_region
    juror.full_clean()
    juror.save()
    juror.expertise.set(details.expertise)
    refresh_conflicts(juror.competition)
    return juror


@transaction.atomic
def add_juror(
    actor: object, competition: Competition, user: User, details: JurorDetails
) -> CompetitionJuror:
    """Invite a user into the pool; the juror receives an email with the link to the jury pages."""
    require_manager(actor, competition)
    if CompetitionJuror.objects.filter(competition=competition, user=user).exists():
        raise DomainError(_("This user is already in the pool."), field="user", code="duplicate")
    juror = _apply(CompetitionJuror(competition=competition, user=user), details)
    queue_email(user, "jury/email/invitation", {"competition": competition, "juror": juror})
    return juror


@transaction.atomic
def update_juror(actor: object, juror: CompetitionJuror, details: JurorDetails) -> CompetitionJuror:
    require_manager(actor, juror.competition)
    return _apply(juror, details)


@transaction.atomic
def remove_juror(actor: object, juror: CompetitionJuror) -> None:
    """Take a juror out of the pool; refused once the juror has assignments or scores."""
    require_manager(actor, juror.competition)
    if ScoreSheet.objects.filter(juror=juror).exists():
        raise DomainError(
            _("The juror has given scores and stays in the pool for the record."), code="scored"
        )
    if JurorAssignment.objects.filter(juror=juror).exists():
        raise DomainError(_("Remove the juror's assignments first."), code="assigned")
    if juror.slots.exists():
        raise DomainError(_("The juror sits on a presentation panel."), code="in_panel")
    juror.delete()
