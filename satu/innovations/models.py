"""The innovation registry: one record per innovation, living across years.

The profile follows the Indeks Inovasi Daerah form (PP 38/2017, Permendagri 104/2018) and
carries the KIPP proposal sections, so the same record feeds the competition, the national
exports and the public catalog.
"""

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class Stage(models.TextChoices):
    """Tahapan inovasi."""

    INITIATIVE = "inisiatif", _("Initiative")
    TRIAL = "uji_coba", _("Trial")
    IMPLEMENTATION = "penerapan", _("Implementation")


class InitiatorKind(models.TextChoices):
    """Inisiator inovasi (PP 38/2017)."""

    REGIONAL_HEAD = "kepala_daerah", _("Head of region")
    COUNCIL_MEMBER = "anggota_dprd", _("Member of the regional council (DPRD)")
    AGENCY = "opd", _("Regional agency (OPD)")
    CIVIL_SERVANT = "asn", _("Civil servant (ASN)")
    PUBLIC = "masyarakat", _("Community")


class InnovationForm(models.TextChoices):
    """Bentuk inovasi daerah."""

    GOVERNANCE = "tata_kelola", _("Regional governance")
    PUBLIC_SERVICE = "pelayanan_publik", _("Public service")
    OTHER = "lainnya", _("Other regional innovation by urusan")


class Status(models.TextChoices):
    """Where an innovation stands in the approval chain."""

    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Waiting for the agency head")
    APPROVED = "approved", _("Approved by the agency head")
    VERIFIED = "verified", _("Verified by the regional administrator")
    ACCEPTED = "accepted", _("Accepted by the secretariat")
    RETURNED = "returned", _("Returned for correction")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# Statuses in which an innovation is waiting somewhere in the approval chain.
IN_REVIEW = (Status.SUBMITTED, Status.APPROVED, Status.VERIFIED)


class InnovationQuerySet(models.QuerySet["Innovation"]):
    def accepted(self) -> "InnovationQuerySet":
        return self.filter(status=Status.ACCEPTED)

    def public(self) -> "InnovationQuerySet":
        """What citizens and the public API may see."""
        return self.accepted()


class Innovation(models.Model):
    # Who and where
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("agency"),
        related_name="innovations",
        on_delete=models.PROTECT,
    )
    service_unit = models.ForeignKey(
        "agencies.ServiceUnit",
        verbose_name=_("service unit"),
        related_name="innovations",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    programme_year = models.PositiveSmallIntegerField(
        _("programme year"),
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        help_text=_("The year of the Satu OPD Satu Inovasi obligation this innovation counts for."),
    )
    # Profile (IID)
    name = models.CharField(_("name of the innovation"), max_length=200)
    stage = models.CharField(_("stage"), max_length=12, choices=Stage.choices)
    initiator_kind = models.CharField(_("initiator"), max_length=15, choices=InitiatorKind.choices)
    initiator_name = models.CharField(_("name of the initiator"), max_length=200, blank=True)
    is_digital = models.BooleanField(_("digital innovation"), default=False)
    form = models.CharField(_("form"), max_length=20, choices=InnovationForm.choices)
    main_urusan = models.ForeignKey(
        "urusan.Urusan",
        verbose_name=_("main urusan"),
        related_name="main_innovations",
        on_delete=models.PROTECT,
    )
    related_urusan = models.ManyToManyField(
        "urusan.Urusan",
        verbose_name=_("related urusan"),
        related_name="related_innovations",
        blank=True,
    )
    trial_date = models.DateField(_("trial date"), null=True, blank=True)
    launch_date = models.DateField(_("launch date"), null=True, blank=True)
    design = models.TextField(_("design (rancang bangun)"), blank=True)
    goals = models.TextField(_("goals"), blank=True)
    benefits = models.TextField(_("benefits"), blank=True)
    results_before = models.TextField(_("situation before the innovation"), blank=True)
    results_after = models.TextField(_("results after the innovation"), blank=True)
    sdg_goals = models.JSONField(
        _("SDG goals"), default=list, blank=True, help_text=_("Numbers of the SDG goals (1–17).")
    )
    budget = models.DecimalField(
        _("budget (Rp)"), max_digits=16, decimal_places=0, null=True, blank=True
    )
    # KIPP proposal sections
    summary = models.TextField(_("summary"), blank=True, help_text=_("At most 200 words."))
    background = models.TextField(_("background and objectives"), blank=True)
    novelty = models.TextField(_("novelty"), blank=True)
    implementation = models.TextField(_("implementation"), blank=True)
    significance = models.TextField(_("significance"), blank=True)
    adaptability = models.TextField(_("adaptability"), blank=True)
    resources = models.TextField(_("resources"), blank=True)
    sustainability = models.TextField(_("sustainability"), blank=True)
    # Replication lineage
    replicated_from = models.ForeignKey(
        "self",
        verbose_name=_("replicated from"),
        related_name="replications",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    # Workflow
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    submitted_at = models.DateTimeField(_("first submitted"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    # Optimistic locking: every save increments it; a save based on an older version is refused.
    version = models.PositiveIntegerField(default=1)
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

    objects = InnovationQuerySet.as_manager()

    class Meta:
        ordering = ["-programme_year", "name"]
        verbose_name = _("innovation")
        verbose_name_plural = _("innovations")
        indexes = [
            # Compliance board: accepted innovations of a year per agency.
            models.Index(
                fields=["programme_year", "status", "agency"], name="innovation_year_status"
            ),
            # Operator lists: an agency's innovations by status.
            models.Index(fields=["agency", "status"], name="innovation_agency_status"),
        ]

    def __str__(self) -> str:
        return self.name

    def age_in_years(self, on: datetime.date) -> float | None:
        """Years of implementation since the launch date (KIPP eligibility counts from it)."""
        if self.launch_date is None:
            return None
        return (on - self.launch_date).days / 365.25


class YearStatus(models.TextChoices):
    CONTINUED = "continued", _("Continued")
    DEVELOPED = "developed", _("Developed further")
    STOPPED = "stopped", _("Stopped")


class InnovationYear(models.Model):
    """What happened to an innovation in one year after it was registered."""

    innovation = models.ForeignKey(
        Innovation, verbose_name=_("innovation"), related_name="years", on_delete=models.CASCADE
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    status = models.CharField(_("status"), max_length=10, choices=YearStatus.choices)
    development_note = models.TextField(_("what was developed"), blank=True)
    stop_reason = models.TextField(_("why it stopped"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["innovation", "year"]
        verbose_name = _("yearly status")
        verbose_name_plural = _("yearly statuses")
        constraints = [
            models.UniqueConstraint(fields=["innovation", "year"], name="innovation_year_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.innovation} {self.year}: {self.get_status_display()}"


class EvidenceKind(models.TextChoices):
    DECREE = "decree", _("Decree or regulation")
    REPORT = "report", _("Report or study")
    PHOTO = "photo", _("Photo")
    VIDEO = "video", _("Video")
    GUIDE = "guide", _("Guide or SOP")
    MEDIA = "media", _("Media coverage")
    SURVEY = "survey", _("Satisfaction survey result")
    OTHER = "other", _("Other")


class Evidence(models.Model):
    """A file or link that supports an innovation (bukti dukung)."""

    innovation = models.ForeignKey(
        Innovation, verbose_name=_("innovation"), related_name="evidence", on_delete=models.CASCADE
    )
    kind = models.CharField(_("kind"), max_length=10, choices=EvidenceKind.choices)
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to="evidence/%Y/%m/", blank=True, max_length=255)
    url = models.URLField(_("link"), blank=True, max_length=500)
    is_public = models.BooleanField(
        _("public"), default=False, help_text=_("Shown to citizens in the public catalog.")
    )
    content_type = models.CharField(_("content type"), max_length=100, blank=True)
    size = models.PositiveBigIntegerField(_("size (bytes)"), default=0)
    sha256 = models.CharField(max_length=64, blank=True)
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
        ordering = ["innovation", "-created_at"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(file="") | ~models.Q(url=""),
                name="evidence_has_file_or_link",
            ),
        ]

    def __str__(self) -> str:
        return self.title
