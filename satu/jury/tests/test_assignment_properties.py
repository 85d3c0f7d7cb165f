"""Property-based tests of the assignment over random pools, entries, conflicts and caps.

The solver is checked against independent computations: SciPy's maximum flow for the number
of assignments possible, a linear programme for the smallest load spread possible (the
constraint matrix of an assignment is totally unimodular, so the LP is feasible exactly when an
integer assignment is), and brute force on tiny instances.
"""

import itertools
from collections import Counter

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import maximum_flow

from satu.jury.assignment import (
    AssignmentProblem,
    Entry,
    Juror,
    PairProblem,
    ShortfallReason,
    evaluate_assignment,
    solve_assignment,
)

PROPERTIES = settings(
    deadline=None,
    database=None,
    max_examples=150,
    suppress_health_check=[HealthCheck.too_slow],
)


@st.composite
def problems(draw, max_entries=9, max_jurors=7, max_k=3, manual=False):
    n_entries = draw(st.integers(0, max_entries))
    n_jurors = draw(st.integers(0, max_jurors))
    k = draw(st.integers(1, max_k))
    tags = st.frozensets(st.integers(1, 4), max_size=2)
    pool = [
        Juror(j, draw(st.none() | st.integers(0, n_entries)), draw(tags)) for j in range(n_jurors)
    ]
    to_judge = [Entry(100 + e, draw(tags)) for e in range(n_entries)]
    all_pairs = [(juror.id, entry.id) for juror in pool for entry in to_judge]
    pairs = st.sets(st.sampled_from(all_pairs)) if all_pairs else st.just(set())
    conflicts = draw(pairs)
    fixed = draw(pairs) if manual else set()
    forbidden = draw(pairs) if manual else set()
    return AssignmentProblem(to_judge, pool, k, conflicts, fixed=fixed, forbidden=forbidden)


def independent_max_flow(problem: AssignmentProblem) -> int:
    """The most assignments the conflicts and caps allow, by SciPy's own max-flow."""
    n_entries, n_jurors = problem.allowed.shape
    source, sink = 0, 1 + n_entries + n_jurors
    capacity = np.zeros((sink + 1, sink + 1), dtype=np.int32)
    capacity[source, 1 : 1 + n_entries] = problem.k
    capacity[1 : 1 + n_entries, 1 + n_entries : sink] = problem.allowed
    capacity[1 + n_entries : sink, sink] = problem.capacity
    return int(maximum_flow(csr_matrix(capacity), source, sink).flow_value)


def loads_feasible(problem: AssignmentProblem, low: int, high: int) -> bool:
    """Whether every entry can get k jurors with each available juror's load in [low, high]."""
    e_idx, j_idx = np.nonzero(problem.allowed)
    n_entries, n_jurors = problem.allowed.shape
    available = [j for j in range(n_jurors) if problem.capacity[j] > 0]
    if any(min(high, problem.capacity[j]) < low for j in available):
        return False
    if not len(e_idx):
        return n_entries == 0 and low == 0
    a_eq = np.zeros((n_entries, len(e_idx)))
    a_eq[e_idx, np.arange(len(e_idx))] = 1
    per_juror = np.zeros((n_jurors, len(e_idx)))
    per_juror[j_idx, np.arange(len(e_idx))] = 1
    a_ub = np.vstack([per_juror[available], -per_juror[available]])
    b_ub = [min(high, problem.capacity[j]) for j in available] + [-low] * len(available)
    solution = linprog(
        np.zeros(len(e_idx)),
        A_ub=a_ub if available else None,
        b_ub=b_ub if available else None,
        A_eq=a_eq,
        b_eq=np.full(n_entries, problem.k),
        bounds=(0, 1),
        method="highs",
    )
    return solution.status == 0


def smallest_spread_possible(problem: AssignmentProblem, below: int) -> bool:
    """Whether a complete assignment with a load spread below ``below`` exists."""
    n_entries = len(problem.entries)
    return any(loads_feasible(problem, low, low + below - 1) for low in range(n_entries + 1))


def check_rules(problem: AssignmentProblem, result) -> None:
    loads = Counter(pair.juror_id for pair in result.pairs)
    sizes = Counter(pair.entry_id for pair in result.pairs)
    assert len(result.pair_set()) == len(result.pairs), "a juror sits twice on an entry"
    for pair in result.pairs:
        assert (pair.juror_id, pair.entry_id) not in problem.conflicts
        assert (pair.juror_id, pair.entry_id) not in problem.forbidden
    for juror in problem.jurors:
        if juror.max_load is not None:
            assert loads[juror.id] <= juror.max_load
    assert all(size <= problem.k for size in sizes.values())
    short = {entry.id for entry in problem.entries if sizes[entry.id] < problem.k}
    assert {shortfall.entry_id for shortfall in result.shortfalls} == short


@PROPERTIES
@given(problems(manual=True))
def test_no_conflicted_or_forbidden_pair_is_assigned_and_caps_hold(problem):
    result = solve_assignment(problem)

    check_rules(problem, result)
    assert evaluate_assignment(problem, result.pair_set()).violations == ()
    rejected = {(issue.juror_id, issue.entry_id): issue.problem for issue in result.rejected}
    for pair in problem.fixed:
        assert (pair in result.pair_set()) != (pair in rejected)
        if pair in problem.conflicts:
            assert rejected[pair] == PairProblem.CONFLICT


@PROPERTIES
@given(problems())
def test_as_many_jurors_are_assigned_as_the_constraints_allow(problem):
    result = solve_assignment(problem)
    best = independent_max_flow(problem)

    assert len(result.pairs) == best
    if best == problem.k * len(problem.entries):
        assert result.is_complete, "every entry can have k jurors, so every entry must"
    for shortfall in result.shortfalls:
        eligible = int(problem.allowed[problem.entry_index[shortfall.entry_id]].sum())
        assert shortfall.eligible == eligible
        expected = (
            ShortfallReason.TOO_FEW_ELIGIBLE
            if eligible < problem.k
            else ShortfallReason.CAPACITY_EXHAUSTED
        )
        assert shortfall.reason == expected


@PROPERTIES
@given(problems())
def test_loads_are_as_even_as_the_linear_programme_says_is_possible(problem):
    result = solve_assignment(problem)

    if result.is_complete and result.load_spread > 0:
        assert loads_feasible(problem, result.min_load, result.max_load)
        assert not smallest_spread_possible(problem, below=result.load_spread)


@settings(PROPERTIES, max_examples=100)
@given(problems(max_entries=4, max_jurors=4, max_k=2))
def test_the_solver_matches_brute_force_on_tiny_instances(problem):
    n_entries, n_jurors = problem.allowed.shape
    options = [
        list(itertools.combinations(np.nonzero(problem.allowed[e])[0].tolist(), problem.k))
        for e in range(n_entries)
    ]
    available = [j for j in range(n_jurors) if problem.capacity[j] > 0]
    best_spread = None
    for choice in itertools.product(*options):
        loads = Counter(j for jurors in choice for j in jurors)
        if any(loads[j] > problem.capacity[j] for j in range(n_jurors)):
            continue
        values = [loads[j] for j in available] or [0]
        spread = max(values) - min(values)
        best_spread = spread if best_spread is None else min(best_spread, spread)

    result = solve_assignment(problem)

    assert result.is_complete == (best_spread is not None)
    if best_spread is not None:
        assert result.load_spread == best_spread


@settings(PROPERTIES, max_examples=60)
@given(
    n_jurors=st.integers(3, 25),
    k=st.integers(1, 3),
    rounds=st.integers(1, 5),
    slack=st.integers(0, 2),
    seed=st.integers(0, 10**6),
)
def test_loads_are_equal_whenever_an_equal_assignment_is_known_to_exist(
    n_jurors, k, rounds, slack, seed
):
    # Entry e may only be judged by the window of jurors e .. e+k+slack-1 (modulo the pool):
    # everyone else is conflicted. Giving each entry the first k of its window loads every
    # juror exactly k * rounds, so the solver must find loads that are all equal too.
    rng = np.random.default_rng(seed)
    k = min(k, n_jurors)
    window = min(k + slack, n_jurors)
    n_entries = n_jurors * rounds
    ids = rng.permutation(n_entries).tolist()
    conflicts = {
        (j, ids[e])
        for e in range(n_entries)
        for j in range(n_jurors)
        if (j - e) % n_jurors >= window
    }
    expertise = [frozenset(rng.choice(4, 2).tolist()) for _ in range(n_jurors)]
    problem = AssignmentProblem(
        [Entry(ids[e], {int(rng.integers(4))}) for e in range(n_entries)],
        [Juror(j, k * rounds + int(rng.integers(0, 3)), expertise[j]) for j in range(n_jurors)],
        k,
        conflicts,
    )

    result = solve_assignment(problem)

    assert result.is_complete
    assert result.load_spread == 0
    assert {load.load for load in result.loads} == {k * rounds}
