"""The rule of "Satu OPD Satu Inovasi": which agency must comply in a year, and when it has.

Let Y be a programme year with its settings (:class:`~satu.compliance.models.ProgrammeYear`):
the registration deadline D (a day; "by the deadline" means before 00:00 of the day after D in
the programme's time zone, Asia/Jakarta), the obliged agency types and the counting rule.

**Obliged.** An agency must comply in year Y when its type is one of the obliged types and it
existed on the deadline day: ``valid_from`` is empty or on/before D, and ``valid_until`` is
empty or on/after D. So an agency that ended (was merged or dissolved) before D is not obliged;
its successor is obliged on its own account, and the predecessor's innovations do not pass to
it. An agency created after D is not obliged that year.

**Exempt.** An obliged agency with a *confirmed* exemption for Y is exempt: it leaves the
denominator. A requested (pending), rejected or revoked exemption changes nothing. Exempt
takes precedence over every other status, even when the agency has an innovation that counts.

Every other obliged agency has exactly one of these statuses, the first that applies:

1. **complied** — it has an innovation of programme year Y that *counts*:

   - rule "accepted" (the default): the innovation's status is accepted, and it was first
     submitted by the deadline. Acceptance may come after the deadline: an innovation
     submitted on time and accepted later counts from the moment it is accepted; one first
     submitted after the deadline never counts for Y, even once accepted.
   - rule "submitted": the innovation was first submitted by the deadline and is still in the
     approval chain or accepted (submitted, approved, verified or accepted).

   ``submitted_at`` is the *first* submission, so an innovation submitted on time, returned
   and resubmitted after the deadline keeps its on-time submission. An accepted innovation
   without a submission time (an imported record) uses its acceptance time instead.
2. **waiting** — (rule "accepted" only) it has an innovation submitted by the deadline that is
   waiting in the approval chain (submitted, approved or verified): it will count once the
   secretariat accepts it. Under rule "submitted" such an innovation already counts.
3. **started** — it has an innovation of Y that does not count as it stands: a draft, one
   returned for correction (not complied, whatever the rule), or one first submitted after
   the deadline.
4. **nothing** — no innovation of Y, or only withdrawn ones.

The board counts: obliged = complied + waiting + started + nothing (exempt agencies are
counted apart and are not part of "obliged"); the compliance rate is complied / obliged.

The database does the counting (:mod:`satu.compliance.board`); this module only builds the
conditions, so that the board, the exports, the API and the reminders share one definition.
"""

from django.db.models import Q

from satu.innovations.models import IN_REVIEW, Status

from .models import CountingRule, ExemptionStatus, ProgrammeYear

COMPLIED = "complied"
WAITING = "waiting"
STARTED = "started"
NOTHING = "nothing"
EXEMPT = "exempt"

# Order of the statuses in tables and charts, best first.
STATUSES = (COMPLIED, WAITING, STARTED, NOTHING, EXEMPT)
# Agencies that have not complied (reminders go to them).
NOT_COMPLIED = (WAITING, STARTED, NOTHING)

# Innovation statuses that can make an agency comply under each rule.
_COUNTING_STATUSES = {
    CountingRule.ACCEPTED: (Status.ACCEPTED,),
    CountingRule.SUBMITTED: (*IN_REVIEW, Status.ACCEPTED),
}


def obliged_q(year: ProgrammeYear, prefix: str = "") -> Q:
    """Agencies that must comply in ``year`` (before exemptions)."""
    p = f"{prefix}__" if prefix else ""
    day = year.registration_deadline
    return (
        Q(**{f"{p}type__in": list(year.obliged_types)})
        & (Q(**{f"{p}valid_from__isnull": True}) | Q(**{f"{p}valid_from__lte": day}))
        & (Q(**{f"{p}valid_until__isnull": True}) | Q(**{f"{p}valid_until__gte": day}))
    )


def on_time_q(year: ProgrammeYear, prefix: str = "") -> Q:
    """Innovations first submitted by the deadline (acceptance time when never submitted)."""
    p = f"{prefix}__" if prefix else ""
    end = year.deadline_end
    return Q(**{f"{p}submitted_at__lt": end}) | Q(
        **{
            f"{p}submitted_at__isnull": True,
            f"{p}status": Status.ACCEPTED,
            f"{p}accepted_at__lt": end,
        }
    )


def complied_q(year: ProgrammeYear, prefix: str = "") -> Q:
    """Innovations of ``year`` that make their agency comply (the year itself is not tested)."""
    p = f"{prefix}__" if prefix else ""
    statuses = _COUNTING_STATUSES[CountingRule(year.counting_rule)]
    return Q(**{f"{p}status__in": list(statuses)}) & on_time_q(year, prefix)


def waiting_q(year: ProgrammeYear, prefix: str = "") -> Q:
    """Innovations that will make their agency comply once accepted."""
    p = f"{prefix}__" if prefix else ""
    if year.counting_rule != CountingRule.ACCEPTED:
        return Q(**{f"{p}pk__in": []})
    return Q(**{f"{p}status__in": list(IN_REVIEW)}) & on_time_q(year, prefix)


def started_q(year: ProgrammeYear, prefix: str = "") -> Q:
    """Any innovation of the year that was not withdrawn (weaker statuses are tested first)."""
    p = f"{prefix}__" if prefix else ""
    return Q(**{f"{p}pk__isnull": False}) & ~Q(**{f"{p}status": Status.WITHDRAWN})


def exempt_q(year: ProgrammeYear, prefix: str = "") -> Q:
    p = f"{prefix}__" if prefix else ""
    return Q(**{f"{p}programme_year": year.pk, f"{p}status": ExemptionStatus.CONFIRMED})
