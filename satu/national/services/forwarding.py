"""The forwarding record: what went to which national programme, and what came back.

An outcome that is an award becomes a ``competitions.Award`` through the competitions'
``record_award`` service, so the competition's eligibility check sees earlier national
winners; changing the outcome updates that award, clearing it removes it.
"""

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from satu.audit.services import record
from satu.competitions.models import Award, AwardSource, Entry
from satu.competitions.services.awards import record_award
from satu.core.errors import DomainError, PermissionDeniedError
from satu.innovations.models import Innovation, Status

from .. import policies
from ..models import Forwarding, Outcome, Programme

AWARD_SOURCES = {
    Programme.KIPP: AwardSource.KIPP,
    Programme.IGA: AwardSource.IGA,
    Programme.OTHER: AwardSource.OTHER,
}


def _require_forwarder(actor: object, innovation: Innovation) -> None:
    if not policies.can_forward(actor, innovation):
        raise PermissionDeniedError(_("Only the secretariat keeps the forwarding record."))


@transaction.atomic
def forward_innovation(
    actor: object,
    innovation: Innovation,
    programme: str,
    year: int,
    *,
    forwarded_on: datetime.date,
    entry: Entry | None = None,
    programme_name: str = "",
    note: str = "",
) -> Forwarding:
    """Record that ``innovation`` was sent to a national programme in ``year``."""
    _require_forwarder(actor, innovation)
    if programme not in Programme.values:
        raise DomainError(_("Choose a national programme."), field="programme")
    if innovation.status != Status.ACCEPTED:
        raise DomainError(
            _("Only innovations accepted by the secretariat are forwarded."), code="not_accepted"
        )
    if programme == Programme.OTHER and not programme_name.strip():
        raise DomainError(_("Name the programme."), field="programme_name")
    if entry is not None and entry.innovation_id != innovation.pk:
        raise DomainError(_("The entry belongs to another innovation."), field="entry")
    if Forwarding.objects.filter(innovation=innovation, programme=programme, year=year).exists():
        raise DomainError(
            _("%(innovation)s was already forwarded to this programme in %(year)s.")
            % {"innovation": innovation, "year": year},
            field="year",
            code="duplicate",
        )
    forwarding = Forwarding(
        innovation=innovation,
        programme=programme,
        programme_name=programme_name.strip(),
        year=year,
        entry=entry,
        forwarded_on=forwarded_on,
        forwarded_by=actor if getattr(actor, "pk", None) else None,
        note=note,
    )
    forwarding.full_clean(exclude=["innovation", "entry", "outcome", "award"])
    forwarding.save()
    record("national.forwarded", forwarding, {"programme": programme, "year": year})
    return forwarding


def _award_title(forwarding: Forwarding, outcome: Outcome) -> str:
    if forwarding.programme == Programme.OTHER and forwarding.programme_name:
        return f"{outcome.name} — {forwarding.programme_name}"[:120]
    return outcome.name


@transaction.atomic
def record_outcome(
    actor: object,
    forwarding: Forwarding,
    outcome: Outcome | None,
    *,
    outcome_on: datetime.date | None = None,
    predicate: str = "",
    note: str | None = None,
) -> Forwarding:
    """Record (or correct) what the programme gave back; the matching award follows it."""
    _require_forwarder(actor, forwarding.innovation)
    forwarding = Forwarding.objects.select_for_update().get(pk=forwarding.pk)
    if outcome is not None and outcome.programme != forwarding.programme:
        raise DomainError(_("The outcome belongs to another programme."), field="outcome")
    before = forwarding.outcome.name if forwarding.outcome_id else ""
    forwarding.outcome = outcome
    forwarding.outcome_on = outcome_on if outcome is not None else None
    forwarding.predicate = predicate.strip()
    if note is not None:
        forwarding.note = note
    award = forwarding.award
    if outcome is not None and outcome.is_award:
        if award is None:
            # An award recorded by hand before (same programme, year, title) is taken over.
            award = Award.objects.filter(
                innovation=forwarding.innovation,
                source=AWARD_SOURCES[forwarding.programme],
                year=forwarding.year,
                title=_award_title(forwarding, outcome),
            ).first() or Award(
                innovation=forwarding.innovation,
                source=AWARD_SOURCES[forwarding.programme],
                year=forwarding.year,
            )
        award.title = _award_title(forwarding, outcome)
        award.is_top_winner = outcome.is_top_winner
        award.is_shortlisting = outcome.is_shortlisting
        award.entry = None  # a national result, not a result of the provincial competition
        award.note = forwarding.predicate
        forwarding.award = record_award(actor, award)
    elif award is not None:
        forwarding.award = None
        forwarding.save()
        award.delete()
    forwarding.save()
    record(
        "national.outcome_recorded",
        forwarding,
        {"outcome": [before, outcome.name if outcome else ""], "predicate": forwarding.predicate},
    )
    return forwarding
