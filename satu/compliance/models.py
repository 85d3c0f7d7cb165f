"""Compliance with "Satu OPD Satu Inovasi": the settings of each programme year, exemptions
of single agencies, and the log of the reminders sent.

Who counts and how is defined in :mod:`satu.compliance.rules`.
"""

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from satu.agencies.models import AgencyType

DEFAULT_REMINDER_DAYS = [30, 14, 7, 1]
DEFAULT_ESCALATION_DAYS = [1, 7]


def default_obliged_types() -> list[str]:
    return list(AgencyType.values)


def default_reminder_days() -> list[int]:
    return list(DEFAULT_REMINDER_DAYS)


def default_escalation_days() -> list[int]:
    return list(DEFAULT_ESCALATION_DAYS)


class CountingRule(models.TextChoices):
    """Which innovation makes an agency comply; see :mod:`satu.compliance.rules`."""

    ACCEPTED = "accepted", _("Accepted by the secretariat (submitted by the deadline)")
    SUBMITTED = "submitted", _("Submitted by the deadline")


class ProgrammeYear(models.Model):
    """The secretariat's settings for one year of the programme."""

    year = models.PositiveSmallIntegerField(
        _("year"), unique=True, validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    registration_deadline = models.DateField(
        _("registration deadline"),
        help_text=_("The last day on which an innovation can be submitted for this year."),
    )
    obliged_types = models.JSONField(
        _("obliged agency types"),
        default=default_obliged_types,
        help_text=_("Agencies of these types must register an innovation this year."),
    )
    counting_rule = models.CharField(
        _("what counts"),
        max_length=10,
        choices=CountingRule.choices,
        default=CountingRule.ACCEPTED,
    )
    reminder_days = models.JSONField(
        _("reminders (days before the deadline)"),
        default=default_reminder_days,
        help_text=_("Agencies that have not complied are reminded this many days before."),
    )
    escalation_days = models.JSONField(
        _("escalations (days after the deadline)"),
        default=default_escalation_days,
        help_text=_(
            "The regional administrators and the secretariat are told this many days after."
        ),
    )
    green_from = models.PositiveSmallIntegerField(
        _("green from (%)"),
        default=90,
        validators=[MaxValueValidator(100)],
        help_text=_("A region is shown green when at least this share of its agencies complied."),
    )
    amber_from = models.PositiveSmallIntegerField(
        _("amber from (%)"),
        default=60,
        validators=[MaxValueValidator(100)],
        help_text=_("A region is shown amber from this share; below it, red."),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last changed by"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("programme year")
        verbose_name_plural = _("programme years")
        constraints = [
            models.CheckConstraint(
                condition=Q(amber_from__lte=models.F("green_from")),
                name="programme_year_amber_below_green",
            ),
        ]

    def __str__(self) -> str:
        return str(self.year)

    @property
    def deadline_end(self) -> datetime.datetime:
        """The first moment after the deadline day, in the programme's time zone."""
        next_day = self.registration_deadline + datetime.timedelta(days=1)
        return datetime.datetime.combine(
            next_day, datetime.time.min, tzinfo=timezone.get_default_timezone()
        )

    def days_left(self, today: datetime.date | None = None) -> int:
        """Days until the deadline day (0 on the day itself, negative after it)."""
        today = today or timezone.localdate()
        return (self.registration_deadline - today).days

    def obliged_type_labels(self) -> list[str]:
        labels = dict(AgencyType.choices)
        return [str(labels.get(value, value)) for value in self.obliged_types]

    @property
    def all_types_obliged(self) -> bool:
        return set(AgencyType.values) <= set(self.obliged_types)


class ExemptionStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for confirmation")
    CONFIRMED = "confirmed", _("Confirmed")
    REJECTED = "rejected", _("Rejected")
    REVOKED = "revoked", _("Revoked")


# An agency has at most one exemption that is waiting or in force per year.
OPEN_EXEMPTION_STATUSES = (ExemptionStatus.PENDING, ExemptionStatus.CONFIRMED)


class Exemption(models.Model):
    """One agency freed from the obligation for one year, with the reason.

    A secretariat member requests it; another secretariat member or a system administrator
    confirms it. Only a confirmed exemption takes the agency out of the denominator.
    """

    programme_year = models.ForeignKey(
        ProgrammeYear,
        verbose_name=_("programme year"),
        related_name="exemptions",
        on_delete=models.PROTECT,
    )
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("agency"),
        related_name="compliance_exemptions",
        on_delete=models.PROTECT,
    )
    reason = models.TextField(
        _("justification"),
        help_text=_("Why this agency cannot be expected to register an innovation this year."),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ExemptionStatus.choices,
        default=ExemptionStatus.PENDING,
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        related_name="+",
        on_delete=models.PROTECT,
    )
    requested_at = models.DateTimeField(_("requested"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        related_name="+",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_note = models.TextField(_("note on the decision"), blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        related_name="+",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revocation_note = models.TextField(_("why it was revoked"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("exemption")
        verbose_name_plural = _("exemptions")
        constraints = [
            # Also the index of the board's join "confirmed exemption of this agency this year".
            models.UniqueConstraint(
                fields=["programme_year", "agency"],
                condition=Q(status__in=["pending", "confirmed"]),
                name="exemption_one_open_per_agency_year",
            ),
            models.CheckConstraint(
                condition=Q(status="pending") | Q(decided_by__isnull=False),
                name="exemption_decided_has_decider",
            ),
            models.CheckConstraint(
                condition=~Q(decided_by=models.F("requested_by")),
                name="exemption_four_eyes",
            ),
        ]
        indexes = [
            # The board: confirmed exemptions of a year, joined on the agency.
            models.Index(
                fields=["programme_year", "status", "agency"], name="exemption_year_status"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agency} ({self.programme_year})"


class ReminderLog(models.Model):
    """One reminder or escalation that a person received about an agency at one step.

    The unique constraint makes sending idempotent: a step reaches a person about an agency
    once, however often the daily command runs.
    """

    programme_year = models.ForeignKey(
        ProgrammeYear, related_name="reminder_logs", on_delete=models.CASCADE
    )
    agency = models.ForeignKey(
        "agencies.Agency", related_name="compliance_reminders", on_delete=models.CASCADE
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, related_name="compliance_reminders", on_delete=models.CASCADE
    )
    # "before-7" (7 days before the deadline) or "after-1" (1 day after it).
    step = models.CharField(max_length=20)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        constraints = [
            models.UniqueConstraint(
                fields=["programme_year", "agency", "recipient", "step"],
                name="reminder_once_per_step",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.programme_year} {self.step} {self.agency_id} → {self.recipient_id}"


class AgencyStatus(models.Model):
    """The status of one obliged agency in one programme year, kept current by
    :mod:`satu.compliance.statuses` inside every change that can move it.

    The rule (:mod:`satu.compliance.rules`) stays the definition; this table is its result,
    stored so that the board, the API and the exports read one row per agency instead of
    joining every agency to its innovations on each request. Agencies that are not obliged
    in the year have no row.
    """

    programme_year = models.ForeignKey(
        ProgrammeYear, related_name="agency_statuses", on_delete=models.CASCADE
    )
    agency = models.ForeignKey(
        "agencies.Agency", related_name="compliance_statuses", on_delete=models.CASCADE
    )
    status = models.CharField(max_length=10)
    # 0 = complied … 4 = exempt (the order of rules.STATUSES), for sorting.
    status_rank = models.PositiveSmallIntegerField()
    # Innovations of the year that count for the agency.
    counted = models.PositiveIntegerField(default=0)
    # The agency's region and type when the row was written: the key under which the row is
    # counted in StatusCount, so that moving an agency takes its count from where it was.
    region = models.ForeignKey("regions.Region", related_name="+", on_delete=models.PROTECT)
    agency_type = models.CharField(max_length=20)

    class Meta:
        verbose_name = _("agency status")
        verbose_name_plural = _("agency statuses")
        constraints = [
            models.UniqueConstraint(
                fields=["programme_year", "agency"], name="agency_status_once_per_year"
            ),
        ]
        indexes = [
            models.Index(fields=["programme_year", "status"], name="agency_status_year_status"),
        ]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.programme_year_id}: {self.status}"


class StatusCount(models.Model):
    """How many obliged agencies of one region and type have each status in a programme year.

    The sums of :class:`AgencyStatus`, kept by :mod:`satu.compliance.statuses` in the same
    transaction as the rows: the board's regions, types, totals and trend add up a few
    thousand of these instead of counting 25,000 agencies a year. The tests compare them with
    the rows after every kind of change.
    """

    programme_year = models.ForeignKey(
        ProgrammeYear, related_name="status_counts", on_delete=models.CASCADE
    )
    region = models.ForeignKey("regions.Region", related_name="+", on_delete=models.PROTECT)
    agency_type = models.CharField(max_length=20)
    status = models.CharField(max_length=10)
    count = models.IntegerField(default=0)

    class Meta:
        verbose_name = _("status count")
        verbose_name_plural = _("status counts")
        constraints = [
            models.UniqueConstraint(
                fields=["programme_year", "region", "agency_type", "status"],
                name="status_count_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.programme_year_id} {self.region_id} {self.agency_type} {self.status}"
