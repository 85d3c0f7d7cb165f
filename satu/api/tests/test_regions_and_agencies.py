import pytest

pytestmark = pytest.mark.django_db

JATENG_CODES = [f"33.{n:02d}" for n in range(1, 30)] + [f"33.{n}" for n in range(71, 77)]


def test_regions_filtered_by_kind_lists_the_38_provinces(client, reference_data):
    data = client.get("/api/v1/regions", {"kind": "province"}).json()
    assert data["count"] == 38
    assert len(data["results"]) == 38
    assert {"code": "33", "name": "Jawa Tengah", "kind": "province", "parent": None} in data[
        "results"
    ]


def test_regions_filtered_by_parent_lists_the_kabupaten_kota_of_jawa_tengah(client, reference_data):
    data = client.get("/api/v1/regions", {"parent": "33"}).json()
    assert [r["code"] for r in data["results"]] == JATENG_CODES
    assert all(r["parent"] == "33" for r in data["results"])


def test_regions_are_paginated_with_links(client, reference_data):
    data = client.get("/api/v1/regions", {"page_size": 10, "page": 2}).json()
    assert data["count"] == 552
    assert len(data["results"]) == 10
    assert "page=3" in data["next"] and "page=1" in data["previous"]


def test_agencies_of_the_province_include_its_hospitals(client, reference_data):
    data = client.get("/api/v1/agencies", {"region": "33", "page_size": 100}).json()
    names = [a["name"] for a in data["results"]]
    assert data["count"] == 53
    assert "RSUD dr. Moewardi" in names


def test_agencies_filter_by_type_and_words(client, reference_data):
    data = client.get("/api/v1/agencies", {"region": "33", "type": "rsjd"}).json()
    assert {a["type"] for a in data["results"]} == {"rsjd"}
    assert data["count"] == 3
    data = client.get("/api/v1/agencies", {"q": "moewardi"}).json()
    assert [a["abbreviation"] for a in data["results"]] == ["MOEWARDI"]


def test_invalid_filters_answer_with_problem_details(client, reference_data):
    response = client.get("/api/v1/regions", {"kind": "planet"})
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == 422 and body["errors"][0]["location"].endswith("kind")


def test_problem_details_speak_english_when_asked(client, reference_data):
    response = client.get("/api/v1/regions", {"page": 0}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.json()["title"] == "Invalid request"
    response = client.get("/api/v1/regions", {"page": 0}, HTTP_ACCEPT_LANGUAGE="id")
    assert response.json()["title"] == "Permintaan tidak valid"


def test_openapi_document_describes_every_operation(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["openapi"].startswith("3.1")
    operations = [op for path in schema["paths"].values() for op in path.values()]
    assert {op["operationId"] for op in operations} >= {"list_regions", "list_agencies"}
    for op in operations:
        assert op.get("description") or op.get("summary"), op["operationId"]


def test_docs_are_served_without_a_cdn(client):
    response = client.get("/api/v1/docs")
    html = response.content.decode()
    assert response.status_code == 200
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "cdn." not in html and "unpkg" not in html and "jsdelivr" not in html
