from satu.jury import benchmarks
from satu.jury.assignment import AssignmentProblem, solve_assignment
from satu.jury.conflicts import ConflictReason, derive_conflicts


def test_the_benchmark_reports_its_timings_and_a_complete_assignment():
    figures = benchmarks.run(entries=300, jurors=15)

    assert figures["name"] == "jury_assignment"
    assert (figures["entries"], figures["jurors"], figures["k"]) == (300, 15, 3)
    assert figures["assigned"] == figures["required"] == 900
    assert figures["short_entries"] == 0
    assert figures["seconds_total"] >= figures["seconds_solve"] >= 0
    assert all(figures["conflicts_by_reason"][str(reason)] > 0 for reason in ConflictReason)


def test_the_synthetic_round_is_assigned_without_a_conflicted_pair():
    tree, affiliations, origins, pool, to_assign = benchmarks.build_round(entries=300, jurors=15)
    conflicts = derive_conflicts(tree, affiliations, origins)

    result = solve_assignment(AssignmentProblem(to_assign, pool, 3, conflicts))

    assert len(conflicts) > 0
    assert not result.pair_set() & conflicts.pairs
    assert len(tree.local_regions) == benchmarks.KABUPATEN_KOTA
