"""National forwarding: IID rule sets, self-assessments, and what went to the centre.

- ``RuleSet`` (with ``Indicator`` and ``PredicateBand``): one year's Indeks Inovasi Daerah rules
  as data; the secretariat copies a year and edits it, no code needed.
- ``Assessment``: a region's self-assessment of one year: the region-level (SPD) answers, the
  innovations it reports with their (SID) answers, each answer with evidence. On submission the
  rule set is copied into the assessment (``rules_snapshot``) and the answers are frozen.
- ``Forwarding``: which innovation went to which national programme in which year, by whom,
  and the outcome that came back; an outcome becomes an ``competitions.Award``.
"""

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from . import rules as rules_module
from .index import Rules


class Confidence(models.TextChoices):
    """How sure the rules are, with the tags of the domain notes."""

    OFFICIAL = "official", _("Official (regulation or government site)")
    PRESS = "press", _("Press report")
    SECONDARY = "secondary", _("Secondary (mirrored slides or guides)")
    CODE = "code", _("Third-party code (to be checked against the regulation)")


class Aspect(models.TextChoices):
    SPD = "SPD", _("Regional government unit (SPD)")
    SID = "SID", _("Regional innovation unit (SID)")


class RuleSet(models.Model):
    """The IID rules of one year."""

    year = models.PositiveSmallIntegerField(
        _("year"), unique=True, validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    name = models.CharField(_("name"), max_length=120)
    source = models.TextField(_("source"), help_text=_("Where these rules come from."))
    confidence = models.CharField(_("confidence"), max_length=10, choices=Confidence.choices)
    note = models.TextField(_("note"), blank=True)
    divisor_min = models.PositiveSmallIntegerField(
        _("minimum divisor (k)"),
        validators=[MinValueValidator(1)],
        help_text=_("The SID indicator sum is divided by MAX(k, number of innovations)."),
    )
    count_weight = models.DecimalField(
        _("weight per innovation"),
        max_digits=6,
        decimal_places=4,
        validators=[MinValueValidator(Decimal(0))],
        help_text=_("Score of the number of innovations = weight × min(n, cap)."),
    )
    count_cap = models.PositiveSmallIntegerField(_("innovations counted at most"))
    coverage_min = models.PositiveSmallIntegerField(
        _("basic-service urusan to cover"),
        validators=[MaxValueValidator(6)],
        help_text=_(
            "The number of innovations scores zero unless their main urusan cover at least this "
            "many of the six basic-service urusan; 0 turns the rule off."
        ),
    )
    design_min_words = models.PositiveSmallIntegerField(
        _("minimum words of the design (rancang bangun)"), default=300
    )
    window_start = models.DateField(
        _("eligibility window from"),
        null=True,
        blank=True,
        help_text=_("Innovations applied or developed in the window may be reported."),
    )
    window_end = models.DateField(_("eligibility window until"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("IID rule set")
        verbose_name_plural = _("IID rule sets")

    def __str__(self) -> str:
        return self.name

    def to_data(self) -> dict[str, Any]:
        """The rule set as plain JSON-able data (what an assessment freezes)."""
        return {
            "year": self.year,
            "name": self.name,
            "source": self.source,
            "confidence": self.confidence,
            "note": self.note,
            "divisor_min": self.divisor_min,
            "count_weight": str(self.count_weight),
            "count_cap": self.count_cap,
            "coverage_min": self.coverage_min,
            "design_min_words": self.design_min_words,
            "window_start": self.window_start.isoformat() if self.window_start else None,
            "window_end": self.window_end.isoformat() if self.window_end else None,
            "bands": [
                {"name": band.name, "minimum": str(band.minimum)} for band in self.bands.all()
            ],
            "indicators": [indicator.to_data() for indicator in self.indicators.all()],
        }

    def rules(self) -> Rules:
        return rules_module.rules_from_data(self.to_data())


class Indicator(models.Model):
    rule_set = models.ForeignKey(
        RuleSet, verbose_name=_("rule set"), related_name="indicators", on_delete=models.CASCADE
    )
    aspect = models.CharField(_("aspect"), max_length=3, choices=Aspect.choices)
    number = models.PositiveSmallIntegerField(_("number"))
    sub = models.CharField(_("part"), max_length=2, blank=True, help_text=_("a, b… or empty"))
    variable = models.CharField(_("variable"), max_length=120, blank=True)
    name = models.CharField(_("indicator"), max_length=300)
    weight = models.DecimalField(
        _("weight"), max_digits=5, decimal_places=2, validators=[MinValueValidator(Decimal(0))]
    )
    parameter_1 = models.CharField(_("parameter 1"), max_length=300)
    parameter_2 = models.CharField(_("parameter 2"), max_length=300)
    parameter_3 = models.CharField(_("parameter 3"), max_length=300)
    mandatory = models.BooleanField(_("mandatory"), default=False)
    evidence = models.CharField(_("evidence needed"), max_length=120, blank=True)
    needs_video = models.BooleanField(
        _("needs a video"), default=False, help_text=_("The quality indicator: an MP4 or a link.")
    )

    class Meta:
        ordering = ["rule_set", "number", "sub"]
        verbose_name = _("IID indicator")
        verbose_name_plural = _("IID indicators")
        constraints = [
            models.UniqueConstraint(
                fields=["rule_set", "number", "sub"], name="national_indicator_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.name}"

    @property
    def code(self) -> str:
        return f"{self.number}{self.sub}"

    @property
    def parameters(self) -> list[str]:
        return [self.parameter_1, self.parameter_2, self.parameter_3]

    def to_data(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "aspect": self.aspect,
            "number": self.number,
            "variable": self.variable,
            "name": self.name,
            "weight": str(self.weight),
            "parameters": self.parameters,
            "mandatory": self.mandatory,
            "evidence": self.evidence,
            "needs_video": self.needs_video,
        }


class PredicateBand(models.Model):
    rule_set = models.ForeignKey(
        RuleSet, verbose_name=_("rule set"), related_name="bands", on_delete=models.CASCADE
    )
    name = models.CharField(_("predicate"), max_length=60)
    minimum = models.DecimalField(
        _("lowest index"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
        help_text=_("The lowest index (two decimals) that earns this predicate."),
    )

    class Meta:
        ordering = ["rule_set", "-minimum"]
        verbose_name = _("predicate")
        verbose_name_plural = _("predicates")
        constraints = [
            models.UniqueConstraint(fields=["rule_set", "name"], name="national_band_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ≥ {self.minimum}"


class AssessmentStatus(models.TextChoices):
    DRAFT = "draft", _("Being filled in")
    SUBMITTED = "submitted", _("Submitted, being verified")
    RETURNED = "returned", _("Returned for correction")
    VERIFIED = "verified", _("Verified")
    PUBLISHED = "published", _("Published")


EDITABLE = (AssessmentStatus.DRAFT, AssessmentStatus.RETURNED)


class AssessmentQuerySet(models.QuerySet["Assessment"]):
    def published(self) -> "AssessmentQuerySet":
        return self.filter(status=AssessmentStatus.PUBLISHED)


class Assessment(models.Model):
    """A region's IID self-assessment of one year."""

    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("region"),
        related_name="iid_assessments",
        on_delete=models.PROTECT,
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    rule_set = models.ForeignKey(
        RuleSet, verbose_name=_("rule set"), related_name="assessments", on_delete=models.PROTECT
    )
    status = models.CharField(
        _("status"), max_length=10, choices=AssessmentStatus.choices, default=AssessmentStatus.DRAFT
    )
    # The rule set copied on submission: later edits of the rule set do not change it.
    rules_snapshot = models.JSONField(_("rules at submission"), null=True, blank=True)
    return_note = models.TextField(_("why it was returned"), blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    verified_at = models.DateTimeField(_("verified"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verified by"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "region__code"]
        verbose_name = _("IID self-assessment")
        verbose_name_plural = _("IID self-assessments")
        constraints = [
            models.UniqueConstraint(fields=["region", "year"], name="national_assessment_unique"),
        ]

    def __str__(self) -> str:
        return f"IID {self.year} — {self.region}"

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE

    @property
    def is_frozen(self) -> bool:
        return self.rules_snapshot is not None

    def rules(self) -> Rules:
        """The frozen rules once submitted; the year's current rule set before."""
        if self.rules_snapshot is not None:
            return rules_module.rules_from_data(self.rules_snapshot)
        return self.rule_set.rules()


class AssessmentInnovation(models.Model):
    """An innovation the region reports in its assessment."""

    assessment = models.ForeignKey(
        Assessment,
        verbose_name=_("assessment"),
        related_name="included",
        on_delete=models.CASCADE,
    )
    innovation = models.ForeignKey(
        "innovations.Innovation",
        verbose_name=_("innovation"),
        related_name="iid_assessments",
        on_delete=models.PROTECT,
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["assessment", "innovation__name"]
        verbose_name = _("reported innovation")
        verbose_name_plural = _("reported innovations")
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "innovation"], name="national_included_unique"
            ),
        ]

    def __str__(self) -> str:
        return str(self.innovation)


class Answer(models.Model):
    """The parameter chosen for one indicator: of the region (SPD) or of an innovation (SID)."""

    assessment = models.ForeignKey(
        Assessment, verbose_name=_("assessment"), related_name="answers", on_delete=models.CASCADE
    )
    innovation = models.ForeignKey(
        "innovations.Innovation",
        verbose_name=_("innovation"),
        related_name="iid_answers",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
    )
    # The indicator's code ("5a", "35") in the assessment's rules; kept as text so that a
    # frozen assessment does not depend on rows that a later edit of the rule set may change.
    indicator_code = models.CharField(_("indicator"), max_length=8)
    level = models.PositiveSmallIntegerField(
        _("parameter"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(3)],
    )
    basis = models.CharField(
        _("measurement basis"),
        max_length=1,
        blank=True,
        help_text=_("For the benefit indicator: the basis a–f it is measured on."),
    )
    note = models.TextField(_("note"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["assessment", "innovation", "indicator_code"]
        verbose_name = _("IID answer")
        verbose_name_plural = _("IID answers")
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "innovation", "indicator_code"],
                condition=Q(innovation__isnull=False),
                name="national_answer_unique_sid",
            ),
            models.UniqueConstraint(
                fields=["assessment", "indicator_code"],
                condition=Q(innovation__isnull=True),
                name="national_answer_unique_spd",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator_code}: {self.level or '-'}"


class Decision(models.TextChoices):
    PENDING = "pending", _("Not checked yet")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")


class AnswerEvidence(models.Model):
    """A file or link that supports an answer; the verifier accepts or rejects it."""

    answer = models.ForeignKey(
        Answer, verbose_name=_("answer"), related_name="evidence", on_delete=models.CASCADE
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(
        _("file"), upload_to="national/evidence/%Y/%m/", blank=True, max_length=255
    )
    url = models.URLField(_("link"), blank=True, max_length=500)
    content_type = models.CharField(_("content type"), max_length=100, blank=True)
    size = models.PositiveBigIntegerField(_("size (bytes)"), default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    decision = models.CharField(
        _("verification"), max_length=10, choices=Decision.choices, default=Decision.PENDING
    )
    decision_note = models.TextField(_("verifier's note"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("checked by"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    decided_at = models.DateTimeField(_("checked"), null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["answer", "created_at"]
        verbose_name = _("IID evidence")
        verbose_name_plural = _("IID evidence")
        constraints = [
            models.CheckConstraint(
                condition=~Q(file="") | ~Q(url=""), name="national_evidence_has_file_or_link"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_video(self) -> bool:
        return bool(self.url) or self.content_type.startswith("video/")


class Programme(models.TextChoices):
    KIPP = "kipp", _("KIPP (KemenPAN-RB, through SINOVIK)")
    IGA = "iga", _("IGA / Indeks Inovasi Daerah (Kemendagri)")
    OTHER = "other", _("Other national programme")


class Outcome(models.Model):
    """A result a national programme can give back; the secretariat may add more."""

    programme = models.CharField(_("programme"), max_length=6, choices=Programme.choices)
    name = models.CharField(_("outcome"), max_length=120)
    is_award = models.BooleanField(
        _("is an award"),
        default=True,
        help_text=_("Shown among the innovation's awards; off for e.g. not selected."),
    )
    is_top_winner = models.BooleanField(
        _("top winner"),
        default=False,
        help_text=_("A best-category result: later competitions refuse it in the general group."),
    )
    is_shortlisting = models.BooleanField(
        _("counts as a shortlisting"),
        default=False,
        help_text=_("Counted among the earlier shortlistings (e.g. KIPP Top 99)."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["programme", "order", "name"]
        verbose_name = _("national outcome")
        verbose_name_plural = _("national outcomes")
        constraints = [
            models.UniqueConstraint(fields=["programme", "name"], name="national_outcome_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.get_programme_display()}: {self.name}"


class Forwarding(models.Model):
    """An innovation sent to a national programme in one year, and what came back."""

    innovation = models.ForeignKey(
        "innovations.Innovation",
        verbose_name=_("innovation"),
        related_name="forwardings",
        on_delete=models.PROTECT,
    )
    programme = models.CharField(_("programme"), max_length=6, choices=Programme.choices)
    programme_name = models.CharField(
        _("name of the programme"),
        max_length=200,
        blank=True,
        help_text=_("For another programme: its name."),
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    entry = models.ForeignKey(
        "competitions.Entry",
        verbose_name=_("from the competition entry"),
        related_name="forwardings",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    forwarded_on = models.DateField(_("forwarded on"))
    forwarded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("forwarded by"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    outcome = models.ForeignKey(
        Outcome,
        verbose_name=_("outcome"),
        related_name="forwardings",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    outcome_on = models.DateField(_("outcome received on"), null=True, blank=True)
    predicate = models.CharField(
        _("predicate"), max_length=60, blank=True, help_text=_("e.g. Sangat Inovatif (IGA).")
    )
    note = models.TextField(_("note"), blank=True)
    award = models.OneToOneField(
        "competitions.Award",
        verbose_name=_("award"),
        related_name="forwarding",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-year", "programme", "innovation__name"]
        verbose_name = _("forwarding")
        verbose_name_plural = _("forwardings")
        constraints = [
            models.UniqueConstraint(
                fields=["innovation", "programme", "year"], name="national_forwarding_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.innovation} → {self.get_programme_display()} {self.year}"


class ExportStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


class KippBatchExport(models.Model):
    """A batch of KIPP proposals for one year, built in the background for big batches."""

    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(
        _("status"), max_length=8, choices=ExportStatus.choices, default=ExportStatus.QUEUED
    )
    file = models.FileField(_("file"), upload_to="national/exports/", blank=True, max_length=255)
    proposals = models.PositiveIntegerField(_("proposals"), default=0)
    refused = models.JSONField(_("refused"), default=list, blank=True)
    error = models.TextField(_("error"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("KIPP batch export")
        verbose_name_plural = _("KIPP batch exports")

    def __str__(self) -> str:
        return f"KIPP {self.year} ({self.get_status_display()})"
