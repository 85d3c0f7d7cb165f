"""The jury on a real round: rubric, assignment, drafts, submit, locks, reopening, results."""

from decimal import Decimal

import pytest
from django.utils import translation

from satu.audit.models import AuditEntry
from satu.competitions import services as competition_services
from satu.competitions.models import RoundResult, RoundState
from satu.core.errors import DomainError
from satu.jury import services
from satu.jury.models import ChangeAction, JurorAssignment, ScoreChange, ScoreSheet
from satu.jury.services.juror import juror_assignments
from satu.jury.services.rubrics import CriterionData

from .conftest import full_marks

pytestmark = pytest.mark.django_db


def assignment_of(seat, entry):
    return JurorAssignment.objects.get(juror=seat, entry=entry)


def test_the_committed_assignment_gives_every_entry_three_jurors_without_conflicts(desk):
    pairs = set(
        JurorAssignment.objects.filter(round=desk.round).values_list("juror_id", "entry_id")
    )
    conflicts = services.conflicts_between(desk.competition)
    assert pairs and not (pairs & conflicts.pairs)
    for entry in vars(desk.entries).values():
        assert JurorAssignment.objects.filter(round=desk.round, entry=entry).count() == 3
    assert (desk.seats.conflicted.pk, desk.entries.a.pk) in conflicts
    assert (desk.seats.fourth.pk, desk.entries.k.pk) in conflicts


def test_a_rubric_whose_weights_do_not_add_up_is_refused(desk, secretariat):
    round = desk.competition.rounds.get(kind="presentation")
    with pytest.raises(DomainError) as error:
        services.save_rubric(
            secretariat,
            round,
            name="Presentasi",
            criteria=[
                CriterionData("a", "Kebaruan", Decimal(60)),
                CriterionData("b", "Manfaat", Decimal(30)),
            ],
        )
    assert error.value.code == "weight_total"
    rubric = services.save_rubric(
        secretariat,
        round,
        name="Presentasi",
        criteria=[
            CriterionData("a", "Kebaruan", Decimal(60)),
            CriterionData("b", "Manfaat", Decimal(40), comment_required=True),
        ],
        scale_min=Decimal(1),
        scale_max=Decimal(10),
    )
    assert [c.code for c in rubric.criteria.all()] == ["a", "b"]


def test_the_rubric_is_frozen_once_a_juror_saved_a_mark(desk, juror, secretariat):
    assignment = assignment_of(desk.seats.juror, desk.entries.a)
    code = next(iter(full_marks(desk.rubric)))
    services.save_draft(juror, assignment, marks={code: "70"})
    with pytest.raises(DomainError) as error:
        services.create_from_template(secretariat, desk.round, "iga-presentation-2023")
    assert error.value.code == "in_use"


def test_an_empty_autosave_creates_no_sheet(desk, juror):
    assignment = assignment_of(desk.seats.juror, desk.entries.a)
    services.save_draft(juror, assignment, marks={})
    assert not ScoreSheet.objects.exists()


def test_a_draft_keeps_partial_marks_and_a_submit_needs_them_all(desk, juror):
    assignment = assignment_of(desk.seats.juror, desk.entries.a)
    marks = full_marks(desk.rubric, 75)
    first = next(iter(marks))
    sheet = services.save_draft(juror, assignment, marks={first: "75"}, note="Awal")
    assert sheet.status == "draft" and sheet.marks == {first: "75"} and sheet.score is None
    with pytest.raises(services.SheetError) as error:
        services.submit_sheet(juror, assignment, marks={first: "75"})
    assert set(error.value.errors) == set(marks) - {first}
    with pytest.raises(services.SheetError) as error:
        services.save_draft(juror, assignment, marks={first: "175"})
    assert first in error.value.errors
    sheet = services.submit_sheet(juror, assignment, marks=marks)
    assert sheet.status == "submitted" and sheet.score == Decimal("75.000")


def test_a_required_comment_must_be_written_before_submitting(desk, juror):
    criterion = desk.rubric.criteria.filter(weight__gt=0).first()
    criterion.comment_required = True
    criterion.save()
    assignment = assignment_of(desk.seats.juror, desk.entries.a)
    with pytest.raises(services.SheetError) as error:
        services.submit_sheet(juror, assignment, marks=full_marks(desk.rubric))
    assert f"comment_{criterion.code}" in error.value.errors
    sheet = services.submit_sheet(
        juror,
        assignment,
        marks=full_marks(desk.rubric),
        comments={criterion.code: "Data sebelum-sesudah jelas."},
    )
    assert sheet.comments == {criterion.code: "Data sebelum-sesudah jelas."}


def test_every_score_change_is_kept_with_who_when_before_and_after(desk, juror):
    assignment = assignment_of(desk.seats.juror, desk.entries.b)
    services.save_draft(juror, assignment, marks=full_marks(desk.rubric, 60))
    services.save_draft(juror, assignment, marks=full_marks(desk.rubric, 60))  # no change
    services.submit_sheet(juror, assignment, marks=full_marks(desk.rubric, 70))
    services.submit_sheet(juror, assignment, marks=full_marks(desk.rubric, 72))
    changes = list(ScoreChange.objects.order_by("changed_at", "pk"))
    assert [c.action for c in changes] == [
        ChangeAction.DRAFT,
        ChangeAction.SUBMIT,
        ChangeAction.REVISE,
    ]
    assert all(c.changed_by == juror for c in changes)
    assert changes[0].old["score"] is None and changes[0].new["score"] == "60.000"
    assert changes[1].old["score"] == "60.000" and changes[1].new["score"] == "70.000"
    assert changes[2].old["score"] == "70.000" and changes[2].new["score"] == "72.000"
    assert changes[2].old["status"] == "submitted"
    sheet = ScoreSheet.objects.get()
    logged = AuditEntry.objects.filter(object_type="jury.scoresheet", object_id=str(sheet.pk))
    assert logged.filter(action="update").exists()
    assert logged.filter(action="jury.sheet_revised").exists()


def test_scores_are_locked_after_the_round_closes_and_reopening_needs_a_reason(
    desk, juror, secretariat
):
    assignment = assignment_of(desk.seats.juror, desk.entries.a)
    services.submit_sheet(juror, assignment, marks=full_marks(desk.rubric, 70))
    competition_services.close_round(secretariat, desk.round)
    with pytest.raises(DomainError) as error:
        services.submit_sheet(juror, assignment, marks=full_marks(desk.rubric, 90))
    assert error.value.code == "round_closed"
    with pytest.raises(DomainError):
        services.save_draft(juror, assignment, marks=full_marks(desk.rubric, 90))
    with pytest.raises(DomainError) as error:
        competition_services.reopen_round(secretariat, desk.round, "   ")
    assert error.value.code == "reason"
    assert ScoreSheet.objects.get().score == Decimal("70.000")
    competition_services.reopen_round(secretariat, desk.round, "Juri 2 salah memasukkan nilai.")
    desk.round.refresh_from_db()
    assert desk.round.state == RoundState.OPEN
    assert desk.round.reopen_reason == "Juri 2 salah memasukkan nilai."
    sheet = services.submit_sheet(juror, assignment, marks=full_marks(desk.rubric, 90))
    assert sheet.score == Decimal("90.000")


def test_closing_the_round_records_results_from_the_submitted_scores(desk, juror, other_juror):
    for user, seat, value in ((juror, desk.seats.juror, 80), (other_juror, desk.seats.other, 70)):
        for assignment in JurorAssignment.objects.filter(juror=seat):
            services.submit_sheet(user, assignment, marks=full_marks(desk.rubric, value))
    competition_services.close_round(desk.secretariat, desk.round)
    results = {r.entry_id: r for r in RoundResult.objects.filter(round=desk.round)}
    assert set(results) == {e.pk for e in vars(desk.entries).values()}
    result = results[desk.entries.a.pk]
    assert result.score == Decimal("75.000")
    assert result.details["source"] == "jury"
    assert sorted(j["score"] for j in result.details["jurors"]) == [70.0, 80.0]


def test_moving_past_desk_evaluation_records_the_jury_results_first(
    desk, juror, other_juror, conflicted_juror
):
    users = {desk.seats.juror: juror, desk.seats.other: other_juror}
    for seat, user in users.items():
        for assignment in JurorAssignment.objects.filter(juror=seat):
            services.submit_sheet(user, assignment, marks=full_marks(desk.rubric, 65))
    competition = desk.competition
    with translation.override("en"), pytest.raises(DomainError) as error:
        competition_services.move_stage(desk.secretariat, competition, "shortlist")
    assert error.value.code == "open_work"
    assert "assigned score sheets are not submitted" in str(error.value.message)
    assert not RoundResult.objects.filter(round=desk.round).exists()  # rolled back
    competition_services.move_stage(
        desk.secretariat, competition, "shortlist", force=True, reason="Dua juri cukup."
    )
    assert RoundResult.objects.filter(round=desk.round).count() == 4


def test_the_secretariat_records_results_on_command_with_normalisation(desk, juror, other_juror):
    desk.round.normalise = True
    desk.round.save()
    seats = {desk.seats.juror: (juror, 90), desk.seats.other: (other_juror, 60)}
    for seat, (user, base) in seats.items():
        for offset, assignment in enumerate(JurorAssignment.objects.filter(juror=seat)):
            services.submit_sheet(user, assignment, marks=full_marks(desk.rubric, base - offset))
    written = services.compute_round_results(desk.secretariat, desk.round)
    assert written == 4
    result = RoundResult.objects.filter(round=desk.round).first()
    assert result.details["method"] == "normalised"
    assert {"z", "score", "juror"} <= set(result.details["jurors"][0])


def test_a_declared_conflict_takes_the_entry_off_the_jurors_list_at_once(desk, juror):
    entry = desk.entries.b
    assignment = assignment_of(desk.seats.juror, entry)
    services.submit_sheet(juror, assignment, marks=full_marks(desk.rubric, 99))
    services.declare_conflict(juror, desk.seats.juror, entry, "Saya pembina tim inovasi ini.")
    assert not JurorAssignment.objects.filter(juror=desk.seats.juror, entry=entry).exists()
    assert entry.pk not in {a.entry_id for a in juror_assignments(juror)}
    data = services.aggregate_round(desk.round)
    assert (desk.seats.juror.pk, entry.pk) not in data.sheets
    assert [reason for _sheet, reason in data.excluded] == ["conflict"]
    with pytest.raises(DomainError):
        services.add_pair(desk.secretariat, desk.round, desk.seats.juror, entry)


def test_hand_edits_keep_conflicts_hard_and_are_checked_again_at_commit(desk, secretariat):
    round = desk.round
    with pytest.raises(DomainError) as error:
        services.add_pair(secretariat, round, desk.seats.conflicted, desk.entries.a)
    assert error.value.code == "conflict"
    # Remove a pair and put the juror back by hand: the proposal changes, then commits.
    victim = JurorAssignment.objects.filter(round=round, entry=desk.entries.b).first()
    services.remove_pair(secretariat, round, victim.juror, desk.entries.b)
    preview = services.preview(round)
    assert (victim.juror_id, desk.entries.b.pk) in preview.to_remove
    services.add_pair(secretariat, round, victim.juror, desk.entries.b)
    added, removed = services.commit_assignment(secretariat, round)
    assert (added, removed) == (0, 0)


def test_a_conflict_set_after_the_proposal_refuses_the_commit(desk, secretariat):
    round = desk.round
    pair = JurorAssignment.objects.filter(round=round, entry=desk.entries.x).first()
    services.propose_assignment(secretariat, round)
    services.set_conflict(secretariat, pair.juror, desk.entries.x, "Kerabat kepala dinas.")
    # The set conflict removed the committed pair; the stale proposal still holds it.
    with pytest.raises(DomainError) as error:
        services.commit_assignment(secretariat, round)
    assert error.value.code == "violations"
    services.propose_assignment(secretariat, round)
    services.commit_assignment(secretariat, round)
    pairs = set(JurorAssignment.objects.filter(round=round).values_list("juror_id", "entry_id"))
    assert not pairs & services.conflicts_between(desk.competition).pairs


def test_presentation_panels_never_include_a_conflicted_juror(desk, secretariat):
    import datetime

    from satu.competitions.models import Entry, PresentationSlot, RoundKind

    competition = desk.competition
    Entry.objects.filter(competition=competition).update(
        shortlisted_at=datetime.datetime(2026, 8, 20, tzinfo=datetime.UTC)
    )
    round = competition.rounds.get(kind=RoundKind.PRESENTATION)
    competition.panel_size = 2
    competition.save()
    plan = competition_services.schedule_presentations(
        secretariat,
        round,
        days=[datetime.date(2026, 9, 1)],
        day_start=datetime.time(8, 0),
        day_end=datetime.time(12, 0),
    )
    assert not plan.unplaced
    conflicts = services.conflicts_between(competition)
    for slot in PresentationSlot.objects.filter(round=round).prefetch_related("jurors"):
        for seat in slot.jurors.all():
            assert (seat.pk, slot.entry_id) not in conflicts
    slot = PresentationSlot.objects.get(round=round, entry=desk.entries.a)
    with pytest.raises(DomainError) as error:
        competition_services.book_slot(
            secretariat,
            round,
            desk.entries.a,
            slot.starts_at,
            [desk.seats.conflicted, desk.seats.juror],
            slot=slot,
        )
    assert error.value.code == "juror_conflict"
