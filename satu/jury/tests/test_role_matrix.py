"""The role × action matrix of the jury pages, as a data table.

Personas: ``juror`` (assigned to entry A), ``conflicted_juror`` (works at agency A; a stale
committed row puts them on entry A, which they must still never reach), ``other_juror`` (in
the pool, assigned elsewhere on the same entries), ``secretariat``, ``operator`` of agency A
and ``anonymous``. 404: hidden from the persona; 403: not for the persona's role; 302: sent to
the sign-in page.
"""

import pytest
from django.urls import reverse
from django.utils import timezone

from satu.jury.models import JurorAssignment, ScoreSheet

from .conftest import full_marks

pytestmark = pytest.mark.django_db

OFFICE = ["office", "pool", "conflicts", "rubric", "assignment", "progress", "ranking",
          "ranking_csv", "history", "juror_edit"]  # fmt: skip
JUROR_PAGES = ["home", "round", "export_xlsx"]
OWN = ["score", "evidence", "declare"]

# fmt: off
MATRIX = [
    *[("juror", action, 200) for action in JUROR_PAGES + OWN],
    ("juror",            "stale_conflicted",  404),
    *[("juror", action, 403) for action in OFFICE],
    *[("other_juror", action, 200) for action in JUROR_PAGES],
    *[("other_juror", action, 404) for action in OWN + ["stale_conflicted"]],
    *[("other_juror", action, 403) for action in OFFICE],
    *[("conflicted_juror", action, 200) for action in JUROR_PAGES],
    *[("conflicted_juror", action, 404) for action in OWN + ["stale_conflicted"]],
    ("conflicted_juror", "stale_evidence",    404),
    *[("conflicted_juror", action, 403) for action in OFFICE],
    *[("secretariat", action, 200) for action in OFFICE],
    *[("secretariat", action, 403) for action in JUROR_PAGES + OWN],
    *[("operator", action, 403) for action in JUROR_PAGES + OWN + OFFICE],
    *[("anonymous", action, 302) for action in JUROR_PAGES + OWN + OFFICE],
]
# fmt: on


@pytest.fixture
def targets(desk, juror):
    round, competition = desk.round, desk.competition
    own = JurorAssignment.objects.get(juror=desk.seats.juror, entry=desk.entries.a)
    # A pair committed before the conflict was known: the row exists, the entry stays hidden.
    stale = JurorAssignment.objects.create(
        round=round,
        juror=desk.seats.conflicted,
        entry=desk.entries.a,
        committed_at=timezone.now(),
    )
    evidence = desk.entries.a.innovation.evidence.exclude(file="").get()
    return {
        "home": reverse("jury:home"),
        "round": reverse("jury:round", args=[round.pk]),
        "export_xlsx": reverse("jury:round_export", args=[round.pk, "xlsx"]),
        "score": reverse("jury:score", args=[own.pk]),
        "evidence": reverse("jury:evidence", args=[own.pk, evidence.pk]),
        "declare": reverse("jury:declare", args=[own.pk]),
        "stale_conflicted": reverse("jury:score", args=[stale.pk]),
        "stale_evidence": reverse("jury:evidence", args=[stale.pk, evidence.pk]),
        "office": reverse("jury:office", args=[competition.pk]),
        "pool": reverse("jury:pool", args=[competition.pk]),
        "juror_edit": reverse("jury:juror_edit", args=[desk.seats.juror.pk]),
        "conflicts": reverse("jury:conflicts", args=[competition.pk]),
        "rubric": reverse("jury:rubric", args=[round.pk]),
        "assignment": reverse("jury:assignment", args=[round.pk]),
        "progress": reverse("jury:progress", args=[round.pk]),
        "ranking": reverse("jury:ranking", args=[round.pk]),
        "ranking_csv": reverse("jury:ranking_export", args=[round.pk, "csv"]),
        "history": reverse("jury:history", args=[round.pk]),
    }


@pytest.mark.parametrize(("persona", "action", "expected"), MATRIX)
def test_role_action_matrix(client, request, targets, persona, action, expected):
    user = request.getfixturevalue(persona)
    if user is not None:
        client.force_login(user)
    response = client.get(targets[action])
    if response.streaming:  # a file download keeps its file open until read to the end
        b"".join(response.streaming_content)
    assert response.status_code == expected, f"{persona} {action}"


def test_a_juror_cannot_save_marks_on_another_jurors_entry(client, desk, other_juror):
    own = JurorAssignment.objects.get(juror=desk.seats.juror, entry=desk.entries.a)
    client.force_login(other_juror)
    data = {f"mark_{code}": mark for code, mark in full_marks(desk.rubric).items()}
    for name in ("jury:score", "jury:autosave"):
        response = client.post(reverse(name, args=[own.pk]), {**data, "action": "submit"})
        assert response.status_code == 404
    assert not ScoreSheet.objects.exists()


def test_the_secretariat_cannot_score_in_a_jurors_place(client, desk, secretariat):
    own = JurorAssignment.objects.get(juror=desk.seats.juror, entry=desk.entries.a)
    client.force_login(secretariat)
    response = client.post(reverse("jury:autosave", args=[own.pk]), {"action": "draft"})
    assert response.status_code == 403


def test_a_juror_who_lost_the_role_sees_nothing(client, desk, juror):
    juror.memberships.all().delete()
    client.force_login(juror)
    assert client.get(reverse("jury:home")).status_code == 403


def test_a_juror_of_another_province_sees_nothing(client, desk, juror, reference_data):
    from satu.regions.models import Region

    juror.memberships.update(region=Region.objects.get(code="34"))
    client.force_login(juror)
    response = client.get(reverse("jury:home"))
    assert response.status_code == 200
    assert response.context["groups"] == []
    own = JurorAssignment.objects.get(juror=desk.seats.juror, entry=desk.entries.a)
    assert client.get(reverse("jury:score", args=[own.pk])).status_code == 404


def test_the_jurors_pages_take_a_bounded_number_of_queries(
    client, desk, juror, django_assert_max_num_queries
):
    own = JurorAssignment.objects.get(juror=desk.seats.juror, entry=desk.entries.a)
    client.force_login(juror)
    client.get(reverse("jury:home"))  # warm the session and caches
    for url in (
        reverse("jury:home"),
        reverse("jury:round", args=[desk.round.pk]),
        reverse("jury:score", args=[own.pk]),
    ):
        with django_assert_max_num_queries(30):
            assert client.get(url).status_code == 200


def test_a_submitted_sheet_is_changed_by_submitting_it_again(client, desk, juror):
    from satu.jury import services

    own = JurorAssignment.objects.get(juror=desk.seats.juror, entry=desk.entries.a)
    services.submit_sheet(juror, own, marks=full_marks(desk.rubric, 70))
    client.force_login(juror)
    page = client.get(reverse("jury:score", args=[own.pk])).content.decode()
    assert 'value="draft"' not in page and "hx-post" not in page
    data = {f"mark_{code}": mark for code, mark in full_marks(desk.rubric, 90).items()}
    client.post(reverse("jury:score", args=[own.pk]), {**data, "action": "draft"})
    assert ScoreSheet.objects.get().score == 70
    client.post(reverse("jury:score", args=[own.pk]), {**data, "action": "submit"})
    assert ScoreSheet.objects.get().score == 90
