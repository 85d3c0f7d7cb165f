"""The stored status of every obliged agency per programme year, kept in step with the data.

The board of a whole country joins some 25,000 agencies to their innovations of the year;
computed on every request that cost hundreds of milliseconds per page of the API. So the
result of the rule is stored (:class:`~satu.compliance.models.AgencyStatus`) and the readers
(:mod:`satu.compliance.board`) count and list those rows.

The rows are written here only, from the computation of the rule in the database
(:meth:`Board.agencies_from_scratch`), inside the transaction of the change that moves them:

- an innovation saved or deleted: its agency in its programme year (and in the year or agency
  it had before, when those changed);
- an exemption saved or deleted: its agency in its year;
- an agency saved (type, validity, new agency): that agency in every year;
- a programme year saved (deadline, obliged types, counting rule): every agency of the year;
- an import of innovations: every agency and year it touched, once at its end (:func:`batched`);
- bulk loads (demo and scale data) call :func:`refresh_all` at their end;
- an agency deleted: its rows, before it goes (:func:`forget_agency`).

Each change also moves the sums of the rows per region, agency type and status
(:class:`~satu.compliance.models.StatusCount`) by what it removed and wrote, in the same
transaction: the board reads its regions, types, totals and trend from those sums.

``manage.py refresh_compliance_statuses`` rebuilds every row; the tests compare the rows with
the computation from scratch after each kind of change.
"""

import contextlib
from collections import Counter
from collections.abc import Iterable, Iterator
from contextvars import ContextVar

from django.db import connection, transaction

from satu.agencies.models import Agency
from satu.lib.counters import add_counts

from .models import AgencyStatus, ProgrammeYear, StatusCount

BATCH = 5000
# What a row is counted under in StatusCount: (region id, agency type, status).
Key = tuple[int, str, str]
# Pairs waiting for the end of a :func:`batched` block (None outside one).
_pending: ContextVar[set[tuple[int, int]] | None] = ContextVar("pending_statuses", default=None)


@contextlib.contextmanager
def batched() -> Iterator[None]:
    """Within the block, innovation changes collect their (agency, year) pairs, refreshed
    together at its end: an import of a thousand rows refreshes each agency once, not a
    thousand times. Use it inside the importing transaction."""
    if _pending.get() is not None:
        yield
        return
    pairs: set[tuple[int, int]] = set()
    token = _pending.set(pairs)
    try:
        yield
    finally:
        _pending.reset(token)
    refresh_agency_years(pairs)


def refresh(year: ProgrammeYear, agency_ids: Iterable[int] | None = None) -> int:
    """Recompute the rows of ``year`` (only of ``agency_ids`` when given); returns how many."""
    from .board import Board

    ids = None if agency_ids is None else sorted(set(agency_ids))
    if ids == []:
        return 0
    within = None if ids is None else Agency.objects.filter(pk__in=ids)
    computed = (
        Board(year=year, scope=None)
        .agencies_from_scratch(within=within)
        .order_by()
        .values_list("pk", "status", "status_rank", "counted", "region_id", "type")
    )
    with transaction.atomic():
        stale = AgencyStatus.objects.filter(programme_year=year)
        if ids is not None:
            stale = stale.filter(agency_id__in=ids)
        # The rows' own keys leave the counts (locked first on PostgreSQL, so that a
        # concurrent refresh of the same agencies cannot subtract them a second time).
        delta: Counter[Key] = Counter()
        if ids is None:
            # The whole year: its sums start again from its new rows (a rebuild repairs them
            # even after rows were written past this module).
            StatusCount.objects.filter(programme_year=year).delete()
        else:
            locked = stale.select_for_update() if connection.vendor == "postgresql" else stale
            delta.subtract(locked.values_list("region_id", "agency_type", "status"))
        stale.delete()
        rows = [
            AgencyStatus(
                programme_year=year,
                agency_id=pk,
                status=status,
                status_rank=rank,
                counted=counted,
                region_id=region_id,
                agency_type=agency_type,
            )
            for pk, status, rank, counted, region_id, agency_type in computed
        ]
        AgencyStatus.objects.bulk_create(rows, batch_size=BATCH)
        delta.update((row.region_id, row.agency_type, row.status) for row in rows)
        _add_counts(year.pk, delta)
    return len(rows)


def _add_counts(year_id: int, delta: Counter[Key]) -> None:
    """Add ``delta`` to the kept counts of the year; counts that reach zero go."""
    changes = [(year_id, *key, n) for key, n in sorted(delta.items()) if n]
    add_counts(StatusCount, ("programme_year_id", "region_id", "agency_type", "status"), changes)
    if any(n < 0 for *_key, n in changes):
        StatusCount.objects.filter(programme_year_id=year_id, count=0).delete()


def forget_agency(agency_id: int) -> None:
    """Remove an agency's rows and their counts (before the agency is deleted)."""
    with transaction.atomic():
        rows = AgencyStatus.objects.filter(agency_id=agency_id)
        by_year: dict[int, Counter[Key]] = {}
        for year_id, *key in rows.values_list(
            "programme_year_id", "region_id", "agency_type", "status"
        ):
            by_year.setdefault(year_id, Counter())[tuple(key)] -= 1  # type: ignore[index]
        rows.delete()
        for year_id, delta in by_year.items():
            _add_counts(year_id, delta)


def refresh_agency_years(pairs: Iterable[tuple[int, int]]) -> None:
    """Recompute the rows of (agency id, calendar year) pairs, for years that have settings."""
    pending = _pending.get()
    if pending is not None:
        pending.update(pairs)
        return
    by_year: dict[int, set[int]] = {}
    for agency_id, year in pairs:
        if agency_id is not None and year is not None:
            by_year.setdefault(year, set()).add(agency_id)
    if not by_year:
        return
    for programme_year in ProgrammeYear.objects.filter(year__in=by_year):
        refresh(programme_year, by_year[programme_year.year])


def refresh_agency(agency_id: int) -> None:
    """Recompute an agency's rows in every programme year."""
    for programme_year in ProgrammeYear.objects.all():
        refresh(programme_year, [agency_id])


def refresh_all() -> int:
    """Rebuild every row of every programme year (after bulk loads)."""
    return sum(refresh(programme_year) for programme_year in ProgrammeYear.objects.all())
