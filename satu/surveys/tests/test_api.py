"""The public survey API: index, grade and element averages per period, and roll-ups."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from satu.surveys.tallies import refresh_tally

from .conftest import make_period, respond
from .test_ikm import HAND_WORKED

pytestmark = pytest.mark.django_db


def test_a_period_answers_with_its_index_grade_and_element_averages(client, period_a):
    respond(period_a, HAND_WORKED)
    body = client.get(f"/api/v1/surveys/periods/{period_a.pk}").json()
    assert body["code"] == period_a.code and body["is_open"] is True
    assert body["population"] == 500 and body["minimum_sample"] == 217
    result = body["result"]
    assert result["respondents"] == 4
    assert result["index"] == "3.2222" and result["converted"] == "80.56"
    assert result["grade"] == {"letter": "B", "label": "Baik"}
    waktu = next(e for e in result["elements"] if e["key"] == "waktu")
    assert waktu == {
        "key": "waktu",
        "name": "Waktu Penyelesaian",
        "weight": "0.111",
        "average": "2.50",
    }
    assert body["unit"]["region"] == "33"


def test_the_api_speaks_english_when_asked(client, period_a):
    respond(period_a, HAND_WORKED)
    body = client.get(f"/api/v1/surveys/periods/{period_a.pk}", HTTP_ACCEPT_LANGUAGE="en").json()
    assert body["result"]["grade"]["label"] == "Good"
    assert body["result"]["elements"][2]["name"] == "Completion time"


def test_an_unknown_period_is_a_problem_document(client, reference_data):
    response = client.get("/api/v1/surveys/periods/999999")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"


def test_periods_list_with_filters_in_a_fixed_number_of_queries(client, period_a, period_k, unit_b):
    respond(period_a, HAND_WORKED)
    respond(period_k, [(2,) * 9])
    data = client.get("/api/v1/surveys/periods", {"region": "33.74"}).json()
    assert [p["id"] for p in data["results"]] == [period_k.pk]
    assert data["results"][0]["result"]["converted"] == "50.00"
    with CaptureQueriesContext(connection) as few:
        client.get("/api/v1/surveys/periods", {"region": "33"})
    for number in range(6):
        respond(make_period(unit_b, f"P{number}"), [(3,) * 9])
    with CaptureQueriesContext(connection) as many:
        data = client.get("/api/v1/surveys/periods", {"region": "33"}).json()
    assert data["count"] == 8
    assert len(few) == len(many)


def test_rollups_per_region_for_a_window(client, period_a, period_k):
    respond(period_a, [(4,) * 9])
    respond(period_k, [(2,) * 9] * 3)
    rows = client.get("/api/v1/surveys/rollups", {"level": "region", "region": "33"}).json()
    by_code = {row["code"]: row for row in rows}
    assert by_code["33"]["result"]["converted"] == "100.00"
    assert by_code["33.74"]["result"]["respondents"] == 3
    (province,) = client.get(
        "/api/v1/surveys/rollups", {"level": "province", "region": "33"}
    ).json()
    assert province["result"]["respondents"] == 4
    assert province["result"]["converted"] == "62.50"  # (1 × 4 + 3 × 2) / 4 × 25
    assert province["result"]["grade"]["letter"] == "D"
    empty = client.get("/api/v1/surveys/rollups", {"region": "33", "start": "2030-01-01"}).json()
    assert empty == []


def test_every_survey_field_in_the_openapi_document_is_described(client):
    schema = client.get("/api/v1/openapi.json").json()
    operations = {
        op["operationId"]: op
        for path, item in schema["paths"].items()
        if path.startswith("/api/v1/surveys")
        for op in item.values()
    }
    assert set(operations) == {
        "list_survey_periods",
        "get_survey_period",
        "list_survey_rollups",
        "enter_paper_responses",
    }
    for op in operations.values():
        assert op.get("description") and op.get("summary")
        for parameter in op.get("parameters", []):
            described = parameter.get("description") or parameter["schema"].get("description")
            assert described, (op["operationId"], parameter["name"])
    components = schema["components"]["schemas"]
    for name in ("PeriodOut", "IndexOut", "ElementOut", "RollupOut", "UnitRef", "GradeOut"):
        for field, spec in components[name]["properties"].items():
            assert spec.get("description"), (name, field)
            assert spec.get("examples") or "$ref" in str(spec), (name, field)


def test_a_period_tells_how_many_answers_were_flagged_and_leaves_them_out(client, period_a):
    from satu.surveys.models import Review, SurveyResponse

    responses = respond(period_a, HAND_WORKED + [(1,) * 9] * 3)
    burst = [response.pk for response in responses[-3:]]
    SurveyResponse.objects.filter(pk__in=burst[:2]).update(review=Review.PENDING)
    SurveyResponse.objects.filter(pk=burst[2]).update(review=Review.EXCLUDED)
    refresh_tally(period_a)  # the reviews were set past the services
    body = client.get(f"/api/v1/surveys/periods/{period_a.pk}").json()
    assert body["flagged"] == {"pending": 2, "included": 0, "excluded": 1}
    assert body["result"]["respondents"] == 4 and body["result"]["converted"] == "80.56"
    [listed] = client.get("/api/v1/surveys/periods", {"unit": period_a.unit_id}).json()["results"]
    assert listed["flagged"] == body["flagged"]
