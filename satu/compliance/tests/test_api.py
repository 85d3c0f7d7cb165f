"""/api/v1/compliance/{year} and /api/v1/compliance/{year}/agencies."""

import pytest

from satu.agencies.models import Agency
from satu.innovations.models import Status

from .conftest import make_innovation

pytestmark = pytest.mark.django_db


def test_the_board_answers_totals_and_one_row_per_region(client, year, agency_a, agency_k):
    make_innovation(agency_a, Status.ACCEPTED)
    make_innovation(agency_k, Status.VERIFIED)
    body = client.get("/api/v1/compliance/2026").json()
    assert body["year"] == 2026 and body["registration_deadline"] == "2026-06-30"
    assert body["counting_rule"] == "accepted" and body["scope"] == "33"
    rows = {row["code"]: row for row in body["regions"]}
    assert rows["33"]["complied"] == 1 and rows["33"]["kind"] == "province"
    assert rows["33.74"]["waiting"] == 1 and rows["33.74"]["obliged"] == 1
    assert body["totals"]["complied"] == 1 and body["totals"]["waiting"] == 1
    assert body["totals"]["obliged"] == sum(row["obliged"] for row in body["regions"])


def test_the_agency_list_is_paginated_and_filtered(client, year, agency_a, agency_b, agency_k):
    make_innovation(agency_a, Status.ACCEPTED)
    page = client.get("/api/v1/compliance/2026/agencies?page_size=10").json()
    in_province = Agency.objects.filter(region__code__startswith="33").count()
    assert page["count"] == in_province and len(page["results"]) == 10 and page["next"]

    by_region = client.get("/api/v1/compliance/2026/agencies?region=33.74").json()
    assert [row["id"] for row in by_region["results"]] == [agency_k.pk]
    assert by_region["results"][0]["region_code"] == "33.74"

    hospitals = client.get("/api/v1/compliance/2026/agencies?type=rsud&region=33").json()
    assert agency_b.pk in {row["id"] for row in hospitals["results"]}
    assert {row["type"] for row in hospitals["results"]} == {"rsud"}

    complied = client.get("/api/v1/compliance/2026/agencies?status=complied").json()
    assert [(row["id"], row["status"], row["counted"]) for row in complied["results"]] == [
        (agency_a.pk, "complied", 1)
    ]
    assert complied["results"][0]["status_label"] == "Memenuhi"


def test_the_status_label_follows_the_language_of_the_request(client, year, agency_a):
    make_innovation(agency_a, Status.ACCEPTED)
    body = client.get(
        "/api/v1/compliance/2026/agencies?status=complied", HTTP_ACCEPT_LANGUAGE="en"
    ).json()
    assert body["results"][0]["status_label"] == "Complied"


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/compliance/2030",
        "/api/v1/compliance/2026/agencies?region=34",  # outside the programme's province
        "/api/v1/compliance/2026/agencies?region=99.99",
    ],
)
def test_unknown_years_and_regions_answer_404_problems(client, year, url):
    response = client.get(url)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"


def test_an_invalid_filter_is_a_422_problem(client, year):
    response = client.get("/api/v1/compliance/2026/agencies?status=bagus")
    assert response.status_code == 422


def test_the_openapi_document_describes_the_endpoints(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/compliance/{year}" in schema["paths"]
    assert "/api/v1/compliance/{year}/agencies" in schema["paths"]
    parameters = {
        p["name"]
        for p in schema["paths"]["/api/v1/compliance/{year}/agencies"]["get"]["parameters"]
    }
    assert {"region", "type", "status", "page", "page_size"} <= parameters
