"""Before the announcement, results endpoints and pages say nothing about scores or winners;
after it, they show winners and final scores and still nothing internal."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from satu.competitions import services
from satu.competitions.models import Entry, EntryStatus, RoundResult, Stage

pytestmark = pytest.mark.django_db

SECRET_NOTE = "CATATAN-RAHASIA-SELEKSI"
JUROR_DETAIL = "NILAI-JURI-RAHASIA"


@pytest.fixture
def final_competition(competition, secretariat, make_innovation, province):
    """A competition in its final stage with computed winners, not yet announced."""
    from satu.agencies.models import Agency

    agencies = list(Agency.objects.filter(region=province).order_by("pk")[:4])
    now = timezone.now()
    for index, agency in enumerate(agencies):
        entry = Entry.objects.create(
            competition=competition,
            innovation=make_innovation(agency, name=f"Inovasi Final {index}"),
            agency=agency,
            group="umum",
            category=competition.categories.first(),
            status=EntryStatus.PASSED,
            screening_note=SECRET_NOTE,
            shortlisted_at=now,
        )
        for round in competition.rounds.all():
            RoundResult.objects.create(
                round=round,
                entry=entry,
                score=Decimal(70 + index * 7),
                details={"jurors": {"juri1": JUROR_DETAIL}},
                computed_at=now,
            )
    competition.stage = Stage.FINAL
    competition.save()
    services.compute_final_results(secretariat, competition)
    competition.refresh_from_db()
    return competition


def test_nothing_about_scores_or_winners_is_public_before_the_announcement(
    client, final_competition
):
    assert Entry.objects.filter(competition=final_competition, is_winner=True).exists()
    response = client.get(f"/api/v1/competitions/{final_competition.pk}/results")
    assert response.status_code == 404
    listing = client.get("/api/v1/competitions").json()["results"]
    public = next(c for c in listing if c["id"] == final_competition.pk)
    assert public["announced_at"] is None
    assert not {"results", "winners", "final_score"} & set(public)
    page = client.get(reverse("competitions:public_detail", args=[final_competition.pk]))
    html = page.content.decode()
    assert page.context["results"] == []
    for word in (
        "Inovasi Final",
        "91,0",
        "91.0",
        "Juara 1",
        "Winner 1",
        "Finalis",
        SECRET_NOTE,
        JUROR_DETAIL,
    ):
        assert word not in html


def test_results_are_public_after_the_announcement_without_internal_details(
    client, final_competition, secretariat
):
    services.move_stage(secretariat, final_competition, Stage.ANNOUNCED)
    response = client.get(f"/api/v1/competitions/{final_competition.pk}/results")
    assert response.status_code == 200
    results = response.json()
    assert len(results) == 4
    best = max(results, key=lambda r: r["final_score"])
    assert (
        best["rank"] == 1 and best["is_winner"] and best["innovation"]["name"] == "Inovasi Final 3"
    )
    assert sum(r["is_winner"] for r in results) == 2
    body = response.content.decode()
    assert SECRET_NOTE not in body and JUROR_DETAIL not in body and "details" not in body
    html = client.get(reverse("competitions:public_detail", args=[final_competition.pk])).content
    html = html.decode()
    assert "Inovasi Final 3" in html
    assert SECRET_NOTE not in html and JUROR_DETAIL not in html


def test_an_unknown_or_draft_competition_has_no_results(client, competition):
    assert client.get(f"/api/v1/competitions/{competition.pk}/results").status_code == 404
    assert (
        client.get(reverse("competitions:public_detail", args=[competition.pk])).status_code == 404
    )
    assert client.get("/api/v1/competitions/999999/results").status_code == 404


def test_the_shortlist_and_objection_form_are_public_during_the_objection_period(
    client, final_competition, django_capture_on_commit_callbacks
):
    final_competition.stage = Stage.OBJECTION
    final_competition.objection_closes_at = timezone.now() + datetime.timedelta(days=3)
    final_competition.save()
    entry = Entry.objects.filter(competition=final_competition).first()
    page = client.get(reverse("competitions:public_detail", args=[final_competition.pk]))
    assert entry.innovation.name in page.content.decode()
    html = page.content.decode()
    assert "91,0" not in html and "91.0" not in html  # the final score of the best entry
    url = reverse("competitions:objection", args=[final_competition.pk, entry.pk])
    data = {"name": "Budi", "email": "budi@example.id", "text": "Tidak berjalan."}
    assert client.post(url, {**data, "website": "http://spam"}).status_code == 200
    assert not entry.objections.exists()
    assert client.post(url, data).status_code == 302
    assert entry.objections.get().email == "budi@example.id"
    # Six objections a day from one address are too many.
    for _ in range(4):
        client.post(url, data)
    response = client.post(url, data)
    assert "rate_limited" not in response.content.decode()
    assert entry.objections.count() == 5


def test_no_objection_can_be_filed_outside_the_period(client, final_competition):
    entry = Entry.objects.filter(competition=final_competition).first()
    url = reverse("competitions:objection", args=[final_competition.pk, entry.pk])
    assert client.get(url).status_code == 404
