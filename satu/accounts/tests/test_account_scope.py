"""Managing an account needs authority over every role it holds (issue 24, finding 1).

The data table pits every manager persona against accounts of every role and scope, for each
thing one can do to an account: see it, give it a role, remove a role, switch it off, invite
its address.
"""

import pytest
from django.core import mail
from django.urls import reverse

from satu.accounts.models import Invitation, InvitationStatus, Membership, Role, User
from satu.agencies.models import Agency, AgencyType
from satu.core.testing.personas import PASSWORD, grant, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def agency_k2(kota_semarang) -> Agency:
    """A second agency of Kota Semarang, where nobody holds a role yet."""
    return Agency.objects.create(
        region=kota_semarang,
        abbreviation="DISDUKCAPIL",
        name="Dinas Kependudukan dan Pencatatan Sipil Kota Semarang",
        type=AgencyType.DINAS,
    )


@pytest.fixture
def co_admin(kota_semarang) -> User:
    """A second regional administrator of Kota Semarang."""
    return grant(
        make_user("admin2.kota@example.id", "Admin Kota Dua"), Role.REGIONAL_ADMIN, kota_semarang
    )


@pytest.fixture
def other_secretariat(province) -> User:
    return grant(
        make_user("sekretariat2@example.id", "Sekretariat Dua"), Role.SECRETARIAT, province
    )


@pytest.fixture
def dual_k(agency_k, agency_a) -> User:
    """An operator of a Kota Semarang agency who also serves a provincial agency."""
    user = grant(make_user("dua.peran@example.id", "Dua Peran"), Role.OPERATOR, agency_k)
    return grant(user, Role.OPERATOR, agency_a)


MANAGERS = [
    "superuser",
    "secretariat",
    "regional_admin",
    "outsider_regional_admin",
    "operator",
    "agency_head",
    "juror",
    "citizen",
]
TARGETS = [
    "operator",
    "outsider_operator",
    "operator_k",
    "agency_head_k",
    "dual_k",
    "co_admin",
    "outsider_regional_admin",
    "other_secretariat",
    "juror",
    "field_verifier",
    "citizen",
    "superuser",
]
ACTIONS = ["view", "grant", "revoke", "deactivate", "invite"]

# Which accounts each manager may manage as a whole; managers not listed hold no manager role.
# fmt: off
MANAGES = {
    "superuser":               set(TARGETS) - {"superuser"},
    "secretariat":             {"operator", "outsider_operator", "operator_k", "agency_head_k",
                                "dual_k", "co_admin", "outsider_regional_admin", "juror",
                                "field_verifier"},
    "regional_admin":          {"operator_k", "agency_head_k", "co_admin"},
    "outsider_regional_admin": set(),
}
# fmt: on


def expected_outcome(manager: str, target: str, action: str) -> str:
    if manager not in MANAGES:
        return "forbidden"  # 403: the page is not for their role
    if target in MANAGES[manager]:
        return "done"
    # An account outside their authority: hidden (404), but an invitation is still possible;
    # it waits for the owner's consent.
    return "offered" if action == "invite" else "hidden"


# Citizens and superusers hold no role, so there is nothing to remove from them.
ROLELESS = {"citizen", "superuser"}
CASES = [
    (manager, target, action)
    for manager in MANAGERS
    for target in TARGETS
    for action in ACTIONS
    if manager != target and not (action == "revoke" and target in ROLELESS)
]


def grant_for(manager: str, request) -> tuple[str, Agency]:
    """A role the manager may give in their own scope, that no target holds yet."""
    if manager == "outsider_regional_admin":
        return Role.OPERATOR, request.getfixturevalue("agency_other_region")
    return Role.OPERATOR, request.getfixturevalue("agency_k2")


@pytest.mark.parametrize(("manager", "target", "action"), CASES)
def test_account_management_matrix(
    client, request, django_capture_on_commit_callbacks, manager, target, action
):
    actor = request.getfixturevalue(manager)
    subject = request.getfixturevalue(target)
    role, agency = grant_for(manager, request)
    memberships_before = set(subject.memberships.values_list("pk", flat=True))
    client.force_login(actor)
    expected = expected_outcome(manager, target, action)

    with django_capture_on_commit_callbacks(execute=True):
        if action == "view":
            response = client.get(reverse("accounts:user_detail", args=[subject.pk]))
        elif action == "grant":
            response = client.post(
                reverse("accounts:user_detail", args=[subject.pk]),
                {"role": role, "agency": agency.pk},
            )
        elif action == "revoke":
            membership = subject.memberships.first()
            assert membership is not None, "every target of a revoke case holds a role"
            response = client.post(reverse("accounts:membership_revoke", args=[membership.pk]))
        elif action == "deactivate":
            response = client.post(
                reverse("accounts:user_set_active", args=[subject.pk]), {"active": "0"}
            )
        else:
            response = client.post(
                reverse("accounts:user_invite"),
                {
                    "full_name": "Nama Lain",
                    "email": subject.email.upper(),
                    "role": role,
                    "agency": agency.pk,
                },
            )

    subject.refresh_from_db()
    memberships_after = set(subject.memberships.values_list("pk", flat=True))
    gained = subject.memberships.filter(role=role, agency=agency).exists()
    case = f"{manager} {action} {target}"
    if expected == "forbidden":
        assert response.status_code == 403, case
    elif expected == "hidden":
        assert response.status_code == 404, case
    elif expected == "offered":
        assert response.status_code == 302, case
        assert response["Location"] == reverse("accounts:user_list"), case
        assert Invitation.objects.filter(user=subject, role=role, agency=agency).exists(), case
        assert [message.to for message in mail.outbox] == [[subject.email]], case
    if expected != "done":
        assert subject.is_active, case
        assert memberships_after == memberships_before, case
        assert not gained, case
        return

    assert response.status_code in (200, 302), case
    if action == "grant":
        assert gained, case
    elif action == "revoke":
        assert memberships_after == memberships_before - {membership.pk}, case
    elif action == "deactivate":
        assert not subject.is_active, case
    elif action == "invite":
        assert gained, case
        assert not Invitation.objects.filter(user=subject).exists(), case


def test_the_probe_a_kota_admin_cannot_capture_and_disable_the_secretariat(
    client, regional_admin, secretariat, agency_k, django_capture_on_commit_callbacks
):
    """The attack of issue 24: invite the secretariat's address, then manage the account."""
    client.force_login(regional_admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("accounts:user_invite"),
            {
                "full_name": "Siapa Saja",
                "email": secretariat.email,
                "role": Role.OPERATOR,
                "agency": agency_k.pk,
            },
        )
    assert response.status_code == 302
    assert not secretariat.memberships.filter(agency=agency_k).exists()
    invitation = Invitation.objects.get(user=secretariat)
    assert invitation.status == InvitationStatus.PENDING
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [secretariat.email]
    assert f"/akun/undangan/{invitation.pk}/" in mail.outbox[0].body

    assert client.get(reverse("accounts:user_detail", args=[secretariat.pk])).status_code == 404
    response = client.post(
        reverse("accounts:user_set_active", args=[secretariat.pk]), {"active": "0"}
    )
    assert response.status_code == 404
    secretariat.refresh_from_db()
    assert secretariat.is_active

    # Even if the secretariat member accepts, the kota admin covers only one of their roles.
    other = client.__class__()
    other.force_login(secretariat)
    response = other.post(
        reverse("accounts:invitation", args=[invitation.pk]), {"answer": "accept"}
    )
    assert response.status_code == 302
    assert secretariat.memberships.filter(role=Role.OPERATOR, agency=agency_k).exists()
    assert client.get(reverse("accounts:user_detail", args=[secretariat.pk])).status_code == 404
    operator_role = secretariat.memberships.get(agency=agency_k)
    response = client.post(reverse("accounts:membership_revoke", args=[operator_role.pk]))
    assert response.status_code == 404
    assert (
        client.post(
            reverse("accounts:user_set_active", args=[secretariat.pk]), {"active": "0"}
        ).status_code
        == 404
    )
    secretariat.refresh_from_db()
    assert secretariat.is_active


def test_a_secretariat_member_cannot_deactivate_another(client, secretariat, other_secretariat):
    client.force_login(secretariat)
    response = client.post(
        reverse("accounts:user_set_active", args=[other_secretariat.pk]), {"active": "0"}
    )
    assert response.status_code == 404
    other_secretariat.refresh_from_db()
    assert other_secretariat.is_active


def test_only_the_invited_person_sees_and_answers_an_invitation(
    client, regional_admin, citizen, operator_k, agency_k, django_capture_on_commit_callbacks
):
    from satu.accounts import services

    with django_capture_on_commit_callbacks(execute=True):
        _user, outcome = services.invite_user(
            regional_admin,
            email=citizen.email,
            full_name="Warga",
            role=Role.AGENCY_HEAD,
            agency=agency_k,
        )
    assert outcome == services.InviteOutcome.PENDING
    invitation = Invitation.objects.get(user=citizen)
    client.force_login(operator_k)
    url = reverse("accounts:invitation", args=[invitation.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"answer": "accept"}).status_code == 404

    client.force_login(citizen)
    assert url in client.get(reverse("accounts:profile")).content.decode()
    response = client.get(url)
    assert response.status_code == 200
    assert client.post(url, {"answer": "decline"}).status_code == 302
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.DECLINED
    assert not citizen.memberships.exists()
    # An answered invitation cannot be accepted afterwards.
    client.post(url, {"answer": "accept"})
    assert not citizen.memberships.exists()


def test_an_invitation_expires_after_a_week(
    client, regional_admin, citizen, agency_k, django_capture_on_commit_callbacks
):
    import datetime

    import time_machine
    from django.utils import timezone

    from satu.accounts import services

    services.invite_user(
        regional_admin, email=citizen.email, full_name="", role=Role.OPERATOR, agency=agency_k
    )
    invitation = Invitation.objects.get(user=citizen)
    with time_machine.travel(timezone.now() + datetime.timedelta(days=8)):
        client.force_login(citizen)
        client.post(reverse("accounts:invitation", args=[invitation.pk]), {"answer": "accept"})
    assert not citizen.memberships.exists()


def test_an_invitation_from_someone_who_lost_the_right_gives_nothing(
    client, regional_admin, citizen, agency_k
):
    from satu.accounts import services

    services.invite_user(
        regional_admin, email=citizen.email, full_name="", role=Role.OPERATOR, agency=agency_k
    )
    invitation = Invitation.objects.get(user=citizen)
    Membership.objects.filter(user=regional_admin).delete()
    client.force_login(citizen)
    client.post(reverse("accounts:invitation", args=[invitation.pk]), {"answer": "accept"})
    assert not citizen.memberships.exists()
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.PENDING


def test_an_invited_person_signs_in_and_accepts(client, regional_admin, citizen, agency_k):
    from satu.accounts import services

    services.invite_user(
        regional_admin, email=citizen.email, full_name="", role=Role.OPERATOR, agency=agency_k
    )
    invitation = Invitation.objects.get(user=citizen)
    url = reverse("accounts:invitation", args=[invitation.pk])
    response = client.get(url)
    assert response.status_code == 302 and "/akun/masuk/" in response["Location"]
    client.post("/akun/masuk/", {"username": citizen.email, "password": PASSWORD})
    assert client.post(url, {"answer": "accept"}).status_code == 302
    assert citizen.memberships.filter(role=Role.OPERATOR, agency=agency_k).exists()
    # Now every role of the account is in Kota Semarang: the regional admin manages it.
    client.force_login(regional_admin)
    assert client.get(reverse("accounts:user_detail", args=[citizen.pk])).status_code == 200
