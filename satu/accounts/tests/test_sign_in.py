import pytest
from django.core import mail

from satu.core.testing.personas import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = "/akun/masuk/"


def sign_in(client, email: str, password: str):
    return client.post(LOGIN, {"username": email, "password": password})


def test_an_operator_signs_in_with_email_and_lands_in_the_back_office(client, operator):
    response = sign_in(client, "OPERATOR@example.id", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == "/kelola/"


def test_a_wrong_password_says_so_in_indonesian(client, operator):
    response = sign_in(client, operator.email, "wrong-password")
    assert response.status_code == 200
    assert "Alamat email atau kata sandi salah" in response.content.decode()


def test_the_sixth_attempt_after_five_wrong_passwords_is_locked_out_even_when_right(
    client, operator
):
    for _ in range(4):
        assert sign_in(client, operator.email, "wrong-password").status_code == 200
    # The fifth wrong password locks the account and says so at once.
    assert sign_in(client, operator.email, "wrong-password").status_code == 429
    response = sign_in(client, operator.email, PASSWORD)
    assert response.status_code == 429
    assert "dikunci selama 15 menit" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_behind_a_proxy_a_lock_out_holds_the_attackers_address_not_everyones(
    client, operator, settings
):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    for _ in range(5):
        client.post(
            LOGIN,
            {"username": operator.email, "password": "wrong-password"},
            HTTP_X_FORWARDED_FOR="198.51.100.7",
            **proxy,
        )
    locked = client.post(
        LOGIN,
        {"username": operator.email, "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="198.51.100.7",
        **proxy,
    )
    assert locked.status_code == 429
    colleague = client.post(
        LOGIN,
        {"username": operator.email, "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="203.0.113.9",
        **proxy,
    )
    assert colleague.status_code == 302


def test_changing_the_case_of_the_email_does_not_reset_the_count(client, operator):
    for attempt in range(4):
        sign_in(client, operator.email.upper() if attempt % 2 else operator.email, "wrong")
    assert sign_in(client, operator.email.title(), "wrong").status_code == 429


def test_passwords_are_hashed_with_argon2_in_production_settings(settings):
    from satu import settings as production_settings

    assert production_settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_password_reset_sends_a_link_by_email(client, operator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/akun/lupa-sandi/", {"email": operator.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "/akun/atur-sandi/" in mail.outbox[0].body
