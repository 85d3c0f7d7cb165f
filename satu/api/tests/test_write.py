"""Writing through the API: the same role × object matrix, validation and concurrency rules as
the pages, with personal tokens."""

import datetime
import json

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from satu.api.models import ApiToken, hash_token
from satu.audit.models import AuditEntry
from satu.innovations import services
from satu.innovations.models import Evidence, Innovation, Revision, RevisionKind, Status
from satu.innovations.tests.conftest import advance, complete_values
from satu.surveys.models import SurveyResponse
from satu.surveys.tests.conftest import make_period

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
ALL_SCOPES = ["read", "innovations:write", "surveys:write"]
STANDARD = {
    "persyaratan": 4,
    "prosedur": 3,
    "waktu": 2,
    "biaya": 4,
    "produk": 3,
    "kompetensi": 4,
    "perilaku": 4,
    "pengaduan": 3,
    "sarana": 3,
}


@pytest.fixture(autouse=True)
def fresh_limits():
    cache.clear()
    yield
    cache.clear()


def token_for(user, scopes=ALL_SCOPES, **changes) -> str:
    """A usable token of ``user``, made directly: the matrix also covers accounts whose role
    was taken away after they made a token with a write scope."""
    plain, prefix = ApiToken.generate()
    values = {"expires_at": timezone.now() + datetime.timedelta(days=1), **changes}
    ApiToken.objects.create(
        user=user, name="test", prefix=prefix, key_hash=hash_token(plain), scopes=scopes, **values
    )
    return plain


def call(client, method, path, user, body=None, *, token=None, language="en", **extra):
    headers = {"HTTP_ACCEPT_LANGUAGE": language, **extra}
    if user is not None or token is not None:
        headers["HTTP_AUTHORIZATION"] = f"Bearer {token or token_for(user)}"
    if body is not None and "data" not in extra:
        return getattr(client, method)(
            path, json.dumps(body), content_type="application/json", **headers
        )
    return getattr(client, method)(path, **headers)


def upload(client, innovation_id, user, content=PDF, name="sk.pdf", **fields):
    data = {"kind": "decree", "title": "SK Kepala Dinas", "is_public": "true", **fields}
    data["file"] = SimpleUploadedFile(name, content)
    return client.post(
        f"/api/v1/innovations/{innovation_id}/evidence",
        data,
        HTTP_AUTHORIZATION=f"Bearer {token_for(user)}",
        HTTP_ACCEPT_LANGUAGE="en",
    )


def new_innovation(**overrides):
    body = {
        "name": "Antrean Daring Poli",
        "programme_year": timezone.localdate().year,
        "stage": "inisiatif",
        "form": "pelayanan_publik",
        "initiator_kind": "opd",
        "main_urusan": 2,
        "related_urusan": [20],
        "sdg_goals": [3],
        "goals": "Memangkas waktu tunggu.",
    }
    body.update(overrides)
    return body


@pytest.fixture
def draft_a(operator, agency_a) -> Innovation:
    """A complete draft of agency A (provincial Dinas Kesehatan)."""
    return services.create_innovation(operator, agency_a, complete_values())


@pytest.fixture
def submitted_a(operator, agency_a) -> Innovation:
    innovation = services.create_innovation(operator, agency_a, complete_values(name="Di Telaah"))
    return advance(innovation, operator)


# The matrix: (persona, action on agency A's draft) -> status. The pages answer the same way:
# a role that never does this gets 403, an innovation outside the account's view 404.
PERSONAS = [
    "operator",
    "outsider_operator",
    "operator_k",
    "regional_admin",
    "secretariat",
    "citizen",
    "juror",
]
MATRIX = {
    #                    create  update  upload  link  submit
    "operator": (201, 200, 201, 201, 200),
    "outsider_operator": (403, 404, 404, 404, 404),
    "operator_k": (403, 404, 404, 404, 404),
    "regional_admin": (403, 403, 404, 404, 404),
    "secretariat": (403, 403, 404, 404, 404),
    "citizen": (403, 403, 403, 403, 403),
    "juror": (403, 403, 403, 403, 403),
}
ACTIONS = ["create", "update", "upload", "link", "submit"]
# An innovation in review: reviewers of the region see it, but may not change it; its own
# operator is told that its status does not allow the step (409).
IN_REVIEW = {
    "operator": (409, 409, 409, 409),
    "outsider_operator": (404, 404, 404, 404),
    "operator_k": (404, 404, 404, 404),
    "regional_admin": (403, 404, 404, 404),  # a provincial agency: not in the Kota's region
    "secretariat": (403, 403, 403, 403),
    "citizen": (403, 403, 403, 403),
    "juror": (403, 403, 403, 403),
}


def act(client, action, user, innovation, agency):
    if action == "create":
        return call(client, "post", "/api/v1/innovations", user, new_innovation(agency=agency.pk))
    if action == "update":
        body = {"version": innovation.version, "goals": "Tujuan yang diperbarui."}
        return call(client, "patch", f"/api/v1/innovations/{innovation.pk}", user, body)
    if action == "upload":
        return upload(client, innovation.pk, user)
    if action == "link":
        body = {"url": "https://youtu.be/abc", "kind": "video", "title": "Video"}
        return call(client, "post", f"/api/v1/innovations/{innovation.pk}/links", user, body)
    return call(client, "post", f"/api/v1/innovations/{innovation.pk}/submit", user)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("action", ACTIONS)
def test_the_role_matrix_of_writing_innovations(
    client, request, draft_a, agency_a, persona, action
):
    user = request.getfixturevalue(persona)
    expected = MATRIX[persona][ACTIONS.index(action)]
    before = (Innovation.objects.count(), Evidence.objects.count())
    response = act(client, action, user, draft_a, agency_a)
    assert response.status_code == expected, response.content
    draft_a.refresh_from_db()
    if expected >= 400:
        assert response["Content-Type"] == "application/problem+json"
        assert (Innovation.objects.count(), Evidence.objects.count()) == before
        assert draft_a.status == Status.DRAFT and draft_a.version == 1
    elif action == "submit":
        assert draft_a.status == Status.SUBMITTED
        assert response.json()["status"] == "submitted"


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("action", ACTIONS[1:])
def test_an_innovation_in_review_cannot_be_written(
    client, request, submitted_a, agency_a, persona, action
):
    user = request.getfixturevalue(persona)
    expected = IN_REVIEW[persona][ACTIONS.index(action) - 1]
    response = act(client, action, user, submitted_a, agency_a)
    assert response.status_code == expected, response.content
    submitted_a.refresh_from_db()
    assert submitted_a.status == Status.SUBMITTED and submitted_a.version == 1
    assert not submitted_a.evidence.exists()


def test_an_operator_creates_a_draft_with_revision_and_audit(client, operator, agency_a):
    response = call(client, "post", "/api/v1/innovations", operator, new_innovation())
    assert response.status_code == 201
    body = response.json()
    innovation = Innovation.objects.get(pk=body["id"])
    assert innovation.agency == agency_a and innovation.created_by == operator
    assert body["status"] == "draft" and body["version"] == 1
    assert body["main_urusan"]["number"] == 2 and body["related_urusan"][0]["number"] == 20
    assert innovation.revisions.filter(kind=RevisionKind.SAVE).count() == 1
    entry = AuditEntry.objects.filter(object_id=str(innovation.pk)).first()
    assert entry is not None and entry.actor_id == operator.pk and entry.source == "api"


def test_a_patch_changes_only_the_fields_sent_and_raises_the_version(client, operator, draft_a):
    body = {"version": 1, "goals": "Tujuan baru.", "budget": None}
    response = call(client, "patch", f"/api/v1/innovations/{draft_a.pk}", operator, body)
    assert response.status_code == 200
    draft_a.refresh_from_db()
    assert draft_a.goals == "Tujuan baru." and draft_a.budget is None
    assert draft_a.name == "Antrean Online Poli Rawat Jalan"
    assert response.json()["version"] == draft_a.version == 2
    read = call(client, "get", f"/api/v1/innovations/{draft_a.pk}", operator)
    assert read.status_code == 200 and read.json()["version"] == 2


def test_a_stale_version_answers_409_and_keeps_the_refused_change(client, operator, draft_a):
    services.save_innovation(operator, draft_a, {"goals": "Orang lain."}, based_on_version=1)
    body = {"version": 1, "goals": "Perubahan saya."}
    response = call(client, "patch", f"/api/v1/innovations/{draft_a.pk}", operator, body)
    assert response.status_code == 409
    problem = response.json()
    assert problem["current_version"] == 2 and problem["code"] == "stale"
    assert "version 1" in problem["detail"] and "version 2" in problem["detail"]
    draft_a.refresh_from_db()
    assert draft_a.goals == "Orang lain."
    conflict = Revision.objects.get(innovation=draft_a, number=problem["revision"])
    assert conflict.kind == RevisionKind.CONFLICT and conflict.data["goals"] == "Perubahan saya."
    retry = call(
        client, "patch", f"/api/v1/innovations/{draft_a.pk}", operator, {**body, "version": 2}
    )
    assert retry.status_code == 200 and retry.json()["version"] == 3


@pytest.mark.parametrize(
    ("language", "message"),
    [("en", "cannot be in the future"), ("id", "tidak boleh di masa depan")],
)
def test_validation_errors_answer_422_at_each_field_in_the_callers_language(
    client, operator, language, message
):
    future = (timezone.localdate() + datetime.timedelta(days=10)).isoformat()
    body = new_innovation(launch_date=future, main_urusan=77, programme_year=2100)
    response = call(client, "post", "/api/v1/innovations", operator, body, language=language)
    assert response.status_code == 422
    problem = response.json()
    fields = {error["field"] for error in problem["errors"]}
    assert fields == {"main_urusan"}  # a reference that does not exist is checked first
    body["main_urusan"] = 2
    response = call(client, "post", "/api/v1/innovations", operator, body, language=language)
    assert response.status_code == 422
    errors = {error["field"]: error["message"] for error in response.json()["errors"]}
    assert set(errors) == {"launch_date", "programme_year"}
    assert message in errors["launch_date"]
    assert {e["location"] for e in response.json()["errors"]} == {
        "body.launch_date",
        "body.programme_year",
    }
    assert not Innovation.objects.exists()


@pytest.mark.parametrize(
    ("body", "status"),
    [
        (new_innovation(agency=999_999), 422),  # no such agency
        (new_innovation(service_unit=999_999), 422),  # not a unit of the agency
        (new_innovation(name=""), 422),
        (new_innovation(stage="maybe"), 422),
        ({"name": "x"}, 422),
        ([1, 2], 422),
    ],
)
def test_nonsense_is_refused_without_a_server_error(client, operator, body, status):
    response = call(client, "post", "/api/v1/innovations", operator, body)
    assert response.status_code == status
    assert response["Content-Type"] == "application/problem+json"


def test_a_patch_without_a_version_or_with_null_for_a_required_field_is_422(
    client, operator, draft_a
):
    path = f"/api/v1/innovations/{draft_a.pk}"
    assert call(client, "patch", path, operator, {"goals": "x"}).status_code == 422
    response = call(client, "patch", path, operator, {"version": 1, "name": None})
    assert response.status_code == 422
    assert [error["field"] for error in response.json()["errors"]] == ["name"]


def test_an_operator_of_several_agencies_names_the_agency(client, operator, agency_b):
    from satu.core.testing.personas import grant

    grant(operator, "operator", agency_b)
    response = call(client, "post", "/api/v1/innovations", operator, new_innovation())
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "agency"
    response = call(
        client, "post", "/api/v1/innovations", operator, new_innovation(agency=agency_b.pk)
    )
    assert response.status_code == 201 and response.json()["agency"]["id"] == agency_b.pk


def test_evidence_is_checked_by_its_content(client, operator, draft_a):
    response = upload(client, draft_a.pk, operator, content=b"MZ\x90\x00 not a pdf", name="sk.pdf")
    assert response.status_code == 422
    problem = response.json()
    assert problem["code"] == "content_mismatch" and problem["errors"][0]["field"] == "file"
    assert not draft_a.evidence.exists()
    response = upload(client, draft_a.pk, operator)
    assert response.status_code == 201
    evidence = draft_a.evidence.get()
    assert evidence.content_type == "application/pdf" and evidence.is_public
    assert evidence.uploaded_by == operator and evidence.title == "SK Kepala Dinas"
    assert response.json()["is_file"] and response.json()["size"] == len(PDF)


def test_an_upload_over_the_limit_answers_413(client, operator, draft_a, settings):
    settings.SATU_MAX_UPLOAD_BYTES = 1024
    response = upload(client, draft_a.pk, operator, content=PDF + b"0" * 4096)
    assert response.status_code == 413
    assert response["Content-Type"] == "application/problem+json"
    assert not draft_a.evidence.exists()


def test_a_broken_multipart_body_is_422(client, operator, draft_a):
    response = client.generic(
        "POST",
        f"/api/v1/innovations/{draft_a.pk}/evidence",
        b'--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n',
        content_type="multipart/form-data; boundary=",
        HTTP_AUTHORIZATION=f"Bearer {token_for(operator)}",
    )
    assert response.status_code == 422
    response = call(
        client, "post", f"/api/v1/innovations/{draft_a.pk}/evidence", operator, {"kind": "decree"}
    )
    assert response.status_code == 422


def test_submitting_an_incomplete_draft_lists_the_fields(client, operator, agency_a):
    draft = services.create_innovation(
        operator, agency_a, complete_values(goals="", results_after="")
    )
    response = call(client, "post", f"/api/v1/innovations/{draft.pk}/submit", operator)
    assert response.status_code == 409
    assert {error["field"] for error in response.json()["errors"]} == {"goals", "results_after"}
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


@pytest.mark.parametrize("state", ["no_write_scope", "revoked", "expired", "missing", "wrong"])
def test_a_token_that_may_not_write_gets_401(client, operator, draft_a, state):
    changes = {
        "revoked": {"revoked_at": timezone.now()},
        "expired": {"expires_at": timezone.now() - datetime.timedelta(seconds=1)},
    }.get(state, {})
    scopes = ["read", "surveys:write"] if state == "no_write_scope" else ALL_SCOPES
    token = token_for(operator, scopes, **changes)
    if state == "wrong":
        token = token[:-4] + "abcd"
    headers = {} if state == "missing" else {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    responses = [
        client.post(
            "/api/v1/innovations",
            json.dumps(new_innovation()),
            content_type="application/json",
            **headers,
        ),
        client.patch(
            f"/api/v1/innovations/{draft_a.pk}",
            json.dumps({"version": 1, "goals": "x"}),
            content_type="application/json",
            **headers,
        ),
        client.post(f"/api/v1/innovations/{draft_a.pk}/submit", **headers),
    ]
    assert [r.status_code for r in responses] == [401, 401, 401]
    assert Innovation.objects.count() == 1
    draft_a.refresh_from_db()
    assert draft_a.version == 1 and draft_a.status == Status.DRAFT


def test_drafts_are_read_only_by_those_who_may_see_them(
    client, operator, outsider_operator, draft_a
):
    path = f"/api/v1/innovations/{draft_a.pk}"
    assert client.get(path).status_code == 404
    assert call(client, "get", path, outsider_operator).status_code == 404
    own = call(client, "get", path, operator)
    assert own.status_code == 200 and own.json()["status"] == "draft"
    assert "no-store" in own["Cache-Control"]
    revoked = token_for(operator, revoked_at=timezone.now())
    assert call(client, "get", path, None, token=revoked).status_code == 401


# Survey responses -------------------------------------------------------------------------


def paper(count=2, **changes):
    return {"responses": [{"answers": STANDARD, "sex": "p", **changes} for _ in range(count)]}


@pytest.fixture
def period_a(agency_a):
    from satu.agencies.models import ServiceUnit

    unit = ServiceUnit.objects.create(agency=agency_a, name="Loket Perizinan Kesehatan")
    return make_period(unit)


SURVEY_MATRIX = {
    "operator": 201,
    "outsider_operator": 404,
    "operator_k": 404,
    "regional_admin": 404,  # Kota Semarang: not the provincial agency's unit
    "secretariat": 201,
    "citizen": 403,
    "juror": 403,
}


@pytest.mark.parametrize(("persona", "expected"), SURVEY_MATRIX.items())
def test_the_role_matrix_of_entering_paper_responses(client, request, period_a, persona, expected):
    user = request.getfixturevalue(persona)
    path = f"/api/v1/surveys/periods/{period_a.pk}/responses"
    response = call(client, "post", path, user, paper(3))
    assert response.status_code == expected, response.content
    saved = SurveyResponse.objects.filter(period=period_a).count()
    if expected == 201:
        assert response.json() == {
            "batch": period_a.entry_batches.get().pk,
            "saved": 3,
            "respondents": 3,
        }
        assert saved == 3
        assert SurveyResponse.objects.filter(period=period_a, sex="p", channel="paper").count() == 3
    else:
        assert saved == 0


def test_paper_responses_are_all_or_nothing_with_the_row_named(client, operator, period_a):
    from satu.surveys.models import ExtraElement

    ExtraElement.objects.create(period=period_a, position=1, name="Parkir", question="Parkir?")
    body = paper(2, extra_answers={"tambahan_1": 3})
    del body["responses"][1]["extra_answers"]
    path = f"/api/v1/surveys/periods/{period_a.pk}/responses"
    response = call(client, "post", path, operator, body)
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert [(e["row"], e["field"]) for e in errors] == [(2, "tambahan_1")]
    assert not SurveyResponse.objects.filter(period=period_a).exists()
    body["responses"][1]["extra_answers"] = {"tambahan_1": 4}
    response = call(client, "post", path, operator, body)
    assert response.status_code == 201 and response.json()["saved"] == 2
    assert period_a.responses.get(pk=period_a.responses.first().pk).extra_answers.count() == 1


def test_a_closed_period_answers_409_and_scope_is_checked(client, operator, period_a):
    path = f"/api/v1/surveys/periods/{period_a.pk}/responses"
    only_innovations = token_for(operator, ["read", "innovations:write"])
    assert call(client, "post", path, None, paper(), token=only_innovations).status_code == 401
    period_a.closed_at = timezone.now()
    period_a.save()
    response = call(client, "post", path, operator, paper())
    assert response.status_code == 409
    assert not SurveyResponse.objects.filter(period=period_a).exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [("is_public", "0"), ("is_public", "yes"), ("kind", "poster")],
)
def test_form_fields_take_only_what_the_document_says(client, operator, draft_a, field, value):
    response = upload(client, draft_a.pk, operator, **{field: value})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == field
    assert not draft_a.evidence.exists()


@pytest.mark.parametrize("value", [True, "2026", "dua"])
def test_json_numbers_are_not_guessed_from_text_or_booleans(client, operator, value):
    response = call(
        client, "post", "/api/v1/innovations", operator, new_innovation(main_urusan=value)
    )
    assert response.status_code == 422
    assert not Innovation.objects.exists()


def test_a_body_that_is_not_json_is_400_problem_details(client, operator):
    response = client.generic(
        "POST",
        "/api/v1/innovations",
        b"\x00{",
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token_for(operator)}",
    )
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
