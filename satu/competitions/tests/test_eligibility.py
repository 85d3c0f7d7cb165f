"""Each eligibility rule refuses with its own reason code, and every failed rule is listed."""

import datetime

import pytest

from satu.agencies.models import Agency, AgencyType
from satu.competitions import services
from satu.competitions.models import Award, AwardSource, Competition, Entry, Group
from satu.innovations.models import Status

pytestmark = pytest.mark.django_db


def codes(error) -> set[str]:
    return set(error.value.codes)


def enter(actor, competition, innovation, **kwargs):
    kwargs.setdefault("group", Group.GENERAL)
    kwargs.setdefault("category", competition.categories.first())
    return services.enter_innovation(actor, competition, innovation, **kwargs)


def test_an_old_enough_complete_innovation_is_entered(
    open_competition, operator, agency_a, make_innovation
):
    entry = enter(operator, open_competition, make_innovation(agency_a))
    assert entry.agency == agency_a and entry.status == "submitted"


def test_a_too_young_innovation_is_refused(open_competition, operator, agency_a, make_innovation):
    # Two years are needed on 30 June 2026: launched 1 July 2024 is one day short.
    innovation = make_innovation(agency_a, launch=datetime.date(2024, 7, 1))
    with pytest.raises(services.EligibilityError) as error:
        enter(operator, open_competition, innovation)
    assert codes(error) == {"too_young"}
    assert "30-06-2026" in error.value.failures[0].message
    innovation.launch_date = datetime.date(2024, 6, 30)
    innovation.save()
    assert enter(operator, open_competition, innovation).pk


def test_an_earlier_top_winner_is_refused_in_the_general_group(
    open_competition, operator, agency_a, make_innovation
):
    innovation = make_innovation(agency_a)
    # Recorded by national forwarding: KIPP Top 45 in 2024.
    Award.objects.create(
        innovation=innovation,
        source=AwardSource.KIPP,
        year=2024,
        title="Top 45",
        is_top_winner=True,
    )
    with pytest.raises(services.EligibilityError) as error:
        enter(operator, open_competition, innovation)
    assert codes(error) == {"earlier_top_winner"}
    # … and may compete in the special group instead.
    assert enter(operator, open_competition, innovation, group=Group.SPECIAL).group == "khusus"


def test_the_special_group_is_only_for_earlier_top_winners(
    open_competition, operator, agency_a, make_innovation
):
    with pytest.raises(services.EligibilityError) as error:
        enter(operator, open_competition, make_innovation(agency_a), group=Group.SPECIAL)
    assert codes(error) == {"special_needs_top_winner"}


def test_an_innovation_shortlisted_twice_is_refused(
    open_competition, operator, agency_a, make_innovation, province
):
    innovation = make_innovation(agency_a)
    # Shortlisted once here (an earlier provincial entry) and once nationally (KIPP Top 99).
    earlier = Competition.objects.create(
        region=province,
        year=2024,
        name="Kompetisi 2024",
        age_reference_date=datetime.date(2024, 6, 30),
    )
    Entry.objects.create(
        competition=earlier,
        innovation=innovation,
        agency=agency_a,
        group=Group.GENERAL,
        status="passed",
        shortlisted_at=datetime.datetime(2024, 8, 1, tzinfo=datetime.UTC),
    )
    Award.objects.create(innovation=innovation, source=AwardSource.KIPP, year=2023, title="Top 99")
    Award.objects.create(innovation=innovation, source=AwardSource.KIPP, year=2023, title="Finalis")
    with pytest.raises(services.EligibilityError) as error:
        enter(operator, open_competition, innovation)
    assert codes(error) == {"shortlisted_twice"}


def test_a_kabupaten_over_its_quota_is_refused(
    open_competition, operator_k, agency_k, kota_semarang, make_innovation
):
    # The quota is three entries per kabupaten/kota, whichever agency of it enters.
    others = [
        Agency.objects.create(
            region=kota_semarang, abbreviation=f"X{n}", name=f"Dinas {n}", type=AgencyType.DINAS
        )
        for n in range(3)
    ]
    for agency in others:
        enter(services_actor(agency), open_competition, make_innovation(agency))
    with pytest.raises(services.EligibilityError) as error:
        enter(operator_k, open_competition, make_innovation(agency_k))
    assert codes(error) == {"region_quota_full"}
    assert "Kota Semarang" in error.value.failures[0].message


def services_actor(agency):
    from satu.accounts.models import Role
    from satu.core.testing.personas import grant, make_user

    return grant(make_user(f"op.{agency.abbreviation.lower()}@example.id"), Role.OPERATOR, agency)


def test_a_provincial_agency_over_its_quota_is_refused(
    open_competition, operator, agency_a, make_innovation
):
    enter(operator, open_competition, make_innovation(agency_a))
    with pytest.raises(services.EligibilityError) as error:
        enter(operator, open_competition, make_innovation(agency_a))
    assert codes(error) == {"agency_quota_full"}


def test_an_incomplete_proposal_is_refused(open_competition, operator, agency_a, make_innovation):
    with pytest.raises(services.EligibilityError) as error:
        enter(operator, open_competition, make_innovation(agency_a, novelty="", resources=" "))
    assert codes(error) == {"incomplete_proposal"}
    assert "Kebaruan" in error.value.failures[0].message
    long_summary = " ".join(["kata"] * 201)
    with pytest.raises(services.EligibilityError) as error:
        enter(operator, open_competition, make_innovation(agency_a, summary=long_summary))
    assert codes(error) == {"incomplete_proposal"}
    assert "201" in error.value.failures[0].message


def test_an_innovation_not_accepted_is_refused(
    open_competition, operator, agency_a, make_innovation
):
    innovation = make_innovation(agency_a, status=Status.SUBMITTED)
    with pytest.raises(services.EligibilityError) as error:
        enter(operator, open_competition, innovation)
    assert codes(error) == {"not_accepted"}


def test_the_same_innovation_cannot_be_entered_twice(
    open_competition, operator, secretariat, agency_a, make_innovation
):
    innovation = make_innovation(agency_a)
    enter(operator, open_competition, innovation)
    open_competition.quota_per_provincial_agency = None
    open_competition.save()
    with pytest.raises(services.EligibilityError) as error:
        enter(operator, open_competition, innovation)
    assert codes(error) == {"duplicate_entry"}


def test_a_replication_must_name_its_original(
    open_competition, operator, agency_a, agency_b, make_innovation
):
    innovation = make_innovation(agency_a)
    with pytest.raises(services.EligibilityError) as error:
        enter(operator, open_competition, innovation, group=Group.REPLICATION)
    assert codes(error) == {"replication_needs_original"}
    original = make_innovation(agency_b)
    entry = enter(
        operator, open_competition, innovation, group=Group.REPLICATION, original=original
    )
    assert entry.original_innovation == original


def test_every_failed_rule_is_listed_at_once(open_competition, operator, agency_a, make_innovation):
    innovation = make_innovation(
        agency_a, launch=datetime.date(2025, 1, 1), status=Status.SUBMITTED, background=""
    )
    with pytest.raises(services.EligibilityError) as error:
        enter(operator, open_competition, innovation, group=Group.REPLICATION, category=None)
    assert codes(error) == {
        "not_accepted",
        "category_required",
        "too_young",
        "replication_needs_original",
        "incomplete_proposal",
    }
    assert not Entry.objects.filter(innovation=innovation).exists()


def test_an_operator_cannot_enter_another_agencys_innovation(
    open_competition, outsider_operator, agency_a, make_innovation
):
    from satu.core.errors import PermissionDeniedError

    with pytest.raises(PermissionDeniedError):
        enter(outsider_operator, open_competition, make_innovation(agency_a))


def test_entries_are_refused_outside_registration(competition, operator, agency_a, make_innovation):
    from satu.core.errors import DomainError

    with pytest.raises(DomainError) as error:
        enter(operator, competition, make_innovation(agency_a))
    assert error.value.code == "closed"
