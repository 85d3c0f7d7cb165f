"""The role × action matrix of the compliance board, as a data table.

403: the page is not for the role; 302: sign in first; 404: the object is outside the scope.
"""

import pytest
from django.urls import reverse

from satu.innovations.models import Status

from ..models import Exemption
from .conftest import make_innovation

pytestmark = pytest.mark.django_db

# fmt: off
MATRIX = [
    # persona,                   action,              expected
    ("anonymous",                "public_board",      200),
    ("anonymous",                "public_latest",     302),
    ("anonymous",                "public_csv",        200),
    ("anonymous",                "public_xlsx",       200),
    ("anonymous",                "api_board",         200),
    ("anonymous",                "api_agencies",      200),
    ("anonymous",                "backoffice_board",  302),
    ("anonymous",                "year_list",         302),
    ("anonymous",                "exemptions",        302),
    ("citizen",                  "public_board",      200),
    ("citizen",                  "backoffice_board",  403),
    ("citizen",                  "year_list",         403),
    ("juror",                    "public_board",      200),
    ("juror",                    "backoffice_board",  403),
    ("juror",                    "exemptions",        403),
    ("field_verifier",           "backoffice_board",  403),
    ("operator",                 "backoffice_board",  200),
    ("operator",                 "year_list",         403),
    ("operator",                 "year_edit",         403),
    ("operator",                 "exemptions",        403),
    ("operator",                 "exemption_detail",  403),
    ("agency_head",              "backoffice_board",  200),
    ("agency_head",              "exemptions",        403),
    ("regional_admin",           "backoffice_board",  200),
    ("regional_admin",           "year_create",       403),
    ("regional_admin",           "exemptions",        403),
    ("regional_admin",           "exemption_detail",  403),
    ("secretariat",              "backoffice_board",  200),
    ("secretariat",              "year_list",         200),
    ("secretariat",              "year_create",       200),
    ("secretariat",              "year_edit",         200),
    ("secretariat",              "exemptions",        200),
    ("secretariat",              "exemption_detail",  200),
    ("superuser",                "backoffice_board",  200),
    ("superuser",                "year_edit",         200),
    ("superuser",                "exemption_detail",  200),
    ("anonymous",                "unknown_year",      404),
    ("anonymous",                "api_unknown_year",  404),
]
# fmt: on


@pytest.fixture
def targets(year, agency_a, secretariat, superuser):
    exemption = Exemption.objects.create(
        programme_year=year, agency=agency_a, reason="Dinas digabung", requested_by=superuser
    )
    return {
        "public_board": reverse("compliance:board", args=[2026]),
        "public_latest": reverse("compliance:board_latest"),
        "public_csv": reverse("compliance:board_export", args=[2026, "wilayah", "csv"]),
        "public_xlsx": reverse("compliance:board_export", args=[2026, "opd", "xlsx"]),
        "api_board": "/api/v1/compliance/2026",
        "api_agencies": "/api/v1/compliance/2026/agencies",
        "backoffice_board": reverse("compliance:backoffice_board", args=[2026]),
        "year_list": reverse("compliance:year_list"),
        "year_create": reverse("compliance:year_create"),
        "year_edit": reverse("compliance:year_update", args=[2026]),
        "exemptions": reverse("compliance:exemption_list", args=[2026]),
        "exemption_detail": reverse("compliance:exemption_detail", args=[exemption.pk]),
        "unknown_year": reverse("compliance:board", args=[1999]),
        "api_unknown_year": "/api/v1/compliance/2099",
    }


@pytest.mark.parametrize(("persona", "action", "expected"), MATRIX)
def test_role_action_matrix(client, request, targets, persona, action, expected):
    user = request.getfixturevalue(persona)
    if user is not None:
        client.force_login(user)
    response = client.get(targets[action])
    assert response.status_code == expected, f"{persona} {action}"


def test_the_public_board_names_no_person(client, year, agency_a, province):
    from satu.accounts.models import Role
    from satu.core.testing.personas import grant, make_user

    operator = grant(make_user("budi@example.id", "Budi Santosa"), Role.OPERATOR, agency_a)
    secretariat = grant(make_user("wati@example.id", "Wati Lestari"), Role.SECRETARIAT, province)
    make_innovation(agency_a, Status.SUBMITTED)
    Exemption.objects.create(
        programme_year=year, agency=agency_a, reason="Alasan rahasia", requested_by=secretariat
    )
    pages = [
        client.get(reverse("compliance:board", args=[2026])).content.decode(),
        b"".join(
            client.get(
                reverse("compliance:board_export", args=[2026, "opd", "csv"])
            ).streaming_content
        ).decode(),
        client.get("/api/v1/compliance/2026/agencies?page_size=500").content.decode(),
    ]
    for content in pages:
        for person in (operator, secretariat):
            assert person.full_name not in content and person.email not in content
        assert "Alasan rahasia" not in content
        assert agency_a.name in content


def test_the_back_office_board_shows_innovations_only_of_agencies_in_scope(
    client, year, agency_a, agency_b, operator, secretariat
):
    mine = make_innovation(agency_a, Status.SUBMITTED)
    theirs = make_innovation(agency_b, Status.SUBMITTED)
    client.force_login(operator)
    content = client.get(reverse("compliance:backoffice_board", args=[2026])).content.decode()
    assert mine.name in content and theirs.name not in content
    assert agency_b.name not in content
    client.force_login(secretariat)
    content = client.get(
        reverse("compliance:backoffice_board", args=[2026]) + "?region=33"
    ).content.decode()
    assert mine.name in content and theirs.name in content


def test_a_secretariat_member_can_post_no_exemption_decision_outside_the_province(
    client, year, agency_a, superuser
):
    from satu.accounts.models import Role
    from satu.core.testing.personas import grant, make_user
    from satu.regions.models import Region

    exemption = Exemption.objects.create(
        programme_year=year, agency=agency_a, reason="Dinas digabung", requested_by=superuser
    )
    other = grant(make_user("sek.diy@example.id"), Role.SECRETARIAT, Region.objects.get(code="34"))
    client.force_login(other)
    response = client.post(reverse("compliance:exemption_decide", args=[exemption.pk, "confirm"]))
    assert response.status_code == 403
    exemption.refresh_from_db()
    assert exemption.status == "pending"
