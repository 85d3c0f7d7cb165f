"""Stage control refuses unfinished work unless forced with a reason; field visits and photos."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from satu.audit.models import AuditEntry
from satu.competitions import demo, services
from satu.competitions.models import Entry, EntryStatus, RoundKind, RoundResult, Stage
from satu.core.errors import DomainError

pytestmark = pytest.mark.django_db

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"
    b"\x90wS\xde\x00\x00\x00\x0cIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00"
    b"\x00IEND\xaeB`\x82"
)


@pytest.fixture
def screening(open_competition, secretariat, operator, agency_a, make_innovation):
    services.enter_innovation(
        operator,
        open_competition,
        make_innovation(agency_a),
        group="umum",
        category=open_competition.categories.first(),
    )
    return demo.advance(secretariat, open_competition)


def test_a_move_with_unscreened_entries_is_refused(screening, secretariat):
    with pytest.raises(DomainError) as error:
        services.move_stage(secretariat, screening, Stage.DESK_EVALUATION)
    assert error.value.code == "open_work"
    screening.refresh_from_db()
    assert screening.stage == Stage.SCREENING


def test_forcing_a_move_needs_a_reason_and_is_recorded(screening, secretariat):
    with pytest.raises(DomainError) as error:
        services.move_stage(secretariat, screening, Stage.DESK_EVALUATION, force=True)
    assert error.value.code == "reason"
    move = services.move_stage(
        secretariat, screening, Stage.DESK_EVALUATION, force=True, reason="Tenggat dari gubernur."
    )
    assert move.forced and move.open_work[0]["code"] == "unscreened_entries"
    audit = AuditEntry.objects.get(
        action="competitions.stage_moved",
        object_id=str(screening.pk),
        changes__to="desk_evaluation",
    )
    assert audit.changes["forced"] is True and audit.changes["reason"] == "Tenggat dari gubernur."


def test_stages_cannot_be_skipped(screening, secretariat):
    with pytest.raises(DomainError) as error:
        services.move_stage(secretariat, screening, Stage.SHORTLIST, force=True, reason="x")
    assert error.value.code == "skip"


def test_missing_round_results_block_leaving_the_desk_evaluation(screening, secretariat):
    demo.screen_all(secretariat, screening)
    competition = demo.advance(secretariat, screening)
    assert [w.code for w in services.open_work(competition)] == ["missing_results"]
    desk = competition.rounds.get(kind=RoundKind.DESK)
    entry = Entry.objects.get(competition=competition)
    services.record_round_result(secretariat, desk, entry, "88.5", {"jurors": [80, 97]})
    assert services.open_work(competition) == []
    competition = demo.advance(secretariat, competition)
    # The round closed with the stage; reopening needs a reason.
    with pytest.raises(DomainError):
        services.record_round_result(secretariat, desk, entry, 90)
    with pytest.raises(DomainError):
        services.reopen_round(secretariat, desk, " ")
    services.reopen_round(secretariat, desk, "Satu juri salah input.")
    services.record_round_result(secretariat, desk, entry, 90)
    assert RoundResult.objects.get(round=desk, entry=entry).score == Decimal("90.000")


def test_scores_outside_0_to_100_are_refused(screening, secretariat):
    demo.screen_all(secretariat, screening)
    competition = demo.advance(secretariat, screening)
    desk = competition.rounds.get(kind=RoundKind.DESK)
    entry = Entry.objects.get(competition=competition)
    for bad in ("101", "-1", "abc", "NaN"):
        with pytest.raises(DomainError):
            services.record_round_result(secretariat, desk, entry, bad)


def test_a_failed_entry_is_told_why_and_may_be_corrected(
    screening, secretariat, operator, django_capture_on_commit_callbacks
):
    from django.core import mail

    entry = Entry.objects.get(competition=screening)
    with django_capture_on_commit_callbacks(execute=True):
        services.screen_entries(
            secretariat,
            screening,
            [entry],
            passed=False,
            reasons=["wrong_group"],
            note="Salah kategori.",
        )
    assert mail.outbox[0].to == [operator.email] and "Salah kategori." in mail.outbox[0].body
    entry.refresh_from_db()
    assert entry.status == EntryStatus.FAILED
    screening.correction_ends_on = timezone.localdate() - datetime.timedelta(days=1)
    screening.save()
    with pytest.raises(DomainError) as error:
        services.correct_entry(operator, entry, group="umum", category=screening.categories.last())
    assert error.value.code == "correction_closed"
    screening.correction_ends_on = timezone.localdate() + datetime.timedelta(days=3)
    screening.save()
    services.correct_entry(operator, entry, group="umum", category=screening.categories.last())
    entry.refresh_from_db()
    assert entry.status == EntryStatus.SUBMITTED and entry.category == screening.categories.last()


def test_the_field_visit_records_photos_checked_by_content_and_sets_the_round_result(
    screening, secretariat, field_verifier
):
    demo.screen_all(secretariat, screening)
    competition = screening
    entry = Entry.objects.get(competition=competition)
    Entry.objects.filter(pk=entry.pk).update(shortlisted_at="2026-08-01T00:00:00Z")
    competition.stage = Stage.FIELD_VERIFICATION
    competition.save()
    field = competition.rounds.get(kind=RoundKind.FIELD)
    field.state = "open"
    field.save()
    fake = SimpleUploadedFile("foto.jpg", b"<html>not a photo</html>", content_type="image/jpeg")
    with pytest.raises(DomainError) as error:
        services.record_verification(
            field_verifier,
            field,
            entry,
            visited_on="2026-09-20",
            checklist=[],
            score=Decimal(80),
            photos=[fake],
        )
    assert error.value.code == "photo_type"
    big = SimpleUploadedFile(
        "besar.png", PNG + b"\0" * (11 * 1024 * 1024), content_type="image/png"
    )
    with pytest.raises(DomainError) as error:
        services.record_verification(
            field_verifier,
            field,
            entry,
            visited_on="2026-09-20",
            checklist=[],
            score=Decimal(80),
            photos=[big],
        )
    assert error.value.code == "photo_too_large"
    visit = services.record_verification(
        field_verifier,
        field,
        entry,
        visited_on="2026-09-20",
        checklist=[{"item": "SOP ada", "confirmed": True}, {"item": "Data", "confirmed": False}],
        score=Decimal("77.5"),
        latitude=Decimal("-7.0"),
        longitude=Decimal("110.4"),
        location_source="device",
        photos=[SimpleUploadedFile("x.exe", PNG, content_type="application/octet-stream")],
    )
    photo = visit.photos.get()
    assert photo.content_type == "image/png" and photo.file.name.endswith(".png")
    assert visit.confirmed_count == 1
    result = RoundResult.objects.get(round=field, entry=entry)
    assert result.score == Decimal("77.500") and result.details["verification"] == visit.pk
