import pytest

pytestmark = pytest.mark.django_db


def test_home_page_is_in_indonesian_by_default(client, reference_data):
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="id">' in html
    assert "Langsung ke konten utama" in html
    assert "Program sekilas" in html


def test_english_can_be_chosen(client, reference_data):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    html = client.get("/").content.decode()
    assert '<html lang="en">' in html
    assert "Skip to main content" in html


def test_pages_carry_a_strict_content_security_policy(client, reference_data):
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy


def test_unknown_pages_answer_404_in_the_site_layout(client, reference_data):
    response = client.get("/tidak-ada/")
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in response.content.decode()


def test_robots_txt_keeps_crawlers_out_of_the_back_office(client):
    body = client.get("/robots.txt").content.decode()
    assert "Disallow: /kelola/" in body


def test_translation_catalogs_are_complete():
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "scripts/check_translations.py"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout
