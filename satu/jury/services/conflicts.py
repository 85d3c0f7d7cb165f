"""Conflicts of interest from the live organisation tree, declarations and the secretariat.

Every check that matters (what a juror may see, the assignment, presentation panels, the
aggregation) calls :func:`conflicts_between`, which derives the organisation-tree conflicts
from the current data instead of trusting a stored copy: an agency moved under another parent
or a juror's new workplace takes effect at once. :func:`refresh_conflicts` stores the derived
conflicts too, so that the secretariat sees them listed and every change is in the audit log.

A juror's affiliations are the agency and home kabupaten/kota recorded in the pool, plus the
agencies and kabupaten/kota of the juror's own role memberships (an operator of an agency, a
regional administrator of a kabupaten/kota).
"""

from collections.abc import Iterable, Sequence

from django.db import transaction
from django.utils.translation import gettext as _

from satu.accounts.models import Membership
from satu.agencies.models import Agency
from satu.audit.services import record
from satu.competitions.models import Competition, CompetitionJuror, Entry
from satu.core.errors import DomainError
from satu.regions.models import Region, RegionKind

from .. import conflicts as calc
from ..conflicts import ConflictReason, ConflictSet
from ..models import DERIVED_REASONS, Conflict, JurorAssignment
from .common import actor_or_none, require_manager


def affiliations(jurors: Sequence[CompetitionJuror]) -> list[calc.JurorAffiliation]:
    """Where each juror works and lives: one item per agency or region (there may be several)."""
    found: list[calc.JurorAffiliation] = []
    for juror in jurors:
        found.append(
            calc.JurorAffiliation(juror.pk, juror.agency_id, juror.home_region_id)
            if juror.agency_id or juror.home_region_id
            else calc.JurorAffiliation(juror.pk)
        )
    by_user: dict[int, list[CompetitionJuror]] = {}
    for juror in jurors:
        by_user.setdefault(juror.user_id, []).append(juror)
    memberships = Membership.objects.filter(user_id__in=by_user).values_list(
        "user_id", "agency_id", "region_id"
    )
    for user_id, agency_id, region_id in memberships:
        for juror in by_user[user_id]:
            if agency_id:
                found.append(calc.JurorAffiliation(juror.pk, agency_id=agency_id))
            else:
                found.append(calc.JurorAffiliation(juror.pk, home_region_id=region_id))
    return found


def org_tree(agency_ids: Iterable[int], region_ids: Iterable[int]) -> calc.OrgTree:
    """The agencies given with every agency above them, and their regions.

    Only the chains above the agencies involved are needed: an entry's agency is under a
    juror's agency exactly when the juror's agency is in the chain above the entry's.
    """
    nodes: dict[int, tuple[int, int | None]] = {}
    wanted = {agency_id for agency_id in agency_ids if agency_id}
    while wanted:
        rows = Agency.objects.filter(pk__in=wanted).values_list("pk", "region_id", "parent_id")
        wanted = set()
        for pk, region_id, parent_id in rows:
            nodes[pk] = (region_id, parent_id)
            if parent_id and parent_id not in nodes:
                wanted.add(parent_id)
    regions = {region_id for region_id, _parent in nodes.values()} | {
        region_id for region_id in region_ids if region_id
    }
    kinds = dict(Region.objects.filter(pk__in=regions).values_list("pk", "kind"))
    return calc.OrgTree(
        [calc.AgencyNode(pk, region_id, parent_id) for pk, (region_id, parent_id) in nodes.items()],
        [calc.RegionNode(pk, kind != RegionKind.PROVINCE) for pk, kind in kinds.items()],
    )


def conflicts_between(
    competition: Competition,
    *,
    jurors: Sequence[CompetitionJuror] | None = None,
    entries: Sequence[Entry] | None = None,
) -> ConflictSet:
    """Every conflict between these jurors and entries (default: the whole pool and all entries).

    Pairs are (CompetitionJuror id, Entry id).
    """
    if jurors is None:
        jurors = list(CompetitionJuror.objects.filter(competition=competition))
    if entries is None:
        entries = list(Entry.objects.filter(competition=competition).active())
    if not jurors or not entries:
        return ConflictSet()
    found = affiliations(jurors)
    tree = org_tree(
        {entry.agency_id for entry in entries} | {a.agency_id for a in found if a.agency_id},
        {a.home_region_id for a in found if a.home_region_id},
    )
    stored = Conflict.objects.filter(
        juror__in=[juror.pk for juror in jurors],
        entry__in=[entry.pk for entry in entries],
        reason__in=[ConflictReason.DECLARED, ConflictReason.SECRETARIAT],
    ).values_list("juror_id", "entry_id", "reason", "detail")
    declared, secretariat = [], []
    for juror_id, entry_id, reason, detail in stored:
        if reason == ConflictReason.DECLARED:
            declared.append(calc.DeclaredConflict(juror_id, entry_id, detail or "-"))
        else:
            secretariat.append(calc.SecretariatConflict(juror_id, entry_id, detail))
    return calc.derive_conflicts(
        tree,
        found,
        [calc.EntryOrigin(entry.pk, entry.agency_id) for entry in entries],
        declared,
        secretariat,
    )


def is_conflicted(juror: CompetitionJuror, entry: Entry) -> bool:
    return (juror.pk, entry.pk) in conflicts_between(
        juror.competition, jurors=[juror], entries=[entry]
    )


@transaction.atomic
def refresh_conflicts(competition: Competition) -> ConflictSet:
    """Store the organisation-tree conflicts as they are now (each change is audited)."""
    live = conflicts_between(competition)
    wanted = {
        (c.juror_id, c.entry_id, str(c.reason)) for c in live.all() if c.reason in DERIVED_REASONS
    }
    stored = {
        (juror_id, entry_id, reason): pk
        for pk, juror_id, entry_id, reason in Conflict.objects.filter(
            competition=competition, reason__in=DERIVED_REASONS
        ).values_list("pk", "juror_id", "entry_id", "reason")
    }
    for key in set(stored) - wanted:
        Conflict.objects.get(pk=stored[key]).delete()
    for juror_id, entry_id, reason in sorted(wanted - set(stored)):
        Conflict.objects.create(
            competition=competition, juror_id=juror_id, entry_id=entry_id, reason=reason
        )
    return live


def _drop_assignments(juror: CompetitionJuror, entry: Entry) -> int:
    """A new conflict ends the pair's assignments; the sheets stay for the record, unused."""
    assignments = list(JurorAssignment.objects.filter(juror=juror, entry=entry))
    for assignment in assignments:
        record(
            "jury.assignment_removed",
            assignment.round,
            {"juror": juror.pk, "entry": entry.pk, "because": "conflict"},
        )
        assignment.delete()
    return len(assignments)


@transaction.atomic
def declare_conflict(actor: object, juror: CompetitionJuror, entry: Entry, reason: str) -> Conflict:
    """The juror declares a conflict with an entry; the juror no longer sees or scores it."""
    if getattr(actor, "pk", None) != juror.user_id:
        raise DomainError(_("Only the juror may declare a conflict of interest."), code="not_juror")
    if entry.competition_id != juror.competition_id:
        raise DomainError(_("The entry is not in this competition."), code="entry")
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(
            _("Say briefly why you have a conflict of interest."), field="reason", code="reason"
        )
    conflict, _created = Conflict.objects.get_or_create(
        competition_id=juror.competition_id,
        juror=juror,
        entry=entry,
        reason=ConflictReason.DECLARED,
        defaults={"detail": reason[:2000], "created_by": actor_or_none(actor)},
    )
    _drop_assignments(juror, entry)
    record("jury.conflict_declared", conflict, {"juror": juror.pk, "entry": entry.pk})
    return conflict


@transaction.atomic
def set_conflict(actor: object, juror: CompetitionJuror, entry: Entry, note: str = "") -> Conflict:
    """The secretariat rules a conflict between a juror and an entry."""
    require_manager(actor, juror.competition)
    if entry.competition_id != juror.competition_id:
        raise DomainError(_("The entry is not in this competition."), code="entry")
    conflict, created = Conflict.objects.get_or_create(
        competition_id=juror.competition_id,
        juror=juror,
        entry=entry,
        reason=ConflictReason.SECRETARIAT,
        defaults={"detail": (note or "").strip()[:2000], "created_by": actor_or_none(actor)},
    )
    if not created:
        raise DomainError(_("This conflict is already recorded."), code="exists")
    _drop_assignments(juror, entry)
    return conflict


@transaction.atomic
def lift_conflict(actor: object, conflict: Conflict) -> None:
    """The secretariat lifts a conflict it set; derived and declared ones stay."""
    require_manager(actor, conflict.competition)
    if conflict.reason != ConflictReason.SECRETARIAT:
        raise DomainError(
            _("Only conflicts set by the secretariat can be lifted."), code="not_secretariat"
        )
    conflict.delete()
