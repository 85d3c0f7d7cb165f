"""Who reaches which page, download and API call of agency A's draft: a data table.

404 means the draft is hidden altogether (nothing about it leaks); 403 means the page is not
for the person's role; 302 sends an anonymous visitor to sign in. "hidden" means a list or
export answers but does not contain the draft.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from satu.innovations import services

from .conftest import complete_values

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"

# Every page, download and API call that concerns one innovation.
GET_TARGETS = [
    "detail",
    "edit",
    "history",
    "revision",
    "profile_xlsx",
    "profile_csv",
    "profile_json",
    "evidence_form",
    "internal_file",
    "public_file",
    "return_form",
    "withdraw_form",
    "api_detail",
]
POST_TARGETS = ["submit", "approve", "withdraw", "add_link", "remove_evidence", "year_status"]
LIST_TARGETS = ["list", "queue", "export_csv", "export_json", "api_list"]

# fmt: off
EXPECTED = {
    #                      detail edit hist rev  xlsx csv  json evf  intf pubf retf wdf  api
    "outsider_operator":  (404,   404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    "operator_k":         (404,   404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    "regional_admin":     (404,   403, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    "secretariat":        (404,   403, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    "juror":              (403,   403, 403, 403, 403, 403, 403, 403, 404, 404, 403, 403, 404),
    "citizen":            (403,   403, 403, 403, 403, 403, 403, 403, 404, 404, 403, 403, 404),
    "anonymous":          (302,   302, 302, 302, 302, 302, 302, 302, 404, 404, 302, 302, 404),
    "operator":           (200,   200, 200, 200, 200, 200, 200, 200, 200, 200, 403, 200, 404),
    "agency_head":        (200,   403, 200, 200, 200, 200, 200, 403, 200, 200, 403, 403, 404),
}
POST_EXPECTED = {
    #                      submit approve withdraw add_link remove year
    "outsider_operator":  (404,   404,    404,     404,     404,   404),
    "operator_k":         (404,   404,    404,     404,     404,   404),
    "regional_admin":     (404,   404,    404,     404,     404,   404),
    "secretariat":        (404,   404,    404,     404,     404,   404),
    "citizen":            (403,   403,    403,     403,     403,   403),
    "anonymous":          (302,   302,    302,     302,     302,   302),
}
# fmt: on


def add_pdf(operator, innovation, title: str, *, public: bool):
    return services.add_evidence_file(
        operator,
        innovation,
        SimpleUploadedFile("bukti.pdf", PDF, "application/pdf"),
        kind="report",
        title=title,
        is_public=public,
    )


@pytest.fixture
def draft_with_evidence(operator, agency_a):
    innovation = services.create_innovation(
        operator, agency_a, complete_values(name="Rahasia Dapur Draf")
    )
    internal = add_pdf(operator, innovation, "SK internal", public=False)
    public = add_pdf(operator, innovation, "Bukti publik", public=True)
    return innovation, internal, public


def content(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def get_url(target: str, innovation, internal, public) -> str:
    pk = innovation.pk
    return {
        "detail": reverse("innovations:detail", args=[pk]),
        "edit": reverse("innovations:edit", args=[pk]),
        "history": reverse("innovations:history", args=[pk]),
        "revision": reverse("innovations:revision", args=[pk, 1]),
        "profile_xlsx": reverse("innovations:profile_export", args=[pk, "xlsx"]),
        "profile_csv": reverse("innovations:profile_export", args=[pk, "csv"]),
        "profile_json": reverse("innovations:profile_export", args=[pk, "json"]),
        "evidence_form": reverse("innovations:evidence_add", args=[pk]),
        "internal_file": reverse("innovations:evidence_download", args=[internal.pk]),
        "public_file": reverse("innovations:evidence_download", args=[public.pk]),
        "return_form": reverse("innovations:act", args=[pk, "kembalikan"]),
        "withdraw_form": reverse("innovations:act", args=[pk, "tarik"]),
        "api_detail": f"/api/v1/innovations/{pk}",
    }[target]


def sign_in(client, request, persona):
    user = request.getfixturevalue(persona)
    if user is not None:
        client.force_login(user)
    return user


@pytest.mark.parametrize("persona", list(EXPECTED))
@pytest.mark.parametrize("target", GET_TARGETS)
def test_pages_and_downloads_of_a_draft(client, request, draft_with_evidence, persona, target):
    innovation, internal, public = draft_with_evidence
    sign_in(client, request, persona)
    expected = EXPECTED[persona][GET_TARGETS.index(target)]
    response = client.get(get_url(target, innovation, internal, public))
    # Reading a streamed body to the end closes it (and its file) the way a server would.
    body = content(response)
    assert response.status_code == expected, f"{persona} {target}"
    if expected != 200:
        assert b"Rahasia Dapur Draf" not in body


def post(client, target: str, innovation, internal):
    pk = innovation.pk
    if target == "submit":
        return client.post(reverse("innovations:act", args=[pk, "ajukan"]))
    if target == "approve":
        return client.post(reverse("innovations:act", args=[pk, "setujui"]))
    if target == "withdraw":
        return client.post(reverse("innovations:act", args=[pk, "tarik"]), {"reason": "x"})
    if target == "add_link":
        return client.post(
            reverse("innovations:evidence_add", args=[pk]),
            {"kind": "media", "title": "Sisipan", "url": "https://contoh.go.id/"},
        )
    if target == "remove_evidence":
        return client.post(reverse("innovations:evidence_delete", args=[pk, internal.pk]))
    return client.post(
        reverse("innovations:year_status", args=[pk]),
        {"year": innovation.programme_year, "status": "continued"},
    )


@pytest.mark.parametrize("persona", list(POST_EXPECTED))
@pytest.mark.parametrize("target", POST_TARGETS)
def test_actions_on_a_draft(client, request, draft_with_evidence, persona, target):
    innovation, internal, _public = draft_with_evidence
    sign_in(client, request, persona)
    response = post(client, target, innovation, internal)
    assert response.status_code == POST_EXPECTED[persona][POST_TARGETS.index(target)]
    innovation.refresh_from_db()
    assert innovation.status == "draft"
    assert innovation.evidence.count() == 2
    assert not innovation.years.exists()


def list_url(target: str) -> str:
    return {
        "list": reverse("innovations:list"),
        "queue": reverse("innovations:queue"),
        "export_csv": reverse("innovations:export", args=["csv"]),
        "export_json": reverse("innovations:export", args=["json"]),
        "api_list": "/api/v1/innovations",
    }[target]


@pytest.mark.parametrize(
    "persona", ["outsider_operator", "operator_k", "regional_admin", "secretariat", "agency_head"]
)
@pytest.mark.parametrize("target", LIST_TARGETS)
def test_lists_and_exports_leave_out_other_agencies_drafts(
    client, request, draft_with_evidence, persona, target
):
    sign_in(client, request, persona)
    response = client.get(list_url(target))
    assert response.status_code == 200
    body = content(response)
    own_agency = persona == "agency_head" and target in ("list", "export_csv", "export_json")
    assert (b"Rahasia Dapur Draf" in body) is own_agency, f"{persona} {target}"


def test_an_agency_head_sees_the_draft_but_may_not_edit_it(
    client, agency_head, draft_with_evidence
):
    innovation, _internal, _public = draft_with_evidence
    client.force_login(agency_head)
    html = client.get(reverse("innovations:detail", args=[innovation.pk])).content.decode()
    assert "Rahasia Dapur Draf" in html
    assert reverse("innovations:edit", args=[innovation.pk]) not in html


def test_public_evidence_of_an_accepted_innovation_is_open_but_internal_is_not(
    client, accepted, operator
):
    public = add_pdf(operator, accepted, "Brosur", public=True)
    internal = add_pdf(operator, accepted, "SK", public=False)
    response = client.get(reverse("innovations:evidence_download", args=[public.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert (
        client.get(reverse("innovations:evidence_download", args=[internal.pk])).status_code == 404
    )
