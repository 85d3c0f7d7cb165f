"""News: sanitised rich text, checked photos, public pages, RSS, and who may write."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from satu.core.errors import DomainError, PermissionDeniedError
from satu.news import services
from satu.news.models import Article, ArticleStatus, Category
from satu.news.richtext import sanitize

pytestmark = pytest.mark.django_db


def png(width: int = 1600, height: int = 900, fmt: str = "PNG") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (20, 90, 160)).save(buffer, fmt)
    return SimpleUploadedFile("foto.png", buffer.getvalue(), content_type="image/png")


def new_article(**fields) -> Article:
    fields.setdefault("category", Category.objects.get(slug="pengumuman"))
    fields.setdefault("status", ArticleStatus.PUBLISHED)
    return Article(
        title=fields.pop("title", "Pengumuman Kompetisi Inovasi 2026"),
        body=fields.pop("body", "Isi."),
        **fields,
    )


def test_rich_text_keeps_formatting_and_drops_scripts():
    dirty = (
        '<p onclick="x()">Halo <strong>warga</strong> <a href="javascript:alert(1)">klik</a> '
        '<a href="https://jatengprov.go.id">situs</a></p><script>alert(1)</script>'
        '<img src=x onerror=alert(1)><style>p{}</style><iframe src="https://evil"></iframe>'
    )
    clean = sanitize(dirty)
    assert "<strong>warga</strong>" in clean
    assert (
        'href="https://jatengprov.go.id"' in clean and 'rel="noopener noreferrer nofollow"' in clean
    )
    for bad in ("script", "onclick", "onerror", "javascript:", "<img", "<style", "<iframe"):
        assert bad not in clean


def test_plain_text_becomes_paragraphs_and_is_escaped():
    assert sanitize("Satu < dua\n\nTiga & empat") == "<p>Satu &lt; dua</p><p>Tiga &amp; empat</p>"


def test_the_secretariat_publishes_an_article_with_a_checked_photo(secretariat):
    article = services.save_article(
        secretariat, new_article(body="<p>Isi</p><script>x</script>"), photo=png()
    )
    article.refresh_from_db()
    assert article.body == "<p>Isi</p>"
    assert article.slug == "pengumuman-kompetisi-inovasi-2026"
    assert (article.photo_width, article.photo_height) == (1200, 675)
    with article.photo_small.open("rb") as handle, Image.open(handle) as small:
        assert small.format == "JPEG" and small.width == 480
    assert article.author == secretariat


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>", "JPEG, PNG"),
        (b"%PDF-1.4 not an image", "JPEG, PNG"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "tidak dapat dibaca"),
    ],
)
def test_a_photo_is_checked_by_its_content_not_its_name(secretariat, content, message):
    upload = SimpleUploadedFile("foto.jpg", content, content_type="image/jpeg")
    with pytest.raises(DomainError) as error:
        services.save_article(secretariat, new_article(), photo=upload)
    assert message in str(error.value.message)
    assert error.value.field == "photo"


@pytest.mark.parametrize("persona", ["operator", "regional_admin", "juror", "citizen"])
def test_only_the_secretariat_writes_news(request, persona):
    with pytest.raises(PermissionDeniedError):
        services.save_article(request.getfixturevalue(persona), new_article())


def test_the_list_shows_published_articles_by_category(client, make_article):
    make_article("Kabar Kompetisi", category=Category.objects.get(slug="kompetisi"), slug="a")
    make_article("Kabar Inovasi", slug="b")
    make_article("Draf Rahasia", status=ArticleStatus.DRAFT, slug="c")
    make_article("Terbit Besok", published_at=timezone.now() + timezone.timedelta(days=1), slug="d")
    html = client.get("/berita/").content.decode()
    assert "Kabar Kompetisi" in html and "Kabar Inovasi" in html
    assert "Draf Rahasia" not in html and "Terbit Besok" not in html
    html = client.get("/berita/", {"kategori": "kompetisi"}).content.decode()
    assert "Kabar Kompetisi" in html and "Kabar Inovasi" not in html


def test_an_article_page_has_date_category_credit_reads_and_sharing(client, secretariat):
    article = services.save_article(
        secretariat,
        new_article(photo_alt="Petugas melayani warga", photo_credit="Foto: Humas"),
        photo=png(),
    )
    response = client.get(article.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Pengumuman Kompetisi Inovasi 2026 · " in html
    assert "WIB</time>" in html and "Pengumuman" in html and "Foto: Humas" in html
    assert 'alt="Petugas melayani warga"' in html
    assert "dibaca 0 kali" in html
    assert "https://t.me/share/url?" in html
    assert '"@type": "NewsArticle"' in html
    assert (
        f'<meta property="og:image" content="http://127.0.0.1:8000/berita/{article.pk}/foto.jpg">'
        in html
    )
    photo = client.get(f"/berita/{article.pk}/foto.jpg")
    assert photo.status_code == 200 and photo["Content-Type"] == "image/jpeg"
    # Reading the whole stream closes the file the way a WSGI server would.
    assert b"".join(photo.streaming_content)[:2] == b"\xff\xd8"
    assert client.get(f"/berita/{article.pk}/").status_code == 301


def test_the_body_is_sanitised_again_on_output(client, make_article):
    article = make_article("Kabar", slug="kabar")
    Article.objects.filter(pk=article.pk).update(body="<p>ok</p><script>alert(1)</script>")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<p>ok</p>" in html and "alert(1)" not in html


def test_drafts_and_their_photos_are_hidden_from_the_public(client, secretariat):
    article = services.save_article(
        secretariat, new_article(status=ArticleStatus.DRAFT), photo=png()
    )
    assert client.get(article.get_absolute_url()).status_code == 404
    assert client.get(f"/berita/{article.pk}/foto.jpg").status_code == 404
    client.force_login(secretariat)
    assert client.get(article.get_absolute_url()).status_code == 200
    photo = client.get(f"/berita/{article.pk}/foto.jpg")
    assert photo.status_code == 200 and b"".join(photo.streaming_content)


def test_the_rss_feed_lists_published_articles(client, make_article):
    make_article("Kabar Inovasi", slug="kabar-inovasi")
    make_article("Draf", status=ArticleStatus.DRAFT, slug="draf")
    response = client.get("/berita/rss/")
    body = response.content.decode()
    assert response["Content-Type"].startswith("application/rss+xml")
    assert "<title>Kabar Inovasi</title>" in body and "<title>Draf</title>" not in body
    assert re.search(r"<link>http://127.0.0.1:8000/berita/\d+/kabar-inovasi/</link>", body)


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("anonymous", 302),
        ("citizen", 403),
        ("operator", 403),
        ("regional_admin", 403),
        ("juror", 403),
        ("secretariat", 200),
        ("superuser", 200),
    ],
)
def test_role_matrix_of_the_news_back_office(client, request, persona, status):
    user = request.getfixturevalue(persona)
    if user is not None:
        client.force_login(user)
    assert client.get("/kelola/berita/").status_code == status
    assert client.get("/kelola/berita/baru/").status_code == status


def test_the_secretariat_writes_an_article_through_the_form(client, secretariat):
    client.force_login(secretariat)
    category = Category.objects.get(slug="inovasi-daerah")
    response = client.post(
        "/kelola/berita/baru/",
        {
            "title": "Lomba Inovasi Dibuka",
            "category": category.pk,
            "status": "published",
            "published_at": "2026-01-05T09:30",
            "summary": "Ringkas.",
            "body": "Paragraf satu.\n\nParagraf dua.",
            "photo_upload": png(800, 600),
            "photo_alt": "Poster lomba",
        },
    )
    assert response.status_code == 302
    article = Article.objects.get(title="Lomba Inovasi Dibuka")
    assert article.body == "<p>Paragraf satu.</p><p>Paragraf dua.</p>"
    assert article.photo_width == 800
    response = client.post(f"/kelola/berita/{article.pk}/hapus/")
    assert response.status_code == 302 and not Article.objects.filter(pk=article.pk).exists()
