"""Reminders before the deadline and escalations after it.

A programme year has *steps*: one per reminder offset ("before-30", "before-14", …, days
before the deadline) and one per escalation offset ("after-1", "after-7", days after it). The
daily command (``manage.py send_compliance_reminders``) finds the step that is current on the
day and queues tasks, in batches:

- before the deadline, operators and heads of every obliged agency that has not complied
  (waiting, in preparation or nothing yet; exempt agencies are left alone) get one email per
  agency saying what is missing and where to do it;
- after it, the regional administrator of each kabupaten/kota gets one email listing the
  agencies of the kabupaten/kota that have not complied, and the secretariat one summary of
  the province (provincial agencies have no regional administrator: the secretariat is
  theirs).

A step is current from its day until the next step's day (the last one for
:data:`CATCH_UP_DAYS` days), so a scheduler that skipped a day catches up, while a step that
was missed entirely is not sent late, and an old year never sends anything. Every email is
logged in :class:`~satu.compliance.models.ReminderLog` under (year, agency, recipient, step),
whose unique constraint makes sending idempotent: running the command twice sends nothing new.
"""

import datetime
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from itertools import batched

from django.db import transaction
from django.db.models import QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from satu.accounts.models import Membership, Role
from satu.agencies.models import Agency
from satu.core.mail import queue_email
from satu.innovations.models import Innovation
from satu.regions.models import Region

from . import rules
from .board import (
    STATUS_LABELS,
    Board,
    compute_board,
    home_province,
    region_label,
)
from .models import ProgrammeYear, ReminderLog

CATCH_UP_DAYS = 7
BATCH_SIZE = 200
AGENCY_ROLES = (Role.OPERATOR, Role.AGENCY_HEAD)


@dataclass(frozen=True)
class Step:
    key: str
    before: bool
    days: int
    date: datetime.date


def steps(year: ProgrammeYear) -> list[Step]:
    deadline = year.registration_deadline
    result = [
        Step(f"before-{days}", True, days, deadline - datetime.timedelta(days=days))
        for days in year.reminder_days
    ] + [
        Step(f"after-{days}", False, days, deadline + datetime.timedelta(days=days))
        for days in year.escalation_days
    ]
    return sorted(result, key=lambda step: step.date)


def current_step(year: ProgrammeYear, today: datetime.date) -> Step | None:
    ordered = steps(year)
    for index, step in enumerate(ordered):
        if index + 1 < len(ordered):
            until = ordered[index + 1].date
        else:
            until = step.date + datetime.timedelta(days=CATCH_UP_DAYS)
        if step.date <= today < until:
            return step
    return None


def find_step(year: ProgrammeYear, key: str) -> Step:
    for step in steps(year):
        if step.key == key:
            return step
    raise ValueError(f"{key!r} is not a step of {year}")


def innovations_path() -> str:
    """Where operators register and submit innovations (the back-office innovation list)."""
    try:
        return reverse("innovations:list")
    except NoReverseMatch:
        return "/kelola/inovasi/"


# -- planning: the daily command ----------------------------------------------------------------


@dataclass(frozen=True)
class Planned:
    year: int
    step: str
    agencies: int
    tasks: int


def plan_reminders(today: datetime.date, *, year: int | None = None) -> list[Planned]:
    """Queue the tasks of the step that is current ``today`` for each programme year."""
    from . import tasks

    planned = []
    day = today.isoformat()  # tasks take plain values
    years = ProgrammeYear.objects.order_by("year")
    if year is not None:
        years = years.filter(year=year)
    for programme_year in years:
        step = current_step(programme_year, today)
        if step is None:
            continue
        board = compute_board(programme_year)
        pending = list(board.agencies(statuses=rules.NOT_COMPLIED).values_list("pk", "region_id"))
        queued = 0
        if step.before:
            for batch in batched([pk for pk, _region in pending], BATCH_SIZE):
                _enqueue(tasks.send_agency_reminders_task, programme_year.pk, step.key, batch, day)
                queued += 1
        elif pending:
            province = board.scope
            regions = sorted({region_id for _pk, region_id in pending})
            for region_id in regions:
                if province is not None and region_id == province.pk:
                    continue
                _enqueue(
                    tasks.send_regional_escalation_task, programme_year.pk, step.key, region_id, day
                )
                queued += 1
            _enqueue(tasks.send_secretariat_escalation_task, programme_year.pk, step.key, day)
            queued += 1
        planned.append(Planned(programme_year.year, step.key, len(pending), queued))
    return planned


def _enqueue(task: object, *args: object) -> None:
    arguments = [list(arg) if isinstance(arg, tuple) else arg for arg in args]
    transaction.on_commit(lambda: task.enqueue(*arguments))  # type: ignore[attr-defined]


# -- sending: the tasks ------------------------------------------------------------------------


def _lock_year(programme_year_id: int) -> ProgrammeYear:
    # Serialises the reminder tasks of a year so that two of them never send the same email.
    return ProgrammeYear.objects.select_for_update().get(pk=programme_year_id)


def _already_sent(year: ProgrammeYear, step: str, agency_ids: list[int]) -> set[tuple[int, int]]:
    return set(
        ReminderLog.objects.filter(
            programme_year=year, step=step, agency_id__in=agency_ids
        ).values_list("agency_id", "recipient_id")
    )


def _pending_agencies(board: Board, agency_ids: list[int] | None = None) -> list[Agency]:
    within = Agency.objects.filter(pk__in=agency_ids) if agency_ids is not None else None
    return list(board.agencies(statuses=rules.NOT_COMPLIED, within=within))


def _innovations_by_agency(year: ProgrammeYear, agencies: list[Agency]) -> dict[int, list]:
    result: dict[int, list] = defaultdict(list)
    innovations = Innovation.objects.filter(
        programme_year=year.year, agency__in=[a.pk for a in agencies]
    ).exclude(status="withdrawn")
    for innovation in innovations.order_by("name"):
        result[innovation.agency_id].append(innovation)
    return result


def _context(year: ProgrammeYear, step: Step, today: str) -> dict[str, object]:
    """What every email of a step says; ``today`` is the day the command ran for."""
    day = datetime.date.fromisoformat(today) if today else timezone.localdate()
    return {
        "year": year,
        "step": step,
        "deadline": year.registration_deadline,
        "days_left": year.days_left(day),
        "days_late": -year.days_left(day),
        "innovations_path": innovations_path(),
        "board_path": reverse("compliance:backoffice_board", args=[year.year]),
    }


@transaction.atomic
def send_agency_reminders(
    programme_year_id: int, step_key: str, agency_ids: list[int], today: str = ""
) -> int:
    """Email operators and heads of these agencies that have still not complied."""
    year = _lock_year(programme_year_id)
    step = find_step(year, step_key)
    agencies = _pending_agencies(compute_board(year), agency_ids)
    if not agencies:
        return 0
    innovations = _innovations_by_agency(year, agencies)
    by_id = {agency.pk: agency for agency in agencies}
    sent = _already_sent(year, step.key, list(by_id))
    members = (
        Membership.objects.active()
        .filter(role__in=AGENCY_ROLES, agency_id__in=list(by_id))
        .select_related("user")
        .order_by("agency_id", "user_id")
    )
    context = _context(year, step, today)
    logs = []
    for membership in members:
        key = (membership.agency_id, membership.user_id)
        if key in sent:  # already reminded at this step (or holds both roles)
            continue
        sent.add(key)
        agency = by_id[membership.agency_id]
        logs.append(
            ReminderLog(
                programme_year=year, agency=agency, recipient=membership.user, step=step.key
            )
        )
        queue_email(
            membership.user,
            "compliance/email/agency_reminder",
            {
                **context,
                "agency": agency,
                "status": agency.status,  # type: ignore[attr-defined]
                "innovations": innovations.get(agency.pk, []),
            },
        )
    ReminderLog.objects.bulk_create(logs)
    return len(logs)


def _log_digest(
    year: ProgrammeYear, step: Step, recipient: object, agencies: list[Agency], sent: set
) -> list[Agency]:
    """The agencies not yet reported to ``recipient`` at this step, logged as reported now."""
    new = [a for a in agencies if (a.pk, recipient.pk) not in sent]  # type: ignore[attr-defined]
    ReminderLog.objects.bulk_create(
        ReminderLog(programme_year=year, agency=a, recipient=recipient, step=step.key) for a in new
    )
    return new


def _send_digests(
    year: ProgrammeYear,
    step: Step,
    agencies: list[Agency],
    members: QuerySet[Membership],
    template: str,
    context_for: Callable[[list[Agency]], dict[str, object]],
) -> int:
    """One email per member listing the agencies not yet reported to them at this step."""
    sent = _already_sent(year, step.key, [a.pk for a in agencies])
    count = 0
    for membership in members.select_related("user").order_by("user_id"):
        new = _log_digest(year, step, membership.user, agencies, sent)
        if new:
            queue_email(membership.user, template, context_for(new))
            count += 1
    return count


@transaction.atomic
def send_regional_escalation(
    programme_year_id: int, step_key: str, region_id: int, today: str = ""
) -> int:
    """Tell the regional administrators which agencies of their kabupaten/kota did not comply."""
    year = _lock_year(programme_year_id)
    step = find_step(year, step_key)
    region = Region.objects.get(pk=region_id)
    agencies = _pending_agencies(compute_board(year, region=region))
    if not agencies:
        return 0
    innovations = _innovations_by_agency(year, agencies)
    context = _context(year, step, today)

    def context_for(new: list[Agency]) -> dict[str, object]:
        rows = [(a, STATUS_LABELS[a.status], innovations.get(a.pk, [])) for a in new]  # type: ignore[attr-defined]
        return {**context, "region": region, "agencies": rows}

    admins = Membership.objects.active().filter(role=Role.REGIONAL_ADMIN, region=region)
    return _send_digests(
        year, step, agencies, admins, "compliance/email/regional_escalation", context_for
    )


@transaction.atomic
def send_secretariat_escalation(programme_year_id: int, step_key: str, today: str = "") -> int:
    """Give the secretariat the province's agencies that did not comply, by region."""
    year = _lock_year(programme_year_id)
    step = find_step(year, step_key)
    province = home_province()
    if province is None:
        return 0
    board = compute_board(year, scope=province)
    agencies = _pending_agencies(board)
    if not agencies:
        return 0
    context = _context(year, step, today)

    def context_for(new: list[Agency]) -> dict[str, object]:
        by_region: dict[str, int] = defaultdict(int)
        by_status: dict[str, int] = defaultdict(int)
        for agency in new:
            by_region[region_label(agency.region.name, agency.region.kind)] += 1
            by_status[agency.status] += 1  # type: ignore[attr-defined]
        return {
            **context,
            "province": province,
            "count": len(new),
            "by_status": [
                (STATUS_LABELS[s], by_status[s]) for s in rules.NOT_COMPLIED if by_status[s]
            ],
            "by_region": sorted(by_region.items(), key=lambda item: (-item[1], item[0])),
            "totals": board.totals,
        }

    members = Membership.objects.active().filter(role=Role.SECRETARIAT, region=province)
    return _send_digests(
        year, step, agencies, members, "compliance/email/secretariat_escalation", context_for
    )
