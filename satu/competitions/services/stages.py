"""Setting a competition up and moving it from stage to stage."""

from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from satu.audit.services import record
from satu.core.errors import DomainError, PermissionDeniedError
from satu.regions.models import Region

from .. import policies
from ..models import (
    STAGE_ORDER,
    Award,
    AwardSource,
    Competition,
    Entry,
    EntryStatus,
    Objection,
    ObjectionStatus,
    Round,
    RoundKind,
    RoundState,
    Stage,
    StageTransition,
    stage_index,
)
from ..signals import round_closing, stage_open_work
from .common import lock, require_manager
from .rounds import entries_for_round, missing_results, round_of

# The round each stage runs, opened on entering the stage and closed on leaving it.
STAGE_ROUND = {
    Stage.DESK_EVALUATION: RoundKind.DESK,
    Stage.PRESENTATION: RoundKind.PRESENTATION,
    Stage.FIELD_VERIFICATION: RoundKind.FIELD,
}


@transaction.atomic
def create_competition(actor: object, region: Region, **values: object) -> Competition:
    from satu.accounts.access import get_access
    from satu.accounts.models import Role

    access = get_access(actor)
    if not (access.is_superuser or region.pk in access.region_ids(Role.SECRETARIAT)):
        raise PermissionDeniedError(_("Only the secretariat of the province may do this."))
    competition = Competition(region=region, created_by=actor, **values)
    competition.full_clean()
    competition.save()
    return competition


@transaction.atomic
def update_competition(actor: object, competition: Competition, **values: object) -> Competition:
    require_manager(actor, competition)
    for key, value in values.items():
        setattr(competition, key, value)
    competition.full_clean()
    competition.save()
    return competition


@dataclass(frozen=True)
class OpenWork:
    code: str
    message: str
    count: int = 0

    def as_dict(self) -> dict[str, object]:
        return {"code": self.code, "message": self.message, "count": self.count}


def open_work(competition: Competition) -> list[OpenWork]:
    """What is unfinished in the competition's current stage."""
    stage = competition.stage
    work: list[OpenWork] = []
    entries = Entry.objects.filter(competition=competition)
    if stage == Stage.REGISTRATION and not entries.active().exists():
        work.append(OpenWork("no_entries", _("No innovation has been entered.")))
    if stage == Stage.SCREENING:
        count = entries.filter(status=EntryStatus.SUBMITTED).count()
        if count:
            work.append(
                OpenWork(
                    "unscreened_entries",
                    _("%(count)s entries have not been screened.") % {"count": count},
                    count,
                )
            )
    if stage in STAGE_ROUND:
        round = round_of(competition, STAGE_ROUND[stage])
        if round is not None:
            count = missing_results(round).count()
            if count:
                work.append(
                    OpenWork(
                        "missing_results",
                        _("%(count)s entries have no result in this round.") % {"count": count},
                        count,
                    )
                )
    if stage == Stage.PRESENTATION:
        round = round_of(competition, RoundKind.PRESENTATION)
        if round is not None:
            count = entries_for_round(round).exclude(slots__round=round).count()
            if count:
                work.append(
                    OpenWork(
                        "unscheduled_entries",
                        _("%(count)s shortlisted entries have no presentation slot.")
                        % {"count": count},
                        count,
                    )
                )
    if stage == Stage.SHORTLIST and not entries.shortlisted().exists():
        work.append(OpenWork("empty_shortlist", _("The shortlist is empty.")))
    if stage == Stage.OBJECTION:
        pending = Objection.objects.filter(
            entry__competition=competition, status=ObjectionStatus.PENDING
        ).count()
        if pending:
            work.append(
                OpenWork(
                    "unresolved_objections",
                    _("%(count)s objections are waiting for a decision.") % {"count": pending},
                    pending,
                )
            )
        if competition.objection_open(timezone.now()):
            work.append(
                OpenWork("objection_period_running", _("The objection period has not ended yet."))
            )
    for _receiver, items in stage_open_work.send(sender=Competition, competition=competition):
        work.extend(items or [])
    if stage == Stage.FINAL:
        unplaced = entries.shortlisted().filter(final_score__isnull=True).count()
        if unplaced or not entries.filter(is_winner=True).exists():
            work.append(
                OpenWork("no_final_results", _("The final scores and winners are not computed."))
            )
    return work


def next_stage(competition: Competition) -> str | None:
    index = stage_index(competition.stage)
    return STAGE_ORDER[index + 1] if index + 1 < len(STAGE_ORDER) else None


@transaction.atomic
def move_stage(
    actor: object, competition: Competition, to_stage: str, *, force: bool = False, reason: str = ""
) -> StageTransition:
    """Move to ``to_stage`` (the next stage, or back with a reason).

    Unfinished work refuses the move unless ``force`` is given with a reason; the move, the
    reason and the unfinished work are recorded and audited.
    """
    require_manager(actor, competition)
    competition = lock(competition)
    from_stage = competition.stage
    if to_stage not in STAGE_ORDER or to_stage == from_stage:
        raise DomainError(_("Choose another stage."), code="invalid_stage")
    if from_stage == Stage.ANNOUNCED:
        raise DomainError(_("An announced competition cannot change stage."), code="announced")
    forward = stage_index(to_stage) > stage_index(from_stage)
    if forward and stage_index(to_stage) != stage_index(from_stage) + 1:
        raise DomainError(_("Stages are passed one at a time."), code="skip")
    reason = reason.strip()
    if not forward and not reason:
        raise DomainError(_("Give the reason for going back."), field="reason", code="reason")
    _closing(actor, competition, from_stage)
    work = open_work(competition) if forward else []
    if work and not force:
        raise DomainError(
            _("The stage has unfinished work: %(work)s")
            % {"work": " ".join(item.message for item in work)},
            code="open_work",
        )
    if work and not reason:
        raise DomainError(
            _("Moving on with unfinished work needs a reason."), field="reason", code="reason"
        )
    _leave(competition, from_stage)
    competition.stage = to_stage
    now = timezone.now()
    if to_stage == Stage.OBJECTION:
        competition.objection_opens_at = now
        competition.objection_closes_at = now + timezone.timedelta(days=competition.objection_days)
    if to_stage == Stage.ANNOUNCED:
        competition.announced_at = now
    competition.save()
    _enter(actor, competition, to_stage)
    transition = StageTransition.objects.create(
        competition=competition,
        from_stage=from_stage,
        to_stage=to_stage,
        forced=bool(work),
        reason=reason,
        open_work=[item.as_dict() for item in work],
        actor=actor if getattr(actor, "pk", None) else None,
    )
    record(
        "competitions.stage_moved",
        competition,
        {
            "from": from_stage,
            "to": to_stage,
            "forced": bool(work),
            "reason": reason,
            "open_work": [item.code for item in work],
        },
    )
    return transition


def _closing(actor: object, competition: Competition, stage: str) -> None:
    """Let the jury record the results of the stage's round before the move checks them."""
    kind = STAGE_ROUND.get(stage)
    round = round_of(competition, kind) if kind else None
    if round is not None and round.state == RoundState.OPEN:
        round_closing.send(sender=Round, round=round, actor=actor)


def _leave(competition: Competition, stage: str) -> None:
    kind = STAGE_ROUND.get(stage)
    round = round_of(competition, kind) if kind else None
    if round is not None and round.state != RoundState.CLOSED:
        round.state = RoundState.CLOSED
        round.closed_at = timezone.now()
        round.save()


def _enter(actor: object, competition: Competition, stage: str) -> None:
    kind = STAGE_ROUND.get(stage)
    round = round_of(competition, kind) if kind else None
    if round is not None and round.state == RoundState.PENDING:
        round.state = RoundState.OPEN
        round.save()
    if stage == Stage.ANNOUNCED:
        _record_awards(competition)
        from .certificates import issue_certificates

        issue_certificates(actor, competition)


def _record_awards(competition: Competition) -> None:
    """The announced outcome becomes awards on the innovations, read by later eligibility checks."""
    with translation.override(settings.LANGUAGE_CODE):
        for entry in (
            Entry.objects.filter(competition=competition).shortlisted().select_related("innovation")
        ):
            title = entry.award_title or _("Finalist")
            Award.objects.update_or_create(
                innovation=entry.innovation,
                source=AwardSource.PROVINCIAL,
                year=competition.year,
                title=f"{title} — {competition.name}"[:120],
                defaults={
                    "entry": entry,
                    "is_top_winner": entry.is_winner,
                    "is_shortlisting": True,
                },
            )


def can_see_results(user: object, competition: Competition) -> bool:
    """Final scores and winners: the public after the announcement, the secretariat always."""
    return competition.is_announced or policies.can_manage(user, competition)


@transaction.atomic
def save_setup(actor: object, competition: Competition, formsets: list) -> None:  # type: ignore[type-arg]
    """Save the categories, timeline, rounds, checklist and juror pool edited together."""
    require_manager(actor, competition)
    if competition.stage == Stage.ANNOUNCED:
        raise DomainError(_("An announced competition can no longer be changed."), code="announced")
    for formset in formsets:
        formset.save()
