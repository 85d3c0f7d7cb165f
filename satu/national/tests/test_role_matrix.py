"""Role × action matrix of the national pages, as a data table."""

import datetime

import pytest

from satu.national import services
from satu.national.models import Answer, RuleSet

pytestmark = pytest.mark.django_db

PERSONAS = [
    "anonymous",
    "citizen",
    "juror",
    "operator",
    "operator_k",
    "regional_admin",
    "outsider_regional_admin",
    "secretariat",
]


@pytest.fixture
def world(kota_assessment, agency_k, make_innovation, secretariat, operator_k, rules_2026):
    innovation = make_innovation(agency_k, "Posyandu Digital")
    services.include_innovation(operator_k, kota_assessment, innovation)
    services.forward_innovation(
        secretariat, innovation, "kipp", 2026, forwarded_on=datetime.date(2026, 4, 1)
    )
    return {"assessment": kota_assessment, "innovation": innovation, "rules": rules_2026}


def login(client, request, persona):
    user = request.getfixturevalue(persona)
    if user is not None:
        client.force_login(user)
    return user


def spd_answered(world):
    return Answer.objects.filter(assessment=world["assessment"], innovation=None).exists()


def sid_answered(world):
    return Answer.objects.filter(
        assessment=world["assessment"], innovation=world["innovation"]
    ).exists()


ACTIONS = {
    "list": lambda c, w: c.get("/kelola/nasional/iid/").status_code,
    "detail": lambda c, w: c.get(f"/kelola/nasional/iid/{w['assessment'].pk}/").status_code,
    "innovation": lambda c, w: (
        c.get(
            f"/kelola/nasional/iid/{w['assessment'].pk}/inovasi/{w['innovation'].pk}/"
        ).status_code
    ),
    "answer_spd": lambda c, w: (
        c.post(f"/kelola/nasional/iid/{w['assessment'].pk}/jawab/", {"code": "1", "level": "2"}),
        spd_answered(w),
    )[1],
    "answer_sid": lambda c, w: (
        c.post(
            f"/kelola/nasional/iid/{w['assessment'].pk}/jawab/",
            {"code": "16", "level": "2", "innovation": w["innovation"].pk},
        ),
        sid_answered(w),
    )[1],
    "rules": lambda c, w: c.get(f"/kelola/nasional/aturan/{w['rules'].pk}/").status_code,
    "copy_rules": lambda c, w: (
        c.post(f"/kelola/nasional/aturan/{w['rules'].pk}/salin/", {"year": "2027"}),
        RuleSet.objects.filter(year=2027).exists(),
    )[1],
    "forwardings": lambda c, w: c.get("/kelola/nasional/penerusan/").status_code,
    "kipp_text": lambda c, w: (
        c.get(f"/kelola/nasional/kipp/inovasi/{w['innovation'].pk}/txt/").status_code
    ),
    "kipp_batch": lambda c, w: c.post("/kelola/nasional/kipp/batch/", {"year": "2026"}).status_code,
}

# persona → expected result of each action (status code, or whether the change happened).
MATRIX = {
    #                          list detail innov spd    sid    rules copy   fwd  kipp batch
    "anonymous":               (302, 302, 302, False, False, 302, False, 302, 302, 302),
    "citizen":                 (403, 403, 403, False, False, 403, False, 403, 403, 403),
    "juror":                   (403, 403, 403, False, False, 403, False, 403, 403, 403),
    "operator":                (200, 404, 404, False, False, 200, False, 200, 404, 403),
    "operator_k":              (200, 200, 200, False, True, 200, False, 200, 200, 403),
    "regional_admin":          (200, 200, 200, True, False, 200, False, 200, 200, 403),
    "outsider_regional_admin": (200, 404, 404, False, False, 200, False, 200, 404, 403),
    "secretariat":             (200, 200, 200, False, False, 200, True, 200, 200, 302),
}  # fmt: skip


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("action", list(ACTIONS))
def test_role_matrix(client, request, world, persona, action):
    login(client, request, persona)
    expected = MATRIX[persona][list(ACTIONS).index(action)]
    assert ACTIONS[action](client, world) == expected
