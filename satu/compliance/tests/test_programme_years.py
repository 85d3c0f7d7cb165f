"""The secretariat sets up programme years; the rules are data it can change."""

import datetime

import pytest
from django.urls import reverse

from satu.agencies.models import AgencyType
from satu.audit.models import AuditEntry
from satu.core.errors import DomainError, PermissionDeniedError

from .. import services
from ..deadlines import is_registration_open, registration_deadline, registration_deadline_end
from ..models import ProgrammeYear
from .conftest import DEADLINE, JAKARTA

pytestmark = pytest.mark.django_db


def form_data(**changes):
    data = {
        "year": 2027,
        "registration_deadline": "2027-06-30",
        "obliged_types": [AgencyType.DINAS, AgencyType.BADAN],
        "counting_rule": "accepted",
        "reminder_days": "14, 30, 7",
        "escalation_days": "1",
        "green_from": 90,
        "amber_from": 60,
    }
    data.update(changes)
    return data


def test_the_secretariat_creates_a_year_through_the_form(client, secretariat):
    client.force_login(secretariat)
    response = client.post(reverse("compliance:year_create"), form_data())
    assert response.status_code == 302
    year = ProgrammeYear.objects.get(year=2027)
    assert year.registration_deadline == datetime.date(2027, 6, 30)
    assert year.obliged_types == [AgencyType.BADAN, AgencyType.DINAS]
    assert year.reminder_days == [30, 14, 7]
    assert year.updated_by == secretariat
    assert AuditEntry.objects.filter(
        object_type="compliance.programmeyear", action="create"
    ).exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"registration_deadline": "2028-01-15"}, "registration_deadline"),
        ({"reminder_days": "30, tiga"}, "reminder_days"),
        ({"reminder_days": "400"}, "reminder_days"),
        ({"amber_from": 95}, "amber_from"),
        ({"obliged_types": []}, "obliged_types"),
    ],
)
def test_invalid_settings_are_refused_with_the_field_at_fault(client, secretariat, changes, field):
    client.force_login(secretariat)
    response = client.post(reverse("compliance:year_create"), form_data(**changes))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not ProgrammeYear.objects.filter(year=2027).exists()


def test_changing_a_year_is_audited_with_before_and_after(client, year, secretariat):
    client.force_login(secretariat)
    response = client.post(
        reverse("compliance:year_update", args=[2026]),
        form_data(registration_deadline="2026-07-31", counting_rule="submitted"),
    )
    assert response.status_code == 302
    year.refresh_from_db()
    assert year.counting_rule == "submitted"
    entry = AuditEntry.objects.filter(
        object_type="compliance.programmeyear", action="update"
    ).latest("seq")
    assert entry.changes["registration_deadline"] == ["2026-06-30", "2026-07-31"]


def test_a_year_exists_once(year, secretariat):
    with pytest.raises(DomainError):
        services.create_programme_year(
            secretariat, 2026, registration_deadline=datetime.date(2026, 8, 1)
        )


def test_a_regional_admin_cannot_change_the_settings(year, regional_admin):
    with pytest.raises(PermissionDeniedError):
        services.update_programme_year(regional_admin, year, counting_rule="submitted")


def test_a_secretariat_of_another_province_cannot_change_the_settings(year, reference_data):
    from satu.accounts.models import Role
    from satu.core.testing.personas import grant, make_user
    from satu.regions.models import Region

    other = grant(make_user("sek.diy@example.id"), Role.SECRETARIAT, Region.objects.get(code="34"))
    with pytest.raises(PermissionDeniedError):
        services.update_programme_year(other, year, counting_rule="submitted")


def test_the_deadline_functions_answer_for_a_year(year):
    assert registration_deadline(2026) == DEADLINE
    assert registration_deadline(2030) is None
    end = registration_deadline_end(2026)
    assert end == datetime.datetime(2026, 7, 1, tzinfo=JAKARTA)
    assert is_registration_open(2026, datetime.datetime(2026, 6, 30, 23, 59, tzinfo=JAKARTA))
    assert not is_registration_open(2026, datetime.datetime(2026, 7, 1, 0, 0, tzinfo=JAKARTA))
    assert is_registration_open(2030) is None
