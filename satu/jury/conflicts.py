"""Conflicts of interest between jurors and entries, as hard constraints.

A conflict is a (juror, entry) pair that must never be assigned, with every reason that makes
it one. Reasons come from three sources:

1. **The organisation tree** (derived, nobody has to remember them):

   - ``own_agency``: the entry comes from the juror's own agency;
   - ``superior_agency``: the entry comes from an agency above the juror's agency (its parent,
     and the parent's parent and so on: a juror of a UPTD does not judge its dinas);
   - ``subordinate_agency``: the entry comes from an agency below the juror's agency (its
     children and their children: a juror of a dinas does not judge its UPTD);
   - ``same_region_agency``: the entry comes from a kabupaten/kota and the juror works for an
     agency of that same kabupaten/kota;
   - ``same_region_home``: the entry comes from a kabupaten/kota and the juror's home region is
     that kabupaten/kota.

   The issue names the parent and the children; the whole chain of command is covered because
   a Sekretariat Daerah official judging a bagian under one of its biro is just as conflicted.
   Agencies never have a parent in another region, so the chain stays inside one region.
   Provincial entries do not conflict with jurors merely for being in the same province, or
   every internal juror would be excluded.

2. **Declarations** by the juror, with a reason (``declared``).
3. **The secretariat**, with an optional note (``secretariat``).

Everything is plain data in and out: the competition app turns its models into
``AgencyNode``/``RegionNode``/``JurorAffiliation``/``EntryOrigin`` and stores the resulting
``ConflictSet`` (or recomputes it) before assignment.
"""

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from .ids import Id, id_order


class ConflictReason(StrEnum):
    OWN_AGENCY = "own_agency"
    SUPERIOR_AGENCY = "superior_agency"
    SUBORDINATE_AGENCY = "subordinate_agency"
    SAME_REGION_AGENCY = "same_region_agency"
    SAME_REGION_HOME = "same_region_home"
    DECLARED = "declared"
    SECRETARIAT = "secretariat"

    @property
    def text(self):
        return REASON_TEXTS[self]


REASON_TEXTS = {
    ConflictReason.OWN_AGENCY: _("The entry comes from the juror's own agency."),
    ConflictReason.SUPERIOR_AGENCY: _("The entry comes from an agency above the juror's agency."),
    ConflictReason.SUBORDINATE_AGENCY: _(
        "The entry comes from an agency under the juror's agency."
    ),
    ConflictReason.SAME_REGION_AGENCY: _(
        "The juror works for an agency of the entry's kabupaten/kota."
    ),
    ConflictReason.SAME_REGION_HOME: _("The juror's home region is the entry's kabupaten/kota."),
    ConflictReason.DECLARED: _("Declared by the juror."),
    ConflictReason.SECRETARIAT: _("Set by the secretariat."),
}


@dataclass(frozen=True)
class AgencyNode:
    id: Id
    region_id: Id
    parent_id: Id | None = None


@dataclass(frozen=True)
class RegionNode:
    id: Id
    is_kabupaten_kota: bool


@dataclass(frozen=True)
class JurorAffiliation:
    """Where a juror works and lives. Independent jurors have no agency."""

    id: Id
    agency_id: Id | None = None
    home_region_id: Id | None = None


@dataclass(frozen=True)
class EntryOrigin:
    """The agency that entered an innovation; its region follows from the tree."""

    id: Id
    agency_id: Id


@dataclass(frozen=True)
class DeclaredConflict:
    juror_id: Id
    entry_id: Id
    reason: str

    def __post_init__(self) -> None:
        if not self.reason or not self.reason.strip():
            raise ValueError("A declared conflict needs a reason.")


@dataclass(frozen=True)
class SecretariatConflict:
    juror_id: Id
    entry_id: Id
    note: str = ""


@dataclass(frozen=True)
class Conflict:
    """One reason why ``juror_id`` must not judge ``entry_id``."""

    juror_id: Id
    entry_id: Id
    reason: ConflictReason
    detail: str = ""

    @property
    def pair(self) -> tuple[Id, Id]:
        return (self.juror_id, self.entry_id)


class OrgTree:
    """Agencies with their parent and region, and which regions are kabupaten/kota."""

    def __init__(self, agencies: Iterable[AgencyNode], regions: Iterable[RegionNode]) -> None:
        self.agencies = {agency.id: agency for agency in agencies}
        self.local_regions = frozenset(region.id for region in regions if region.is_kabupaten_kota)
        self._children: dict[Id, list[Id]] = defaultdict(list)
        for agency in self.agencies.values():
            if agency.parent_id is not None:
                if agency.parent_id not in self.agencies:
                    raise ValueError(f"Agency {agency.id!r} has an unknown parent.")
                self._children[agency.parent_id].append(agency.id)

    def agency(self, agency_id: Id) -> AgencyNode:
        try:
            return self.agencies[agency_id]
        except KeyError:
            # A silently unknown agency would silently drop a hard constraint.
            raise ValueError(f"Unknown agency {agency_id!r}.") from None

    def ancestors(self, agency_id: Id) -> list[Id]:
        result = []
        seen = {agency_id}
        parent = self.agency(agency_id).parent_id
        while parent is not None and parent not in seen:
            result.append(parent)
            seen.add(parent)
            parent = self.agencies[parent].parent_id
        return result

    def descendants(self, agency_id: Id) -> list[Id]:
        result = []
        seen = {agency_id}
        stack = list(self._children.get(agency_id, ()))
        while stack:
            child = stack.pop()
            if child in seen:
                continue
            seen.add(child)
            result.append(child)
            stack.extend(self._children.get(child, ()))
        return result

    def local_region_of(self, agency_id: Id) -> Id | None:
        """The agency's kabupaten/kota, or None for a provincial agency."""
        region_id = self.agency(agency_id).region_id
        return region_id if region_id in self.local_regions else None


class ConflictSet:
    """Conflicts grouped by (juror, entry) pair; ``(juror_id, entry_id) in conflicts``."""

    def __init__(self, conflicts: Iterable[Conflict] = ()) -> None:
        self._by_pair: dict[tuple[Id, Id], list[Conflict]] = defaultdict(list)
        self._entries_of: dict[Id, set[Id]] = defaultdict(set)
        self._jurors_of: dict[Id, set[Id]] = defaultdict(set)
        for conflict in conflicts:
            reasons = self._by_pair[conflict.pair]
            if conflict not in reasons:
                reasons.append(conflict)
            self._entries_of[conflict.juror_id].add(conflict.entry_id)
            self._jurors_of[conflict.entry_id].add(conflict.juror_id)

    @classmethod
    def from_pairs(cls, pairs: Iterable[tuple[Id, Id]]) -> "ConflictSet":
        """Conflicts without a derivation, e.g. loaded from storage, as set by the secretariat."""
        return cls(Conflict(juror, entry, ConflictReason.SECRETARIAT) for juror, entry in pairs)

    def __contains__(self, pair: object) -> bool:
        return pair in self._by_pair

    def __len__(self) -> int:
        return len(self._by_pair)

    def __iter__(self) -> Iterator[tuple[Id, Id]]:
        return iter(sorted(self._by_pair, key=_pair_order))

    @property
    def pairs(self) -> frozenset[tuple[Id, Id]]:
        return frozenset(self._by_pair)

    def reasons(self, juror_id: Id, entry_id: Id) -> tuple[Conflict, ...]:
        """Every reason for the pair, in the order of ``ConflictReason``; empty if none."""
        order = list(ConflictReason)
        found = self._by_pair.get((juror_id, entry_id), ())
        return tuple(sorted(found, key=lambda c: (order.index(c.reason), c.detail)))

    def entries_of(self, juror_id: Id) -> frozenset[Id]:
        return frozenset(self._entries_of.get(juror_id, ()))

    def jurors_of(self, entry_id: Id) -> frozenset[Id]:
        return frozenset(self._jurors_of.get(entry_id, ()))

    def count_by_reason(self) -> dict[ConflictReason, int]:
        """How many pairs each reason applies to (a pair may have several reasons)."""
        counts = dict.fromkeys(ConflictReason, 0)
        for reasons in self._by_pair.values():
            for reason in {conflict.reason for conflict in reasons}:
                counts[reason] += 1
        return counts

    def __or__(self, other: "ConflictSet") -> "ConflictSet":
        return ConflictSet([*self.all(), *other.all()])

    def all(self) -> list[Conflict]:
        """Every conflict (pair and reason), pairs in id order."""
        return [conflict for pair in self for conflict in self.reasons(*pair)]


def _pair_order(pair: tuple[Id, Id]):
    return (id_order(pair[0]), id_order(pair[1]))


def derive_conflicts(
    tree: OrgTree,
    jurors: Iterable[JurorAffiliation],
    entries: Iterable[EntryOrigin],
    declared: Iterable[DeclaredConflict] = (),
    secretariat: Iterable[SecretariatConflict] = (),
) -> ConflictSet:
    """Every conflict between the jurors and the entries, with its reasons."""
    entries_by_agency: dict[Id, list[Id]] = defaultdict(list)
    entries_by_local_region: dict[Id, list[Id]] = defaultdict(list)
    for entry in entries:
        entries_by_agency[entry.agency_id].append(entry.id)
        region = tree.local_region_of(entry.agency_id)
        if region is not None:
            entries_by_local_region[region].append(entry.id)

    found: list[Conflict] = []
    for juror in jurors:

        def add(entry_ids, reason, juror=juror):
            found.extend(Conflict(juror.id, entry_id, reason) for entry_id in entry_ids)

        if juror.agency_id is not None:
            add(entries_by_agency.get(juror.agency_id, ()), ConflictReason.OWN_AGENCY)
            for agency_id in tree.ancestors(juror.agency_id):
                add(entries_by_agency.get(agency_id, ()), ConflictReason.SUPERIOR_AGENCY)
            for agency_id in tree.descendants(juror.agency_id):
                add(entries_by_agency.get(agency_id, ()), ConflictReason.SUBORDINATE_AGENCY)
            region = tree.local_region_of(juror.agency_id)
            if region is not None:
                add(entries_by_local_region.get(region, ()), ConflictReason.SAME_REGION_AGENCY)
        if juror.home_region_id in tree.local_regions:
            add(
                entries_by_local_region.get(juror.home_region_id, ()),
                ConflictReason.SAME_REGION_HOME,
            )

    found.extend(
        Conflict(item.juror_id, item.entry_id, ConflictReason.DECLARED, item.reason.strip())
        for item in declared
    )
    found.extend(
        Conflict(item.juror_id, item.entry_id, ConflictReason.SECRETARIAT, item.note.strip())
        for item in secretariat
    )
    return ConflictSet(found)
