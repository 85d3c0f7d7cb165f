"""Booking presentation slots so that no juror and no entry is in two places at once.

Pure functions over plain data; ``satu.competitions.services.schedule`` reads the database,
calls :func:`plan` and saves what it returns. Existing bookings (made by hand or earlier) are
kept as they are and planned around.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Booking:
    entry: int
    jurors: frozenset[int]
    start: datetime.datetime
    end: datetime.datetime


@dataclass
class Plan:
    bookings: list[Booking] = field(default_factory=list)
    unplaced: list[int] = field(default_factory=list)


def overlaps(a_start, a_end, b_start, b_end) -> bool:  # type: ignore[no-untyped-def]
    """Half-open intervals: a slot ending at 09:20 does not overlap one starting at 09:20."""
    return a_start < b_end and b_start < a_end


def clashes(bookings: Iterable[Booking], candidate: Booking) -> list[str]:
    """What makes ``candidate`` impossible next to ``bookings``: "entry" and/or juror ids."""
    problems: list[str] = []
    for booking in bookings:
        if not overlaps(booking.start, booking.end, candidate.start, candidate.end):
            continue
        if booking.entry == candidate.entry and "entry" not in problems:
            problems.append("entry")
        for juror in sorted(booking.jurors & candidate.jurors):
            if str(juror) not in problems:
                problems.append(str(juror))
    return problems


def candidate_starts(
    windows: Sequence[tuple[datetime.datetime, datetime.datetime]],
    length: datetime.timedelta,
    existing: Sequence[Booking],
) -> list[tuple[datetime.datetime, datetime.datetime]]:
    """Start times on a grid of the slot length in every window, plus the ends of bookings."""
    starts: set[datetime.datetime] = set()
    for window_start, window_end in windows:
        moment = window_start
        while moment + length <= window_end:
            starts.add(moment)
            moment += length
        for booking in existing:
            if window_start <= booking.end and booking.end + length <= window_end:
                starts.add(booking.end)
    return [(start, _window_of(windows, start, length)) for start in sorted(starts)]


def _window_of(windows, start, length) -> datetime.datetime:  # type: ignore[no-untyped-def]
    for window_start, window_end in windows:
        if window_start <= start and start + length <= window_end:
            return window_end
    raise ValueError("start outside every window")


def plan(
    entries: Sequence[int],
    jurors: Sequence[int],
    windows: Sequence[tuple[datetime.datetime, datetime.datetime]],
    length: datetime.timedelta,
    panel_size: int,
    existing: Sequence[Booking] = (),
    conflicts: frozenset[tuple[int, int]] = frozenset(),
) -> Plan:
    """Book each entry not yet booked into the earliest start with a free panel.

    A panel is the ``panel_size`` free, unconflicted jurors with the fewest bookings so far
    (ties by id), which spreads the work. Entries that fit nowhere are listed as unplaced.
    """
    if panel_size < 1 or length <= datetime.timedelta(0):
        raise ValueError("panel_size must be at least 1 and length positive")
    busy_entry: dict[int, list[tuple[datetime.datetime, datetime.datetime]]] = defaultdict(list)
    busy_juror: dict[int, list[tuple[datetime.datetime, datetime.datetime]]] = defaultdict(list)
    load: dict[int, int] = dict.fromkeys(jurors, 0)
    for booking in existing:
        busy_entry[booking.entry].append((booking.start, booking.end))
        for juror in booking.jurors:
            busy_juror[juror].append((booking.start, booking.end))
            load[juror] = load.get(juror, 0) + 1
    booked_already = {booking.entry for booking in existing}

    def free(intervals, start, end) -> bool:  # type: ignore[no-untyped-def]
        return not any(overlaps(s, e, start, end) for s, e in intervals)

    result = Plan()
    starts = candidate_starts(windows, length, existing)
    for entry in entries:
        if entry in booked_already:
            continue
        placed = False
        for start, _window_end in starts:
            end = start + length
            if not free(busy_entry[entry], start, end):
                continue
            available = [
                juror
                for juror in jurors
                if (entry, juror) not in conflicts and free(busy_juror[juror], start, end)
            ]
            if len(available) < panel_size:
                continue
            panel = sorted(available, key=lambda j: (load[j], j))[:panel_size]
            booking = Booking(entry, frozenset(panel), start, end)
            result.bookings.append(booking)
            busy_entry[entry].append((start, end))
            for juror in panel:
                busy_juror[juror].append((start, end))
                load[juror] += 1
            booked_already.add(entry)
            placed = True
            break
        if not placed:
            result.unplaced.append(entry)
    return result


def day_windows(
    days: Iterable[datetime.date],
    day_start: datetime.time,
    day_end: datetime.time,
    tz: datetime.tzinfo,
) -> list[tuple[datetime.datetime, datetime.datetime]]:
    """One window per day between two times of day, in the given time zone."""
    windows = []
    for day in sorted(set(days)):
        start = datetime.datetime.combine(day, day_start, tzinfo=tz)
        end = datetime.datetime.combine(day, day_end, tzinfo=tz)
        if end > start:
            windows.append((start, end))
    return windows
