import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone

from satu.api.models import ApiToken, Scope
from satu.api.services import create_token
from satu.core.errors import PermissionDeniedError

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_limits():
    cache.clear()
    yield
    cache.clear()


def bearer(token: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def test_a_token_works_and_its_row_does_not_reveal_it(client, operator):
    token, plain = create_token(operator, name="Integrasi", scopes=[Scope.READ], days=30)
    row = ApiToken.objects.filter(pk=token.pk).values().get()
    assert all(plain not in str(value) for value in row.values())
    assert plain.startswith(token.prefix)
    response = client.get("/api/v1/me", **bearer(plain))
    assert response.status_code == 200
    body = response.json()
    assert body["email"] == operator.email and body["scopes"] == ["read"]
    assert body["roles"][0]["role"] == "operator"


@pytest.mark.parametrize("state", ["revoked", "expired", "wrong", "missing", "inactive_user"])
def test_a_revoked_expired_wrong_or_missing_token_gets_401(client, operator, state):
    token, plain = create_token(operator, name="Integrasi", scopes=[Scope.READ], days=30)
    if state == "revoked":
        token.revoked_at = timezone.now()
        token.save()
    elif state == "expired":
        token.expires_at = timezone.now() - datetime.timedelta(seconds=1)
        token.save()
    elif state == "wrong":
        plain = plain[:-4] + "abcd"
    elif state == "inactive_user":
        operator.is_active = False
        operator.save()
    headers = {} if state == "missing" else bearer(plain)
    response = client.get("/api/v1/me", **headers)
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"


def test_write_scopes_need_a_role_that_writes(citizen, operator):
    with pytest.raises(PermissionDeniedError):
        create_token(citizen, name="x", scopes=[Scope.WRITE_INNOVATIONS], days=30)
    token, _plain = create_token(operator, name="x", scopes=[Scope.WRITE_INNOVATIONS], days=30)
    assert token.scopes == ["innovations:write"]


def test_the_token_page_shows_a_new_token_once_and_can_revoke_it(client, operator):
    client.force_login(operator)
    response = client.post("/akun/token/", {"name": "Dasbor", "scopes": ["read"], "days": 30})
    token = ApiToken.objects.get(user=operator)
    html = response.content.decode()
    assert response["Cache-Control"] == "no-store"
    plain = html.split('id="new-token">')[1].split("<")[0]
    assert plain.startswith(token.prefix)
    assert plain not in client.get("/akun/token/").content.decode()
    client.post(f"/akun/token/{token.pk}/cabut/")
    assert client.get("/api/v1/me", **bearer(plain)).status_code == 401


def test_someone_elses_token_cannot_be_revoked(client, operator, outsider_operator):
    token, _plain = create_token(operator, name="x", scopes=[Scope.READ], days=30)
    client.force_login(outsider_operator)
    assert client.post(f"/akun/token/{token.pk}/cabut/").status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_anonymous_callers_are_rate_limited_with_retry_after(client, settings, reference_data):
    settings.API_RATE_ANONYMOUS = "3/m"
    statuses = [client.get("/api/v1/regions", {"kind": "province"}).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    response = client.get("/api/v1/regions")
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    assert response.json()["status"] == 429


def test_tokens_have_their_own_limit(client, settings, operator):
    settings.API_RATE_TOKEN = "2/m"
    _token, plain = create_token(operator, name="x", scopes=[Scope.READ], days=30)
    statuses = [client.get("/api/v1/me", **bearer(plain)).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]


def test_public_reads_carry_an_etag_and_answer_304(client, reference_data):
    response = client.get("/api/v1/regions", {"kind": "province"})
    assert "public" in response["Cache-Control"] and "max-age=60" in response["Cache-Control"]
    etag = response["ETag"]
    again = client.get("/api/v1/regions", {"kind": "province"}, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304


def test_authenticated_reads_are_not_cached(client, operator):
    _token, plain = create_token(operator, name="x", scopes=[Scope.READ], days=30)
    response = client.get("/api/v1/me", **bearer(plain))
    assert "no-store" in response["Cache-Control"]


def test_an_oversized_request_is_refused_before_it_is_read(client, reference_data):
    response = client.generic(
        "POST",
        "/api/v1/regions",
        b"x",
        content_type="application/json",
        CONTENT_LENGTH=str(50 * 1024 * 1024),
    )
    assert response.status_code == 413
