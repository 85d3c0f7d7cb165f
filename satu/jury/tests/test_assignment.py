import random

import pytest
from django.utils import translation

from satu.jury.assignment import (
    AssignmentProblem,
    Entry,
    Juror,
    PairIssue,
    PairProblem,
    ShortfallReason,
    evaluate_assignment,
    expertise_fit,
    solve_assignment,
)
from satu.jury.conflicts import Conflict, ConflictReason, ConflictSet


def solve(entries, jurors, k, conflicts=(), **kwargs):
    return solve_assignment(AssignmentProblem(entries, jurors, k, conflicts, **kwargs))


def entries(count, urusan=()):
    return [Entry(f"e{i}", urusan) for i in range(1, count + 1)]


def jurors(count, max_load=None, expertise=()):
    return [Juror(f"j{i}", max_load, expertise) for i in range(1, count + 1)]


def test_every_entry_gets_k_distinct_jurors_and_loads_differ_by_at_most_one():
    result = solve(entries(4), jurors(3), k=2)

    assert result.is_complete
    assert all(len(set(result.jurors_for(f"e{i}"))) == 2 for i in range(1, 5))
    assert sorted(load.load for load in result.loads) == [2, 3, 3]
    assert result.load_spread == 1


def test_a_conflicted_pair_is_never_assigned_even_when_it_leaves_the_entry_short():
    conflicts = ConflictSet(
        [
            Conflict("j1", "e1", ConflictReason.OWN_AGENCY),
            Conflict("j2", "e1", ConflictReason.SAME_REGION_HOME),
        ]
    )

    result = solve(entries(2), jurors(4), k=3, conflicts=conflicts)

    assert result.jurors_for("e1") == ["j3", "j4"]
    assert len(result.jurors_for("e2")) == 3
    [shortfall] = result.shortfalls
    assert (shortfall.entry_id, shortfall.assigned, shortfall.required) == ("e1", 2, 3)
    assert shortfall.reason == ShortfallReason.TOO_FEW_ELIGIBLE
    assert (shortfall.eligible, shortfall.conflicted, shortfall.excluded) == (2, 2, 0)
    assert shortfall.missing == 1


def test_a_shortage_of_capacity_is_spread_over_the_entries():
    # Two places for four seats: each entry gets one juror rather than one entry two.
    result = solve(entries(2), jurors(2, max_load=1), k=2)

    assert sorted(len(result.jurors_for(e)) for e in ("e1", "e2")) == [1, 1]
    assert {s.reason for s in result.shortfalls} == {ShortfallReason.CAPACITY_EXHAUSTED}
    assert [load.load for load in result.loads] == [1, 1]


def test_the_maximum_load_is_respected_and_the_rest_balanced():
    pool = [Juror("j1", 1), Juror("j2"), Juror("j3")]

    result = solve(entries(6), pool, k=2)

    assert result.is_complete
    assert result.load_of("j1") == 1
    assert sorted(load.load for load in result.loads) == [1, 5, 6]
    assert result.summary()["jurors_at_max_load"] == 1


def test_a_juror_with_no_capacity_gets_nothing_and_does_not_count_in_the_spread():
    pool = [Juror("j0", 0), *jurors(2)]

    result = solve(entries(3), pool, k=1)

    assert result.load_of("j0") == 0
    assert (result.min_load, result.max_load) == (1, 2)
    [unused] = [load for load in result.loads if load.juror_id == "j0"]
    assert unused.room == 0


def test_expertise_decides_between_otherwise_equal_assignments():
    # Ids in the opposite order to the expertise, so that no accident of order can match them.
    pool = [Juror(f"j{i}", expertise={5 - i}) for i in range(1, 5)]
    to_judge = [Entry(f"e{i}", {i}) for i in range(1, 5)]

    result = solve(to_judge, pool, k=1)

    assert [result.jurors_for(f"e{i}") for i in range(1, 5)] == [["j4"], ["j3"], ["j2"], ["j1"]]
    assert all(pair.expertise_fit == 1.0 for pair in result.pairs)
    assert all(pair.shared_urusan for pair in result.pairs)
    assert [load.with_expertise for load in result.loads] == [1, 1, 1, 1]
    assert result.summary()["mean_expertise_fit"] == 1.0


def test_expertise_never_unbalances_the_loads():
    pool = [Juror("expert", expertise={2}), Juror("generalist")]

    result = solve(entries(3, urusan={2}), pool, k=1)

    assert [load.load for load in result.loads] == [2, 1]


def test_the_expertise_fit_is_the_share_of_the_entrys_urusan_the_juror_knows():
    assert expertise_fit(Entry("e", {1, 2, 3, 4}), Juror("j", expertise={2, 4, 9})) == 0.5
    assert expertise_fit(Entry("e"), Juror("j", expertise={2})) is None


def test_fixed_pairs_are_kept_and_count_towards_the_load():
    pool = jurors(3)

    result = solve(entries(3), pool, k=1, fixed=[("j3", "e1"), ("j3", "e2")])

    assert result.jurors_for("e1") == ["j3"]
    assert result.jurors_for("e2") == ["j3"]
    assert [pair.fixed for pair in result.pairs] == [True, True, False]
    assert sorted(load.load for load in result.loads) == [0, 1, 2]


def test_a_fixed_pair_cannot_override_a_conflict_a_cap_or_k():
    conflicts = [("j1", "e1")]
    fixed = [("j1", "e1"), ("j2", "e2"), ("j2", "e3"), ("j3", "e2"), ("j9", "e1"), ("j3", "e9")]

    result = solve(
        entries(3), [Juror("j1"), Juror("j2", 1), Juror("j3")], 1, conflicts, fixed=fixed
    )

    assert set(result.rejected) == {
        PairIssue("e1", "j1", PairProblem.CONFLICT),
        PairIssue("e3", "j2", PairProblem.OVER_CAPACITY),
        PairIssue("e2", "j3", PairProblem.OVER_K),
        PairIssue("e1", "j9", PairProblem.UNKNOWN_JUROR),
        PairIssue("e9", "j3", PairProblem.UNKNOWN_ENTRY),
    }
    assert ("j1", "e1") not in result.pair_set()
    assert result.jurors_for("e2") == ["j2"]


def test_forbidden_pairs_are_never_assigned():
    result = solve(entries(2), jurors(3), k=2, forbidden=[("j1", "e1"), ("j1", "e2")])

    assert result.load_of("j1") == 0
    assert result.is_complete


def test_a_forbidden_fixed_pair_is_rejected():
    result = solve(entries(1), jurors(2), 1, fixed=[("j1", "e1")], forbidden=[("j1", "e1")])

    assert result.rejected == (PairIssue("e1", "j1", PairProblem.FORBIDDEN),)
    assert result.jurors_for("e1") == ["j2"]


def test_the_result_does_not_depend_on_the_order_of_the_input():
    rng = random.Random(7)
    pool = [Juror(j, rng.choice([None, 5, 8]), rng.sample(range(6), 2)) for j in range(12)]
    to_judge = [Entry(e, rng.sample(range(6), 1)) for e in range(30)]
    conflicts = [(j, e) for j in range(12) for e in range(30) if rng.random() < 0.2]

    first = solve(to_judge, pool, 3, conflicts)
    rng.shuffle(pool)
    rng.shuffle(to_judge)
    rng.shuffle(conflicts)
    second = solve(to_judge, pool, 3, conflicts)

    assert first == second


def test_an_empty_pool_leaves_every_entry_short_with_a_reason():
    result = solve(entries(2), [], k=2)

    assert result.pairs == ()
    assert [s.reason for s in result.shortfalls] == [ShortfallReason.TOO_FEW_ELIGIBLE] * 2
    assert result.summary()["load_spread"] == 0
    with pytest.raises(KeyError):
        result.load_of("j1")


def test_no_entries_means_no_work():
    result = solve([], jurors(2), k=3)

    assert result.is_complete
    assert result.summary()["required"] == 0


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: AssignmentProblem(entries(1), jurors(1), 0), "positive"),
        (lambda: AssignmentProblem(entries(1) * 2, jurors(1), 1), "Entry ids"),
        (lambda: AssignmentProblem(entries(1), jurors(1) * 2, 1), "Juror ids"),
        (lambda: Juror("j", -1), "negative"),
    ],
)
def test_invalid_problems_are_refused(make, message):
    with pytest.raises(ValueError, match=message):
        make()


def test_a_hand_edited_assignment_is_reviewed_against_every_rule():
    problem = AssignmentProblem(
        entries(3), [Juror("j1", 1), Juror("j2"), Juror("j3")], 2, [("j3", "e3")]
    )

    review = evaluate_assignment(
        problem,
        [("j1", "e1"), ("j2", "e1"), ("j1", "e2"), ("j3", "e3"), ("j2", "e3"), ("j3", "e1")],
    )

    assert set(review.violations) == {
        PairIssue("e2", "j1", PairProblem.OVER_CAPACITY),
        PairIssue("e3", "j3", PairProblem.CONFLICT),
        PairIssue("e1", "j3", PairProblem.OVER_K),
    }
    assert not review.is_complete
    assert review.pair_set() == {("j1", "e1"), ("j2", "e1"), ("j2", "e3")}
    assert {(s.entry_id, s.assigned, s.reason) for s in review.shortfalls} == {
        ("e2", 0, ShortfallReason.OPEN_SLOTS),
        ("e3", 1, ShortfallReason.CAPACITY_EXHAUSTED),
    }


def test_the_solved_assignment_passes_its_own_review():
    problem = AssignmentProblem(entries(5), jurors(4, max_load=4), 3, [("j1", "e1")])

    solved = solve_assignment(problem)
    review = evaluate_assignment(problem, solved.pair_set())

    assert review.violations == ()
    assert review.pairs == solved.pairs


def test_the_preview_summary_has_the_figures_the_secretariat_reviews():
    result = solve(entries(4, urusan={1}), [*jurors(2, expertise={1}), Juror("j3")], k=2)

    assert result.summary() == {
        "entries": 4,
        "jurors": 3,
        "k": 2,
        "required": 8,
        "assigned": 8,
        "complete_entries": 4,
        "short_entries": 0,
        "load_min": 2,
        "load_max": 3,
        "load_spread": 1,
        "jurors_at_max_load": 0,
        "pairs_with_expertise": 6,
        "mean_expertise_fit": 0.75,
        "rejected": 0,
        "violations": 0,
    }
    assert {entry: len(pairs) for entry, pairs in result.by_entry().items()} == {
        "e1": 2,
        "e2": 2,
        "e3": 2,
        "e4": 2,
    }
    assert len(result.entries_for("j3")) == 2


def test_shortfall_and_pair_messages_are_indonesian_when_displayed_in_indonesian():
    result = solve(entries(1), jurors(2), k=3, fixed=[("j1", "e9")])
    [shortfall] = result.shortfalls
    [rejected] = result.rejected

    with translation.override("id"):
        assert str(shortfall.message) == (
            "Hanya 2 juri yang dapat menilai peserta ini (tanpa konflik kepentingan, "
            "tidak dikecualikan, dan tersedia); dibutuhkan 3."
        )
        assert str(rejected.message) == "Peserta tidak termasuk dalam tahap ini."
    with translation.override("en"):
        assert str(shortfall.message).startswith("Only 2 jurors may judge this entry")
