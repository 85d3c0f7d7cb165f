"""The IID self-assessment: answers with evidence, completeness, submission, verification."""

import hashlib
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from satu.audit.services import record
from satu.core.errors import DomainError, PermissionDeniedError
from satu.innovations.models import Innovation, InnovationYear, Status, YearStatus
from satu.lib.text import word_count
from satu.regions.models import Region

from .. import checks, index, policies
from ..models import (
    Answer,
    AnswerEvidence,
    Assessment,
    AssessmentInnovation,
    AssessmentStatus,
    Decision,
    RuleSet,
)

# Evidence files, judged by their bytes: documents, photos and the MP4 video of indicator 35.
EVIDENCE_TYPES = {
    "application/pdf": "pdf",
    "image/jpeg": "jpg",
    "image/png": "png",
    "image/webp": "webp",
    "video/mp4": "mp4",
}
VIDEO_TYPES = {"video/mp4"}


def evidence_limit() -> int:
    return settings.SATU_MAX_UPLOAD_BYTES


# Reading an assessment


@dataclass(frozen=True)
class Inputs:
    rules: index.Rules
    spd: dict[str, index.Answer]
    innovations: list[index.InnovationInput]
    facts: list[checks.InnovationFacts]


def included_innovations(assessment: Assessment) -> list[Innovation]:
    return [
        row.innovation
        for row in AssessmentInnovation.objects.filter(assessment=assessment)
        .select_related("innovation__main_urusan", "innovation__agency")
        .order_by("innovation__name", "innovation__pk")
    ]


def gather(assessment: Assessment, *, verified: bool = False) -> Inputs:
    """The plain data the index and the checks read.

    Claimed: every piece of evidence counts; verified: only accepted evidence.
    """
    rules = assessment.rules()
    counted = Q(evidence__decision=Decision.ACCEPTED) if verified else Q(evidence__isnull=False)
    answers = Answer.objects.filter(assessment=assessment).annotate(
        counted=Count("evidence", filter=counted),
        videos=Count(
            "evidence",
            filter=Q(evidence__content_type__startswith="video/") | ~Q(evidence__url=""),
        ),
    )
    spd: dict[str, index.Answer] = {}
    by_innovation: dict[int, dict[str, index.Answer]] = {}
    videos: dict[int, set[str]] = {}
    for answer in answers:
        value = index.Answer(answer.level, answer.counted)
        if answer.innovation_id is None:
            spd[answer.indicator_code] = value
        else:
            by_innovation.setdefault(answer.innovation_id, {})[answer.indicator_code] = value
            if answer.videos:
                videos.setdefault(answer.innovation_id, set()).add(answer.indicator_code)
    innovations = included_innovations(assessment)
    developed: dict[int, set[int]] = {}
    for innovation_id, year in InnovationYear.objects.filter(
        innovation__in=innovations, status=YearStatus.DEVELOPED
    ).values_list("innovation_id", "year"):
        developed.setdefault(innovation_id, set()).add(year)
    inputs, facts = [], []
    for innovation in innovations:
        own = by_innovation.get(innovation.pk, {})
        urusan = innovation.main_urusan
        inputs.append(
            index.InnovationInput(
                key=innovation.pk,
                name=innovation.name,
                answers=own,
                basic_service_urusan=frozenset({urusan.code} if urusan.basic_service else ()),
            )
        )
        facts.append(
            checks.InnovationFacts(
                key=innovation.pk,
                name=innovation.name,
                design_words=word_count(innovation.design),
                launch_date=innovation.launch_date,
                developed_years=frozenset(developed.get(innovation.pk, ())),
                answers=own,
                videos=frozenset(videos.get(innovation.pk, ())),
            )
        )
    return Inputs(rules, spd, inputs, facts)


def result(assessment: Assessment, *, verified: bool = False) -> index.Result:
    inputs = gather(assessment, verified=verified)
    return index.compute(inputs.rules, inputs.spd, inputs.innovations)


def problems(assessment: Assessment) -> list[checks.Problem]:
    inputs = gather(assessment)
    return checks.check(inputs.rules, inputs.spd, inputs.facts)


# Starting and filling in


@transaction.atomic
def start_assessment(actor: object, region: Region, year: int) -> Assessment:
    if not policies.can_start(actor, region):
        raise PermissionDeniedError(_("You may not start an assessment for this region."))
    rule_set = RuleSet.objects.filter(year=year).first()
    if rule_set is None:
        raise DomainError(
            _("There are no IID rules for %(year)s yet; the secretariat adds them first.")
            % {"year": year},
            field="year",
            code="no_rules",
        )
    if Assessment.objects.filter(region=region, year=year).exists():
        raise DomainError(
            _("%(region)s already has an assessment for %(year)s.")
            % {"region": region, "year": year},
            field="year",
            code="duplicate",
        )
    return Assessment.objects.create(region=region, year=year, rule_set=rule_set)


def _require_editable(assessment: Assessment) -> None:
    assessment.refresh_from_db(fields=["status"])
    if not assessment.is_editable:
        raise DomainError(
            _("The assessment has been submitted; it can no longer be changed."), code="frozen"
        )


@transaction.atomic
def include_innovation(
    actor: object, assessment: Assessment, innovation: Innovation
) -> AssessmentInnovation:
    _require_editable(assessment)
    if not policies.can_include(actor, assessment, innovation):
        raise PermissionDeniedError(_("You may only report your own agency's innovations."))
    if innovation.agency.region_id != assessment.region_id:
        raise DomainError(
            _("%(innovation)s belongs to another region.") % {"innovation": innovation},
            code="other_region",
        )
    if innovation.status != Status.ACCEPTED:
        raise DomainError(
            _("Only innovations accepted by the secretariat may be reported."),
            code="not_accepted",
        )
    row, _created = AssessmentInnovation.objects.get_or_create(
        assessment=assessment,
        innovation=innovation,
        defaults={"added_by": actor if getattr(actor, "pk", None) else None},
    )
    return row


@transaction.atomic
def remove_innovation(actor: object, assessment: Assessment, innovation: Innovation) -> None:
    _require_editable(assessment)
    if not policies.can_include(actor, assessment, innovation):
        raise PermissionDeniedError(_("You may only report your own agency's innovations."))
    for evidence in AnswerEvidence.objects.filter(
        answer__assessment=assessment, answer__innovation=innovation
    ):
        _delete_file_on_commit(evidence)
    Answer.objects.filter(assessment=assessment, innovation=innovation).delete()
    AssessmentInnovation.objects.filter(assessment=assessment, innovation=innovation).delete()


def _require_answerer(actor: object, assessment: Assessment, innovation: Innovation | None) -> None:
    if innovation is None:
        if not policies.can_edit_region(actor, assessment):
            raise PermissionDeniedError(
                _("Only the region's administrator fills the region-level (SPD) indicators.")
            )
        return
    if not policies.can_answer_innovation(actor, innovation):
        raise PermissionDeniedError(_("Only the innovation's agency answers its indicators."))
    if not AssessmentInnovation.objects.filter(
        assessment=assessment, innovation=innovation
    ).exists():
        raise DomainError(
            _("Add the innovation to the assessment first."), code="innovation_not_included"
        )


@transaction.atomic
def answer_indicator(
    actor: object,
    assessment: Assessment,
    code: str,
    level: int | None,
    *,
    innovation: Innovation | None = None,
    basis: str = "",
    note: str = "",
) -> Answer:
    """Choose a parameter (1–3, or none) for an indicator of the region or of an innovation."""
    _require_editable(assessment)
    _require_answerer(actor, assessment, innovation)
    rule = assessment.rules().indicator(code)
    expected = index.SID if innovation is not None else index.SPD
    if rule is None or rule.aspect != expected:
        raise DomainError(_("No such indicator in this year's rules."), code="unknown_indicator")
    if level is not None and level not in index.LEVELS:
        raise DomainError(_("Choose parameter 1, 2 or 3."), field="level", code="bad_level")
    if basis and basis not in "abcdef":
        raise DomainError(_("The measurement basis is one of a–f."), field="basis")
    answer, _created = Answer.objects.update_or_create(
        assessment=assessment,
        innovation=innovation,
        indicator_code=code,
        defaults={
            "level": level,
            "basis": basis,
            "note": note,
            "answered_by": actor if getattr(actor, "pk", None) else None,
        },
    )
    return answer


def check_upload(upload: UploadedFile, *, video: bool) -> str:
    """The file's content type judged by its bytes; refuses other types and big files."""
    limit = evidence_limit()
    if upload.size is None or upload.size > limit:
        raise DomainError(
            _("%(name)s is larger than %(mb)s MB.") % {"name": upload.name, "mb": limit // 2**20},
            field="file",
            code="too_large",
        )
    upload.seek(0)
    kind = filetype.guess(upload.read(2048))
    upload.seek(0)
    allowed = VIDEO_TYPES if video else set(EVIDENCE_TYPES)
    if kind is None or kind.mime not in allowed:
        message = (
            _("%(name)s is not an MP4 video.")
            if video
            else _("%(name)s is not a PDF, JPEG, PNG, WebP or MP4 file.")
        )
        raise DomainError(message % {"name": upload.name}, field="file", code="file_type")
    return kind.mime


def _digest(upload: UploadedFile) -> str:
    sha = hashlib.sha256()
    for chunk in upload.chunks():
        sha.update(chunk)
    upload.seek(0)
    return sha.hexdigest()


@transaction.atomic
def add_evidence(
    actor: object,
    answer: Answer,
    *,
    title: str,
    upload: UploadedFile | None = None,
    url: str = "",
) -> AnswerEvidence:
    """Attach a file (content-checked, size-limited) or a link to an answer."""
    assessment = answer.assessment
    _require_editable(assessment)
    _require_answerer(actor, assessment, answer.innovation)
    if (upload is None) == (not url):
        raise DomainError(_("Give either a file or a link."), field="file", code="file_or_link")
    rule = assessment.rules().indicator(answer.indicator_code)
    evidence = AnswerEvidence(
        answer=answer,
        title=title.strip() or (upload.name if upload else url)[:200],
        url=url,
        uploaded_by=actor if getattr(actor, "pk", None) else None,
    )
    if upload is not None:
        mime = check_upload(upload, video=bool(rule and rule.needs_video))
        digest = _digest(upload)
        upload.name = f"{digest[:16]}.{EVIDENCE_TYPES[mime]}"
        evidence.file = upload
        evidence.content_type = mime
        evidence.size = upload.size or 0
        evidence.sha256 = digest
    evidence.full_clean(exclude=["answer", "file"])
    evidence.save()
    return evidence


def _delete_file_on_commit(evidence: AnswerEvidence) -> None:
    if evidence.file:
        storage, name = evidence.file.storage, evidence.file.name
        transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def remove_evidence(actor: object, evidence: AnswerEvidence) -> None:
    answer = evidence.answer
    _require_editable(answer.assessment)
    _require_answerer(actor, answer.assessment, answer.innovation)
    _delete_file_on_commit(evidence)
    evidence.delete()


# Submission and verification


@transaction.atomic
def submit_assessment(actor: object, assessment: Assessment) -> Assessment:
    """Submit a complete assessment: the rules of its year are copied into it and frozen."""
    if not policies.can_edit_region(actor, assessment):
        raise PermissionDeniedError(_("Only the region's administrator submits the assessment."))
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    _require_editable(assessment)
    found = problems(assessment)
    if found:
        raise DomainError(
            ngettext(
                "The assessment is not complete (%(count)s problem): %(problems)s",
                "The assessment is not complete (%(count)s problems): %(problems)s",
                len(found),
            )
            % {"count": len(found), "problems": " ".join(p.message for p in found)},
            code="incomplete",
        )
    if assessment.rules_snapshot is None:
        assessment.rules_snapshot = assessment.rule_set.to_data()
    assessment.status = AssessmentStatus.SUBMITTED
    assessment.submitted_at = timezone.now()
    assessment.submitted_by = actor if getattr(actor, "pk", None) else None
    assessment.return_note = ""
    assessment.save()
    claimed = result(assessment)
    record(
        "national.assessment_submitted",
        assessment,
        {"index": str(claimed.index), "predicate": claimed.predicate},
    )
    return assessment


def _require_verifier(actor: object, assessment: Assessment) -> None:
    if not policies.can_verify(actor, assessment):
        raise PermissionDeniedError(_("Only the secretariat verifies the assessments."))


@transaction.atomic
def decide_evidence(
    actor: object, evidence: AnswerEvidence, decision: str, note: str = ""
) -> AnswerEvidence:
    """Accept or reject one piece of evidence; rejected evidence counts 0 in the verified index."""
    assessment = Assessment.objects.get(pk=evidence.answer.assessment_id)
    _require_verifier(actor, assessment)
    if assessment.status != AssessmentStatus.SUBMITTED:
        raise DomainError(
            _("Evidence is checked while the assessment waits for verification."),
            code="not_submitted",
        )
    if decision not in (Decision.ACCEPTED, Decision.REJECTED):
        raise DomainError(_("Accept or reject the evidence."), field="decision")
    if decision == Decision.REJECTED and not note.strip():
        raise DomainError(
            _("Say why the evidence is rejected."), field="note", code="reason_required"
        )
    evidence.decision = decision
    evidence.decision_note = note.strip()
    evidence.decided_by = actor if getattr(actor, "pk", None) else None
    evidence.decided_at = timezone.now()
    evidence.save()
    return evidence


@transaction.atomic
def finish_verification(actor: object, assessment: Assessment) -> Assessment:
    _require_verifier(actor, assessment)
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if assessment.status != AssessmentStatus.SUBMITTED:
        raise DomainError(_("Only a submitted assessment can be verified."), code="not_submitted")
    pending = AnswerEvidence.objects.filter(
        answer__assessment=assessment, decision=Decision.PENDING
    ).count()
    if pending:
        raise DomainError(
            ngettext(
                "%(count)s piece of evidence has not been checked yet.",
                "%(count)s pieces of evidence have not been checked yet.",
                pending,
            )
            % {"count": pending},
            code="pending_evidence",
        )
    assessment.status = AssessmentStatus.VERIFIED
    assessment.verified_at = timezone.now()
    assessment.verified_by = actor if getattr(actor, "pk", None) else None
    assessment.save()
    verified = result(assessment, verified=True)
    record(
        "national.assessment_verified",
        assessment,
        {"index": str(verified.index), "predicate": verified.predicate},
    )
    return assessment


@transaction.atomic
def return_assessment(actor: object, assessment: Assessment, note: str) -> Assessment:
    """Send a submitted assessment back for correction (its frozen rules stay)."""
    _require_verifier(actor, assessment)
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if assessment.status not in (AssessmentStatus.SUBMITTED, AssessmentStatus.VERIFIED):
        raise DomainError(_("Only a submitted assessment can be returned."), code="not_submitted")
    if not note.strip():
        raise DomainError(_("Say what must be corrected."), field="note", code="reason_required")
    assessment.status = AssessmentStatus.RETURNED
    assessment.return_note = note.strip()
    assessment.save()
    record("national.assessment_returned", assessment, {"note": assessment.return_note})
    return assessment


@transaction.atomic
def publish_assessment(actor: object, assessment: Assessment) -> Assessment:
    """Make a verified assessment public (the API answers for it from now on)."""
    _require_verifier(actor, assessment)
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if assessment.status != AssessmentStatus.VERIFIED:
        raise DomainError(_("Only a verified assessment can be published."), code="not_verified")
    assessment.status = AssessmentStatus.PUBLISHED
    assessment.published_at = timezone.now()
    assessment.save()
    record("national.assessment_published", assessment)
    return assessment
