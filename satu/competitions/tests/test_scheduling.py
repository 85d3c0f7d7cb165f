"""No juror and no entry is ever booked into two overlapping presentation slots."""

import datetime
from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from satu.competitions import scheduling

TZ = datetime.timezone(datetime.timedelta(hours=7))
DAY = datetime.date(2026, 9, 1)


def at(minutes: int) -> datetime.datetime:
    return datetime.datetime.combine(DAY, datetime.time(7, 0), tzinfo=TZ) + datetime.timedelta(
        minutes=minutes
    )


@st.composite
def scenarios(draw):
    entries = list(range(1, draw(st.integers(1, 25)) + 1))
    jurors = list(range(100, 100 + draw(st.integers(1, 9))))
    length = datetime.timedelta(minutes=draw(st.sampled_from([10, 20, 25, 30])))
    panel = draw(st.integers(1, 4))
    windows = []
    for day in range(draw(st.integers(1, 3))):
        start = draw(st.integers(0, 120)) + day * 24 * 60
        span = draw(st.integers(0, 300))
        windows.append((at(start), at(start + span)))
    # Hand-made bookings, kept only when they clash with nothing booked by hand before them
    # (the booking service refuses the others).
    existing: list[scheduling.Booking] = []
    for _ in range(draw(st.integers(0, 6))):
        entry = draw(st.sampled_from(entries))
        panel_jurors = frozenset(draw(st.lists(st.sampled_from(jurors), min_size=1, max_size=3)))
        start = at(draw(st.integers(0, 400)))
        booking = scheduling.Booking(entry, panel_jurors, start, start + length)
        if not scheduling.clashes(existing, booking) and entry not in {b.entry for b in existing}:
            existing.append(booking)
    conflicts = frozenset(
        draw(st.sets(st.tuples(st.sampled_from(entries), st.sampled_from(jurors)), max_size=10))
    )
    return entries, jurors, windows, length, panel, existing, conflicts


@settings(max_examples=300, deadline=None)
@given(scenarios())
def test_no_juror_and_no_entry_is_ever_in_two_overlapping_slots(scenario):
    entries, jurors, windows, length, panel, existing, conflicts = scenario
    plan = scheduling.plan(entries, jurors, windows, length, panel, existing, conflicts)
    everything = list(existing) + plan.bookings
    for a, b in combinations(everything, 2):
        if scheduling.overlaps(a.start, a.end, b.start, b.end):
            assert a.entry != b.entry, (a, b)
            assert not (a.jurors & b.jurors), (a, b)
    booked = {b.entry for b in everything}
    for booking in plan.bookings:
        assert len(booking.jurors) == panel
        assert booking.end - booking.start == length
        assert any(start <= booking.start and booking.end <= end for start, end in windows)
        assert not any((booking.entry, juror) in conflicts for juror in booking.jurors)
    # Every entry is booked exactly once or reported as not fitting.
    assert sorted(b.entry for b in everything if b.entry in entries) == sorted(booked)
    assert set(plan.unplaced) == set(entries) - booked
    assert len(plan.bookings) == len({b.entry for b in plan.bookings})


@settings(max_examples=100, deadline=None)
@given(st.integers(1, 30), st.integers(3, 8))
def test_everyone_fits_when_there_is_room(entry_count, juror_count):
    entries = list(range(entry_count))
    jurors = list(range(100, 100 + juror_count))
    length = datetime.timedelta(minutes=20)
    plan = scheduling.plan(entries, jurors, [(at(0), at(20 * entry_count))], length, 3)
    assert plan.unplaced == [] and len(plan.bookings) == entry_count


@pytest.mark.django_db
def test_booking_by_hand_refuses_a_double_booked_juror_or_entry(
    competition, secretariat, entrant, make_innovation, agency_a, agency_b
):
    from satu.competitions import services
    from satu.competitions.models import Entry, RoundKind
    from satu.core.errors import DomainError

    round = competition.rounds.get(kind=RoundKind.PRESENTATION)
    round.state = "open"
    round.save()
    entries = []
    for agency in (agency_a, agency_b):
        entries.append(
            Entry.objects.create(
                competition=competition,
                innovation=make_innovation(agency),
                agency=agency,
                group="umum",
                status="passed",
                shortlisted_at=at(0),
            )
        )
    jurors = list(competition.jurors.all())
    services.book_slot(secretariat, round, entries[0], at(60), jurors[:3])
    with pytest.raises(DomainError) as error:
        services.book_slot(secretariat, round, entries[1], at(70), jurors[2:4])
    assert error.value.code == "juror_double_booked"
    assert jurors[2].user.full_name in str(error.value.message)
    # The same panel right after the first slot ends is fine (slots are half-open).
    slot = services.book_slot(secretariat, round, entries[1], at(80), jurors[:3])
    with pytest.raises(DomainError) as error:
        services.book_slot(secretariat, round, entries[1], at(200), jurors[3:], slot=None)
    assert error.value.code == "booked"
    assert slot.ends_at - slot.starts_at == datetime.timedelta(minutes=20)
