"""The demo data, and the public API before and after publication."""

import io
import json

import pytest

from satu.accounts import demo as accounts_demo
from satu.agencies import demo as agencies_demo
from satu.competitions.models import Award
from satu.national import demo, services
from satu.national.models import Assessment, AssessmentStatus, Forwarding

from .conftest import fill

pytestmark = pytest.mark.django_db


def test_the_demo_publishes_assessments_and_records_national_results(reference_data, client):
    agencies_demo.seed(io.StringIO())
    accounts_demo.seed(io.StringIO())
    demo.seed(io.StringIO())
    demo.seed(io.StringIO())  # again: nothing is duplicated
    published = Assessment.objects.published().values_list("region__code", flat=True)
    assert sorted(published) == ["33", "33.02", "33.74"]
    assert Assessment.objects.get(region__code="33.76").status == AssessmentStatus.DRAFT
    assert Forwarding.objects.count() == 3
    titles = sorted(Award.objects.values_list("innovation__name", "year", "title"))
    assert titles == [
        ("E-Va Centil", 2025, "Outstanding Public Service Innovation (OPSI)"),
        ("Hetero Space", 2025, "Outstanding Public Service Innovation (OPSI)"),
        ("Tele Apik", 2019, "Top 99"),
    ]
    response = client.get("/api/v1/iid/2026/regions/33")
    assert response.status_code == 200
    body = response.json()
    # The province's seven innovations cover all six basic-service urusan.
    assert body["coverage_met"] is True and body["innovations"] == 7
    assert 0 < float(body["index"]) <= float(body["claimed_index"]) <= 100


def test_the_api_answers_only_once_the_secretariat_publishes(
    client, kota_assessment, regional_admin, operator_k, agency_k, make_innovation, secretariat
):
    url = "/api/v1/iid/2026/regions/33.74"
    innovation = make_innovation(agency_k)
    fill(kota_assessment, regional_admin, operator_k, [innovation])
    assert client.get(url).status_code == 404
    services.submit_assessment(regional_admin, kota_assessment)
    assert client.get(url).status_code == 404
    for item in services.assessments.AnswerEvidence.objects.filter(
        answer__assessment=kota_assessment
    ):
        decision = "rejected" if item.answer.indicator_code == "35" else "accepted"
        services.decide_evidence(secretariat, item, decision, "Video tidak dapat diputar")
    services.finish_verification(secretariat, kota_assessment)
    assert client.get(url).status_code == 404
    services.publish_assessment(secretariat, kota_assessment)
    response = client.get(url)
    assert response.status_code == 200
    body = json.loads(response.content)
    # Claimed 72.25 → 28.90; the rejected video (4 × 3 / 12 = 1) leaves 71.25 → 28.50.
    assert (body["claimed_index"], body["index"]) == ("28.90", "28.50")
    assert body["predicate"] == "Kurang Inovatif"
    video = next(row for row in body["indicators"] if row["code"] == "35")
    assert (video["points"], video["claimed_points"], video["maximum"]) == ("0.00", "1.00", "1.00")
    assert len(body["indicators"]) == 41  # 20 SPD rows, 20 SID indicators, the number score
    assert client.get("/api/v1/iid/2025/regions/33.74").status_code == 404
    assert client.get("/api/v1/iid/1999/regions/33.74").status_code == 422


def test_the_api_documents_every_status(client):
    schema = client.get("/api/v1/openapi.json").json()
    operation = schema["paths"]["/api/v1/iid/{year}/regions/{code}"]["get"]
    assert set(operation["responses"]) == {"200", "304", "404", "422", "429"}
    assert operation["operationId"] == "iid_region"
