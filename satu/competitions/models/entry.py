"""Entries into a competition and the record of earlier awards."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .competition import Category, Competition, Group


class EntryStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Waiting for screening")
    PASSED = "passed", _("Passed screening")
    FAILED = "failed", _("Failed screening")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ScreeningReason(models.TextChoices):
    """Reason codes of the administrative screening (seleksi administrasi)."""

    INCOMPLETE = "incomplete_documents", _("Required documents missing or incomplete")
    TOO_YOUNG = "too_young", _("Implemented for less than the minimum time")
    NO_EVIDENCE = "no_evidence", _("Claims not supported by evidence")
    CARELESS = "careless_answers", _("Answers do not address the questions")
    DUPLICATE_TITLE = "duplicate_title", _("The same title was entered more than once")
    NOT_PUBLIC_SERVICE = "not_public_service", _("Not a public-service innovation")
    WRONG_GROUP = "wrong_group", _("Entered in the wrong group or category")
    OTHER = "other", _("Other reason (see the note)")


class EntryQuerySet(models.QuerySet["Entry"]):
    def active(self) -> "EntryQuerySet":
        return self.exclude(status=EntryStatus.WITHDRAWN)

    def passed(self) -> "EntryQuerySet":
        return self.filter(status=EntryStatus.PASSED)

    def shortlisted(self) -> "EntryQuerySet":
        """Entries on the shortlist now (not removed after an objection)."""
        return self.filter(
            status=EntryStatus.PASSED, shortlisted_at__isnull=False, removed_at__isnull=True
        )


class Entry(models.Model):
    """An accepted innovation entered by its agency into one competition."""

    competition = models.ForeignKey(
        Competition, verbose_name=_("competition"), related_name="entries", on_delete=models.CASCADE
    )
    innovation = models.ForeignKey(
        "innovations.Innovation",
        verbose_name=_("innovation"),
        related_name="competition_entries",
        on_delete=models.PROTECT,
    )
    # Kept on the entry: quotas count by the agency that entered, even if the innovation moves.
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("agency"),
        related_name="competition_entries",
        on_delete=models.PROTECT,
    )
    group = models.CharField(_("group"), max_length=10, choices=Group.choices)
    category = models.ForeignKey(
        Category,
        verbose_name=_("category"),
        related_name="entries",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    original_innovation = models.ForeignKey(
        "innovations.Innovation",
        verbose_name=_("original innovation (replication)"),
        related_name="replicating_entries",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    status = models.CharField(
        _("status"), max_length=10, choices=EntryStatus.choices, default=EntryStatus.SUBMITTED
    )
    # Administrative screening
    screening_reasons = models.JSONField(_("screening reasons"), default=list, blank=True)
    screening_note = models.TextField(_("screening note"), blank=True)
    screened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("screened by"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    screened_at = models.DateTimeField(_("screened"), null=True, blank=True)
    # Shortlist and objections
    shortlisted_at = models.DateTimeField(_("shortlisted"), null=True, blank=True)
    shortlist_rank = models.PositiveIntegerField(_("shortlist rank"), null=True, blank=True)
    removed_at = models.DateTimeField(_("removed from the shortlist"), null=True, blank=True)
    removal_reason = models.TextField(_("reason for the removal"), blank=True)
    # Final outcome
    final_score = models.DecimalField(
        _("final score"), max_digits=7, decimal_places=3, null=True, blank=True
    )
    rank = models.PositiveIntegerField(_("rank in group and category"), null=True, blank=True)
    is_winner = models.BooleanField(_("winner"), default=False)
    award_title = models.CharField(_("title"), max_length=120, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    submitted_at = models.DateTimeField(_("entered"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EntryQuerySet.as_manager()

    class Meta:
        ordering = ["competition", "submitted_at", "pk"]
        verbose_name = _("entry")
        verbose_name_plural = _("entries")
        constraints = [
            models.UniqueConstraint(
                fields=["competition", "innovation"],
                condition=~Q(status="withdrawn"),
                name="entry_unique_innovation",
            ),
        ]
        indexes = [
            # Quotas: active entries of a competition per agency (and through it per region).
            models.Index(fields=["competition", "agency", "status"], name="entry_quota"),
            # Shortlists and eligibility: earlier shortlistings of an innovation.
            models.Index(fields=["innovation", "shortlisted_at"], name="entry_innovation_short"),
        ]

    def __str__(self) -> str:
        return f"{self.innovation} ({self.competition.year})"

    @property
    def is_shortlisted(self) -> bool:
        return self.shortlisted_at is not None and self.removed_at is None

    @property
    def is_finalist(self) -> bool:
        return self.is_shortlisted and self.status == EntryStatus.PASSED

    def reason_labels(self) -> list[str]:
        labels = dict(ScreeningReason.choices)
        return [str(labels.get(code, code)) for code in self.screening_reasons]


class AwardSource(models.TextChoices):
    PROVINCIAL = "provincial", _("Provincial competition")
    KIPP = "kipp", _("KIPP (KemenPAN-RB)")
    IGA = "iga", _("Innovative Government Award (Kemendagri)")
    OTHER = "other", _("Other")


class Award(models.Model):
    """An award an innovation received, here or elsewhere; the eligibility check reads it.

    National forwarding records outcomes (KIPP Top 99, Top 45, IGA nominee…) as awards too.
    """

    innovation = models.ForeignKey(
        "innovations.Innovation",
        verbose_name=_("innovation"),
        related_name="awards",
        on_delete=models.CASCADE,
    )
    source = models.CharField(_("awarded by"), max_length=12, choices=AwardSource.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=120, help_text=_("e.g. Top 99, Juara 1"))
    is_top_winner = models.BooleanField(
        _("top winner"),
        default=False,
        help_text=_("A best-category award (e.g. KIPP Top 45, a provincial winner)."),
    )
    is_shortlisting = models.BooleanField(
        _("counts as a shortlisting"),
        default=True,
        help_text=_("Reaching this award means the innovation was shortlisted (e.g. Top 99)."),
    )
    entry = models.ForeignKey(
        Entry,
        verbose_name=_("competition entry"),
        related_name="awards",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["innovation", "-year", "title"]
        verbose_name = _("award")
        verbose_name_plural = _("awards")
        constraints = [
            models.UniqueConstraint(
                fields=["innovation", "source", "year", "title"], name="award_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} — {self.get_source_display()} {self.year}"
