import re

import pytest
from django.core import mail
from django.core.cache import cache

from satu.accounts.models import User

pytestmark = pytest.mark.django_db

FORM = {
    "full_name": "Budi Santoso",
    "email": "budi@example.id",
    "password1": "sungai-bengawan-77",
    "password2": "sungai-bengawan-77",
    "website": "",
}


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """Every test starts at the same frozen instant; the per-minute limit would carry over."""
    cache.clear()


def register(client, django_capture_on_commit_callbacks, **changes):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post("/akun/daftar/", {**FORM, **changes})


def test_a_citizen_registers_verifies_the_email_and_signs_in(
    client, django_capture_on_commit_callbacks, reference_data
):
    response = register(client, django_capture_on_commit_callbacks)
    assert response.status_code == 200
    user = User.objects.get(email="budi@example.id")
    assert not user.is_active and user.email_verified_at is None
    assert len(mail.outbox) == 1
    link = re.search(r"http\S+/akun/verifikasi/\S+/", mail.outbox[0].body).group(0)
    assert client.get(link.split("8000", 1)[-1] if "8000" in link else link).status_code == 302
    user.refresh_from_db()
    assert user.is_active and user.email_verified_at is not None
    response = client.post(
        "/akun/masuk/", {"username": "budi@example.id", "password": FORM["password1"]}
    )
    assert response.status_code == 302 and response["Location"] == "/akun/"


def test_a_citizen_has_no_back_office_access(client, citizen):
    client.force_login(citizen)
    assert client.get("/kelola/").status_code == 403
    assert client.get("/kelola/opd/").status_code == 403


def test_a_weak_or_mismatched_password_is_refused_with_the_field_named(
    client, django_capture_on_commit_callbacks, reference_data
):
    response = register(
        client, django_capture_on_commit_callbacks, password1="12345678901", password2="12345678901"
    )
    assert "password1" in response.context["form"].errors
    response = register(client, django_capture_on_commit_callbacks, password2="something-else-1")
    assert "password2" in response.context["form"].errors
    assert not User.objects.filter(email="budi@example.id").exists()


def test_a_filled_honeypot_registers_nobody(
    client, django_capture_on_commit_callbacks, reference_data
):
    register(client, django_capture_on_commit_callbacks, website="http://spam.example")
    assert not User.objects.filter(email="budi@example.id").exists()
    assert mail.outbox == []


def test_a_tampered_verification_link_is_refused(client, reference_data):
    response = client.get("/akun/verifikasi/not-a-real-token/")
    assert response.status_code == 400


def test_registering_an_existing_address_answers_the_same_and_emails_the_owner(
    client, django_capture_on_commit_callbacks, operator
):
    """Issue 24: the form must not tell a visitor which addresses have an account."""
    new = register(client, django_capture_on_commit_callbacks, email="orang.baru@example.id")
    mail.outbox.clear()
    taken = register(client, django_capture_on_commit_callbacks, email="OPERATOR@example.id")
    assert taken.status_code == new.status_code == 200
    assert "accounts/register_done.html" in [t.name for t in taken.templates]
    assert taken.content.decode().replace(
        "OPERATOR@example.id", "X"
    ) == new.content.decode().replace("orang.baru@example.id", "X")
    operator.refresh_from_db()
    assert operator.check_password("correct-horse-battery-9")
    assert [message.to for message in mail.outbox] == [["operator@example.id"]]
    assert "/akun/lupa-sandi/" in mail.outbox[0].body
    assert User.objects.filter(email="operator@example.id").count() == 1


def test_registering_again_before_verifying_sends_a_new_link(
    client, django_capture_on_commit_callbacks, reference_data
):
    register(client, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    response = register(client, django_capture_on_commit_callbacks)
    assert response.status_code == 200
    assert len(mail.outbox) == 1 and "/akun/verifikasi/" in mail.outbox[0].body
