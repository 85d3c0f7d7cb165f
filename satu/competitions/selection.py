"""Pure calculations over round results: shortlist, final score, ranking and winners.

Tie rule (documented for participants): a higher score ranks first; on equal scores the
entry submitted earlier ranks first (``order`` carries the submission order), so the ranking is
always total and the same on every run.
"""

from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

PLACES = Decimal("0.001")


@dataclass(frozen=True)
class Candidate:
    id: int
    score: Decimal
    group: str = ""
    region: Hashable = None
    order: int = 0  # submission order, the tie-breaker


def ranked(candidates: Iterable[Candidate]) -> list[Candidate]:
    """Best first, by the tie rule above."""
    return sorted(candidates, key=lambda c: (-c.score, c.order, c.id))


def proportional_shares(sizes: dict[str, int], total: int) -> dict[str, int]:
    """Split ``total`` places among groups in proportion to their sizes (largest remainder).

    No group gets more places than it has candidates; places a group cannot use go to the
    others by the same rule.
    """
    shares = dict.fromkeys(sizes, 0)
    remaining = min(total, sum(sizes.values()))
    while remaining > 0:
        open_groups = {g: n - shares[g] for g, n in sizes.items() if n - shares[g] > 0}
        weight = sum(open_groups.values())
        exact = {g: Decimal(remaining) * n / weight for g, n in open_groups.items()}
        given = {g: int(value) for g, value in exact.items()}
        left = remaining - sum(given.values())
        for g in sorted(open_groups, key=lambda g: (-(exact[g] - given[g]), g))[:left]:
            given[g] += 1
        for g, extra in given.items():
            extra = min(extra, open_groups[g])
            shares[g] += extra
            remaining -= extra
    return shares


def select_shortlist(
    candidates: Sequence[Candidate],
    *,
    size: int | None = None,
    threshold: Decimal | None = None,
    proportional_groups: bool = False,
    max_per_region: int | None = None,
) -> list[Candidate]:
    """The shortlist, best first.

    ``size`` takes the best N; ``threshold`` every candidate at or above it (both may be
    given: the best N of those above the threshold). ``proportional_groups`` shares the N
    places among the groups in proportion to their candidates. ``max_per_region`` skips a
    candidate whose region already has that many on the list.
    """
    pool = [c for c in candidates if threshold is None or c.score >= threshold]
    pool = ranked(pool)
    region_count: dict[Hashable, int] = defaultdict(int)

    def region_allows(candidate: Candidate) -> bool:
        return max_per_region is None or region_count[candidate.region] < max_per_region

    chosen: list[Candidate] = []
    if proportional_groups and size is not None:
        by_group: dict[str, list[Candidate]] = defaultdict(list)
        for candidate in pool:
            by_group[candidate.group].append(candidate)
        shares = proportional_shares({g: len(v) for g, v in by_group.items()}, size)
        for group in sorted(by_group):
            taken = 0
            for candidate in by_group[group]:
                if taken >= shares[group]:
                    break
                if region_allows(candidate):
                    chosen.append(candidate)
                    region_count[candidate.region] += 1
                    taken += 1
        return ranked(chosen)
    for candidate in pool:
        if size is not None and len(chosen) >= size:
            break
        if region_allows(candidate):
            chosen.append(candidate)
            region_count[candidate.region] += 1
    return chosen


def weighted_score(scores: dict[int, Decimal], weights: dict[int, Decimal]) -> Decimal | None:
    """The final score: the weighted mean of the round scores (rounds of weight 0 left out).

    ``scores`` and ``weights`` are keyed by round. None when a weighted round has no score.
    """
    used = {round_id: w for round_id, w in weights.items() if w > 0}
    if not used:
        return None
    if any(round_id not in scores for round_id in used):
        return None
    total = sum((scores[r] * w for r, w in used.items()), Decimal(0))
    return (total / sum(used.values())).quantize(PLACES, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Placement:
    id: int
    rank: int
    is_winner: bool


def place_winners(
    candidates: Sequence[Candidate],
    *,
    bucket_of: dict[int, Hashable],
    winners_in: dict[Hashable, int],
) -> list[Placement]:
    """Rank candidates within their bucket (group and category); the best N of each win."""
    buckets: dict[Hashable, list[Candidate]] = defaultdict(list)
    for candidate in candidates:
        buckets[bucket_of[candidate.id]].append(candidate)
    placements = []
    for bucket, members in buckets.items():
        for position, candidate in enumerate(ranked(members), start=1):
            placements.append(
                Placement(candidate.id, position, position <= winners_in.get(bucket, 0))
            )
    return placements
