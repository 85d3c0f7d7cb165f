"""Benchmark: assign 3,000 entries to 150 jurors, 3 each, under realistic conflicts.

``make bench`` calls ``run()``; tests call it with smaller numbers and never assert time.

The synthetic province mirrors Jawa Tengah: 35 kabupaten/kota with 20 agencies each (a
Sekretariat Daerah with kecamatan under it, dinas with a UPTD under some of them) and 50
provincial agencies (a Sekretariat Daerah with 8 biro, 41 dinas/badan/RSUD, UPTD under 15
dinas). About 40% of the entries come from provincial agencies and 60% from kabupaten/kota.
The jury is a third internal provincial staff, a quarter kabupaten/kota staff and the rest
independent experts, half of whom live in a kabupaten/kota; most may take 70 entries, a few
only 40. Jurors also declare about 1 conflict in 100 pairs and the secretariat sets a few.
"""

import random
import time

from .assignment import AssignmentProblem, Entry, Juror, solve_assignment
from .conflicts import (
    AgencyNode,
    DeclaredConflict,
    EntryOrigin,
    JurorAffiliation,
    OrgTree,
    RegionNode,
    SecretariatConflict,
    derive_conflicts,
)

PROVINCE = 33
KABUPATEN_KOTA = 35
AGENCIES_PER_KABUPATEN_KOTA = 20
URUSAN = 38


def build_province(rng: random.Random):
    """Regions and agencies; returns (tree, provincial agency ids, local agency ids by region)."""
    regions = [RegionNode(PROVINCE, is_kabupaten_kota=False)]
    agencies: list[AgencyNode] = []
    next_id = iter(range(1, 10**9))

    setda = next(next_id)
    agencies.append(AgencyNode(setda, PROVINCE))
    agencies += [AgencyNode(next(next_id), PROVINCE, setda) for _ in range(8)]
    dinas = [next(next_id) for _ in range(41)]
    agencies += [AgencyNode(agency_id, PROVINCE) for agency_id in dinas]
    agencies += [
        AgencyNode(next(next_id), PROVINCE, parent) for parent in dinas[:15] for _ in range(2)
    ]
    provincial = [agency.id for agency in agencies]

    local: dict[int, list[int]] = {}
    for number in range(1, KABUPATEN_KOTA + 1):
        region = PROVINCE * 100 + number
        regions.append(RegionNode(region, is_kabupaten_kota=True))
        local_setda = next(next_id)
        nodes = [AgencyNode(local_setda, region)]
        nodes += [AgencyNode(next(next_id), region, local_setda) for _ in range(5)]
        local_dinas = [next(next_id) for _ in range(10)]
        nodes += [AgencyNode(agency_id, region) for agency_id in local_dinas]
        nodes += [AgencyNode(next(next_id), region, parent) for parent in local_dinas[:4]]
        local[region] = [node.id for node in nodes]
        agencies += nodes
    return OrgTree(agencies, regions), provincial, local


def build_round(entries: int = 3000, jurors: int = 150, seed: int = 20260601):
    """The synthetic round: (tree, juror affiliations, entry origins, jury pool, entries)."""
    rng = random.Random(seed)  # noqa: S311 - synthetic data, not security
    tree, provincial, local = build_province(rng)
    local_agencies = [agency_id for ids in local.values() for agency_id in ids]
    regions = sorted(local)

    origins, to_assign = [], []
    for entry_id in range(1, entries + 1):
        pool = provincial if rng.random() < 0.4 else local_agencies
        origins.append(EntryOrigin(entry_id, rng.choice(pool)))
        to_assign.append(Entry(entry_id, rng.sample(range(1, URUSAN + 1), rng.choice((1, 1, 2)))))

    affiliations, pool_ = [], []
    for number in range(jurors):
        juror_id = 100_000 + number
        kind = number % 12
        if kind < 4:
            affiliation = JurorAffiliation(juror_id, agency_id=rng.choice(provincial))
        elif kind < 7:
            affiliation = JurorAffiliation(juror_id, agency_id=rng.choice(local_agencies))
        elif kind < 10:
            affiliation = JurorAffiliation(juror_id, home_region_id=rng.choice(regions))
        else:
            affiliation = JurorAffiliation(juror_id)
        affiliations.append(affiliation)
        expertise = rng.sample(range(1, URUSAN + 1), rng.randint(2, 5))
        pool_.append(Juror(juror_id, 40 if number % 8 == 0 else 70, expertise))
    return tree, affiliations, origins, pool_, to_assign


def run(entries: int = 3000, jurors: int = 150, k: int = 3, seed: int = 20260601) -> dict:
    tree, affiliations, origins, pool, to_assign = build_round(entries, jurors, seed)
    rng = random.Random(seed + 1)  # noqa: S311 - synthetic data, not security
    declared = [
        DeclaredConflict(juror.id, origin.id, "Pernah menjadi pembina inovasi ini")
        for juror in affiliations
        for origin in rng.sample(origins, max(1, entries // 100))
    ]
    secretariat = [
        SecretariatConflict(rng.choice(affiliations).id, rng.choice(origins).id)
        for _ in range(max(1, jurors // 10))
    ]

    started = time.perf_counter()
    conflicts = derive_conflicts(tree, affiliations, origins, declared, secretariat)
    derived = time.perf_counter()
    problem = AssignmentProblem(to_assign, pool, k, conflicts)
    built = time.perf_counter()
    result = solve_assignment(problem)
    solved = time.perf_counter()

    return {
        "name": "jury_assignment",
        "entries": entries,
        "jurors": jurors,
        "k": k,
        "conflict_pairs": len(conflicts),
        "conflicts_by_reason": {
            str(reason): count for reason, count in conflicts.count_by_reason().items()
        },
        "seconds_conflicts": round(derived - started, 3),
        "seconds_problem": round(built - derived, 3),
        "seconds_solve": round(solved - built, 3),
        "seconds_total": round(solved - started, 3),
        **result.summary(),
    }
