"""seed_demo gives the 2026 desk round a working jury and scores the 2025 one through it."""

import io

import pytest
from django.core.management import call_command

from satu.competitions.models import Competition, RoundKind, RoundResult
from satu.jury.models import (
    Conflict,
    JurorAssignment,
    Rubric,
    ScoreChange,
    ScoreSheet,
    SheetStatus,
)
from satu.jury.services import conflicts_between

pytestmark = pytest.mark.django_db


def counts() -> tuple[int, ...]:
    return (
        Rubric.objects.count(),
        JurorAssignment.objects.count(),
        ScoreSheet.objects.count(),
        ScoreChange.objects.count(),
        Conflict.objects.count(),
        RoundResult.objects.count(),
    )


def test_the_demo_jury_scores_2025_and_is_halfway_through_2026(reference_data):
    call_command("seed_demo", "--quiet-accounts", stdout=io.StringIO())
    finished = Competition.objects.get(year=2025)
    desk = finished.rounds.get(kind=RoundKind.DESK)
    results = RoundResult.objects.filter(round=desk)
    assert results.exists()
    assert all(result.details["source"] == "jury" for result in results)
    assert desk.rubric.template == "kipp-2023"

    running = Competition.objects.get(year=2026).rounds.get(kind=RoundKind.DESK)
    assert running.rubric.template == "kipp-2023"
    assignments = JurorAssignment.objects.filter(round=running)
    assert assignments.exists()
    pairs = set(assignments.values_list("juror_id", "entry_id"))
    assert not pairs & conflicts_between(running.competition).pairs
    sheets = ScoreSheet.objects.filter(round=running)
    assert sheets.filter(status=SheetStatus.SUBMITTED).exists()
    assert sheets.filter(status=SheetStatus.DRAFT).exists()
    assert sheets.count() < assignments.count()  # one juror has not started
    # The juror living in Kota Semarang is kept from the Kota Semarang entries.
    assert Conflict.objects.filter(juror__user__email="juri2@satuinovasi.test").exists()

    before = counts()
    call_command("seed_demo", "--quiet-accounts", stdout=io.StringIO())
    assert counts() == before
