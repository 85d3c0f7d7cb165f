"""Who may reach which survey page, as a data table.

The period of agency A (provincial Dinas Kesehatan) and the period of agency K (Dinas
Kesehatan Kota Semarang). 404: the object is outside the user's scope; 403: the page is not for
the user's role; 302: sign in first. The public form and the API answer everyone.
"""

import pytest
from django.urls import reverse

from satu.surveys.models import SurveyPeriod

from .conftest import respond

pytestmark = pytest.mark.django_db

# fmt: off
MATRIX = [
    # persona,                  action,                   expected
    ("operator",                "index",                  200),
    ("operator",                "unit_own",               200),
    ("operator",                "period_own",             200),
    ("operator",                "edit_own",               200),
    ("operator",                "entry_own",              200),
    ("operator",                "import_own",             200),
    ("operator",                "tokens_own",             200),
    ("operator",                "report_own",             200),
    ("operator",                "responses_own",          200),
    ("operator",                "qr_own",                 200),
    ("operator",                "period_kota",            404),
    ("operator",                "report_kota",            404),
    ("operator",                "new_period_kota",        404),
    ("operator",                "rollup",                 403),
    ("operator",                "innovation_own",         200),
    ("operator",                "innovation_kota",        404),
    ("agency_head",             "period_own",             200),
    ("agency_head",             "new_period_own",         200),
    ("outsider_operator",       "period_own",             404),
    ("outsider_operator",       "entry_own",              404),
    ("outsider_operator",       "innovation_own",         404),
    ("regional_admin",          "period_kota",            200),
    ("regional_admin",          "entry_kota",             200),
    ("regional_admin",          "report_kota",            200),
    ("regional_admin",          "period_own",             404),
    ("regional_admin",          "rollup",                 200),
    ("regional_admin",          "innovation_kota",        200),
    ("outsider_regional_admin", "period_kota",            404),
    ("outsider_regional_admin", "report_kota",            404),
    ("secretariat",             "period_own",             200),
    ("secretariat",             "period_kota",            200),
    ("secretariat",             "entry_kota",             200),
    ("secretariat",             "rollup",                 200),
    ("secretariat",             "innovation_kota",        200),
    ("juror",                   "index",                  403),
    ("juror",                   "period_own",             403),
    ("field_verifier",          "period_own",             403),
    ("citizen",                 "index",                  403),
    ("citizen",                 "report_own",             403),
    ("citizen",                 "public_form",            200),
    ("anonymous",               "index",                  302),
    ("anonymous",               "report_own",             302),
    ("anonymous",               "responses_own",          302),
    ("anonymous",               "public_list",            200),
    ("anonymous",               "public_form",            200),
    ("anonymous",               "api_period",             200),
    ("anonymous",               "api_rollups",            200),
    ("superuser",               "period_kota",            200),
]
# fmt: on


@pytest.fixture
def targets(period_a, period_k, innovation_a, innovation_k):
    respond(period_a, [(3,) * 9])
    return {
        "index": reverse("surveys:index"),
        "rollup": reverse("surveys:rollup"),
        "unit_own": reverse("surveys:unit", args=[period_a.unit_id]),
        "period_own": reverse("surveys:period", args=[period_a.pk]),
        "edit_own": reverse("surveys:update", args=[period_a.pk]),
        "new_period_own": reverse("surveys:create", args=[period_a.unit_id]),
        "new_period_kota": reverse("surveys:create", args=[period_k.unit_id]),
        "entry_own": reverse("surveys:entry", args=[period_a.pk]),
        "import_own": reverse("surveys:import", args=[period_a.pk]),
        "tokens_own": reverse("surveys:tokens", args=[period_a.pk]),
        "report_own": reverse("surveys:report", args=[period_a.pk]),
        "responses_own": reverse("surveys:responses", args=[period_a.pk, "xlsx"]),
        "qr_own": reverse("surveys:qr", args=[period_a.pk, "png"]),
        "period_kota": reverse("surveys:period", args=[period_k.pk]),
        "entry_kota": reverse("surveys:entry", args=[period_k.pk]),
        "report_kota": reverse("surveys:report", args=[period_k.pk]),
        "innovation_own": reverse("surveys:innovation", args=[innovation_a.pk]),
        "innovation_kota": reverse("surveys:innovation", args=[innovation_k.pk]),
        "public_list": reverse("surveys:list"),
        "public_form": reverse("surveys:form", args=[period_a.code]),
        "api_period": f"/api/v1/surveys/periods/{period_a.pk}",
        "api_rollups": "/api/v1/surveys/rollups?region=33",
    }


@pytest.mark.parametrize(("persona", "action", "expected"), MATRIX)
def test_role_action_matrix(client, request, targets, persona, action, expected):
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))
    answer = client.get(targets[action])
    assert (persona, action, answer.status_code) == (persona, action, expected)
    if expected == 302:  # sent to the sign-in page, not somewhere else
        assert answer["Location"].startswith(reverse("accounts:login"))


def test_an_outsider_cannot_close_or_delete_a_period(client, outsider_operator, period_a):
    client.force_login(outsider_operator)
    assert client.post(reverse("surveys:close", args=[period_a.pk])).status_code == 404
    assert client.post(reverse("surveys:delete", args=[period_a.pk])).status_code == 404
    period_a.refresh_from_db()
    assert period_a.closed_at is None


def test_an_operator_creates_a_period_for_an_own_unit(client, operator, unit_a):
    client.force_login(operator)
    response = client.post(
        reverse("surveys:create", args=[unit_a.pk]),
        {
            "name": "Tahun 2026",
            "start_date": "2026-01-01",
            "end_date": "2026-12-31",
            "population": "1200",
            "ask_age": "on",
            "services": "Izin praktik\nIzin apotek\nIzin praktik",
        },
    )
    assert response.status_code == 302
    period = SurveyPeriod.objects.get(unit=unit_a)
    assert period.services == ["Izin praktik", "Izin apotek"]
    assert period.ask_age and not period.ask_sex
    assert period.created_by == operator and len(period.code) == 8


def test_a_new_period_copies_the_questionnaire_of_the_unit(operator, period_a, unit_a):
    from satu.surveys import services

    services.set_questionnaire(
        operator, period_a, {"waktu": 2},
        [services.ExtraElementData("Antrean", "Bagaimana antreannya?", "cepat", 1)],
    )  # fmt: skip
    copy = services.create_period(
        operator,
        unit_a,
        copy_from=period_a,
        name="Berikutnya",
        start_date=period_a.end_date,
        end_date=period_a.end_date,
    )
    assert copy.standard_weight("waktu") == 2 and copy.weight_total == 8 + 2 + 1
    assert copy.extra_elements.get().name == "Antrean"


def test_a_second_period_with_the_same_name_is_refused_with_a_message(client, operator, period_a):
    client.force_login(operator)
    response = client.post(
        reverse("surveys:create", args=[period_a.unit_id]),
        {"name": period_a.name, "start_date": "2026-01-01", "end_date": "2026-06-30"},
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert SurveyPeriod.objects.filter(unit=period_a.unit).count() == 1


def test_an_operator_changes_a_period_and_the_change_is_audited(client, operator, period_a):
    from satu.audit.models import AuditEntry

    client.force_login(operator)
    response = client.post(
        reverse("surveys:update", args=[period_a.pk]),
        {
            "name": period_a.name,
            "start_date": period_a.start_date.isoformat(),
            "end_date": period_a.end_date.isoformat(),
            "population": "2400",
            "require_token": "on",
        },
    )
    assert response.status_code == 302
    period_a.refresh_from_db()
    assert period_a.population == 2400 and period_a.require_token
    entry = AuditEntry.objects.filter(object_type="surveys.surveyperiod", action="update").last()
    assert entry.changes["population"] == [500, 2400]
