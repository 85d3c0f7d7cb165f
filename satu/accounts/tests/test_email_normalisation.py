"""One canonical email form for sign-in, lock-out, registration and invitation (issue 24, 3).

On PostgreSQL ``email__iexact`` compared UPPER() of both sides, which folds the dotless ı to I
and the long ſ to S, while the lock-out counted the address as typed: after five failures for
``operator.dinkes@…``, ``operator.dınkes@…`` with the right password signed in to the real
account and cleared its lock. Run these on SQLite and PostgreSQL.
"""

import pytest
from django.core import mail
from django.core.cache import cache

from satu.accounts.emails import normalize_email
from satu.accounts.models import Role, User
from satu.accounts.services import invite_user
from satu.core.errors import DomainError
from satu.core.testing.personas import PASSWORD, grant, make_user

pytestmark = pytest.mark.django_db

LOGIN = "/akun/masuk/"
EMAIL = "operator.dinkes@example.id"


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """Every test starts at the same frozen instant; the per-minute sign-in limit would carry."""
    cache.clear()


@pytest.fixture
def dinkes_operator(agency_a) -> User:
    return grant(make_user(EMAIL, "Operator Dinkes"), Role.OPERATOR, agency_a)


def sign_in(client, email: str, password: str):
    return client.post(LOGIN, {"username": email, "password": password})


@pytest.mark.parametrize(
    ("typed", "canonical"),
    [
        ("  Operator.Dinkes@Example.ID ", "operator.dinkes@example.id"),
        ("operator.dinkeſ@example.id", "operator.dinkes@example.id"),  # long s
        ("operator.din\u212aes@example.id", "operator.dinkes@example.id"),  # Kelvin sign
        ("ｏｐｅｒａｔｏｒ@example.id", "operator@example.id"),  # full-width letters
        ("strasse@example.id", "strasse@example.id"),
        ("STRAßE@example.id", "strasse@example.id"),
        ("operator.dınkes@example.id", "operator.dınkes@example.id"),  # dotless ı stays
    ],
)
def test_addresses_have_one_canonical_form(typed, canonical):
    assert normalize_email(typed) == canonical


def test_a_dotless_i_does_not_sign_in_to_the_account_nor_clear_its_lock(client, dinkes_operator):
    for _ in range(4):
        assert sign_in(client, EMAIL, "wrong-password").status_code == 200
    assert sign_in(client, EMAIL, "wrong-password").status_code == 429

    response = sign_in(client, "operator.dınkes@example.id", PASSWORD)
    assert response.status_code in (200, 429)
    assert "_auth_user_id" not in client.session
    # The real account is still locked.
    assert sign_in(client, EMAIL, PASSWORD).status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    "variant",
    ["operator.dinkeſ@example.id", "operator.din\u212aes@example.id", "OPERATOR.DINKES@example.id"],
)
def test_a_spelling_that_names_the_same_account_is_locked_with_it(client, dinkes_operator, variant):
    for _ in range(5):
        sign_in(client, EMAIL, "wrong-password")
    response = sign_in(client, variant, PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert sign_in(client, EMAIL, PASSWORD).status_code == 429


def test_failures_under_another_spelling_count_towards_the_same_lock(client, dinkes_operator):
    for _ in range(4):
        sign_in(client, "operator.dinkeſ@example.id", "wrong-password")
    assert sign_in(client, EMAIL, "wrong-password").status_code == 429


def test_a_spelling_that_names_the_same_account_signs_in_when_not_locked(client, dinkes_operator):
    assert sign_in(client, "Operator.Dinkeſ@Example.id", PASSWORD).status_code == 302
    assert client.session["_auth_user_id"] == str(dinkes_operator.pk)


def test_registration_refuses_a_look_alike_address(
    client, dinkes_operator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/akun/daftar/",
            {
                "full_name": "Peniru",
                "email": "operator.dınkes@example.id",
                "password1": "sungai-bengawan-77",
                "password2": "sungai-bengawan-77",
                "website": "",
            },
        )
    assert response.status_code == 200
    assert "email" in response.context["form"].errors
    assert User.objects.count() == 1
    assert mail.outbox == []


def test_registration_stores_the_canonical_form(client, reference_data):
    client.post(
        "/akun/daftar/",
        {
            "full_name": "Budi",
            "email": "Budi.Santoſo@Example.id",
            "password1": "sungai-bengawan-77",
            "password2": "sungai-bengawan-77",
            "website": "",
        },
    )
    assert User.objects.filter(email="budi.santoso@example.id").exists()


def test_an_invitation_refuses_a_look_alike_address_and_finds_the_same_account(
    secretariat, dinkes_operator, agency_b
):
    with pytest.raises(DomainError) as error:
        invite_user(
            secretariat,
            email="operator.dınkes@example.id",
            full_name="Peniru",
            role=Role.OPERATOR,
            agency=agency_b,
        )
    assert error.value.field == "email"
    user, _outcome = invite_user(
        secretariat,
        email="OPERATOR.DINKEſ@example.id",
        full_name="",
        role=Role.OPERATOR,
        agency=agency_b,
    )
    assert user == dinkes_operator
    assert User.objects.count() == 2
