"""Public writes are rate-limited per account and per address (issue 24, finding 4)."""

import pytest

from satu.comments.models import Comment, Rating
from satu.core.testing.personas import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def innovation(make_innovation):
    return make_innovation("Antrean Online Poli Rawat Jalan")


def test_a_burst_of_60_ratings_from_one_account_is_cut_off_at_the_limit(
    client, citizen, innovation, settings
):
    settings.SATU_RATING_RATE_LIMIT = "20/h"
    client.force_login(citizen)
    statuses = [
        client.post(f"/inovasi/{innovation.pk}/nilai/", {"stars": 1 + n % 5}).status_code
        for n in range(60)
    ]
    assert statuses.count(302) == 20
    assert statuses[20:] == [429] * 40
    assert Rating.objects.get().stars == 1 + 19 % 5  # the last accepted one


def test_one_address_cannot_spread_its_writes_over_many_accounts(client, innovation, settings):
    settings.SATU_PUBLIC_WRITE_RATE_LIMIT = "5/h"
    statuses = []
    for number in range(8):
        voter = client.__class__(REMOTE_ADDR="203.0.113.9")
        voter.force_login(make_user(f"warga{number}@example.id", f"Warga {number}"))
        # A forged X-Forwarded-For does not make a new address: no proxy is trusted.
        response = voter.post(
            f"/inovasi/{innovation.pk}/nilai/",
            {"stars": 5},
            HTTP_X_FORWARDED_FOR=f"198.51.100.{number}",
        )
        statuses.append(response.status_code)
    assert statuses == [302] * 5 + [429] * 3
    assert Rating.objects.count() == 5
    another_address = client.__class__(REMOTE_ADDR="203.0.113.10")
    another_address.force_login(make_user("tetangga@example.id", "Tetangga"))
    assert another_address.post(f"/inovasi/{innovation.pk}/nilai/", {"stars": 5}).status_code == 302


def test_comments_and_reports_share_the_address_limit(client, citizen, innovation, settings):
    settings.SATU_PUBLIC_WRITE_RATE_LIMIT = "3/h"
    client.force_login(citizen)
    url = f"/komentar/inovasi/{innovation.pk}/"
    assert client.post(f"/inovasi/{innovation.pk}/nilai/", {"stars": 4}).status_code == 302
    assert client.post(url, {"body": "Bagus sekali."}).status_code == 302
    assert client.post(url, {"body": "Semoga berlanjut."}).status_code == 302
    refused = client.post(url, {"body": "Satu lagi."})
    assert refused.status_code == 429 and refused["Retry-After"]
    assert Comment.objects.count() == 2
    assert client.get(f"/inovasi/{innovation.pk}/").status_code == 200  # reading is not limited


def test_reports_are_limited_per_account(client, citizen, innovation, settings):
    settings.SATU_REPORT_RATE_LIMIT = "2/h"
    author = make_user("penulis@example.id", "Penulis")
    comments = [Comment.objects.create(innovation=innovation, author=author, body=f"K{n}")
                for n in range(3)]  # fmt: skip
    client.force_login(citizen)
    statuses = [
        client.post(f"/komentar/{c.pk}/laporkan/", {"reason": "spam"}).status_code for c in comments
    ]
    assert statuses == [302, 302, 429]
