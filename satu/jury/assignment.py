"""Automatic assignment of k jurors per entry, solved as a min-cost flow.

Input: the entries (with their urusan tags), the jurors (expertise tags, maximum load), k, the
conflicts of interest (hard: never assigned), and optional manual pairs from the secretariat:
``fixed`` pairs that must be kept and ``forbidden`` pairs that must not be made. A fixed pair
that is conflicted, unknown, over the juror's maximum load or over k for its entry is not kept
and is reported in ``AssignmentResult.rejected`` with the reason: conflicts stay hard.

Formulation
-----------
One network, solved by OR-Tools' ``SimpleMinCostFlow.solve_max_flow_with_min_cost`` (a maximum
flow of minimum cost; cost scaling push-relabel, exact and deterministic)::

    source --slot arcs--> entry e --pair arc--> juror j --load arcs--> sink

- *slot arcs*: entry e has k - f_e unit arcs (f_e its fixed pairs); the s-th slot costs C*s.
- *pair arcs*: one unit arc per allowed (entry, juror) pair (no conflict, not forbidden, not
  already fixed), cost B - b, where b = round(B * fit) rewards expertise (``expertise_fit``).
- *load arcs*: juror j (f_j fixed pairs, maximum load m_j) has unit arcs for the loads
  f_j+1 .. min(m_j, f_j + its allowed pairs); the arc of load t costs W*t. The cap is respected
  because no further arc exists.

Each unit of flow is one (entry, juror) pair, and each pair arc carries at most one unit, so
no juror sits twice on an entry. The maximum flow makes as many assignments as the conflicts
and caps allow: when k jurors for every entry is possible at all, every entry gets k. Among
maximum flows the cost is minimised, and the three terms act in strict order of priority:

1. *Coverage* (C): slot costs grow with the slot, so a shortage is spread (every entry gets
   its second juror before another gets its third).
2. *Balance* (W): the load arcs cost W * sum(l_j (l_j + 1) / 2), a strictly convex separable
   function of the loads. Load vectors of the flows with given entry coverage form an M-convex
   set, where a minimiser of a sum of squares is "decreasingly minimal" (Frank and Murota,
   2022): it has the smallest possible largest load and the largest possible smallest load at
   once, so max - min is the smallest the constraints allow, and at most 1 whenever any
   assignment with max - min <= 1 exists. (Loads are compared over jurors with a maximum load
   above zero.)
3. *Expertise* (B): the remaining freedom picks the pairs with the best fit.

The order is strict because an optimal flow has no negative cycle in its residual network.
Moving one unit of load from a juror at load a to one at load b <= a - 2 is such a cycle with
load cost <= -W, and it crosses each juror at most once, changing the expertise cost by less
than B * (jurors + 2) < W. A coverage improvement is a cycle through the source with cost
<= -C, crossing the sink at most once: the loads change its cost by less than W * (L + 1), L
being the largest possible load, and expertise by less than B * (jurors + 2), both below C.

Inputs are sorted by id before the network is built, so the result does not depend on their
order. 3,000 entries x 150 jurors x k=3 solve in 0.5-2 seconds on a shared two-core machine
(``satu.jury.benchmarks``).
"""

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

import numpy as np
from django.utils.functional import lazy
from django.utils.translation import gettext, gettext_lazy, ngettext
from ortools.graph.python.min_cost_flow import SimpleMinCostFlow

from .conflicts import ConflictSet
from .ids import Id, id_order

# Expertise granularity: the fit is rewarded in steps of 1/EXPERTISE_STEPS.
EXPERTISE_STEPS = 10


@dataclass(frozen=True)
class Juror:
    """A juror of the pool. ``max_load`` None means no limit; 0 means not available."""

    id: Id
    max_load: int | None = None
    expertise: frozenset = frozenset()

    def __post_init__(self) -> None:
        object.__setattr__(self, "expertise", frozenset(self.expertise))
        if self.max_load is not None and self.max_load < 0:
            raise ValueError(f"Juror {self.id!r} has a negative maximum load.")


@dataclass(frozen=True)
class Entry:
    """An entry to be judged, with the urusan (government affairs) it belongs to."""

    id: Id
    urusan: frozenset = frozenset()

    def __post_init__(self) -> None:
        object.__setattr__(self, "urusan", frozenset(self.urusan))


def expertise_fit(entry: Entry, juror: Juror) -> float | None:
    """The share of the entry's urusan that the juror knows; None if the entry has no urusan."""
    if not entry.urusan:
        return None
    return len(entry.urusan & juror.expertise) / len(entry.urusan)


class PairProblem(StrEnum):
    """Why a pair given by hand (fixed, or an edited assignment) cannot stand."""

    UNKNOWN_JUROR = "unknown_juror"
    UNKNOWN_ENTRY = "unknown_entry"
    DUPLICATE = "duplicate"
    CONFLICT = "conflict"
    FORBIDDEN = "forbidden"
    OVER_CAPACITY = "over_capacity"
    OVER_K = "over_k"

    @property
    def text(self):
        return PAIR_PROBLEM_TEXTS[self]


PAIR_PROBLEM_TEXTS = {
    PairProblem.UNKNOWN_JUROR: gettext_lazy("The juror is not in the pool."),
    PairProblem.UNKNOWN_ENTRY: gettext_lazy("The entry is not in this round."),
    PairProblem.DUPLICATE: gettext_lazy("The juror is already assigned to this entry."),
    PairProblem.CONFLICT: gettext_lazy("The juror has a conflict of interest with this entry."),
    PairProblem.FORBIDDEN: gettext_lazy("The secretariat excluded this juror for this entry."),
    PairProblem.OVER_CAPACITY: gettext_lazy("The juror has reached the maximum load."),
    PairProblem.OVER_K: gettext_lazy("The entry already has enough jurors."),
}


class ShortfallReason(StrEnum):
    """Why an entry has fewer than k jurors."""

    TOO_FEW_ELIGIBLE = "too_few_eligible"
    CAPACITY_EXHAUSTED = "capacity_exhausted"
    OPEN_SLOTS = "open_slots"


def _shortfall_text(reason: str, eligible: int, required: int) -> str:
    params = {"eligible": eligible, "required": required}
    if reason == ShortfallReason.TOO_FEW_ELIGIBLE:
        return (
            ngettext(
                "Only %(eligible)d juror may judge this entry (no conflict of interest, "
                "not excluded, available); %(required)d are needed.",
                "Only %(eligible)d jurors may judge this entry (no conflict of interest, "
                "not excluded, available); %(required)d are needed.",
                eligible,
            )
            % params
        )
    if reason == ShortfallReason.CAPACITY_EXHAUSTED:
        return (
            ngettext(
                "%(eligible)d juror may judge this entry, but the maximum load is used up "
                "by other entries.",
                "%(eligible)d jurors may judge this entry, but their maximum loads are used up "
                "by other entries.",
                eligible,
            )
            % params
        )
    return gettext("Jurors with remaining capacity could still be assigned to this entry.")


# Rendered when displayed, in the language active then.
shortfall_text = lazy(_shortfall_text, str)


@dataclass(frozen=True)
class AssignedPair:
    entry_id: Id
    juror_id: Id
    expertise_fit: float | None
    shared_urusan: frozenset
    fixed: bool = False


@dataclass(frozen=True)
class JurorLoad:
    juror_id: Id
    load: int
    max_load: int | None
    with_expertise: int
    """Assigned entries sharing at least one urusan with the juror's expertise."""

    @property
    def room(self) -> int | None:
        return None if self.max_load is None else self.max_load - self.load


@dataclass(frozen=True)
class EntryShortfall:
    """An entry with fewer than k jurors, and why."""

    entry_id: Id
    assigned: int
    required: int
    reason: ShortfallReason
    eligible: int
    """Jurors without conflict, not excluded and with a maximum load above zero."""
    conflicted: int
    excluded: int

    @property
    def missing(self) -> int:
        return self.required - self.assigned

    @property
    def message(self):
        return shortfall_text(self.reason, self.eligible, self.required)


@dataclass(frozen=True)
class PairIssue:
    """A pair given by hand that was not kept (``rejected``) or breaks a rule (``violations``)."""

    entry_id: Id
    juror_id: Id
    problem: PairProblem

    @property
    def message(self):
        return self.problem.text


class AssignmentProblem:
    """Everything the assignment needs, validated and sorted by id."""

    def __init__(
        self,
        entries: Iterable[Entry],
        jurors: Iterable[Juror],
        k: int,
        conflicts: ConflictSet | Iterable[tuple[Id, Id]] = (),
        *,
        fixed: Iterable[tuple[Id, Id]] = (),
        forbidden: Iterable[tuple[Id, Id]] = (),
    ) -> None:
        """Pairs are (juror_id, entry_id), as in ``ConflictSet``."""
        if not isinstance(k, int) or k < 1:
            raise ValueError("k must be a positive whole number.")
        self.k = k
        self.entries = tuple(sorted(entries, key=lambda entry: id_order(entry.id)))
        self.jurors = tuple(sorted(jurors, key=lambda juror: id_order(juror.id)))
        self.entry_index = {entry.id: i for i, entry in enumerate(self.entries)}
        self.juror_index = {juror.id: i for i, juror in enumerate(self.jurors)}
        if len(self.entry_index) != len(self.entries):
            raise ValueError("Entry ids must be unique.")
        if len(self.juror_index) != len(self.jurors):
            raise ValueError("Juror ids must be unique.")
        self.conflicts = frozenset(
            conflicts.pairs if isinstance(conflicts, ConflictSet) else conflicts
        )
        self.fixed = tuple(sorted(set(fixed), key=_pair_order))
        self.forbidden = frozenset(forbidden)
        n_entries, n_jurors = len(self.entries), len(self.jurors)
        self.capacity = np.array(
            [n_entries if j.max_load is None else min(j.max_load, n_entries) for j in self.jurors],
            dtype=np.int64,
        )
        self.conflicted = np.zeros((n_entries, n_jurors), dtype=bool)
        self.excluded = np.zeros((n_entries, n_jurors), dtype=bool)
        for matrix, pairs in ((self.conflicted, self.conflicts), (self.excluded, self.forbidden)):
            for juror_id, entry_id in pairs:
                e, j = self.entry_index.get(entry_id), self.juror_index.get(juror_id)
                if e is not None and j is not None:
                    matrix[e, j] = True
        self.excluded &= ~self.conflicted
        # May judge: no conflict, not excluded by hand, and available at all.
        self.allowed = ~self.conflicted & ~self.excluded & (self.capacity > 0)[None, :]
        self.fit, self.overlap = self._expertise()

    def _expertise(self) -> tuple[np.ndarray, np.ndarray]:
        tags = {
            tag: i
            for i, tag in enumerate(
                sorted({t for e in self.entries for t in e.urusan}, key=id_order)
            )
        }
        entry_tags = np.zeros((len(self.entries), len(tags)), dtype=np.int64)
        juror_tags = np.zeros((len(self.jurors), len(tags)), dtype=np.int64)
        for i, entry in enumerate(self.entries):
            entry_tags[i, [tags[t] for t in entry.urusan]] = 1
        for i, juror in enumerate(self.jurors):
            juror_tags[i, [tags[t] for t in juror.expertise if t in tags]] = 1
        overlap = entry_tags @ juror_tags.T
        counts = entry_tags.sum(axis=1)
        with np.errstate(invalid="ignore", divide="ignore"):
            fit = np.where(counts[:, None] > 0, overlap / np.maximum(counts, 1)[:, None], np.nan)
        return fit, overlap

    def pair_fit(self, e: int, j: int) -> tuple[float | None, frozenset]:
        value = self.fit[e, j]
        shared = self.entries[e].urusan & self.jurors[j].expertise
        return (None if np.isnan(value) else float(value)), frozenset(shared)


@dataclass(frozen=True)
class AssignmentResult:
    """An assignment with what the secretariat needs to review it before committing."""

    k: int
    pairs: tuple[AssignedPair, ...]
    loads: tuple[JurorLoad, ...]
    shortfalls: tuple[EntryShortfall, ...]
    rejected: tuple[PairIssue, ...] = ()
    """Fixed pairs that were not kept."""
    violations: tuple[PairIssue, ...] = ()
    """Rules broken by a hand-made assignment (``evaluate_assignment``); empty when solved."""
    entry_ids: tuple = field(default=(), repr=False)

    @property
    def is_complete(self) -> bool:
        return not self.shortfalls and not self.violations

    def by_entry(self) -> dict[Id, list[AssignedPair]]:
        """The pairs of each entry (entries without jurors are absent)."""
        grouped: dict[Id, list[AssignedPair]] = defaultdict(list)
        for pair in self.pairs:
            grouped[pair.entry_id].append(pair)
        return dict(grouped)

    def jurors_for(self, entry_id: Id) -> list[Id]:
        return [pair.juror_id for pair in self.pairs if pair.entry_id == entry_id]

    def entries_for(self, juror_id: Id) -> list[Id]:
        return [pair.entry_id for pair in self.pairs if pair.juror_id == juror_id]

    def pair_set(self) -> frozenset[tuple[Id, Id]]:
        """The assignment as (juror_id, entry_id) pairs."""
        return frozenset((pair.juror_id, pair.entry_id) for pair in self.pairs)

    def load_of(self, juror_id: Id) -> int:
        for load in self.loads:
            if load.juror_id == juror_id:
                return load.load
        raise KeyError(juror_id)

    def _available_loads(self) -> list[int]:
        return [load.load for load in self.loads if load.max_load is None or load.max_load > 0]

    @property
    def min_load(self) -> int:
        return min(self._available_loads(), default=0)

    @property
    def max_load(self) -> int:
        return max(self._available_loads(), default=0)

    @property
    def load_spread(self) -> int:
        """Largest minus smallest load over the jurors available at all (maximum load > 0)."""
        return self.max_load - self.min_load

    def summary(self) -> dict:
        fits = [pair.expertise_fit for pair in self.pairs if pair.expertise_fit is not None]
        return {
            "entries": len(self.entry_ids),
            "jurors": len(self.loads),
            "k": self.k,
            "required": self.k * len(self.entry_ids),
            "assigned": len(self.pairs),
            "complete_entries": len(self.entry_ids) - len(self.shortfalls),
            "short_entries": len(self.shortfalls),
            "load_min": self.min_load,
            "load_max": self.max_load,
            "load_spread": self.load_spread,
            "jurors_at_max_load": sum(
                1 for load in self.loads if load.max_load and load.load >= load.max_load
            ),
            "pairs_with_expertise": sum(1 for fit in fits if fit > 0),
            "mean_expertise_fit": round(sum(fits) / len(fits), 4) if fits else None,
            "rejected": len(self.rejected),
            "violations": len(self.violations),
        }


def _pair_order(pair: tuple[Id, Id]):
    return (id_order(pair[0]), id_order(pair[1]))


def _screen_pairs(
    problem: AssignmentProblem, pairs: Iterable[tuple[Id, Id]]
) -> tuple[list[tuple[int, int]], list[PairIssue]]:
    """Split hand-given (juror, entry) pairs into those that may stand and those that may not.

    Pairs are screened in id order, so when a cap or k is exceeded the later pairs are the
    ones refused.
    """
    kept: list[tuple[int, int]] = []
    issues: list[PairIssue] = []
    seen: set[tuple[int, int]] = set()
    loads: Counter[int] = Counter()
    sizes: Counter[int] = Counter()
    for juror_id, entry_id in sorted(pairs, key=_pair_order):
        e, j = problem.entry_index.get(entry_id), problem.juror_index.get(juror_id)
        if j is None:
            problem_code = PairProblem.UNKNOWN_JUROR
        elif e is None:
            problem_code = PairProblem.UNKNOWN_ENTRY
        elif (e, j) in seen:
            problem_code = PairProblem.DUPLICATE
        elif problem.conflicted[e, j]:
            problem_code = PairProblem.CONFLICT
        elif problem.excluded[e, j]:
            problem_code = PairProblem.FORBIDDEN
        elif loads[j] >= problem.capacity[j]:
            problem_code = PairProblem.OVER_CAPACITY
        elif sizes[e] >= problem.k:
            problem_code = PairProblem.OVER_K
        else:
            seen.add((e, j))
            loads[j] += 1
            sizes[e] += 1
            kept.append((e, j))
            continue
        issues.append(PairIssue(entry_id, juror_id, problem_code))
    return kept, issues


def _build_result(
    problem: AssignmentProblem,
    pairs: list[tuple[int, int]],
    fixed: set[tuple[int, int]],
    rejected: list[PairIssue] = (),
    violations: list[PairIssue] = (),
) -> AssignmentResult:
    assigned = np.zeros(problem.allowed.shape, dtype=bool)
    for e, j in pairs:
        assigned[e, j] = True
    result_pairs = []
    for e, j in sorted(pairs):
        fit, shared = problem.pair_fit(e, j)
        entry, juror = problem.entries[e], problem.jurors[j]
        result_pairs.append(AssignedPair(entry.id, juror.id, fit, shared, (e, j) in fixed))
    loads_by_juror = assigned.sum(axis=0)
    matched = (assigned & (problem.overlap > 0)).sum(axis=0)
    loads = tuple(
        JurorLoad(juror.id, int(loads_by_juror[j]), juror.max_load, int(matched[j]))
        for j, juror in enumerate(problem.jurors)
    )
    full = loads_by_juror >= problem.capacity
    shortfalls = []
    for e, entry in enumerate(problem.entries):
        count = int(assigned[e].sum())
        if count >= problem.k:
            continue
        eligible = int(problem.allowed[e].sum())
        if eligible < problem.k:
            reason = ShortfallReason.TOO_FEW_ELIGIBLE
        elif np.all(full[problem.allowed[e] & ~assigned[e]]):
            reason = ShortfallReason.CAPACITY_EXHAUSTED
        else:
            reason = ShortfallReason.OPEN_SLOTS
        shortfalls.append(
            EntryShortfall(
                entry.id,
                count,
                problem.k,
                reason,
                eligible,
                int(problem.conflicted[e].sum()),
                int(problem.excluded[e].sum()),
            )
        )
    return AssignmentResult(
        k=problem.k,
        pairs=tuple(result_pairs),
        loads=loads,
        shortfalls=tuple(shortfalls),
        rejected=tuple(rejected),
        violations=tuple(violations),
        entry_ids=tuple(entry.id for entry in problem.entries),
    )


def solve_assignment(problem: AssignmentProblem) -> AssignmentResult:
    """The optimal assignment (see the module docstring for what optimal means)."""
    fixed, rejected = _screen_pairs(problem, problem.fixed)
    n_entries, n_jurors = problem.allowed.shape
    fixed_per_entry = np.zeros(n_entries, dtype=np.int64)
    fixed_per_juror = np.zeros(n_jurors, dtype=np.int64)
    free = problem.allowed.copy()
    for e, j in fixed:
        fixed_per_entry[e] += 1
        fixed_per_juror[j] += 1
        free[e, j] = False
    free[fixed_per_entry >= problem.k, :] = False
    free[:, fixed_per_juror >= problem.capacity] = False

    # Load arcs juror j needs: no more than its room or its free pairs.
    load_arcs = np.minimum(problem.capacity - fixed_per_juror, free.sum(axis=0))
    largest_load = int((fixed_per_juror + load_arcs).max(initial=0))
    expertise_weight = EXPERTISE_STEPS * (n_jurors + 2)
    load_weight = expertise_weight + 1
    slot_weight = load_weight * (largest_load + 1) + expertise_weight + 1

    source, sink, entry_base = 0, 1, 2
    juror_base = entry_base + n_entries
    tails, heads, costs = [], [], []

    slots_e = [
        (e, s) for e in range(n_entries) for s in range(int(fixed_per_entry[e]) + 1, problem.k + 1)
    ]
    tails.append(np.full(len(slots_e), source, dtype=np.int64))
    heads.append(np.array([entry_base + e for e, _ in slots_e], dtype=np.int64))
    costs.append(np.array([slot_weight * s for _, s in slots_e], dtype=np.int64))

    pair_e, pair_j = np.nonzero(free)
    pair_start = sum(len(t) for t in tails)
    reward = np.nan_to_num(np.rint(problem.fit * EXPERTISE_STEPS), nan=0).astype(np.int64)
    tails.append(entry_base + pair_e.astype(np.int64))
    heads.append(juror_base + pair_j.astype(np.int64))
    costs.append(EXPERTISE_STEPS - reward[pair_e, pair_j])

    loads_j = [
        (j, t)
        for j in range(n_jurors)
        for t in range(int(fixed_per_juror[j]) + 1, int(fixed_per_juror[j] + load_arcs[j]) + 1)
    ]
    tails.append(np.array([juror_base + j for j, _ in loads_j], dtype=np.int64))
    heads.append(np.full(len(loads_j), sink, dtype=np.int64))
    costs.append(np.array([load_weight * t for _, t in loads_j], dtype=np.int64))

    pairs = [(int(e), int(j)) for e, j in fixed]
    if len(pair_e):
        flow = SimpleMinCostFlow()
        tail = np.concatenate(tails)
        flow.add_arcs_with_capacity_and_unit_cost(
            tail, np.concatenate(heads), np.ones(len(tail), dtype=np.int64), np.concatenate(costs)
        )
        flow.set_node_supply(source, len(slots_e))
        flow.set_node_supply(sink, -len(slots_e))
        status = flow.solve_max_flow_with_min_cost()
        if status != flow.OPTIMAL:
            raise RuntimeError(f"The assignment solver failed with status {status}.")
        used = flow.flows(np.arange(pair_start, pair_start + len(pair_e), dtype=np.int64)) > 0
        pairs.extend(zip(pair_e[used].tolist(), pair_j[used].tolist(), strict=True))
    return _build_result(problem, pairs, set(fixed), rejected=rejected)


def evaluate_assignment(
    problem: AssignmentProblem, pairs: Iterable[tuple[Id, Id]]
) -> AssignmentResult:
    """Review an assignment edited by hand: loads, fit, shortfalls and every rule it breaks.

    ``pairs`` are (juror_id, entry_id). Pairs that break a rule are listed in ``violations``
    and left out of the result's pairs and loads.
    """
    kept, violations = _screen_pairs(problem, pairs)
    fixed_pairs = set(_screen_pairs(problem, problem.fixed)[0])
    return _build_result(problem, kept, fixed_pairs & set(kept), violations=violations)
