"""Query discipline: the main public pages run the same number of queries however much there is.

Each page is fetched with a little data, then with several times more; the second fetch may not
run a single query more. An N+1 loop anywhere in the page (a template touching a relation per
row, a section counting per item) makes the count grow and fails here.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from satu.comments.models import Comment
from satu.innovations.models import Evidence

pytestmark = pytest.mark.django_db


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured.captured_queries)


def grow_catalog(make_innovation, make_article, citizen, start: int, count: int) -> None:
    for number in range(start, start + count):
        innovation = make_innovation(
            f"Layanan Antrean Nomor {number}", programme_year=2020 + number % 6
        )
        Evidence.objects.create(
            innovation=innovation,
            kind="video",
            title=f"Video {number}",
            url=f"https://video.example/{number}",
            is_public=True,
        )
        Comment.objects.create(innovation=innovation, author=citizen, body=f"Bagus {number}")
        make_article(f"Berita Nomor {number}", slug=f"berita-nomor-{number}")


def assert_queries_do_not_grow(client, make_innovation, make_article, citizen, url: str) -> None:
    grow_catalog(make_innovation, make_article, citizen, 0, 2)
    few = queries(client, url)
    grow_catalog(make_innovation, make_article, citizen, 2, 12)
    assert queries(client, url) <= few


@pytest.mark.parametrize(
    "url", ["/", "/inovasi/", "/inovasi/?q=antrean&tahun=2021", "/berita/", "/kompetisi/"]
)
def test_a_public_list_runs_as_many_queries_with_many_rows_as_with_few(
    client, make_innovation, make_article, citizen, url
):
    assert_queries_do_not_grow(client, make_innovation, make_article, citizen, url)


def test_the_innovation_page_does_not_query_per_evidence_comment_or_related_innovation(
    client, make_innovation, make_article, citizen
):
    grow_catalog(make_innovation, make_article, citizen, 0, 2)
    page = make_innovation("Antrean Layanan Terpadu")
    url = f"/inovasi/{page.pk}/"

    def add_evidence_and_comments(numbers):
        for number in numbers:
            Evidence.objects.create(
                innovation=page,
                kind="video",
                title=f"Liputan {number}",
                url=f"https://video.example/liputan/{number}",
                is_public=True,
            )
            comment = Comment.objects.create(
                innovation=page, author=citizen, body=f"Komentar {number}"
            )
            Comment.objects.create(
                innovation=page, author=citizen, parent=comment, body=f"Balasan {number}"
            )

    add_evidence_and_comments(range(1))
    few = queries(client, url)
    grow_catalog(make_innovation, make_article, citizen, 2, 10)
    add_evidence_and_comments(range(1, 10))
    assert queries(client, url) <= few


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/innovations?page_size=50",
        "/api/v1/agencies?page_size=100",
        "/api/v1/regions?page_size=100",
    ],
)
def test_an_api_list_runs_as_many_queries_with_many_rows_as_with_few(
    client, make_innovation, make_article, citizen, url
):
    assert_queries_do_not_grow(client, make_innovation, make_article, citizen, url)
