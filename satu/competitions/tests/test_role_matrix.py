"""The role × action matrix of the competition pages and API, as a data table.

404: the object is hidden from the persona; 403: the page is not for the persona's role;
302: not signed in (sent to the sign-in page).
"""

import pytest
from django.urls import reverse

from satu.competitions.models import Entry, EntryStatus

pytestmark = pytest.mark.django_db

# fmt: off
MATRIX = [
    # persona,                  action,                 expected
    ("anonymous",               "public_list",          200),
    ("anonymous",               "public_detail",        200),
    ("anonymous",               "api_list",             200),
    ("anonymous",               "office_list",          302),
    ("anonymous",               "entry_a",              302),
    ("citizen",                 "public_detail",        200),
    ("citizen",                 "office_list",          403),
    ("citizen",                 "entry_create",         403),
    ("operator",                "office_list",          200),
    ("operator",                "office_detail",        200),
    ("operator",                "entry_create",         200),
    ("operator",                "entries",              200),
    ("operator",                "entry_a",              200),
    ("operator",                "entry_k",              404),
    ("operator",                "settings",             403),
    ("operator",                "setup",                403),
    ("operator",                "rounds",               403),
    ("operator",                "shortlist",            403),
    ("operator",                "objections",           403),
    ("operator",                "schedule",             403),
    ("operator",                "winners",              403),
    ("operator",                "verifications",        403),
    ("operator",                "awards",               403),
    ("agency_head",             "entry_a",              200),
    ("agency_head",             "entry_create",         200),
    ("outsider_operator",       "entry_a",              404),
    ("regional_admin",          "entry_k",              200),
    ("regional_admin",          "entry_a",              404),
    ("regional_admin",          "entry_create",         403),
    ("regional_admin",          "settings",             403),
    ("outsider_regional_admin", "entry_k",              404),
    ("secretariat",             "office_detail",        200),
    ("secretariat",             "settings",             200),
    ("secretariat",             "setup",                200),
    ("secretariat",             "entries",              200),
    ("secretariat",             "entry_a",              200),
    ("secretariat",             "entry_k",              200),
    ("secretariat",             "entry_create",         403),
    ("secretariat",             "rounds",               200),
    ("secretariat",             "round_desk",           200),
    ("secretariat",             "shortlist",            200),
    ("secretariat",             "objections",           200),
    ("secretariat",             "schedule",             200),
    ("secretariat",             "winners",              200),
    ("secretariat",             "verifications",        200),
    ("secretariat",             "awards",               200),
    ("secretariat",             "export_csv",           200),
    ("juror",                   "office_list",          200),
    ("juror",                   "entry_a",              404),
    ("juror",                   "round_desk",           403),
    ("juror",                   "schedule",             403),
    ("field_verifier",          "verifications",        200),
    ("field_verifier",          "entry_a",              404),
    ("field_verifier",          "settings",             403),
    ("superuser",               "settings",             200),
]
# fmt: on


@pytest.fixture
def targets(open_competition, agency_a, agency_k, make_innovation):
    competition = open_competition
    entry_a = Entry.objects.create(
        competition=competition,
        innovation=make_innovation(agency_a),
        agency=agency_a,
        group="umum",
        status=EntryStatus.SUBMITTED,
    )
    entry_k = Entry.objects.create(
        competition=competition,
        innovation=make_innovation(agency_k),
        agency=agency_k,
        group="umum",
        status=EntryStatus.SUBMITTED,
    )
    pk = competition.pk
    return {
        "public_list": reverse("competitions:public_list"),
        "public_detail": reverse("competitions:public_detail", args=[pk]),
        "api_list": "/api/v1/competitions",
        "office_list": reverse("competitions:list"),
        "office_detail": reverse("competitions:detail", args=[pk]),
        "settings": reverse("competitions:update", args=[pk]),
        "setup": reverse("competitions:setup", args=[pk]),
        "entries": reverse("competitions:entries", args=[pk]),
        "export_csv": reverse("competitions:entries_export", args=[pk, "csv"]),
        "entry_create": reverse("competitions:entry_create", args=[pk]),
        "entry_a": reverse("competitions:entry_detail", args=[entry_a.pk]),
        "entry_k": reverse("competitions:entry_detail", args=[entry_k.pk]),
        "rounds": reverse("competitions:rounds", args=[pk]),
        "round_desk": reverse(
            "competitions:round_detail", args=[competition.rounds.get(kind="desk").pk]
        ),
        "shortlist": reverse("competitions:shortlist", args=[pk]),
        "objections": reverse("competitions:objections", args=[pk]),
        "schedule": reverse("competitions:schedule", args=[pk]),
        "winners": reverse("competitions:winners", args=[pk]),
        "verifications": reverse("competitions:verifications", args=[pk]),
        "awards": reverse("competitions:awards"),
    }


@pytest.mark.parametrize(("persona", "action", "expected"), MATRIX)
def test_role_action_matrix(client, request, targets, persona, action, expected):
    user = request.getfixturevalue(persona)
    if user is not None:
        client.force_login(user)
    response = client.get(targets[action])
    assert response.status_code == expected, f"{persona} {action}"


def test_an_operator_sees_only_the_own_agencys_entries_in_the_list(
    client, operator, targets, agency_a
):
    client.force_login(operator)
    response = client.get(targets["entries"])
    agencies = {entry.agency for entry in response.context["page_obj"]}
    assert agencies == {agency_a}


def test_an_operator_cannot_move_the_stage(client, operator, open_competition):
    client.force_login(operator)
    response = client.post(
        reverse("competitions:stage_move", args=[open_competition.pk]), {"to_stage": "screening"}
    )
    assert response.status_code == 403
    open_competition.refresh_from_db()
    assert open_competition.stage == "registration"


def test_the_operators_export_has_no_screening_notes(client, operator, targets):
    client.force_login(operator)
    body = b"".join(client.get(targets["export_csv"]).streaming_content).decode()
    assert "screening_note" not in body and "final_score" not in body
