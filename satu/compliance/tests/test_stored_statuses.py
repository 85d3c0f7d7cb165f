"""The stored statuses equal the rule computed from scratch after every kind of change."""

import datetime
from collections import Counter

import pytest
from django.core.management import call_command

from satu.agencies.models import Agency, AgencyType
from satu.core.testing.personas import grant, make_user
from satu.innovations.models import Innovation, Status
from satu.regions.models import Region

from .. import rules, services, statuses
from ..board import compute_board
from ..models import AgencyStatus, CountingRule, ProgrammeYear, StatusCount
from ..scale import generate
from .conftest import AFTER, BEFORE, make_innovation
from .oracle import agency_statuses

pytestmark = pytest.mark.django_db


def stored(year: ProgrammeYear) -> dict[int, str]:
    return dict(AgencyStatus.objects.filter(programme_year=year).values_list("agency_id", "status"))


def kept_counts(year: ProgrammeYear) -> dict[tuple, int]:
    rows = StatusCount.objects.filter(programme_year=year, count__gt=0)
    return {(r.region_id, r.agency_type, r.status): r.count for r in rows}


def counted_rows(year: ProgrammeYear) -> dict[tuple, int]:
    """The sums from scratch: the rows counted under their agency's current region and type."""
    counted: Counter[tuple] = Counter()
    for row in AgencyStatus.objects.filter(programme_year=year).select_related("agency"):
        assert (row.region_id, row.agency_type) == (row.agency.region_id, row.agency.type)
        counted[(row.region_id, row.agency_type, row.status)] += 1
    return dict(counted)


def assert_in_step(*years: ProgrammeYear) -> None:
    """Stored rows = the database's computation = the plain-Python oracle, for every year."""
    for year in years:
        year.refresh_from_db()
        board = compute_board(year, scope=None)
        scratch = dict(board.agencies_from_scratch().values_list("pk", "status"))
        assert stored(year) == scratch
        assert kept_counts(year) == counted_rows(year)
        assert scratch == agency_statuses(year, None)
        assert board.totals == board.counts_from_scratch()
        listed = {agency.pk: (agency.status, agency.counted) for agency in board.agencies()}
        from_scratch = {
            agency.pk: (agency.status, agency.counted) for agency in board.agencies_from_scratch()
        }
        assert listed == from_scratch
        # The lists' lengths are taken from the kept sums; a reordered clone counts the rows.
        for status in (None, *rules.STATUSES):
            agencies = board.agencies(status=status)
            assert agencies.known_count is not None
            assert agencies.count() == agencies.order_by().count()


@pytest.fixture
def years(reference_data, province):
    this = ProgrammeYear.objects.create(year=2026, registration_deadline=datetime.date(2026, 6, 30))
    last = ProgrammeYear.objects.create(year=2025, registration_deadline=datetime.date(2025, 6, 30))
    regions = [province, *province.children.order_by("code")[:3]]
    generate(this, agencies=40, regions=regions, seed=7, prefix="ST")
    generate(last, agencies=20, regions=regions, seed=8, prefix="SL")
    return this, last


def test_a_bulk_load_and_a_new_programme_year_are_stored(years):
    this, last = years
    assert AgencyStatus.objects.filter(programme_year=this).exists()
    assert_in_step(this, last)
    next_year = ProgrammeYear.objects.create(
        year=2027, registration_deadline=datetime.date(2027, 6, 30)
    )
    assert set(stored(next_year).values()) == {rules.NOTHING}
    assert_in_step(next_year)


def test_creating_editing_moving_and_deleting_an_innovation_keeps_the_statuses(years, agency_a):
    this, last = years
    innovation = make_innovation(agency_a, Status.DRAFT)
    assert stored(this)[agency_a.pk] == rules.STARTED
    assert_in_step(this, last)

    innovation = Innovation.objects.get(pk=innovation.pk)
    innovation.status, innovation.submitted_at = Status.SUBMITTED, BEFORE
    innovation.save()
    assert stored(this)[agency_a.pk] == rules.WAITING
    innovation.status, innovation.accepted_at = Status.ACCEPTED, BEFORE
    innovation.save()
    assert stored(this)[agency_a.pk] == rules.COMPLIED
    assert_in_step(this, last)

    # Moved to last year: this year the agency has nothing, last year it complied.
    innovation = Innovation.objects.get(pk=innovation.pk)
    innovation.programme_year = 2025
    innovation.save()
    assert stored(this)[agency_a.pk] == rules.NOTHING
    assert stored(last)[agency_a.pk] == rules.STARTED  # submitted after last year's deadline
    assert_in_step(this, last)

    innovation.delete()
    assert stored(last)[agency_a.pk] == rules.NOTHING
    assert_in_step(this, last)


def test_an_innovation_moved_to_another_agency_leaves_the_first_one(years, agency_a, agency_b):
    this, _last = years
    innovation = make_innovation(agency_a, Status.ACCEPTED)
    innovation = Innovation.objects.get(pk=innovation.pk)
    innovation.agency = agency_b
    innovation.save()
    assert stored(this)[agency_a.pk] == rules.NOTHING
    assert stored(this)[agency_b.pk] == rules.COMPLIED
    assert_in_step(this)


def test_exemptions_requested_confirmed_and_revoked_keep_the_statuses(years, agency_a, province):
    this, last = years
    make_innovation(agency_a, Status.ACCEPTED)
    first = make_user("sek.satu@example.test")
    second = make_user("sek.dua@example.test")
    grant(first, "secretariat", province)
    grant(second, "secretariat", province)
    exemption = services.request_exemption(first, this, agency_a, "Dilebur dengan OPD lain.")
    assert stored(this)[agency_a.pk] == rules.COMPLIED
    services.confirm_exemption(second, exemption)
    assert stored(this)[agency_a.pk] == rules.EXEMPT
    assert_in_step(this, last)
    services.revoke_exemption(first, exemption, "Ternyata masih berjalan.")
    assert stored(this)[agency_a.pk] == rules.COMPLIED
    assert_in_step(this, last)


def test_changing_the_rules_of_a_year_recomputes_every_agency(years):
    this, last = years
    this.counting_rule = CountingRule.SUBMITTED
    this.save()
    assert_in_step(this, last)
    this.registration_deadline = datetime.date(2026, 12, 31)  # late ones are now on time
    this.obliged_types = [AgencyType.DINAS, AgencyType.BADAN]
    this.save()
    assert set(
        Agency.objects.filter(compliance_statuses__programme_year=this).values_list(
            "type", flat=True
        )
    ) <= {AgencyType.DINAS, AgencyType.BADAN}
    assert_in_step(this, last)


def test_an_agency_that_changes_type_or_ends_is_recomputed_in_every_year(years, agency_a):
    this, last = years
    make_innovation(agency_a, Status.SUBMITTED, submitted_at=AFTER)
    this.obliged_types = [agency_a.type]
    this.save()
    other_type = next(t for t in AgencyType.values if t != agency_a.type)
    agency_a.type = other_type
    agency_a.save()
    assert agency_a.pk not in stored(this)
    agency_a.type = this.obliged_types[0]
    agency_a.valid_until = datetime.date(2025, 1, 1)  # ended before both deadlines
    agency_a.save()
    assert agency_a.pk not in stored(this) and agency_a.pk not in stored(last)
    assert_in_step(this, last)
    new = Agency.objects.create(
        name="Badan Baru", abbreviation="BB", type=AgencyType.BADAN, region=agency_a.region
    )
    assert stored(last)[new.pk] == rules.NOTHING
    assert_in_step(this, last)


def test_an_agency_moved_to_another_region_or_deleted_takes_its_counts_along(
    years, agency_a, province
):
    this, last = years
    make_innovation(agency_a, Status.ACCEPTED)
    first = agency_a.region
    second = province.children.exclude(pk=first.pk).order_by("code").first()

    def complied(region: Region) -> int:
        return compute_board(this, scope=province, region=region).totals.complied

    counts = complied(first), complied(second)
    agency_a.region = second
    agency_a.type = AgencyType.KECAMATAN
    agency_a.save()
    assert (complied(first), complied(second)) == (counts[0] - 1, counts[1] + 1)
    assert_in_step(this, last)
    idle = Agency.objects.create(
        name="Kantor Tanpa Inovasi", abbreviation="KTI", type=AgencyType.BADAN, region=second
    )
    assert stored(this)[idle.pk] == rules.NOTHING
    idle.delete()
    assert idle.pk not in stored(this)
    assert_in_step(this, last)


def test_the_command_rebuilds_rows_written_past_the_signals(years, agency_a):
    this, last = years
    innovation = make_innovation(agency_a, Status.ACCEPTED)
    Innovation.objects.filter(pk=innovation.pk).update(status=Status.WITHDRAWN)  # no signal
    AgencyStatus.objects.filter(programme_year=last).delete()
    assert stored(this)[agency_a.pk] == rules.COMPLIED  # stale
    call_command("refresh_compliance_statuses", verbosity=0)
    assert stored(this)[agency_a.pk] == rules.NOTHING
    assert_in_step(this, last)


def test_the_innovation_import_refreshes_each_agency_once_at_its_end(
    years, agency_a, agency_b, django_assert_max_num_queries
):
    this, last = years
    with statuses.batched():
        for agency in (agency_a, agency_b) * 3:
            make_innovation(agency, Status.ACCEPTED)
        assert agency_a.pk not in stored(this) or stored(this)[agency_a.pk] != rules.COMPLIED
    assert stored(this)[agency_a.pk] == stored(this)[agency_b.pk] == rules.COMPLIED
    assert_in_step(this, last)


def test_a_spreadsheet_import_of_innovations_keeps_the_statuses(
    years, secretariat, agency_k, client, django_capture_on_commit_callbacks
):
    from satu.innovations.tests.test_import import as_csv, row, start

    this, last = years
    assert agency_k.abbreviation == "DINKES"  # the agency the rows name
    client.force_login(secretariat)
    rows = [
        row(tahun="2026", nama="Antrean Daring Puskesmas", tanggal_diterima="2026-03-30"),
        row(tahun="2025", nama="Layanan Jemput Bola", tanggal_diterima="2025-03-30"),
    ]
    start(client, as_csv(rows), "inovasi.csv", django_capture_on_commit_callbacks)
    assert Innovation.objects.filter(name="Layanan Jemput Bola").exists()
    agency = Innovation.objects.get(name="Layanan Jemput Bola").agency_id
    assert stored(last)[agency] == rules.STARTED  # imported (submitted) after the deadline
    assert_in_step(this, last)


def test_the_trend_of_several_years_equals_each_year_counted_from_scratch(years, province):
    from ..board import trend

    this, last = years
    points = trend([this, last], scope=province)
    assert [year for year, _counts in points] == [last, this]
    for year, counts in points:
        assert counts == compute_board(year, scope=province).counts_from_scratch()
        assert counts.obliged > 0
    assert trend([]) == []


def test_the_national_trend_counts_every_agency_and_filters_narrow_it(years, province):
    """Without a scope or filter the trend reads the stored rows without the agencies."""
    from ..board import trend

    this, last = years
    Agency.objects.create(
        name="Dinas di Provinsi Lain",
        abbreviation="DPL",
        type=AgencyType.DINAS,
        region=Region.objects.provinces().exclude(pk=province.pk).first(),
    )
    for filters in ({"scope": None}, {"scope": None, "agency_type": AgencyType.DINAS}):
        for year, counts in trend([this, last], **filters):
            assert counts == compute_board(year, **filters).counts_from_scratch()
    national = dict(trend([this], scope=None))[this]
    assert national.obliged > compute_board(this, scope=province).counts_from_scratch().obliged
