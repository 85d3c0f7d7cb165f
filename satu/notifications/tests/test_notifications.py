"""In-app notifications: created in the recipient's language, counted in the header, read."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy

from satu.notifications.models import Notification
from satu.notifications.services import notify

pytestmark = pytest.mark.django_db


def test_notify_stores_one_message_per_person_in_their_language_and_emails_them(
    operator, agency_head, django_capture_on_commit_callbacks
):
    agency_head.language = "en"
    agency_head.save()
    message = format_lazy(gettext_lazy("“{name}” has been accepted."), name="Si Cantik")
    with django_capture_on_commit_callbacks(execute=True):
        notify(
            [operator, agency_head, operator],
            message,
            "/kelola/inovasi/1/",
            email_template="innovations/email/accepted",
            context={"innovation": {"name": "Si Cantik", "programme_year": 2026}},
        )
    assert sorted(Notification.objects.values_list("recipient__email", "message")) == [
        ("kepala@example.id", "“Si Cantik” has been accepted."),
        ("operator@example.id", "“Si Cantik” telah diterima."),
    ]
    assert sorted(m.to[0] for m in mail.outbox) == ["kepala@example.id", "operator@example.id"]


def test_the_header_shows_the_unread_count_to_back_office_users(client, operator):
    notify([operator], "Satu", "/kelola/")
    notify([operator], "Dua", "/kelola/")
    client.force_login(operator)
    html = client.get(reverse("core:dashboard")).content.decode()
    assert 'href="/kelola/notifikasi/"' in html
    assert '>2<span class="visually-hidden"> belum dibaca</span>' in html


def test_citizens_have_no_notification_link(client, citizen):
    client.force_login(citizen)
    html = client.get("/").content.decode()
    assert "/kelola/notifikasi/" not in html


def test_opening_a_notification_marks_it_read_and_follows_its_link(client, operator):
    [note] = notify([operator], "Ada tugas", "/kelola/inovasi/")
    client.force_login(operator)
    response = client.get(reverse("notifications:open", args=[note.pk]))
    assert response.status_code == 302 and response["Location"] == "/kelola/inovasi/"
    note.refresh_from_db()
    assert note.is_read


def test_a_link_to_another_site_is_not_followed(client, operator):
    [note] = notify([operator], "Jebakan", "https://contoh-jahat.example/")
    client.force_login(operator)
    response = client.get(reverse("notifications:open", args=[note.pk]))
    assert response["Location"] == reverse("notifications:list")


def test_marking_read_one_and_all(client, operator):
    (first,) = notify([operator], "Satu", "/kelola/")
    notify([operator], "Dua", "/kelola/")
    client.force_login(operator)
    response = client.post(
        reverse("notifications:read", args=[first.pk]), headers={"HX-Request": "true"}
    )
    assert response.status_code == 200 and "Tandai sudah dibaca" not in response.content.decode()
    assert Notification.objects.unread().count() == 1
    client.post(reverse("notifications:read_all"))
    assert Notification.objects.unread().count() == 0
    page = client.get(reverse("notifications:list") + "?show=unread").content.decode()
    assert "Tidak ada notifikasi." in page


def test_nobody_reads_another_persons_notifications(client, operator, agency_head):
    [note] = notify([operator], "Pribadi", "/kelola/")
    client.force_login(agency_head)
    assert "Pribadi" not in client.get(reverse("notifications:list")).content.decode()
    assert client.get(reverse("notifications:open", args=[note.pk])).status_code == 404
    assert client.post(reverse("notifications:read", args=[note.pk])).status_code == 404
    note.refresh_from_db()
    assert not note.is_read
