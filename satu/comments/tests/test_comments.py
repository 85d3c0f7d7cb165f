"""Comments, replies, ratings, reports and moderation; account deletion keeps the conversation."""

import re

import pytest

from satu.audit.models import AuditEntry
from satu.comments import services
from satu.comments.models import Comment, Rating, Report
from satu.core.errors import DomainError, PermissionDeniedError
from satu.core.testing.personas import PASSWORD, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def innovation(make_innovation):
    return make_innovation("Antrean Online Poli Rawat Jalan")


@pytest.fixture
def page_url(innovation):
    return f"/inovasi/{innovation.pk}/"


def post(client, innovation, body: str, follow: bool = False, **extra):
    return client.post(
        f"/komentar/inovasi/{innovation.pk}/", {"body": body, **extra}, follow=follow
    )


def test_a_citizen_comments_and_the_comment_is_shown_without_the_email(
    client, citizen, innovation, page_url
):
    client.force_login(citizen)
    response = post(client, innovation, "Sangat membantu, tidak perlu antre lagi.")
    comment = Comment.objects.get()
    assert (
        response.status_code == 302 and response["Location"] == f"{page_url}#komentar-{comment.pk}"
    )
    html = client.get(page_url).content.decode()
    assert "Sangat membantu, tidak perlu antre lagi." in html and "Warga Biasa" in html
    assert citizen.email not in html
    assert "1 komentar" in html


def test_visitors_are_asked_to_register_first(client, innovation, page_url):
    html = client.get(page_url).content.decode()
    assert "Daftar terlebih dahulu untuk berkomentar" in html
    assert 'href="/akun/daftar/"' in html
    response = post(client, innovation, "Halo")
    assert response.status_code == 302 and response["Location"].startswith("/akun/masuk/?next=")
    assert not Comment.objects.exists()


def test_a_comment_with_script_or_html_renders_inert(client, citizen, innovation, page_url):
    client.force_login(citizen)
    attack = '<script>alert("x")</script><img src=x onerror=alert(1)><a href="javascript:1">a</a>'
    post(client, innovation, attack)
    html = client.get(page_url).content.decode()
    assert "<script>alert" not in html and "<img src=x" not in html
    assert (
        "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;"
        in html
    )
    assert 'href="javascript' not in html


def test_the_eleventh_comment_in_a_minute_is_refused_politely(
    client, citizen, innovation, page_url
):
    client.force_login(citizen)
    for number in range(10):
        assert post(client, innovation, f"Komentar {number}").status_code == 302
    response = post(client, innovation, "Komentar kesebelas", follow=True)
    html = response.content.decode()
    assert Comment.objects.count() == 10
    assert "Mohon tunggu satu menit" in html
    assert "Komentar kesebelas</textarea>" in html  # the text is kept for the next try
    with pytest.raises(DomainError) as error:
        services.post_comment(citizen, innovation, "lagi")
    assert error.value.code == "rate_limited"
    other = make_user("warga2@example.id", "Warga Lain")
    services.post_comment(other, innovation, "Akun lain tidak terkena batas.")


def test_the_honeypot_stops_bots(client, citizen, innovation):
    client.force_login(citizen)
    post(client, innovation, "Beli obat murah", website="https://spam.example")
    assert not Comment.objects.exists()


def test_replies_go_one_level_deep(citizen, innovation, client, page_url):
    other = make_user("warga2@example.id", "Budi")
    top = services.post_comment(citizen, innovation, "Kapan diterapkan di kabupaten lain?")
    reply = services.post_comment(other, innovation, "Sudah di Kota Semarang.", parent=top)
    deeper = services.post_comment(citizen, innovation, "Terima kasih.", parent=reply)
    assert reply.parent == top and deeper.parent == top
    html = client.get(page_url).content.decode()
    assert (
        html.index("Kapan diterapkan")
        < html.index("Sudah di Kota Semarang")
        < html.index("Terima kasih.")
    )


def test_comments_are_paginated_newest_first(citizen, innovation, client, page_url, settings):
    settings.SATU_COMMENTS_PER_MINUTE = 100
    for number in range(12):
        services.post_comment(citizen, innovation, f"Komentar nomor {number:02d}")
    first = client.get(page_url).content.decode()
    assert "Komentar nomor 11" in first and "Komentar nomor 01" not in first
    second = client.get(page_url, {"komentar": 2}).content.decode()
    assert "Komentar nomor 01" in second and "Komentar nomor 11" not in second


def test_comments_only_on_public_pages(citizen, make_innovation, make_article):
    draft = make_innovation("Draf", status="draft")
    with pytest.raises(DomainError):
        services.post_comment(citizen, draft, "Halo")
    article = make_article("Kabar", slug="kabar")
    assert services.post_comment(citizen, article, "Kabar baik!").article == article


def test_news_articles_take_comments_too(client, citizen, make_article):
    article = make_article("Kabar", slug="kabar")
    client.force_login(citizen)
    client.post(f"/komentar/berita/{article.pk}/", {"body": "Mantap"})
    assert "Mantap" in client.get(article.get_absolute_url()).content.decode()


def test_one_rating_per_person_changeable_with_average_and_count(
    client, citizen, innovation, page_url
):
    client.force_login(citizen)
    client.post(f"/inovasi/{innovation.pk}/nilai/", {"stars": "5"})
    client.post(f"/inovasi/{innovation.pk}/nilai/", {"stars": "3"})
    other = make_user("warga2@example.id", "Budi")
    services.rate_innovation(other, innovation, 4)
    assert Rating.objects.count() == 2
    html = client.get(page_url).content.decode()
    assert "3,5 dari 5 berdasarkan 2 penilaian" in html
    assert "Penilaian Anda: 3 dari 5" in html
    assert '"ratingCount": 2' in html
    with pytest.raises(DomainError):
        services.rate_innovation(citizen, innovation, 6)


def test_reports_reach_the_moderation_queue_and_hiding_is_audited(
    client, citizen, secretariat, innovation, page_url
):
    author = make_user("warga2@example.id", "Penulis")
    comment = services.post_comment(author, innovation, "Isi yang menyinggung")
    client.force_login(citizen)
    response = client.post(
        f"/komentar/{comment.pk}/laporkan/", {"reason": "abuse", "note": "kasar"}
    )
    assert response.status_code == 302
    with pytest.raises(DomainError):
        services.report_comment(citizen, comment, "spam")  # once per person

    client.force_login(secretariat)
    html = client.get("/kelola/moderasi/").content.decode()
    assert "Isi yang menyinggung" in html and "Kasar, menghasut kebencian" in html
    assert author.email not in html
    client.post(f"/kelola/moderasi/{comment.pk}/sembunyikan/", {"reason": "Melanggar aturan"})
    comment.refresh_from_db()
    assert comment.is_hidden and comment.hidden_reason == "Melanggar aturan"
    assert Report.objects.get().resolved_by == secretariat
    assert "Isi yang menyinggung" not in client.get(page_url).content.decode()
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"comment.report", "comment.hide"} <= actions

    client.post(f"/kelola/moderasi/{comment.pk}/tampilkan/")
    comment.refresh_from_db()
    assert not comment.is_hidden
    assert "comment.restore" in set(AuditEntry.objects.values_list("action", flat=True))


def test_dismissing_reports_keeps_the_comment(secretariat, citizen, innovation):
    author = make_user("warga2@example.id", "Penulis")
    comment = services.post_comment(author, innovation, "Kritik yang sah")
    services.report_comment(citizen, comment, "other")
    assert services.dismiss_reports(secretariat, comment) == 1
    comment.refresh_from_db()
    assert not comment.is_hidden
    with pytest.raises(PermissionDeniedError):
        services.hide_comment(citizen, comment, "saya tidak suka")
    with pytest.raises(DomainError):
        services.hide_comment(secretariat, comment, "  ")


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("anonymous", 302),
        ("citizen", 403),
        ("operator", 403),
        ("agency_head", 403),
        ("regional_admin", 403),
        ("juror", 403),
        ("field_verifier", 403),
        ("secretariat", 200),
        ("superuser", 200),
    ],
)
def test_role_matrix_of_the_moderation_queue(client, request, persona, status, citizen, innovation):
    comment = services.post_comment(citizen, innovation, "Komentar")
    user = request.getfixturevalue(persona)
    if user is not None:
        client.force_login(user)
    assert client.get("/kelola/moderasi/").status_code == status
    response = client.post(f"/kelola/moderasi/{comment.pk}/sembunyikan/", {"reason": "x"})
    assert response.status_code == (302 if status != 403 else 403)
    comment.refresh_from_db()
    assert comment.is_hidden == (status == 200)


def test_deleting_an_account_anonymises_comments_and_keeps_ratings(client, innovation, page_url):
    user = make_user("pergi@example.id", "Sari Pergi")
    services.post_comment(user, innovation, "Komentar yang tetap ada")
    services.rate_innovation(user, innovation, 5)
    client.force_login(user)
    response = client.post("/akun/hapus/", {"password": "salah-sekali"})
    assert "Kata sandi tidak benar" in response.content.decode()
    response = client.post("/akun/hapus/", {"password": PASSWORD})
    assert response.status_code == 302
    assert not type(user).objects.filter(email="pergi@example.id").exists()
    html = client.get(page_url).content.decode()
    assert "Komentar yang tetap ada" in html and "Akun yang telah dihapus" in html
    assert "Sari Pergi" not in html
    assert "5,0 dari 5 berdasarkan 1 penilaian" in html
    assert Rating.objects.get().user is None


def test_people_with_a_role_cannot_delete_their_own_account(client, operator):
    client.force_login(operator)
    response = client.post("/akun/hapus/", {"password": PASSWORD})
    assert response.status_code == 200
    assert "ditutup oleh sekretariat" in response.content.decode()
    assert type(operator).objects.filter(pk=operator.pk).exists()


def test_a_name_that_is_an_email_address_is_not_shown_as_one(client, innovation, page_url):
    user = make_user("nama@example.id", "nama@example.id")
    services.post_comment(user, innovation, "Halo")
    html = client.get(page_url).content.decode()
    assert "nama@example.id" not in html
    assert re.search(r"<strong>nama</strong>", html)
