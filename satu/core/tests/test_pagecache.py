"""Whole public pages are cached for anonymous visitors and invalidated by any content change."""

import datetime

import pytest
import time_machine
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from satu.catalog.readcounts import flush_read_counts, read_count

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.SATU_PAGE_CACHE_SECONDS = 60
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def innovation(make_innovation, read_buffer):
    return make_innovation("Antrean Online Poli Rawat Jalan")


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_a_saved_change_shows_at_once(client, innovation, django_capture_on_commit_callbacks):
    url = f"/inovasi/{innovation.pk}/"
    assert "Antrean Online Poli Rawat Jalan" in page(client, url)
    innovation.name = "Antrean Daring Poli Rawat Jalan"
    with django_capture_on_commit_callbacks(execute=True):
        innovation.save()
    assert "Antrean Daring Poli Rawat Jalan" in page(client, url)
    assert "Antrean Daring Poli Rawat Jalan" in page(client, "/inovasi/")


def test_a_transaction_draws_one_new_version_when_it_commits_and_none_when_rolled_back(
    innovation, make_article, django_capture_on_commit_callbacks
):
    from satu.core.pagecache import content_version

    before = content_version()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        for number in range(5):
            make_article(f"Berita {number}", slug=f"berita-{number}")
        innovation.save()
        assert content_version() == before  # nothing visible before the commit
    assert [callback.__name__ for callback in callbacks].count("bump_after_commit") == 1
    after = content_version()
    assert after != before
    with pytest.raises(RuntimeError), transaction.atomic():
        innovation.save()
        raise RuntimeError
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        pass
    assert content_version() == after


def test_a_cached_page_is_served_without_rendering_again(
    client, innovation, django_assert_max_num_queries
):
    url = f"/inovasi/{innovation.pk}/"
    page(client, url)
    with django_assert_max_num_queries(1):  # the session/user lookup at most, no page queries
        page(client, url)


def test_views_of_cached_pages_are_still_counted(client, innovation):
    url = f"/inovasi/{innovation.pk}/"
    first = client.__class__(REMOTE_ADDR="10.1.1.1", HTTP_USER_AGENT="Mozilla/5.0 Chrome")
    page(first, url)  # rendered and counted by the view
    page(first, url)  # from the cache: counted, but once a day per visitor
    other = client.__class__(REMOTE_ADDR="10.9.8.7", HTTP_USER_AGENT="Mozilla/5.0 Firefox")
    page(other, url)  # from the cache: a second visitor
    flush_read_counts()
    assert read_count("innovation", innovation.pk) == 2  # two visitors, each once a day


def test_signed_in_visitors_always_get_a_fresh_page(client, innovation, citizen):
    client.force_login(citizen)
    html = page(client, f"/inovasi/{innovation.pk}/")
    assert 'name="csrfmiddlewaretoken"' in html  # the comment form of this visitor
    innovation.name = "Nama Baru"
    type(innovation).objects.filter(pk=innovation.pk).update(name="Nama Baru")  # no signal
    assert "Nama Baru" in page(client, f"/inovasi/{innovation.pk}/")


def test_anonymous_pages_carry_no_csrf_token_and_languages_are_kept_apart(client, innovation):
    html_id = page(client, "/")
    assert "csrfmiddlewaretoken" not in html_id
    client.get("/bahasa/en/?next=/")
    html_en = page(client, "/")
    assert '<html lang="en">' in html_en and '<html lang="id">' in html_id


def test_a_rating_refreshes_its_innovation_page_and_leaves_every_other_page_cached(
    client, innovation, make_innovation, citizen, django_capture_on_commit_callbacks
):
    from satu.core.pagecache import content_version

    other = make_innovation("Posyandu Keliling Desa")
    rated_url, other_url = f"/inovasi/{innovation.pk}/", f"/inovasi/{other.pk}/"
    assert "berdasarkan 1 penilaian" not in page(client, rated_url)
    for url in (other_url, "/inovasi/", "/"):
        page(client, url)
    # Changed behind the signals' back: a page that shows the old name came from the cache.
    type(other).objects.filter(pk__in=[other.pk, innovation.pk]).update(name="Nama Tersembunyi")
    version = content_version()

    voter = client.__class__()
    voter.force_login(citizen)
    with django_capture_on_commit_callbacks(execute=True):
        response = voter.post(f"/inovasi/{innovation.pk}/nilai/", {"stars": 4})
    assert response.status_code == 302

    assert content_version() == version  # the rest of the cache was not emptied
    assert "Posyandu Keliling Desa" in page(client, other_url)
    assert "Nama Tersembunyi" not in page(client, "/inovasi/")
    fresh = page(client, rated_url)
    assert "4,0 dari 5 berdasarkan 1 penilaian" in fresh
    assert "Nama Tersembunyi" in fresh  # rendered again, not served from the cache


def test_a_comment_refreshes_only_the_page_it_is_on(
    client, innovation, make_article, citizen, django_capture_on_commit_callbacks
):
    article = make_article("Kabar Inovasi Daerah", slug="kabar-inovasi")
    article_url = article.get_absolute_url()
    page(client, article_url)
    page(client, f"/inovasi/{innovation.pk}/")
    writer = client.__class__()
    writer.force_login(citizen)
    with django_capture_on_commit_callbacks(execute=True):
        writer.post(f"/komentar/berita/{article.pk}/", {"body": "Semoga ditiru daerah lain."})
    assert "Semoga ditiru daerah lain." in page(client, article_url)
    type(innovation).objects.filter(pk=innovation.pk).update(name="Nama Tersembunyi")
    assert "Nama Tersembunyi" not in page(client, f"/inovasi/{innovation.pk}/")


def test_a_read_count_flush_leaves_every_cached_page_in_place(client, innovation, make_innovation):
    from satu.core.pagecache import content_version

    other = make_innovation("Posyandu Keliling Desa")
    urls = [f"/inovasi/{innovation.pk}/", f"/inovasi/{other.pk}/", "/inovasi/", "/"]
    for url in urls:
        page(client, url)
    version = content_version()
    # Changed behind the signals' back: a page that still shows the old name is a cached copy.
    type(other).objects.filter(pk=other.pk).update(name="Nama Tersembunyi")
    visitor = client.__class__(REMOTE_ADDR="10.2.2.2", HTTP_USER_AGENT="Mozilla/5.0 Chrome")
    page(visitor, urls[0])
    assert flush_read_counts().events == 1
    assert content_version() == version
    for url in urls:
        assert "Nama Tersembunyi" not in page(client, url)
    # Once the cached copy expires, the page shows the new count.
    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=61)):
        assert "dibaca 1 kali" in page(client, urls[0])
