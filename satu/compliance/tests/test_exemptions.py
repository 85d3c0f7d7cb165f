"""Exemptions: requested by one member of the secretariat, confirmed by another, audited."""

import pytest
from django.urls import reverse

from satu.agencies.models import Agency, AgencyType
from satu.audit.models import AuditEntry
from satu.core.errors import DomainError, PermissionDeniedError
from satu.core.testing.personas import grant, make_user

from .. import services
from ..board import compute_board
from ..models import Exemption, ExemptionStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def second_secretariat(province):
    from satu.accounts.models import Role

    return grant(
        make_user("sekretariat2@example.id", "Sekretariat Dua"), Role.SECRETARIAT, province
    )


def test_a_requested_exemption_changes_nothing_until_another_person_confirms_it(
    year, agency_a, secretariat, second_secretariat, django_capture_on_commit_callbacks
):
    before = compute_board(year).totals
    with django_capture_on_commit_callbacks(execute=True):
        exemption = services.request_exemption(
            secretariat, year, agency_a, "Dinas digabung pada bulan Maret."
        )
    assert exemption.status == ExemptionStatus.PENDING
    assert compute_board(year).totals == before

    with pytest.raises(PermissionDeniedError) as refused:
        services.confirm_exemption(secretariat, exemption)
    assert refused.value.code == "four_eyes"

    services.confirm_exemption(second_secretariat, exemption, "Sesuai SK penggabungan.")
    after = compute_board(year).totals
    assert after.exempt == before.exempt + 1
    assert after.obliged == before.obliged - 1


def test_the_other_secretariat_members_are_asked_to_confirm(
    year, agency_a, secretariat, second_secretariat, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        exemption = services.request_exemption(
            secretariat, year, agency_a, "Dinas digabung pada bulan Maret."
        )
    [message] = mailoutbox
    assert message.to == [second_secretariat.email]
    assert agency_a.name in message.subject
    assert reverse("compliance:exemption_detail", args=[exemption.pk]) in message.body


def test_a_system_administrator_may_confirm(year, agency_a, secretariat, superuser):
    exemption = services.request_exemption(secretariat, year, agency_a, "Dinas baru dibentuk.")
    services.confirm_exemption(superuser, exemption)
    exemption.refresh_from_db()
    assert exemption.status == ExemptionStatus.CONFIRMED
    assert exemption.decided_by == superuser


def test_the_database_refuses_a_self_confirmed_exemption(year, agency_a, secretariat):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Exemption.objects.create(
            programme_year=year,
            agency=agency_a,
            reason="Percobaan",
            status=ExemptionStatus.CONFIRMED,
            requested_by=secretariat,
            decided_by=secretariat,
        )


def test_every_step_is_audited(year, agency_a, secretariat, second_secretariat):
    exemption = services.request_exemption(secretariat, year, agency_a, "Dinas baru dibentuk.")
    services.confirm_exemption(second_secretariat, exemption, "Ya")
    services.revoke_exemption(second_secretariat, exemption, "SK dibatalkan")
    actions = list(
        AuditEntry.objects.filter(object_type="compliance.exemption", object_id=str(exemption.pk))
        .order_by("seq")
        .values_list("action", flat=True)
    )
    assert actions == [
        "create",
        "update",
        "compliance.exemption_confirmed",
        "update",
        "compliance.exemption_revoked",
    ]
    assert compute_board(year).agencies().get(pk=agency_a.pk).status == "nothing"


def test_a_rejection_needs_a_reason_and_keeps_the_agency_counted(
    year, agency_a, secretariat, second_secretariat
):
    exemption = services.request_exemption(secretariat, year, agency_a, "Dinas baru dibentuk.")
    with pytest.raises(DomainError):
        services.reject_exemption(second_secretariat, exemption, "")
    services.reject_exemption(second_secretariat, exemption, "Tidak ada dasar hukum.")
    assert compute_board(year).totals.exempt == 0
    # A new request may follow a rejected one.
    services.request_exemption(secretariat, year, agency_a, "Ada SK baru penggabungan.")


def test_one_open_exemption_per_agency_and_year(year, agency_a, secretariat):
    services.request_exemption(secretariat, year, agency_a, "Dinas baru dibentuk.")
    with pytest.raises(DomainError):
        services.request_exemption(secretariat, year, agency_a, "Sekali lagi diajukan.")


def test_an_agency_that_is_not_obliged_needs_no_exemption(year, province, secretariat):
    ended = Agency.objects.create(
        name="Dinas Lama",
        abbreviation="LAMA",
        type=AgencyType.DINAS,
        region=province,
        valid_until=year.registration_deadline.replace(month=1, day=31),
    )
    with pytest.raises(DomainError) as refused:
        services.request_exemption(secretariat, year, ended, "Sudah dibubarkan.")
    assert refused.value.field == "agency"


@pytest.mark.parametrize("persona", ["regional_admin", "operator", "agency_head"])
def test_only_the_secretariat_requests_exemptions(request, year, agency_k, persona):
    user = request.getfixturevalue(persona)
    with pytest.raises(PermissionDeniedError):
        services.request_exemption(user, year, agency_k, "Ingin dikecualikan saja.")


def test_the_requester_may_withdraw_but_not_reject(year, agency_a, secretariat):
    exemption = services.request_exemption(secretariat, year, agency_a, "Dinas baru dibentuk.")
    with pytest.raises(PermissionDeniedError):
        services.reject_exemption(secretariat, exemption, "Berubah pikiran")
    services.withdraw_exemption(secretariat, exemption)
    assert not Exemption.objects.exists()


def test_the_pages_request_and_confirm_an_exemption(
    client, year, agency_a, secretariat, second_secretariat
):
    client.force_login(secretariat)
    url = reverse("compliance:exemption_list", args=[2026])
    response = client.post(url, {"agency": agency_a.pk, "reason": "Dinas digabung pada Maret."})
    assert response.status_code == 302
    exemption = Exemption.objects.get()
    detail = reverse("compliance:exemption_detail", args=[exemption.pk])
    response = client.get(detail)
    assert "Konfirmasi pengecualian" not in response.content.decode()
    response = client.post(reverse("compliance:exemption_decide", args=[exemption.pk, "confirm"]))
    exemption.refresh_from_db()
    assert exemption.status == ExemptionStatus.PENDING  # refused: same person

    client.force_login(second_secretariat)
    assert "Konfirmasi pengecualian" in client.get(detail).content.decode()
    client.post(reverse("compliance:exemption_decide", args=[exemption.pk, "confirm"]))
    exemption.refresh_from_db()
    assert exemption.status == ExemptionStatus.CONFIRMED

    response = client.post(
        reverse("compliance:exemption_decide", args=[exemption.pk, "revoke"]), {"note": ""}
    )
    exemption.refresh_from_db()
    assert exemption.status == ExemptionStatus.CONFIRMED  # a revocation needs a reason
    client.post(
        reverse("compliance:exemption_decide", args=[exemption.pk, "revoke"]),
        {"note": "SK dibatalkan"},
    )
    exemption.refresh_from_db()
    assert exemption.status == ExemptionStatus.REVOKED


def test_a_short_justification_is_refused_on_the_form(client, year, agency_a, secretariat):
    client.force_login(secretariat)
    response = client.post(
        reverse("compliance:exemption_list", args=[2026]), {"agency": agency_a.pk, "reason": "x"}
    )
    assert response.status_code == 200
    assert "reason" in response.context["form"].errors
    assert not Exemption.objects.exists()
