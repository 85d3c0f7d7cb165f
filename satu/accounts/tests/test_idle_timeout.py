"""Back-office sessions end after SATU_BACKOFFICE_IDLE_MINUTES without a request (issue 24)."""

import datetime

import pytest
import time_machine
from django.utils import timezone

pytestmark = pytest.mark.django_db


def later(minutes: int) -> time_machine.travel:
    return time_machine.travel(timezone.now() + datetime.timedelta(minutes=minutes))


def test_an_operator_idle_for_longer_than_the_limit_is_signed_out(client, operator, settings):
    settings.SATU_BACKOFFICE_IDLE_MINUTES = 60
    client.force_login(operator)
    assert client.get("/kelola/").status_code == 200
    with later(61):
        response = client.get("/kelola/")
        assert response.status_code == 302
        assert response["Location"] == "/akun/masuk/?next=%2Fkelola%2F"
        assert "_auth_user_id" not in client.session
        assert client.get("/kelola/").status_code == 302


def test_activity_keeps_the_session_alive(client, operator, settings):
    settings.SATU_BACKOFFICE_IDLE_MINUTES = 60
    client.force_login(operator)
    client.get("/kelola/")
    with later(50):
        assert client.get("/kelola/").status_code == 200
        with later(50):
            assert client.get("/kelola/").status_code == 200


def test_a_form_sent_after_the_timeout_is_not_carried_out(client, secretariat, operator, settings):
    settings.SATU_BACKOFFICE_IDLE_MINUTES = 60
    client.force_login(secretariat)
    client.get("/kelola/")
    with later(61):
        response = client.post(f"/kelola/pengguna/{operator.pk}/status/", {"active": "0"})
        assert response.status_code == 302 and response["Location"] == "/akun/masuk/"
    operator.refresh_from_db()
    assert operator.is_active


def test_a_citizen_keeps_the_long_session(client, citizen, settings):
    settings.SATU_BACKOFFICE_IDLE_MINUTES = 60
    client.force_login(citizen)
    client.get("/akun/")
    with later(24 * 60):
        assert client.get("/akun/").status_code == 200


def test_zero_turns_the_timeout_off(client, operator, settings):
    settings.SATU_BACKOFFICE_IDLE_MINUTES = 0
    client.force_login(operator)
    client.get("/kelola/")
    with later(24 * 60):
        assert client.get("/kelola/").status_code == 200
