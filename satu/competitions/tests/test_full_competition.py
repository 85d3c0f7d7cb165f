"""A whole competition, through every stage to verified certificates, on the service layer."""

import datetime
import random

import pytest
from django.core import mail

from satu.audit.models import AuditEntry
from satu.competitions import demo, services
from satu.competitions.models import (
    Award,
    Certificate,
    Entry,
    EntryStatus,
    FieldVerification,
    PresentationSlot,
    RoundKind,
    RoundResult,
    RoundState,
    Stage,
    StageTransition,
)

pytestmark = pytest.mark.django_db


def test_a_competition_runs_from_entry_to_verified_certificates(
    competition, secretariat, entrant, field_verifier, django_capture_on_commit_callbacks
):
    rng = random.Random(7)
    innovations = demo.ensure_demo_innovations()
    competition = demo.advance(secretariat, competition)
    assert competition.stage == Stage.REGISTRATION

    entries = demo.enter_all(entrant, competition, innovations)
    # One per provincial agency (MARGONO has two innovations) and launched two years before
    # the reference date: the rest are refused by the rules.
    assert 12 <= len(entries) < len(innovations)
    assert not Entry.objects.filter(competition=competition, agency__abbreviation="MARGONO")[1:]

    competition = demo.advance(secretariat, competition)
    with django_capture_on_commit_callbacks(execute=True):
        demo.screen_all(secretariat, competition, fail_every=7)
    failed = Entry.objects.filter(competition=competition, status=EntryStatus.FAILED)
    assert failed.exists()
    passed_count = Entry.objects.filter(competition=competition, status=EntryStatus.PASSED).count()

    competition = demo.advance(secretariat, competition)
    desk = competition.rounds.get(kind=RoundKind.DESK)
    assert desk.state == RoundState.OPEN
    demo.score_round(secretariat, desk, rng)
    assert RoundResult.objects.filter(round=desk).count() == passed_count

    competition = demo.advance(secretariat, competition)
    desk.refresh_from_db()
    assert desk.state == RoundState.CLOSED
    shortlist = services.make_shortlist(secretariat, competition)
    assert len(shortlist) == min(8, passed_count)

    competition = demo.advance(secretariat, competition)
    assert competition.objection_closes_at > competition.objection_opens_at
    target = shortlist[-1]
    objection = services.file_objection(
        target, name="Warga", email="warga@example.id", text="Belum berjalan.", address="192.0.2.1"
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.resolve_objection(secretariat, objection, upheld=True, note="Terbukti benar.")
    target.refresh_from_db()
    assert not target.is_shortlisted and target.removal_reason == "Terbukti benar."
    assert mail.outbox[-1].to == ["warga@example.id"]
    demo.end_objection_period(competition)

    competition = demo.advance(secretariat, competition)
    with django_capture_on_commit_callbacks(execute=True):
        demo.schedule_all(secretariat, competition, datetime.date(2026, 9, 1))
    finalists = Entry.objects.filter(competition=competition).shortlisted()
    assert PresentationSlot.objects.filter(entry__in=finalists).count() == finalists.count()
    # Each slot's agency people and panel of three jurors get the time by email.
    invitations = [m for m in mail.outbox if "WIB" in m.body]
    assert len(invitations) >= finalists.count() * 3
    demo.score_round(secretariat, competition.rounds.get(kind=RoundKind.PRESENTATION), rng)

    competition = demo.advance(secretariat, competition)
    demo.verify_all(field_verifier, competition, rng)
    assert FieldVerification.objects.filter(entry__in=finalists).count() == finalists.count()

    competition = demo.advance(secretariat, competition)
    placed = services.compute_final_results(secretariat, competition)
    assert {e.pk for e in placed} == set(finalists.values_list("pk", flat=True))
    winners = [e for e in placed if e.is_winner]
    assert winners and all(e.rank <= 2 and e.award_title for e in winners)  # two per bucket

    competition = demo.advance(secretariat, competition)
    assert competition.stage == Stage.ANNOUNCED and competition.announced_at
    certificates = Certificate.objects.filter(entry__competition=competition)
    assert certificates.count() == finalists.count()
    for certificate in certificates:
        assert services.verify_code(certificate.code).genuine
    pdf = services.certificate_pdf(certificates.first())
    assert pdf.startswith(b"%PDF")
    # The outcome is recorded as awards that later eligibility checks read.
    assert Award.objects.filter(entry__competition=competition, is_top_winner=True).count() == len(
        winners
    )
    # Every stage move is recorded and audited, none forced.
    moves = StageTransition.objects.filter(competition=competition)
    assert moves.count() == len(Stage) - 1 and not moves.filter(forced=True).exists()
    assert (
        AuditEntry.objects.filter(
            action="competitions.stage_moved", object_id=str(competition.pk)
        ).count()
        == len(Stage) - 1
    )
