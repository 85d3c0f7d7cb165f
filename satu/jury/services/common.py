"""Helpers shared by the jury services."""

from django.utils.translation import gettext as _

from satu.competitions import policies as competition_policies
from satu.competitions.models import Competition, Round, RoundState
from satu.core.errors import DomainError, PermissionDeniedError


def require_manager(actor: object, competition: Competition) -> None:
    if not competition_policies.can_manage(actor, competition):
        raise PermissionDeniedError(_("Only the secretariat may manage this jury."))


def locked_round(round: Round) -> Round:
    """The round row locked for the transaction: closing, scoring and committing queue up.

    Only the round's row is locked (not the competition's, which stage moves lock first), so
    a juror's save and a stage move never wait on each other in opposite orders.
    """
    return (
        Round.objects.select_for_update(of=("self",)).select_related("competition").get(pk=round.pk)
    )


def require_open(round: Round) -> None:
    if round.state != RoundState.OPEN:
        if round.state == RoundState.CLOSED:
            raise DomainError(
                _("The round is closed: scores are locked until the secretariat reopens it."),
                code="round_closed",
            )
        raise DomainError(_("The round is not open yet."), code="round_not_open")


def require_not_closed(round: Round) -> None:
    if round.state == RoundState.CLOSED:
        raise DomainError(
            _("The round is closed; reopen it (with a reason) to change it."), code="round_closed"
        )


def actor_or_none(actor: object):  # type: ignore[no-untyped-def]
    return actor if getattr(actor, "pk", None) else None
