"""The secretariat's jury pages do their work through the services (and refuse what they refuse)."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from satu.accounts.models import Role
from satu.competitions.models import CompetitionJuror, RoundResult
from satu.core.testing.personas import grant, make_user
from satu.jury import services
from satu.jury.models import AssignmentDraft, Conflict, JurorAssignment, Rubric

from .conftest import full_marks

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(client, secretariat):
    client.force_login(secretariat)
    return client


def formset(rows, prefix="criteria"):
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"{prefix}-{index}-{key}"] = value
    return data


def test_a_rubric_is_written_by_hand_and_codes_follow_the_aspects(office, desk):
    round = desk.competition.rounds.get(kind="presentation")
    url = reverse("jury:rubric", args=[round.pk])
    base = {"action": "save", "name": "Presentasi", "scale_min": "1", "scale_max": "10"}
    rows = [{"name": "Kebaruan", "weight": "60"}, {"name": "Kemanfaatan", "weight": "30"}]
    response = office.post(url, {**base, **formset(rows)}, follow=True)
    assert not Rubric.objects.filter(round=round).exists()
    assert "Jumlah bobot harus 100" in response.content.decode()
    rows[1]["weight"] = "40"
    rows[1]["comment_required"] = "on"
    office.post(url, {**base, **formset(rows)})
    rubric = Rubric.objects.get(round=round)
    assert [(c.code, c.comment_required) for c in rubric.criteria.all()] == [
        ("kebaruan", False),
        ("kemanfaatan", True),
    ]
    assert rubric.scale.minimum == 1 and rubric.scale.maximum == 10


def test_the_template_picker_offers_the_presentation_aspects_for_presentations(office, desk):
    round = desk.competition.rounds.get(kind="presentation")
    response = office.get(reverse("jury:rubric", args=[round.pk]))
    assert response.context["template_form"]["template"].value() == "iga-presentation-2023"
    office.post(
        reverse("jury:rubric", args=[round.pk]),
        {"action": "template", "template": "iga-presentation-2023"},
    )
    assert Rubric.objects.get(round=round).template == "iga-presentation-2023"


def test_the_pool_page_invites_a_juror_by_email(
    office, desk, province, kota_semarang, django_capture_on_commit_callbacks
):
    newcomer = grant(make_user("juri.baru@example.id", "Juri Baru"), Role.JUROR, province)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = office.post(
            reverse("jury:pool", args=[desk.competition.pk]),
            {
                "user": newcomer.pk,
                "kind": "independent",
                "home_region": kota_semarang.pk,
                "max_load": "8",
            },
        )
    assert response.status_code == 302
    seat = CompetitionJuror.objects.get(competition=desk.competition, user=newcomer)
    assert seat.home_region == kota_semarang
    assert [m.to for m in mail.outbox] == [[newcomer.email]]
    # The home region's entries became stored conflicts at once.
    assert Conflict.objects.filter(juror=seat, entry=desk.entries.k).exists()


def test_a_juror_who_scored_stays_in_the_pool(office, desk, juror):
    assignment = JurorAssignment.objects.filter(juror=desk.seats.juror).first()
    services.submit_sheet(juror, assignment, marks=full_marks(desk.rubric))
    office.post(reverse("jury:juror_edit", args=[desk.seats.juror.pk]), {"action": "remove"})
    assert CompetitionJuror.objects.filter(pk=desk.seats.juror.pk).exists()


def test_the_secretariat_sets_and_lifts_a_conflict_from_the_page(office, desk):
    url = reverse("jury:conflicts", args=[desk.competition.pk])
    office.post(
        url,
        {"action": "set", "juror": desk.seats.other.pk, "entry": desk.entries.x.pk, "note": "Ipar"},
    )
    conflict = Conflict.objects.get(reason="secretariat")
    assert not JurorAssignment.objects.filter(juror=desk.seats.other, entry=desk.entries.x)
    page = office.get(url).content.decode()
    assert "Ipar" in page
    office.post(url, {"action": "lift", "conflict": conflict.pk})
    assert not Conflict.objects.filter(reason="secretariat").exists()
    derived = Conflict.objects.filter(reason="own_agency").first()
    office.post(url, {"action": "lift", "conflict": derived.pk})
    assert Conflict.objects.filter(pk=derived.pk).exists()


def test_hand_edits_on_the_assignment_page_refuse_a_conflicted_pair(office, desk):
    url = reverse("jury:assignment", args=[desk.round.pk])
    response = office.post(
        url,
        {"action": "add", "juror": desk.seats.conflicted.pk, "entry": desk.entries.a.pk},
        follow=True,
    )
    assert "konflik kepentingan" in response.content.decode()
    draft = AssignmentDraft.objects.filter(round=desk.round).first()
    assert draft is None or draft.added == []
    pair = JurorAssignment.objects.filter(round=desk.round, entry=desk.entries.b).first()
    office.post(url, {"action": "remove", "juror": pair.juror_id, "entry": pair.entry_id})
    page = office.get(url)
    assert page.context["data"].is_draft and page.context["summary"]["short_entries"] == 1
    office.post(url, {"action": "commit"})
    assert not JurorAssignment.objects.filter(pk=pair.pk).exists()


def test_progress_deadline_reminders_and_ranking_from_the_pages(
    office, desk, juror, other_juror, django_capture_on_commit_callbacks
):
    progress = reverse("jury:progress", args=[desk.round.pk])
    office.post(progress, {"action": "deadline", "closes_at": "2026-08-15T23:59"})
    desk.round.refresh_from_db()
    assert timezone.localtime(desk.round.closes_at).strftime("%Y-%m-%d %H:%M") == (
        "2026-08-15 23:59"
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        office.post(progress, {"action": "remind"})
    assert len(mail.outbox) == 4  # nobody has submitted anything yet
    for user, seat in ((juror, desk.seats.juror), (other_juror, desk.seats.other)):
        for assignment in JurorAssignment.objects.filter(juror=seat):
            services.submit_sheet(user, assignment, marks=full_marks(desk.rubric, 70))
    page = office.get(progress)
    rows = {row.juror.pk: row for row in page.context["jurors"]}
    assert rows[desk.seats.juror.pk].done and not rows[desk.seats.fourth.pk].submitted
    ranking = reverse("jury:ranking", args=[desk.round.pk])
    office.post(ranking)
    assert RoundResult.objects.filter(round=desk.round).count() == 4
    page = office.get(ranking).content.decode()
    assert juror.full_name in page  # the secretariat sees who scored what
    export = office.get(reverse("jury:ranking_export", args=[desk.round.pk, "csv"]))
    body = b"".join(export.streaming_content).decode()
    assert "juror_scores" in body and juror.full_name in body


def test_the_score_history_page_shows_old_and_new_marks(office, desk, juror):
    assignment = JurorAssignment.objects.filter(juror=desk.seats.juror).first()
    services.submit_sheet(juror, assignment, marks=full_marks(desk.rubric, 70))
    services.submit_sheet(juror, assignment, marks=full_marks(desk.rubric, 74))
    response = office.get(
        reverse("jury:history", args=[desk.round.pk]), {"juror": desk.seats.juror.pk}
    )
    changes = list(response.context["page_obj"])
    assert len(changes) == 2
    latest = changes[0]
    assert latest.old["score"] == "70.000" and latest.new["score"] == "74.000"
    assert all(before == "70" and after == "74" for _name, before, after in latest.diff)
    assert "74.000" in response.content.decode() or "74,000" in response.content.decode()


def test_the_pages_of_a_round_without_rubric_or_entries_still_answer(office, desk):
    round = desk.competition.rounds.get(kind="presentation")
    for name in ("rubric", "assignment", "progress", "ranking", "history"):
        assert office.get(reverse(f"jury:{name}", args=[round.pk])).status_code == 200, name
    response = office.post(reverse("jury:assignment", args=[round.pk]), {"action": "propose"})
    assert "Babak ini tidak memiliki peserta untuk ditugaskan." in response.content.decode()
    assert not JurorAssignment.objects.filter(round=round).exists()
    assert office.get(reverse("jury:ranking_export", args=[round.pk, "csv"])).status_code == 404
