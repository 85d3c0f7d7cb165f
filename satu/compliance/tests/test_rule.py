"""The board counts the rule exactly, edge case by edge case and on generated data."""

import datetime

import pytest

from satu.agencies.models import Agency, AgencyType
from satu.innovations.models import Status

from .. import rules
from ..board import compute_board
from ..models import CountingRule, Exemption, ExemptionStatus
from ..scale import generate
from .conftest import AFTER, BEFORE, DEADLINE, LAST_MINUTE, make_innovation
from .oracle import agency_statuses, direct_by_region, direct_totals

pytestmark = pytest.mark.django_db


def status_of(year, agency):
    board = compute_board(year)
    return board.agencies().get(pk=agency.pk).status


@pytest.mark.parametrize(
    ("innovations", "accepted_rule", "submitted_rule"),
    [
        # (status, submitted_at, accepted_at) of each innovation of the agency
        ([], rules.NOTHING, rules.NOTHING),
        ([(Status.WITHDRAWN, BEFORE, None)], rules.NOTHING, rules.NOTHING),
        ([(Status.DRAFT, None, None)], rules.STARTED, rules.STARTED),
        ([(Status.RETURNED, BEFORE, None)], rules.STARTED, rules.STARTED),
        ([(Status.SUBMITTED, BEFORE, None)], rules.WAITING, rules.COMPLIED),
        ([(Status.VERIFIED, LAST_MINUTE, None)], rules.WAITING, rules.COMPLIED),
        ([(Status.APPROVED, AFTER, None)], rules.STARTED, rules.STARTED),
        ([(Status.ACCEPTED, BEFORE, BEFORE)], rules.COMPLIED, rules.COMPLIED),
        # submitted on time, accepted after the deadline: counts
        ([(Status.ACCEPTED, LAST_MINUTE, AFTER)], rules.COMPLIED, rules.COMPLIED),
        # submitted after the deadline, accepted: never counts for the year
        ([(Status.ACCEPTED, AFTER, AFTER)], rules.STARTED, rules.STARTED),
        # imported record without a submission time: its acceptance time stands in
        ([(Status.ACCEPTED, None, BEFORE)], rules.COMPLIED, rules.COMPLIED),
        ([(Status.ACCEPTED, None, AFTER)], rules.STARTED, rules.STARTED),
        # the best innovation decides
        (
            [(Status.RETURNED, BEFORE, None), (Status.SUBMITTED, BEFORE, None)],
            rules.WAITING,
            rules.COMPLIED,
        ),
        (
            [(Status.DRAFT, None, None), (Status.ACCEPTED, BEFORE, BEFORE)],
            rules.COMPLIED,
            rules.COMPLIED,
        ),
    ],
)
def test_an_agency_status_follows_the_rule(
    year, agency_a, innovations, accepted_rule, submitted_rule
):
    for status, submitted_at, accepted_at in innovations:
        make_innovation(agency_a, status, submitted_at=submitted_at, accepted_at=accepted_at)
    assert status_of(year, agency_a) == accepted_rule
    year.counting_rule = CountingRule.SUBMITTED
    year.save()
    assert status_of(year, agency_a) == submitted_rule


def test_an_innovation_of_another_year_does_not_count(year, agency_a):
    make_innovation(agency_a, Status.ACCEPTED, year=2025)
    assert status_of(year, agency_a) == rules.NOTHING


def test_a_confirmed_exemption_takes_the_agency_out_even_when_it_complied(
    year, agency_a, agency_b, secretariat, superuser
):
    make_innovation(agency_a, Status.ACCEPTED)
    for agency, status in (
        (agency_a, ExemptionStatus.CONFIRMED),
        (agency_b, ExemptionStatus.PENDING),
    ):
        Exemption.objects.create(
            programme_year=year,
            agency=agency,
            reason="Dibentuk ulang",
            status=status,
            requested_by=secretariat,
            decided_by=superuser if status != ExemptionStatus.PENDING else None,
        )
    assert status_of(year, agency_a) == rules.EXEMPT
    assert status_of(year, agency_b) == rules.NOTHING
    before = compute_board(year).totals
    assert before.exempt == 1
    assert before.obliged == Agency.objects.filter(region__code__startswith="33").count() - 1


def test_an_agency_that_ended_before_the_deadline_is_not_obliged_but_its_successor_is(
    year, province
):
    successor = Agency.objects.create(
        name="Dinas Baru",
        abbreviation="BARU",
        type=AgencyType.DINAS,
        region=province,
        valid_from=datetime.date(2026, 3, 1),
    )
    ended = Agency.objects.create(
        name="Dinas Lama",
        abbreviation="LAMA",
        type=AgencyType.DINAS,
        region=province,
        valid_until=datetime.date(2026, 2, 28),
        successor=successor,
    )
    on_the_day = Agency.objects.create(
        name="Dinas Tutup",
        abbreviation="TUTUP",
        type=AgencyType.DINAS,
        region=province,
        valid_until=DEADLINE,
    )
    too_new = Agency.objects.create(
        name="Dinas Terlambat",
        abbreviation="TELAT",
        type=AgencyType.DINAS,
        region=province,
        valid_from=DEADLINE + datetime.timedelta(days=1),
    )
    make_innovation(ended, Status.ACCEPTED)  # its innovation does not pass to the successor
    listed = set(compute_board(year).agencies().values_list("pk", flat=True))
    assert successor.pk in listed and on_the_day.pk in listed
    assert ended.pk not in listed and too_new.pk not in listed
    assert status_of(year, successor) == rules.NOTHING


def test_only_the_obliged_types_are_counted(year, agency_a, agency_b):
    year.obliged_types = [AgencyType.RSUD]
    year.save()
    listed = set(compute_board(year).agencies().values_list("pk", flat=True))
    assert agency_b.pk in listed  # RSUD dr. Moewardi
    assert agency_a.pk not in listed  # a dinas
    assert all(row.type == AgencyType.RSUD for row in compute_board(year).types)


@pytest.mark.parametrize("rule", [CountingRule.ACCEPTED, CountingRule.SUBMITTED])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_on_generated_data_the_totals_equal_a_direct_count(year, province, rule, seed):
    year.counting_rule = rule
    year.save()
    regions = [province, *province.children.order_by("code")[:6]]
    generate(year, agencies=300, regions=regions, seed=seed)
    board = compute_board(year)
    assert board.totals.as_dict() | {"percent": None} == direct_totals(year, province) | {
        "percent": None
    }
    expected_regions = direct_by_region(year, province)
    assert {row.code for row in board.regions} == set(expected_regions)
    for row in board.regions:
        expected = expected_regions[row.code]
        assert {s: row.counts.get(s) for s in rules.STATUSES} == {
            s: expected.get(s, 0) for s in rules.STATUSES
        }, row.code
    statuses = agency_statuses(year, province)
    assert dict(board.agencies().values_list("pk", "status")) == statuses
    assert sum(row.counts.obliged for row in board.types) == board.totals.obliged


def test_the_national_board_counts_every_agency(year, province, agency_other_region):
    other_province = province.__class__.objects.get(code="34")
    generate(year, agencies=60, regions=[province, other_province], seed=9)
    national = compute_board(year, scope=None)
    assert national.totals.as_dict() == direct_totals(year, None) | {
        "percent": national.totals.percent
    }
    assert "34" in {row.code for row in national.regions}
    assert "34" not in {row.code for row in compute_board(year).regions}
