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
- bulk loads (demo and scale data) call :func:`refresh_all` at their end.

``manage.py refresh_compliance_statuses`` rebuilds every row; the tests compare the rows with
the computation from scratch after each kind of change.
"""

import contextlib
from collections.abc import Iterable, Iterator
from contextvars import ContextVar

from django.db import transaction

from satu.agencies.models import Agency

from .models import AgencyStatus, ProgrammeYear

BATCH = 5000
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
        .values_list("pk", "status", "status_rank", "counted")
    )
    with transaction.atomic():
        stale = AgencyStatus.objects.filter(programme_year=year)
        if ids is not None:
            stale = stale.filter(agency_id__in=ids)
        stale.delete()
        rows = [
            AgencyStatus(
                programme_year=year,
                agency_id=pk,
                status=status,
                status_rank=rank,
                counted=counted,
            )
            for pk, status, rank, counted in computed
        ]
        AgencyStatus.objects.bulk_create(rows, batch_size=BATCH)
    return len(rows)


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
