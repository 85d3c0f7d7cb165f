"""The yearly competition, its rules (as data), categories, timeline and juror pool."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class Stage(models.TextChoices):
    """Tahapan kompetisi, in the order the secretariat moves through them."""

    DRAFT = "draft", _("Preparation")
    REGISTRATION = "registration", _("Registration")
    SCREENING = "screening", _("Administrative screening")
    DESK_EVALUATION = "desk_evaluation", _("Desk evaluation")
    SHORTLIST = "shortlist", _("Shortlisting")
    OBJECTION = "objection", _("Public objection period")
    PRESENTATION = "presentation", _("Presentation and interview")
    FIELD_VERIFICATION = "field_verification", _("Field verification")
    FINAL = "final", _("Final scoring and winners")
    ANNOUNCED = "announced", _("Winners announced")


STAGE_ORDER: list[str] = [stage.value for stage in Stage]


def stage_index(stage: str) -> int:
    return STAGE_ORDER.index(stage)


class Group(models.TextChoices):
    """Kelompok: umum (general), replikasi (replication) and khusus (earlier top winners)."""

    GENERAL = "umum", _("General (umum)")
    REPLICATION = "replikasi", _("Replication (replikasi)")
    SPECIAL = "khusus", _("Special (khusus)")


class ShortlistMode(models.TextChoices):
    TOP_N = "top_n", _("The best N entries")
    THRESHOLD = "threshold", _("Every entry at or above a score")


class CompetitionQuerySet(models.QuerySet["Competition"]):
    def public(self) -> "CompetitionQuerySet":
        """Competitions citizens may see: everything past preparation."""
        return self.exclude(stage=Stage.DRAFT)


def _default_groups() -> list[str]:
    return [Group.GENERAL.value]


class Competition(models.Model):
    """One yearly innovation competition run by a province (KIPP-like).

    Every rule is a field here, editable by the secretariat, not code.
    """

    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("organising province"),
        related_name="competitions",
        on_delete=models.PROTECT,
    )
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices, default=Stage.DRAFT)
    # Eligibility rules
    min_age_years = models.PositiveSmallIntegerField(
        _("minimum age of implementation (years)"),
        default=2,
        validators=[MaxValueValidator(10)],
        help_text=_("Counted from the launch date of the innovation to the reference date."),
    )
    age_reference_date = models.DateField(
        _("reference date for the age"),
        help_text=_("Usually the last day of registration."),
    )
    exclude_top_winners = models.BooleanField(
        _("exclude earlier top winners"),
        default=True,
        help_text=_("Innovations that already won a top award may only enter the special group."),
    )
    shortlist_limit = models.PositiveSmallIntegerField(
        _("earlier shortlistings allowed"),
        default=2,
        validators=[MaxValueValidator(20)],
        help_text=_(
            "An innovation shortlisted this many times before (here or nationally) may not "
            "enter again; 0 turns the rule off."
        ),
    )
    quota_per_region = models.PositiveSmallIntegerField(
        _("entries per kabupaten/kota"),
        null=True,
        blank=True,
        help_text=_("Leave empty for no limit."),
    )
    quota_per_provincial_agency = models.PositiveSmallIntegerField(
        _("entries per provincial agency"),
        null=True,
        blank=True,
        help_text=_("Leave empty for no limit."),
    )
    groups = models.JSONField(
        _("groups open"), default=_default_groups, help_text=_("umum, replikasi, khusus")
    )
    correction_ends_on = models.DateField(
        _("last day for corrections"),
        null=True,
        blank=True,
        help_text=_("Operators may correct their entries until this day (inclusive)."),
    )
    # Shortlist
    shortlist_mode = models.CharField(
        _("shortlist by"), max_length=10, choices=ShortlistMode.choices, default=ShortlistMode.TOP_N
    )
    shortlist_size = models.PositiveSmallIntegerField(_("shortlist size"), default=20)
    shortlist_threshold = models.DecimalField(
        _("shortlist score threshold"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
    )
    shortlist_proportional_groups = models.BooleanField(
        _("share the shortlist among the groups in proportion to their entries"), default=False
    )
    shortlist_max_per_region = models.PositiveSmallIntegerField(
        _("at most this many shortlisted entries per kabupaten/kota"), null=True, blank=True
    )
    # Objection period (uji publik)
    objection_days = models.PositiveSmallIntegerField(
        _("length of the objection period (days)"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )
    objection_opens_at = models.DateTimeField(_("objection period opened"), null=True, blank=True)
    objection_closes_at = models.DateTimeField(_("objection period closes"), null=True, blank=True)
    # Presentations
    presentation_minutes = models.PositiveSmallIntegerField(
        _("presentation (minutes)"), default=7, validators=[MinValueValidator(1)]
    )
    interview_minutes = models.PositiveSmallIntegerField(
        _("interview (minutes)"), default=13, validators=[MinValueValidator(0)]
    )
    panel_size = models.PositiveSmallIntegerField(
        _("jurors per presentation panel"), default=3, validators=[MinValueValidator(1)]
    )
    # Winners
    winners_per_category = models.PositiveSmallIntegerField(
        _("winners per group and category"), default=3, validators=[MinValueValidator(1)]
    )
    announced_at = models.DateTimeField(_("announced"), null=True, blank=True)
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

    objects = CompetitionQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "name"]
        verbose_name = _("competition")
        verbose_name_plural = _("competitions")
        constraints = [
            models.UniqueConstraint(fields=["region", "year", "name"], name="competition_unique"),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        unknown = [g for g in self.groups or [] if g not in Group.values]
        if not self.groups or unknown:
            raise ValidationError({"groups": _("Choose at least one of umum, replikasi, khusus.")})
        if self.shortlist_mode == ShortlistMode.THRESHOLD and self.shortlist_threshold is None:
            raise ValidationError(
                {"shortlist_threshold": _("A threshold is needed to shortlist by score.")}
            )

    @property
    def is_announced(self) -> bool:
        return self.stage == Stage.ANNOUNCED

    @property
    def slot_minutes(self) -> int:
        return self.presentation_minutes + self.interview_minutes

    def group_labels(self) -> list[str]:
        return [str(Group(g).label) for g in self.groups if g in Group.values]

    def objection_open(self, now: datetime.datetime) -> bool:
        return (
            self.stage == Stage.OBJECTION
            and self.objection_closes_at is not None
            and now < self.objection_closes_at
        )

    def correction_open(self, today: datetime.date) -> bool:
        if self.stage not in (Stage.REGISTRATION, Stage.SCREENING):
            return False
        return self.correction_ends_on is None or today <= self.correction_ends_on


class Category(models.Model):
    """A thematic category of a competition (e.g. inclusive public service)."""

    competition = models.ForeignKey(
        Competition,
        verbose_name=_("competition"),
        related_name="categories",
        on_delete=models.CASCADE,
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    winners = models.PositiveSmallIntegerField(
        _("winners"),
        null=True,
        blank=True,
        help_text=_("Leave empty to use the competition's number of winners."),
    )

    class Meta:
        ordering = ["competition", "order", "name"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        constraints = [
            models.UniqueConstraint(fields=["competition", "name"], name="category_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


class TimelineStep(models.Model):
    """The published dates of one stage."""

    competition = models.ForeignKey(
        Competition,
        verbose_name=_("competition"),
        related_name="timeline",
        on_delete=models.CASCADE,
    )
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))

    class Meta:
        ordering = ["competition", "starts_on", "pk"]
        verbose_name = _("timeline step")
        verbose_name_plural = _("timeline")
        constraints = [
            models.UniqueConstraint(fields=["competition", "stage"], name="timeline_unique_stage"),
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="timeline_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_stage_display()}: {self.starts_on} – {self.ends_on}"

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The end date cannot be before the start date.")})


class JurorKind(models.TextChoices):
    INTERNAL = "internal", _("Internal (government)")
    INDEPENDENT = "independent", _("Independent")


class CompetitionJuror(models.Model):
    """A juror in the pool of one competition."""

    competition = models.ForeignKey(
        Competition, verbose_name=_("competition"), related_name="jurors", on_delete=models.CASCADE
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("juror"),
        related_name="competition_juries",
        on_delete=models.PROTECT,
    )
    kind = models.CharField(
        _("kind"), max_length=12, choices=JurorKind.choices, default=JurorKind.INDEPENDENT
    )
    expertise = models.ManyToManyField("urusan.Urusan", verbose_name=_("expertise"), blank=True)
    max_load = models.PositiveSmallIntegerField(
        _("maximum number of entries"),
        default=20,
        validators=[MinValueValidator(1)],
        help_text=_("Per round."),
    )
    # Where the juror works and lives: conflicts of interest are derived from these (and from
    # the agencies and kabupaten/kota of the user's own role memberships).
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("works at"),
        related_name="+",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text=_("Leave empty for an independent juror outside government."),
    )
    home_region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("home kabupaten/kota"),
        related_name="+",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["competition", "user__full_name"]
        verbose_name = _("competition juror")
        verbose_name_plural = _("competition jurors")
        constraints = [
            models.UniqueConstraint(fields=["competition", "user"], name="juror_unique_per_pool"),
        ]

    def __str__(self) -> str:
        return str(self.user)


class StageTransition(models.Model):
    """A recorded move of a competition from one stage to another."""

    competition = models.ForeignKey(
        Competition,
        verbose_name=_("competition"),
        related_name="transitions",
        on_delete=models.CASCADE,
    )
    from_stage = models.CharField(_("from"), max_length=20, choices=Stage.choices)
    to_stage = models.CharField(_("to"), max_length=20, choices=Stage.choices)
    forced = models.BooleanField(_("forced"), default=False)
    reason = models.TextField(_("reason"), blank=True)
    open_work = models.JSONField(_("unfinished work"), default=list, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(_("time"), auto_now_add=True)

    class Meta:
        ordering = ["competition", "-created_at", "-pk"]
        verbose_name = _("stage move")
        verbose_name_plural = _("stage moves")

    def __str__(self) -> str:
        return f"{self.competition}: {self.from_stage} → {self.to_stage}"
