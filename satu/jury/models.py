"""The jury's records: rubrics, conflicts of interest, assignments, score sheets and their history.

The calculations live in the pure modules next to this one (``conflicts``, ``assignment``,
``scoring``); the services turn these records into their plain data and back.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from . import scoring
from .conflicts import ConflictReason

REASON_CHOICES = [
    (ConflictReason.OWN_AGENCY.value, _("Own agency")),
    (ConflictReason.SUPERIOR_AGENCY.value, _("Agency above the juror's")),
    (ConflictReason.SUBORDINATE_AGENCY.value, _("Agency under the juror's")),
    (ConflictReason.SAME_REGION_AGENCY.value, _("Works in the entry's kabupaten/kota")),
    (ConflictReason.SAME_REGION_HOME.value, _("Lives in the entry's kabupaten/kota")),
    (ConflictReason.DECLARED.value, _("Declared by the juror")),
    (ConflictReason.SECRETARIAT.value, _("Set by the secretariat")),
]
DERIVED_REASONS = frozenset(
    {
        ConflictReason.OWN_AGENCY,
        ConflictReason.SUPERIOR_AGENCY,
        ConflictReason.SUBORDINATE_AGENCY,
        ConflictReason.SAME_REGION_AGENCY,
        ConflictReason.SAME_REGION_HOME,
    }
)


class Rubric(models.Model):
    """How one round is scored: criteria with weights on one scale."""

    round = models.OneToOneField(
        "competitions.Round",
        verbose_name=_("round"),
        related_name="rubric",
        on_delete=models.CASCADE,
    )
    name = models.CharField(_("name"), max_length=200)
    template = models.CharField(_("made from the template"), max_length=40, blank=True)
    scale_min = models.DecimalField(_("lowest mark"), max_digits=6, decimal_places=2, default=0)
    scale_max = models.DecimalField(_("highest mark"), max_digits=6, decimal_places=2, default=100)
    scale_step = models.DecimalField(
        _("step between marks"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        default=Decimal(1),
        validators=[MinValueValidator(Decimal("0.01"))],
        help_text=_("1 for whole marks; leave empty to allow any value."),
    )
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
        verbose_name = _("rubric")
        verbose_name_plural = _("rubrics")

    def __str__(self) -> str:
        return self.name

    @property
    def scale(self) -> scoring.Scale:
        return scoring.Scale(
            float(self.scale_min),
            float(self.scale_max),
            float(self.scale_step) if self.scale_step else None,
        )

    def as_scoring(self, criteria: list["Criterion"] | None = None) -> scoring.Rubric:
        """The rubric as the scoring module reads it; raises ``scoring.RubricError``."""
        items = criteria if criteria is not None else list(self.criteria.all())
        return scoring.Rubric(
            name=self.name,
            criteria=tuple(
                scoring.Criterion(
                    code=item.code,
                    name=item.name,
                    weight=float(item.weight),
                    description=item.description,
                    comment_required=item.comment_required,
                )
                for item in items
            ),
            scale=self.scale,
        )

    def to_percent(self, value: float | Decimal) -> Decimal:
        """A score on the rubric's scale as 0-100, the scale of every round result."""
        low, high = Decimal(self.scale_min), Decimal(self.scale_max)
        return ((Decimal(str(value)) - low) / (high - low) * 100).quantize(Decimal("0.001"))


class Criterion(models.Model):
    """One aspect of a rubric. A weight of 0 marks an aspect that is read but not scored."""

    rubric = models.ForeignKey(
        Rubric, verbose_name=_("rubric"), related_name="criteria", on_delete=models.CASCADE
    )
    code = models.SlugField(_("code"), max_length=60)
    name = models.CharField(_("aspect"), max_length=200)
    description = models.TextField(_("what the juror looks at"), blank=True)
    weight = models.DecimalField(
        _("weight (%)"),
        max_digits=6,
        decimal_places=3,
        validators=[MinValueValidator(Decimal(0))],
    )
    comment_required = models.BooleanField(_("comment required"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["rubric", "order", "pk"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        constraints = [
            models.UniqueConstraint(fields=["rubric", "code"], name="criterion_unique_code"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_scored(self) -> bool:
        return self.weight > 0


class Conflict(models.Model):
    """A conflict of interest between a juror of the pool and an entry, with its reason.

    Declared and secretariat conflicts are made here by people. Conflicts derived from the
    organisation tree are recomputed from the live data whenever they matter (the assignment,
    a juror's pages, panels); the rows with a derived reason are the stored record of them,
    refreshed by ``services.conflicts.refresh_conflicts`` and audited as they change.
    """

    competition = models.ForeignKey(
        "competitions.Competition",
        verbose_name=_("competition"),
        related_name="conflicts",
        on_delete=models.CASCADE,
    )
    juror = models.ForeignKey(
        "competitions.CompetitionJuror",
        verbose_name=_("juror"),
        related_name="conflicts",
        on_delete=models.CASCADE,
    )
    entry = models.ForeignKey(
        "competitions.Entry",
        verbose_name=_("entry"),
        related_name="conflicts",
        on_delete=models.CASCADE,
    )
    reason = models.CharField(_("reason"), max_length=24, choices=REASON_CHOICES)
    detail = models.TextField(_("explanation"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        ordering = ["competition", "juror", "entry", "reason"]
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")
        constraints = [
            models.UniqueConstraint(
                fields=["juror", "entry", "reason"], name="conflict_unique_reason"
            ),
        ]
        indexes = [
            # The conflicts page and the assignment: every conflict of a competition.
            models.Index(fields=["competition", "reason"], name="conflict_competition"),
        ]

    def __str__(self) -> str:
        return f"{self.juror} × {self.entry}: {self.reason}"

    @property
    def is_derived(self) -> bool:
        return self.reason in DERIVED_REASONS


class JurorAssignment(models.Model):
    """A committed pair: this juror scores this entry in this round."""

    round = models.ForeignKey(
        "competitions.Round",
        verbose_name=_("round"),
        related_name="assignments",
        on_delete=models.CASCADE,
    )
    juror = models.ForeignKey(
        "competitions.CompetitionJuror",
        verbose_name=_("juror"),
        related_name="assignments",
        on_delete=models.CASCADE,
    )
    entry = models.ForeignKey(
        "competitions.Entry",
        verbose_name=_("entry"),
        related_name="juror_assignments",
        on_delete=models.CASCADE,
    )
    by_hand = models.BooleanField(_("added by hand"), default=False)
    expertise_fit = models.DecimalField(
        _("expertise fit"), max_digits=4, decimal_places=3, null=True, blank=True
    )
    committed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("committed by"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    committed_at = models.DateTimeField(_("committed"))

    class Meta:
        ordering = ["round", "juror", "entry"]
        verbose_name = _("juror assignment")
        verbose_name_plural = _("juror assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "juror", "entry"], name="assignment_unique_pair"
            ),
        ]
        indexes = [
            # A juror's work list: the assignments of one juror in a round.
            models.Index(fields=["juror", "round"], name="assignment_juror_round"),
        ]

    def __str__(self) -> str:
        return f"{self.juror} → {self.entry}"


class AssignmentDraft(models.Model):
    """The secretariat's proposal for a round, edited by hand until it is committed.

    Pairs are ``[juror id, entry id]``. ``added`` pairs were put in by hand and are kept when
    the proposal is computed again; ``removed`` pairs were taken out by hand and are not made
    again.
    """

    round = models.OneToOneField(
        "competitions.Round",
        verbose_name=_("round"),
        related_name="assignment_draft",
        on_delete=models.CASCADE,
    )
    pairs = models.JSONField(default=list)
    added = models.JSONField(default=list)
    removed = models.JSONField(default=list)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("assignment proposal")
        verbose_name_plural = _("assignment proposals")

    def __str__(self) -> str:
        return f"{self.round}: {len(self.pairs)}"

    @staticmethod
    def as_pairs(values: list) -> set[tuple[int, int]]:
        return {(int(juror), int(entry)) for juror, entry in values}

    @staticmethod
    def to_json(pairs: set[tuple[int, int]]) -> list[list[int]]:
        return [[juror, entry] for juror, entry in sorted(pairs)]


class SheetStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")


class ScoreSheet(models.Model):
    """One juror's marks for one entry in one round.

    Marks are kept as decimal strings by criterion code; ``score`` is the weighted score on the
    rubric's scale, set when the sheet is submitted.
    """

    round = models.ForeignKey(
        "competitions.Round",
        verbose_name=_("round"),
        related_name="score_sheets",
        on_delete=models.CASCADE,
    )
    juror = models.ForeignKey(
        "competitions.CompetitionJuror",
        verbose_name=_("juror"),
        related_name="score_sheets",
        on_delete=models.PROTECT,
    )
    entry = models.ForeignKey(
        "competitions.Entry",
        verbose_name=_("entry"),
        related_name="score_sheets",
        on_delete=models.CASCADE,
    )
    marks = models.JSONField(_("marks"), default=dict, blank=True)
    comments = models.JSONField(_("comments"), default=dict, blank=True)
    note = models.TextField(_("general comment"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=SheetStatus.choices, default=SheetStatus.DRAFT
    )
    score = models.DecimalField(
        _("weighted score"), max_digits=7, decimal_places=3, null=True, blank=True
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(_("last saved"), auto_now=True)

    class Meta:
        ordering = ["round", "juror", "entry"]
        verbose_name = _("score sheet")
        verbose_name_plural = _("score sheets")
        constraints = [
            models.UniqueConstraint(fields=["round", "juror", "entry"], name="sheet_unique_pair"),
        ]
        indexes = [
            # Aggregation and progress: the submitted sheets of a round.
            models.Index(fields=["round", "status"], name="sheet_round_status"),
        ]

    def __str__(self) -> str:
        return f"{self.juror} → {self.entry} ({self.status})"

    @property
    def is_submitted(self) -> bool:
        return self.status == SheetStatus.SUBMITTED

    def state(self) -> dict:
        """What a change record keeps of the sheet."""
        return {
            "status": self.status,
            "score": None if self.score is None else str(self.score),
            "marks": dict(self.marks),
            "comments": dict(self.comments),
            "note": self.note,
        }


class ChangeAction(models.TextChoices):
    DRAFT = "draft", _("Draft saved")
    SUBMIT = "submit", _("Submitted")
    REVISE = "revise", _("Changed after submitting")


class ScoreChange(models.Model):
    """Who changed a score sheet, when, and what it held before and after."""

    sheet = models.ForeignKey(
        ScoreSheet, verbose_name=_("score sheet"), related_name="changes", on_delete=models.CASCADE
    )
    action = models.CharField(_("action"), max_length=10, choices=ChangeAction.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    changed_at = models.DateTimeField(_("time"), auto_now_add=True)
    old = models.JSONField(_("before"), default=dict)
    new = models.JSONField(_("after"), default=dict)

    class Meta:
        ordering = ["-changed_at", "-pk"]
        verbose_name = _("score change")
        verbose_name_plural = _("score changes")

    def __str__(self) -> str:
        return f"{self.sheet}: {self.action}"


class ReminderLog(models.Model):
    """A reminder email sent to a late juror; at most one per juror per day."""

    juror = models.ForeignKey(
        "competitions.CompetitionJuror",
        verbose_name=_("juror"),
        related_name="reminders",
        on_delete=models.CASCADE,
    )
    sent_on = models.DateField(_("day"))
    pending = models.PositiveIntegerField(_("sheets not submitted"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-sent_on", "juror"]
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            models.UniqueConstraint(fields=["juror", "sent_on"], name="reminder_once_a_day"),
        ]

    def __str__(self) -> str:
        return f"{self.juror} {self.sent_on}"
