import pytest
from django.core import mail
from django.urls import reverse

from satu.accounts.models import Membership, Role, User

pytestmark = pytest.mark.django_db


def invite(client, captured, **data):
    with captured(execute=True):
        return client.post(reverse("accounts:user_invite"), data)


def test_the_secretariat_invites_an_operator_who_gets_a_link_to_set_a_password(
    client, secretariat, agency_b, django_capture_on_commit_callbacks
):
    client.force_login(secretariat)
    response = invite(
        client,
        django_capture_on_commit_callbacks,
        full_name="Rina Marlina",
        email="Rina@Example.id",
        role=Role.OPERATOR,
        agency=agency_b.pk,
    )
    assert response.status_code == 302
    user = User.objects.get(email="rina@example.id")
    assert not user.has_usable_password()
    assert Membership.objects.filter(user=user, role=Role.OPERATOR, agency=agency_b).exists()
    assert len(mail.outbox) == 1
    assert "/akun/atur-sandi/" in mail.outbox[0].body
    assert "Operator OPD" in mail.outbox[0].subject


def test_a_regional_admin_cannot_invite_into_an_agency_outside_the_region(
    client, regional_admin, agency_b, django_capture_on_commit_callbacks
):
    client.force_login(regional_admin)
    response = invite(
        client,
        django_capture_on_commit_callbacks,
        full_name="Penyusup",
        email="penyusup@example.id",
        role=Role.OPERATOR,
        agency=agency_b.pk,
    )
    assert response.status_code == 200
    assert "agency" in response.context["form"].errors
    assert not User.objects.filter(email="penyusup@example.id").exists()
    assert mail.outbox == []


def test_a_regional_admin_cannot_make_anyone_secretariat(
    client, regional_admin, province, django_capture_on_commit_callbacks
):
    client.force_login(regional_admin)
    response = invite(
        client,
        django_capture_on_commit_callbacks,
        full_name="Calon Sekretariat",
        email="calon@example.id",
        role=Role.SECRETARIAT,
        region=province.pk,
    )
    assert response.status_code == 200
    assert "role" in response.context["form"].errors


def test_a_role_can_be_revoked_and_an_account_deactivated(client, regional_admin, operator_k):
    client.force_login(regional_admin)
    membership = operator_k.memberships.get()
    response = client.post(reverse("accounts:membership_revoke", args=[membership.pk]))
    assert response.status_code == 302
    assert not operator_k.memberships.exists()
    # Without a role in the admin's region the account is no longer theirs to manage.
    assert client.get(reverse("accounts:user_detail", args=[operator_k.pk])).status_code == 404


def test_deactivating_an_account_in_scope(client, secretariat, operator):
    client.force_login(secretariat)
    client.post(reverse("accounts:user_set_active", args=[operator.pk]), {"active": "0"})
    operator.refresh_from_db()
    assert not operator.is_active
