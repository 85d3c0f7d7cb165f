"""The role × action matrix of the foundation: who may reach which page, as a data table.

Each row: persona, what they try, the expected HTTP status. 404 means the object is hidden
from them altogether (they learn nothing about it); 403 means the page is not for their role.
"""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

# fmt: off
MATRIX = [
    # persona,                  action,                      expected
    ("operator",                "view_own_agency",           200),
    ("operator",                "view_other_agency",         404),
    ("operator",                "edit_own_agency",           403),
    ("operator",                "view_kota_agency",          404),
    ("operator",                "list_users",                403),
    ("operator",                "audit_log",                 403),
    ("agency_head",             "view_own_agency",           200),
    ("agency_head",             "add_service_unit_own",      200),
    ("agency_head",             "add_service_unit_other",    404),
    ("outsider_operator",       "view_own_agency",           404),
    ("outsider_operator",       "api_regions",               200),
    ("regional_admin",          "view_kota_agency",          200),
    ("regional_admin",          "edit_kota_agency",          200),
    ("regional_admin",          "view_own_agency",           404),
    ("regional_admin",          "view_other_region_agency",  404),
    ("regional_admin",          "edit_other_region_agency",  404),
    ("regional_admin",          "list_users",                200),
    ("regional_admin",          "view_operator_k",           200),
    ("regional_admin",          "view_operator_a",           404),
    ("outsider_regional_admin", "view_kota_agency",          404),
    ("outsider_regional_admin", "edit_kota_agency",          404),
    ("outsider_regional_admin", "view_operator_k",           404),
    ("secretariat",             "view_own_agency",           200),
    ("secretariat",             "edit_own_agency",           200),
    ("secretariat",             "view_kota_agency",          200),
    ("secretariat",             "edit_other_region_agency",  200),
    ("secretariat",             "view_operator_a",           200),
    ("secretariat",             "audit_log",                 200),
    ("juror",                   "view_own_agency",           404),
    ("juror",                   "list_users",                403),
    ("citizen",                 "dashboard",                 403),
    ("citizen",                 "view_own_agency",           403),
    ("citizen",                 "list_users",                403),
    ("anonymous",               "dashboard",                 302),
    ("anonymous",               "view_own_agency",           302),
    ("anonymous",               "api_regions",               200),
]
# fmt: on


@pytest.fixture
def targets(agency_a, agency_b, agency_k, agency_other_region, operator, operator_k):
    return {
        "dashboard": reverse("core:dashboard"),
        "view_own_agency": reverse("agencies:detail", args=[agency_a.pk]),
        "edit_own_agency": reverse("agencies:update", args=[agency_a.pk]),
        "view_other_agency": reverse("agencies:detail", args=[agency_b.pk]),
        "view_kota_agency": reverse("agencies:detail", args=[agency_k.pk]),
        "edit_kota_agency": reverse("agencies:update", args=[agency_k.pk]),
        "view_other_region_agency": reverse("agencies:detail", args=[agency_other_region.pk]),
        "edit_other_region_agency": reverse("agencies:update", args=[agency_other_region.pk]),
        "add_service_unit_own": reverse("agencies:unit_create", args=[agency_a.pk]),
        "add_service_unit_other": reverse("agencies:unit_create", args=[agency_b.pk]),
        "list_users": reverse("accounts:user_list"),
        "view_operator_a": reverse("accounts:user_detail", args=[operator.pk]),
        "view_operator_k": reverse("accounts:user_detail", args=[operator_k.pk]),
        "audit_log": reverse("audit:list"),
        "api_regions": "/api/v1/regions",
    }


@pytest.mark.parametrize(("persona", "action", "expected"), MATRIX)
def test_role_action_matrix(client, request, targets, persona, action, expected):
    user = request.getfixturevalue(persona)
    if user is not None:
        client.force_login(user)
    response = client.get(targets[action])
    assert response.status_code == expected, f"{persona} {action}"


def test_a_regional_admin_cannot_create_an_agency_outside_the_region(
    client, regional_admin, province
):
    client.force_login(regional_admin)
    response = client.post(
        reverse("agencies:create"),
        {"name": "Dinas Palsu", "abbreviation": "PALSU", "type": "dinas", "region": province.pk},
    )
    assert response.status_code == 200
    assert "region" in response.context["form"].errors


def test_a_regional_admin_creates_an_agency_in_the_region(client, regional_admin, kota_semarang):
    client.force_login(regional_admin)
    response = client.post(
        reverse("agencies:create"),
        {
            "name": "Dinas Baru Kota Semarang",
            "abbreviation": "BARU",
            "type": "dinas",
            "region": kota_semarang.pk,
        },
    )
    assert response.status_code == 302
    assert kota_semarang.agencies.filter(abbreviation="BARU").exists()


def test_an_operator_cannot_post_changes_to_an_agency(client, operator, agency_a):
    client.force_login(operator)
    response = client.post(reverse("agencies:update", args=[agency_a.pk]), {"name": "Diubah"})
    assert response.status_code == 403
    agency_a.refresh_from_db()
    assert agency_a.name != "Diubah"
