"""In a blind round a juror can reach nothing that names an entry's agency, region or people,
nor another juror or another juror's score.

The sweep signs in as the juror, starts at the juror's dashboard (/juri/) and follows every
link it finds to pages of the jury, the competitions (back office and public) and the back
office's home, downloading every file it links to; then it fetches the known export URLs of
each round in every format and the competition API. Every body (HTML, CSV, JSON, XLSX unzipped,
evidence files) is searched, case-insensitively, for the forbidden names and figures.

Not crawled: the agency directory (/kelola/opd/), which lists every agency of the province to
any back-office user by design and says nothing about entries, and the account pages.
"""

import io
import re
import zipfile
from collections import deque
from decimal import Decimal
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlparse

import pytest
from django.urls import reverse

from satu.core.exporters import FORMATS
from satu.jury import services
from satu.jury.blind import REDACTED
from satu.jury.models import JurorAssignment

pytestmark = pytest.mark.django_db

ALLOWED = ("/juri/", "/kelola/kompetisi/", "/kompetisi/", "/sertifikat/")
SECRET_COMMENT = "CATATAN-RAHASIA-JURI-LAIN"
SECRET_NOTE = "Penilaian pribadi juri lain"


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.found.append(href)


def body_text(response) -> str:
    # Reading a streamed body to its end closes it the way the test client expects; closing it
    # again would close the database connection as at the end of a real request.
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if content.startswith(b"PK"):
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return " ".join(
                archive.read(name).decode("utf-8", "replace")
                for name in archive.namelist()
                if name.endswith(".xml")
            )
    return content.decode("utf-8", "replace")


def crawl(client, start: str) -> dict[str, str]:
    seen: dict[str, str] = {}
    queue = deque([start])
    while queue:
        url = queue.popleft()
        if url in seen:
            continue
        response = client.get(url)
        if response.status_code != 200:
            seen[url] = ""
            continue
        text = body_text(response)
        seen[url] = text
        if "text/html" not in response.get("Content-Type", ""):
            continue
        parser = Links()
        parser.feed(text)
        for href in parser.found:
            path = urldefrag(href)[0]
            parsed = urlparse(path)
            if parsed.scheme or parsed.netloc or not parsed.path.startswith("/"):
                continue
            if path == "/kelola/" or path.startswith(ALLOWED):
                queue.append(path)
    return seen


def forbidden_terms(desk, users) -> list[str]:
    terms = set()
    for entry in vars(desk.entries).values():
        agency = entry.agency
        terms.update({agency.name, agency.abbreviation})
        if not agency.region.is_province:
            terms.update({agency.region.name, agency.region.short_name})
        terms.add(entry.innovation.initiator_name)
    for user in users:
        terms.update({user.full_name, user.email})
    terms.update({SECRET_COMMENT, SECRET_NOTE})
    return sorted(t for t in terms if t)


def test_a_juror_in_a_blind_round_can_reach_no_name_and_no_other_jurors_score(
    client, desk, juror, other_juror, conflicted_juror, operator
):
    round = desk.round
    assert round.blind_review
    codes = [c.code for c in desk.rubric.criteria.filter(weight__gt=0)]
    # The other juror: distinctive comments, and a weighted score of 61.35 nobody else has.
    light = desk.rubric.criteria.get(code=codes[2])
    assert light.weight == Decimal(5)
    for assignment in JurorAssignment.objects.filter(juror=desk.seats.other):
        services.submit_sheet(
            other_juror,
            assignment,
            marks={code: "68" if code == light.code else "61" for code in codes},
            comments={codes[0]: SECRET_COMMENT},
            note=SECRET_NOTE,
        )
    # The juror: one entry submitted, one draft, the rest untouched.
    mine = list(JurorAssignment.objects.filter(juror=desk.seats.juror).order_by("entry_id"))
    services.submit_sheet(juror, mine[0], marks=dict.fromkeys(codes, "85"))
    services.save_draft(juror, mine[1], marks={codes[0]: "77"})

    client.force_login(juror)
    pages = crawl(client, reverse("jury:home"))
    for fmt in FORMATS:
        url = reverse("jury:round_export", args=[round.pk, fmt])
        pages[url] = body_text(client.get(url))
    for url in ("/api/v1/competitions", f"/api/v1/competitions/{desk.competition.pk}/results"):
        pages[url] = body_text(client.get(url))

    reached = [url for url, text in pages.items() if text]
    scored = [url for url in reached if "/juri/nilai/" in url and "/bukti/" not in url]
    downloads = [url for url in reached if "/bukti/" in url]
    assert len(scored) >= len(mine) >= 3, reached
    assert downloads, "the evidence files were not reached"
    assert any(REDACTED in pages[url] for url in scored), "the narrative was not redacted"

    forbidden = forbidden_terms(desk, [other_juror, conflicted_juror, operator])
    figures = ["61.35", "61,35", "61.350", "61,350"]
    for url, text in pages.items():
        lowered = text.lower()
        for term in forbidden:
            pattern = r"(?<!\w)" + re.escape(term.lower()) + r"(?!\w)"
            assert not re.search(pattern, lowered), f"{term!r} reached the juror at {url}"
        for figure in figures:
            assert figure not in text, f"the other juror's score reached the juror at {url}"


def test_the_same_entry_shows_its_agency_and_region_when_the_round_is_not_blind(
    client, desk, juror
):
    desk.round.blind_review = False
    desk.round.save()
    assignment = JurorAssignment.objects.get(juror=desk.seats.juror, entry=desk.entries.k)
    client.force_login(juror)
    page = client.get(reverse("jury:score", args=[assignment.pk])).content.decode()
    assert desk.entries.k.agency.name in page
    assert "Kota Semarang" in page
    assert REDACTED not in page


def test_a_juror_never_sees_a_conflicted_entry_anywhere(client, desk, conflicted_juror):
    """Not on the lists, not in the exports, not by guessing the address of its page."""
    entry = desk.entries.a
    code = f"26-{entry.pk:04d}"
    other = JurorAssignment.objects.filter(entry=entry).first()
    client.force_login(conflicted_juror)
    pages = crawl(client, reverse("jury:home"))
    for fmt in FORMATS:
        url = reverse("jury:round_export", args=[desk.round.pk, fmt])
        pages[url] = body_text(client.get(url))
    for url, text in pages.items():
        assert code not in text, url
        assert entry.innovation.name.lower() not in text.lower(), url
    for name in ("jury:score", "jury:declare"):
        assert client.get(reverse(name, args=[other.pk])).status_code == 404
