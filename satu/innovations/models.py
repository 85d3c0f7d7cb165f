"""The innovation registry: one record per innovation, living across years.

The profile follows the Indeks Inovasi Daerah form (PP 38/2017, Permendagri 104/2018) and
carries the KIPP proposal sections, so the same record feeds the competition, the national
exports and the public catalog.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from satu.core.models import ImportJobBase


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
            # Public lists (catalog, API): newest year first, then by name, read in index order
            # so a page never sorts the whole year.
            models.Index(
                "status",
                F("programme_year").desc(),
                "name",
                "id",
                name="innovation_public_order",
            ),
            # The innovation page's neighbours when its related list is not computed yet:
            # the newest public innovations of the same urusan.
            models.Index(
                "main_urusan",
                "status",
                F("programme_year").desc(),
                F("id").desc(),
                name="innovation_urusan_newest",
            ),
            # The catalog sorted by name (`order_by("name", "pk")` on accepted innovations):
            # a page reads 12 index entries instead of sorting every accepted innovation
            # (national bench data: 275,000 rows, 1.5 s; with it under 1 ms). Led by status
            # rather than partial: SQLite's planner prefers innovation_public_order's equality
            # on status to a partial index, and would still sort.
            models.Index("status", "name", "id", name="innovation_public_name"),
            # The newest public innovations (home page, the catalog's default sort) are read
            # through `innovation_public_newest`, a PostgreSQL-only index created by migration
            # 0006_public_list_indexes: it needs NULLS LAST, which no Django Index can declare
            # for SQLite.
        ]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def from_db(cls, db, field_names, values, *, fetch_mode=None):  # type: ignore[no-untyped-def]
        instance = super().from_db(db, field_names, values, fetch_mode=fetch_mode)
        # The agency and year the row had when loaded: what was derived from them (the
        # compliance statuses) is refreshed for the old pair too when a save moves them.
        instance.loaded_owner = (
            instance.__dict__.get("agency_id"),
            instance.__dict__.get("programme_year"),
        )
        return instance

    def age_in_years(self, on: datetime.date) -> float | None:
        """Years of implementation since the launch date (KIPP eligibility counts from it)."""
        if self.launch_date is None:
            return None
        return (on - self.launch_date).days / 365.25

    @property
    def started_on(self) -> datetime.date:
        """When the innovation began: launch, else trial, else the start of its programme year."""
        return self.launch_date or self.trial_date or datetime.date(self.programme_year, 1, 1)

    @property
    def is_provincial(self) -> bool:
        """Provincial agencies skip the regional administrator's verification."""
        return self.agency.region.is_province

    def clean(self) -> None:
        from .validation import profile_errors

        errors = profile_errors(self, today=timezone.localdate())
        if errors:
            raise ValidationError(errors)


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

    def clean(self) -> None:
        from .validation import year_status_errors

        errors = year_status_errors(self, today=timezone.localdate())
        if errors:
            raise ValidationError(errors)


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
    original_name = models.CharField(
        _("original file name"),
        max_length=200,
        blank=True,
        help_text=_("The name the file had on the uploader's computer, cleaned for display."),
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

    @property
    def is_file(self) -> bool:
        return bool(self.file)

    def clean(self) -> None:
        from .validation import evidence_errors

        errors = evidence_errors(self)
        if errors:
            raise ValidationError(errors)


class ReviewAction(models.TextChoices):
    """What happened to an innovation in the approval chain."""

    SUBMIT = "submit", _("Submitted")
    APPROVE = "approve", _("Approved by the agency head")
    VERIFY = "verify", _("Verified by the regional administrator")
    ACCEPT = "accept", _("Accepted by the secretariat")
    RETURN = "return", _("Returned for correction")
    WITHDRAW = "withdraw", _("Withdrawn")
    REOPEN = "reopen", _("Reopened for correction")
    IMPORT = "import", _("Imported")


class ReviewEvent(models.Model):
    """One step of the approval chain: who moved the innovation from where to where, and why."""

    innovation = models.ForeignKey(
        Innovation,
        verbose_name=_("innovation"),
        related_name="review_events",
        on_delete=models.CASCADE,
    )
    action = models.CharField(_("action"), max_length=10, choices=ReviewAction.choices)
    from_status = models.CharField(_("from"), max_length=12, choices=Status.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=12, choices=Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    # The role the actor acted in, kept even if the person later loses it.
    actor_role = models.CharField(_("as"), max_length=20, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    revision = models.ForeignKey(
        "Revision",
        verbose_name=_("revision"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(_("time"), default=timezone.now)

    class Meta:
        ordering = ["innovation", "created_at", "pk"]
        verbose_name = _("review event")
        verbose_name_plural = _("review events")
        indexes = [
            # The review log of one innovation and "the latest return reason" lookups.
            models.Index(fields=["innovation", "created_at"], name="review_event_innovation"),
        ]

    def __str__(self) -> str:
        return f"{self.innovation_id} {self.action} {self.from_status}->{self.to_status}"


class RevisionKind(models.TextChoices):
    SAVE = "save", _("Saved")
    SUBMISSION = "submission", _("Submitted")
    CONFLICT = "conflict", _("Refused save (conflict)")
    IMPORT = "import", _("Imported")


class Revision(models.Model):
    """A full snapshot of the profile as it was saved, submitted, imported or refused.

    ``version`` is the innovation's version this content became; for a refused save
    (``kind=conflict``) it is the version the editor had started from.
    """

    innovation = models.ForeignKey(
        Innovation, verbose_name=_("innovation"), related_name="revisions", on_delete=models.CASCADE
    )
    number = models.PositiveIntegerField(_("number"))
    version = models.PositiveIntegerField(_("version"))
    kind = models.CharField(_("kind"), max_length=10, choices=RevisionKind.choices)
    data = models.JSONField(_("content"), default=dict)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    note = models.CharField(_("note"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("time"), default=timezone.now)

    class Meta:
        ordering = ["innovation", "-number"]
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        constraints = [
            models.UniqueConstraint(fields=["innovation", "number"], name="revision_number_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.innovation_id} #{self.number} ({self.kind})"

    @property
    def is_conflict(self) -> bool:
        return self.kind == RevisionKind.CONFLICT


class ImportStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to start")
    CHECKING = "checking", _("Checking rows")
    WRITING = "writing", _("Saving innovations")
    SUCCEEDED = "succeeded", _("Finished")
    FAILED = "failed", _("Refused")


class ImportJob(ImportJobBase):
    """A bulk import of innovations from a spreadsheet, run in the background."""

    file = models.FileField(_("file"), upload_to="imports/innovations/", max_length=255)
    status = models.CharField(
        _("status"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.PENDING
    )
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    checked_rows = models.PositiveIntegerField(_("rows checked"), default=0)
    created_count = models.PositiveIntegerField(_("innovations created"), default=0)

    class Meta(ImportJobBase.Meta):
        verbose_name = _("innovation import")
        verbose_name_plural = _("innovation imports")

    @property
    def percent(self) -> int:
        if self.status == ImportStatus.SUCCEEDED:
            return 100
        if not self.total_rows:
            return 0
        return min(99, int(self.checked_rows * 100 / self.total_rows))
