import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from satu.core.errors import DomainError, PermissionDeniedError
from satu.innovations.models import InnovationYear, YearStatus
from satu.national import services
from satu.national.models import Assessment, AssessmentStatus, Decision, RuleSet

from .conftest import fill

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 64


def test_a_complete_assessment_is_submitted_with_its_index(
    kota_assessment, regional_admin, operator_k, agency_k, make_innovation
):
    innovation = make_innovation(agency_k)
    fill(kota_assessment, regional_admin, operator_k, [innovation])
    # SPD 63 + 111 / MAX(12, 1) = 9.25 + no coverage (1 of 5) = 72.25 → 28.90.
    assert services.result(kota_assessment).index == Decimal("28.90")
    assessment = services.submit_assessment(regional_admin, kota_assessment)
    assert assessment.status == AssessmentStatus.SUBMITTED
    assert assessment.rules_snapshot["year"] == 2026
    assert len(assessment.rules_snapshot["indicators"]) == 40


def test_changing_the_rules_leaves_a_frozen_assessment_unchanged(
    kota_assessment,
    regional_admin,
    operator_k,
    agency_k,
    make_innovation,
    secretariat,
    province,
    rules_2026,
):
    innovation = make_innovation(agency_k)
    fill(kota_assessment, regional_admin, operator_k, [innovation])
    services.submit_assessment(regional_admin, kota_assessment)
    # The province's draft of the same year follows the live rules.
    draft = services.start_assessment(secretariat, province, 2026)
    fill(draft, secretariat, secretariat, [])
    before_frozen = services.result(kota_assessment)
    before_draft = services.result(draft)
    assert (before_frozen.index, before_draft.index) == (Decimal("28.90"), Decimal("25.20"))

    # A later year is copied and edited, then the 2026 rules themselves are edited.
    later = services.copy_rule_set(secretariat, rules_2026, 2027)
    services.update_rule_set(secretariat, later, divisor_min=14, coverage_min=6)
    services.update_rule_set(secretariat, rules_2026, divisor_min=1)
    regulation = rules_2026.indicators.get(number=16)
    services.update_indicator(secretariat, regulation, weight=Decimal(1))
    vision = rules_2026.indicators.get(number=1)
    services.update_indicator(secretariat, vision, weight=Decimal(5))
    band = rules_2026.bands.get(name="Kurang Inovatif")
    services.update_band(secretariat, band, minimum=Decimal("30.00"))

    frozen = Assessment.objects.get(pk=kota_assessment.pk)
    after = services.result(frozen)
    assert after.index == before_frozen.index == Decimal("28.90")
    assert after.predicate == before_frozen.predicate == "Kurang Inovatif"
    assert after.total == before_frozen.total
    assert frozen.rules().divisor_min == 12
    # The draft follows: SPD 75 of 75 (vision weight 5), SID maximum 105 (regulation weight
    # 1), total maximum 75 + 105 + 76 = 256 → 75 / 256 × 100 = 29.30, and the Kurang Inovatif
    # band now starts at 30.00.
    live = services.result(Assessment.objects.get(pk=draft.pk))
    assert live.index == Decimal("29.30")
    assert live.predicate == "Tidak Dapat Dinilai"
    assert RuleSet.objects.get(year=2027).divisor_min == 14


def test_an_incomplete_assessment_is_refused_with_every_problem_named(
    kota_assessment, regional_admin, operator_k, agency_k, make_innovation
):
    short = make_innovation(agency_k, "Layanan Pendek", design="Terlalu singkat.")
    old = make_innovation(agency_k, "Layanan Lama", launch=datetime.date(2019, 1, 1))
    services.include_innovation(operator_k, kota_assessment, short)
    services.include_innovation(operator_k, kota_assessment, old)
    answer = services.answer_indicator(operator_k, kota_assessment, "35", 3, innovation=short)
    services.add_evidence(
        operator_k,
        answer,
        title="Dokumen",
        upload=SimpleUploadedFile("video.mp4", MP4, content_type="video/mp4"),
    )
    found = {(p.code, p.innovation, p.indicator) for p in services.problems(kota_assessment)}
    assert ("mandatory_indicator", None, "1") in found  # SPD 1 is mandatory
    assert ("mandatory_indicator", None, "2a") not in found  # 2a is not
    assert ("design_too_short", short.pk, "") in found
    assert ("outside_window", old.pk, "") in found
    assert ("outside_window", short.pk, "") not in found
    assert ("mandatory_indicator", short.pk, "16") in found
    assert ("mandatory_indicator", short.pk, "35") not in found  # the MP4 counts
    assert ("mandatory_indicator", old.pk, "35") in found
    with pytest.raises(DomainError) as refused:
        services.submit_assessment(regional_admin, kota_assessment)
    assert refused.value.code == "incomplete"
    message = str(refused.value.message)
    assert "Layanan Pendek: rancang bangun baru 2 kata; minimal 300 kata." in message
    assert "Layanan Lama tidak diterapkan maupun dikembangkan antara 01-01-2024" in message

    # Developed within the window, the old innovation may be reported.
    InnovationYear.objects.create(innovation=old, year=2024, status=YearStatus.DEVELOPED)
    found = {(p.code, p.innovation) for p in services.problems(kota_assessment)}
    assert ("outside_window", old.pk) not in found


def test_the_quality_indicator_needs_a_video(
    kota_assessment, operator_k, agency_k, make_innovation
):
    innovation = make_innovation(agency_k)
    services.include_innovation(operator_k, kota_assessment, innovation)
    answer = services.answer_indicator(operator_k, kota_assessment, "35", 2, innovation=innovation)
    with pytest.raises(DomainError) as refused:
        services.add_evidence(
            operator_k,
            answer,
            title="Bukan video",
            upload=SimpleUploadedFile("video.mp4", PDF, content_type="video/mp4"),
        )
    assert refused.value.code == "file_type"
    # A PDF elsewhere is fine; a renamed text file is not.
    other = services.answer_indicator(operator_k, kota_assessment, "16", 2, innovation=innovation)
    evidence = services.add_evidence(
        operator_k, other, title="SK", upload=SimpleUploadedFile("sk.pdf", PDF)
    )
    assert (evidence.content_type, evidence.size) == ("application/pdf", len(PDF))
    with pytest.raises(DomainError):
        services.add_evidence(
            operator_k, other, title="SK", upload=SimpleUploadedFile("sk.pdf", b"just text")
        )


def test_uploads_over_the_limit_are_refused(
    kota_assessment, operator_k, agency_k, make_innovation, settings
):
    settings.SATU_MAX_UPLOAD_BYTES = 1024
    innovation = make_innovation(agency_k)
    services.include_innovation(operator_k, kota_assessment, innovation)
    answer = services.answer_indicator(operator_k, kota_assessment, "16", 2, innovation=innovation)
    big = SimpleUploadedFile("sk.pdf", PDF + b"0" * 2048)
    with pytest.raises(DomainError) as refused:
        services.add_evidence(operator_k, answer, title="SK", upload=big)
    assert refused.value.code == "too_large"


def test_verification_rejected_evidence_counts_zero_in_the_verified_index(
    kota_assessment,
    regional_admin,
    operator_k,
    agency_k,
    make_innovation,
    secretariat,
):
    innovation = make_innovation(agency_k)
    fill(kota_assessment, regional_admin, operator_k, [innovation])
    services.submit_assessment(regional_admin, kota_assessment)
    evidence = list(
        services.assessments.AnswerEvidence.objects.filter(answer__assessment=kota_assessment)
    )
    with pytest.raises(DomainError):
        services.finish_verification(secretariat, kota_assessment)  # nothing checked yet
    for item in evidence:
        rejected = item.answer.innovation_id is None and item.answer.indicator_code in ("6", "7")
        if rejected:
            services.decide_evidence(secretariat, item, Decision.REJECTED, "Data BPS tidak cocok")
        else:
            services.decide_evidence(secretariat, item, Decision.ACCEPTED)
    claimed = services.result(kota_assessment)
    verified = services.result(kota_assessment, verified=True)
    # Indicators 6 and 7 weigh 1.5 × 3 each: 72.25 − 9 = 63.25 → 25.30.
    assert (claimed.index, verified.index) == (Decimal("28.90"), Decimal("25.30"))
    services.finish_verification(secretariat, kota_assessment)
    published = services.publish_assessment(secretariat, kota_assessment)
    assert published.status == AssessmentStatus.PUBLISHED


def test_a_rejection_needs_a_reason_and_only_the_secretariat_verifies(
    kota_assessment, regional_admin, operator_k, agency_k, make_innovation, secretariat
):
    innovation = make_innovation(agency_k)
    fill(kota_assessment, regional_admin, operator_k, [innovation])
    services.submit_assessment(regional_admin, kota_assessment)
    item = services.assessments.AnswerEvidence.objects.filter(
        answer__assessment=kota_assessment
    ).first()
    with pytest.raises(DomainError):
        services.decide_evidence(secretariat, item, Decision.REJECTED, "  ")
    with pytest.raises(PermissionDeniedError):
        services.decide_evidence(regional_admin, item, Decision.ACCEPTED)
    with pytest.raises(DomainError) as frozen:
        services.answer_indicator(regional_admin, kota_assessment, "1", 1)
    assert frozen.value.code == "frozen"
    services.return_assessment(secretariat, kota_assessment, "Lengkapi bukti indikator 6.")
    services.answer_indicator(regional_admin, kota_assessment, "1", 1)


def test_who_fills_what(
    kota_assessment,
    regional_admin,
    operator_k,
    operator,
    outsider_regional_admin,
    agency_k,
    make_innovation,
):
    innovation = make_innovation(agency_k)
    with pytest.raises(PermissionDeniedError):
        services.include_innovation(operator, kota_assessment, innovation)
    services.include_innovation(operator_k, kota_assessment, innovation)
    with pytest.raises(PermissionDeniedError):
        services.answer_indicator(operator_k, kota_assessment, "1", 3)  # SPD: region only
    with pytest.raises(PermissionDeniedError):
        services.answer_indicator(
            regional_admin, kota_assessment, "16", 3, innovation=innovation
        )  # SID: the agency only
    with pytest.raises(PermissionDeniedError):
        services.answer_indicator(outsider_regional_admin, kota_assessment, "1", 3)
    with pytest.raises(DomainError):
        services.answer_indicator(regional_admin, kota_assessment, "16", 3)  # not an SPD code
    with pytest.raises(PermissionDeniedError):
        services.submit_assessment(operator_k, kota_assessment)
