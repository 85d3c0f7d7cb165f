"""The rule counted directly, in plain Python over the rows, written apart from the board.

It reads the rows with the plainest queries and applies the rule as the README states it; the
board must arrive at the same numbers through the database.
"""

from collections import Counter, defaultdict

from django.db.models import Q
from django.utils import timezone

from satu.agencies.models import Agency
from satu.innovations.models import Innovation
from satu.regions.models import Region

from ..models import Exemption, ProgrammeYear


def _day(moment):
    return timezone.localtime(moment).date() if moment is not None else None


def _on_time(innovation, deadline):
    submitted = _day(innovation.submitted_at)
    if submitted is not None:
        return submitted <= deadline
    accepted = _day(innovation.accepted_at)
    return innovation.status == "accepted" and accepted is not None and accepted <= deadline


def agency_statuses(year: ProgrammeYear, province: Region | None) -> dict[int, str]:
    deadline = year.registration_deadline
    agencies = Agency.objects.all()
    if province is not None:
        agencies = agencies.filter(Q(region=province) | Q(region__parent=province))
    innovations = defaultdict(list)
    for innovation in Innovation.objects.filter(programme_year=year.year):
        innovations[innovation.agency_id].append(innovation)
    exempt = set(
        Exemption.objects.filter(programme_year=year, status="confirmed").values_list(
            "agency_id", flat=True
        )
    )
    statuses = {}
    for agency in agencies:
        if agency.type not in year.obliged_types:
            continue
        if agency.valid_from is not None and agency.valid_from > deadline:
            continue
        if agency.valid_until is not None and agency.valid_until < deadline:
            continue
        own = innovations[agency.pk]
        if agency.pk in exempt:
            status = "exempt"
        elif any(_counts(i, year) for i in own):
            status = "complied"
        elif year.counting_rule == "accepted" and any(
            i.status in ("submitted", "approved", "verified") and _on_time(i, deadline) for i in own
        ):
            status = "waiting"
        elif any(i.status != "withdrawn" for i in own):
            status = "started"
        else:
            status = "nothing"
        statuses[agency.pk] = status
    return statuses


def _counts(innovation, year):
    if not _on_time(innovation, year.registration_deadline):
        return False
    if year.counting_rule == "accepted":
        return innovation.status == "accepted"
    return innovation.status in ("submitted", "approved", "verified", "accepted")


def direct_totals(year: ProgrammeYear, province: Region | None) -> dict[str, int]:
    counter = Counter(agency_statuses(year, province).values())
    totals = {s: counter.get(s, 0) for s in ("complied", "waiting", "started", "nothing", "exempt")}
    totals["obliged"] = sum(v for k, v in totals.items() if k != "exempt")
    return totals


def direct_by_region(year: ProgrammeYear, province: Region | None) -> dict[str, Counter]:
    statuses = agency_statuses(year, province)
    codes = dict(Agency.objects.filter(pk__in=statuses).values_list("pk", "region__code"))
    result: dict[str, Counter] = defaultdict(Counter)
    for pk, status in statuses.items():
        result[codes[pk]][status] += 1
    return result
