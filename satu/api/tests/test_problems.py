"""Every answer of the API that is not a success is a problem document (RFC 9457): a NUL
character anywhere in the request, and an unexpected failure on our side, too."""

import datetime
import json

import pytest
from django.core.cache import cache
from django.db import OperationalError, connection
from django.utils import timezone

from satu.api.models import ApiToken, hash_token
from satu.innovations.models import Innovation

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_limits():
    cache.clear()
    yield
    cache.clear()


def bearer(user) -> str:
    plain, prefix = ApiToken.generate()
    ApiToken.objects.create(
        user=user,
        name="test",
        prefix=prefix,
        key_hash=hash_token(plain),
        scopes=["read", "innovations:write"],
        expires_at=timezone.now() + datetime.timedelta(days=1),
    )
    return f"Bearer {plain}"


@pytest.mark.parametrize(
    ("address", "location"),
    [
        ("/api/v1/agencies?q=%00", "query.q"),
        ("/api/v1/innovations?q=Antrean%00", "query.q"),
        ("/api/v1/regions/%00", "path"),
    ],
)
def test_nul_in_the_address_is_a_422_problem(client, reference_data, address, location):
    client.raise_request_exception = False
    response = client.get(address, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == 422 and problem["title"] == "Invalid request"
    assert problem["errors"] == [
        {"location": location, "message": "NUL characters (U+0000) are not allowed."}
    ]


def test_nul_in_a_json_body_is_a_422_problem_at_the_field(client, operator, agency_a):
    client.raise_request_exception = False
    body = {
        "name": "Antrean\u0000Daring",
        "programme_year": timezone.localdate().year,
        "stage": "inisiatif",
        "form": "pelayanan_publik",
        "initiator_kind": "opd",
        "main_urusan": 2,
        "related_urusan": [20],
        "sdg_goals": [3],
        "goals": "Memangkas waktu tunggu.",
    }
    response = client.post(
        "/api/v1/innovations",
        json.dumps(body),
        content_type="application/json",
        HTTP_AUTHORIZATION=bearer(operator),
        HTTP_ACCEPT_LANGUAGE="id",
    )
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    [error] = response.json()["errors"]
    assert error == {
        "location": "body.name",
        "field": "name",
        "message": "Karakter NUL (U+0000) tidak diizinkan.",
    }
    assert not Innovation.objects.exists()


def test_an_escaped_backslash_is_not_mistaken_for_nul(client, operator, agency_a):
    body = {
        "name": "Antrean \\u0000 Daring",
        "programme_year": timezone.localdate().year,
        "stage": "inisiatif",
        "form": "pelayanan_publik",
        "initiator_kind": "opd",
        "main_urusan": 2,
        "goals": "Memangkas waktu tunggu.",
    }
    response = client.post(
        "/api/v1/innovations",
        json.dumps(body),
        content_type="application/json",
        HTTP_AUTHORIZATION=bearer(operator),
    )
    assert response.status_code == 201, response.content
    assert Innovation.objects.get().name == "Antrean \\u0000 Daring"


def test_an_unexpected_failure_is_a_500_problem_not_an_html_page(client, reference_data):
    def database_gone(execute, sql, params, many, context):
        raise OperationalError("the database went away")

    client.raise_request_exception = False
    with connection.execute_wrapper(database_gone):
        response = client.get("/api/v1/regions", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 500
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == 500 and problem["title"] == "Something went wrong"
    assert "the database went away" not in response.content.decode()  # no internals leak


def test_a_page_that_fails_still_answers_with_a_page(client, reference_data):
    def database_gone(execute, sql, params, many, context):
        raise OperationalError("the database went away")

    client.raise_request_exception = False
    with connection.execute_wrapper(database_gone):
        response = client.get("/survei/")
    assert response.status_code == 500
    assert response["Content-Type"].startswith("text/html")
