"""Rounds of evaluation, their results, the objection period, slots and field visits."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .competition import Competition, CompetitionJuror
from .entry import Entry


class RoundKind(models.TextChoices):
    DESK = "desk", _("Desk evaluation")
    PRESENTATION = "presentation", _("Presentation and interview")
    FIELD = "field", _("Field verification")


class RoundState(models.TextChoices):
    PENDING = "pending", _("Not opened yet")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


SCORE_VALIDATORS = [MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))]


class Round(models.Model):
    """One round of evaluation. The jury work reads its options and writes RoundResults."""

    competition = models.ForeignKey(
        Competition, verbose_name=_("competition"), related_name="rounds", on_delete=models.CASCADE
    )
    kind = models.CharField(_("kind"), max_length=12, choices=RoundKind.choices)
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    weight = models.DecimalField(
        _("weight in the final score"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(0),
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
    )
    blind_review = models.BooleanField(_("blind review"), default=False)
    normalise = models.BooleanField(_("normalise juror scores"), default=False)
    jurors_per_entry = models.PositiveSmallIntegerField(
        _("jurors per entry"), default=3, validators=[MinValueValidator(1)]
    )
    state = models.CharField(
        _("state"), max_length=8, choices=RoundState.choices, default=RoundState.PENDING
    )
    closes_at = models.DateTimeField(_("closes"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    reopen_reason = models.TextField(_("reason for the last reopening"), blank=True)

    class Meta:
        ordering = ["competition", "order", "pk"]
        verbose_name = _("round")
        verbose_name_plural = _("rounds")
        constraints = [
            models.UniqueConstraint(fields=["competition", "kind"], name="round_unique_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.competition}"

    @property
    def is_closed(self) -> bool:
        return self.state == RoundState.CLOSED


class RoundResult(models.Model):
    """The score of one entry in one round: the interface between the jury and the competition.

    ``details`` holds what the jury computed (per-juror scores, normalisation); it is internal
    and never shown publicly.
    """

    round = models.ForeignKey(
        Round, verbose_name=_("round"), related_name="results", on_delete=models.CASCADE
    )
    entry = models.ForeignKey(
        Entry, verbose_name=_("entry"), related_name="round_results", on_delete=models.CASCADE
    )
    score = models.DecimalField(
        _("score"), max_digits=7, decimal_places=3, validators=SCORE_VALIDATORS
    )
    details = models.JSONField(_("details"), default=dict, blank=True)
    computed_at = models.DateTimeField(_("computed"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )

    class Meta:
        ordering = ["round", "-score", "entry"]
        verbose_name = _("round result")
        verbose_name_plural = _("round results")
        constraints = [
            models.UniqueConstraint(fields=["round", "entry"], name="round_result_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.entry}: {self.score}"


class ObjectionStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for a decision")
    UPHELD = "upheld", _("Upheld: removed from the shortlist")
    DISMISSED = "dismissed", _("Dismissed")


class Objection(models.Model):
    """An objection from the public against a shortlisted entry (uji publik)."""

    entry = models.ForeignKey(
        Entry, verbose_name=_("entry"), related_name="objections", on_delete=models.CASCADE
    )
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("email address"))
    text = models.TextField(_("objection"), max_length=5000)
    # A keyed hash of the sender's address: enough to see floods, without keeping the address.
    sender_hash = models.CharField(max_length=64, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ObjectionStatus.choices, default=ObjectionStatus.PENDING
    )
    decision_note = models.TextField(_("decision"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    created_at = models.DateTimeField(_("filed"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("objection")
        verbose_name_plural = _("objections")
        indexes = [
            # The secretariat's queue of pending objections.
            models.Index(fields=["status", "created_at"], name="objection_queue"),
        ]

    def __str__(self) -> str:
        return f"{self.name} → {self.entry}"


class PresentationSlot(models.Model):
    """A booked presentation and interview: one entry before a panel of jurors."""

    round = models.ForeignKey(
        Round, verbose_name=_("round"), related_name="slots", on_delete=models.CASCADE
    )
    entry = models.ForeignKey(
        Entry, verbose_name=_("entry"), related_name="slots", on_delete=models.CASCADE
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    jurors = models.ManyToManyField(
        CompetitionJuror, verbose_name=_("panel"), related_name="slots", blank=True
    )
    location = models.CharField(
        _("place or video link"), max_length=300, blank=True, help_text=_("Room or meeting link.")
    )
    invited_at = models.DateTimeField(_("invitation sent"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["round", "starts_at", "pk"]
        verbose_name = _("presentation slot")
        verbose_name_plural = _("presentation slots")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="slot_ends_after_start"
            ),
        ]
        indexes = [
            # Overlap checks: the slots of a round in time order.
            models.Index(fields=["round", "starts_at"], name="slot_round_time"),
        ]

    def __str__(self) -> str:
        return f"{self.entry} @ {self.starts_at:%Y-%m-%d %H:%M}"


class LocationSource(models.TextChoices):
    DEVICE = "device", _("From the device")
    TYPED = "typed", _("Typed in")


class FieldVerification(models.Model):
    """A verifier's record of a field visit; its score becomes the field round's result."""

    round = models.ForeignKey(
        Round, verbose_name=_("round"), related_name="verifications", on_delete=models.CASCADE
    )
    entry = models.ForeignKey(
        Entry, verbose_name=_("entry"), related_name="verifications", on_delete=models.CASCADE
    )
    verifier = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verifier"),
        related_name="field_verifications",
        on_delete=models.PROTECT,
    )
    visited_on = models.DateField(_("date of the visit"))
    checklist = models.JSONField(
        _("checklist"), default=list, help_text=_("[{item, confirmed, note}]")
    )
    notes = models.TextField(_("notes"), blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(-90)), MaxValueValidator(Decimal(90))],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(-180)), MaxValueValidator(Decimal(180))],
    )
    location_source = models.CharField(
        _("location from"), max_length=8, choices=LocationSource.choices, blank=True
    )
    score = models.DecimalField(
        _("score"), max_digits=6, decimal_places=2, validators=SCORE_VALIDATORS
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["round", "entry"]
        verbose_name = _("field verification")
        verbose_name_plural = _("field verifications")
        constraints = [
            models.UniqueConstraint(fields=["round", "entry"], name="verification_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.entry} — {self.visited_on}"

    @property
    def confirmed_count(self) -> int:
        return sum(1 for item in self.checklist if item.get("confirmed"))


class VerificationPhoto(models.Model):
    verification = models.ForeignKey(
        FieldVerification,
        verbose_name=_("field verification"),
        related_name="photos",
        on_delete=models.CASCADE,
    )
    file = models.FileField(_("photo"), upload_to="verifications/%Y/%m/", max_length=255)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    sha256 = models.CharField(max_length=64)
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
        ordering = ["verification", "created_at", "pk"]
        verbose_name = _("verification photo")
        verbose_name_plural = _("verification photos")

    def __str__(self) -> str:
        return self.file.name


class ChecklistItem(models.Model):
    """One thing the field verifier confirms on site (configured per competition)."""

    competition = models.ForeignKey(
        Competition,
        verbose_name=_("competition"),
        related_name="checklist_items",
        on_delete=models.CASCADE,
    )
    text = models.CharField(_("item"), max_length=300)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["competition", "order", "pk"]
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")

    def __str__(self) -> str:
        return self.text


class CertificateKind(models.TextChoices):
    WINNER = "winner", _("Winner")
    FINALIST = "finalist", _("Finalist")


class Certificate(models.Model):
    """A certificate (piagam) for a winner or finalist, verifiable through its QR code.

    ``code`` is random and unguessable; ``signature`` is an HMAC over the code and what the
    certificate states, so an altered code or an altered record is shown as not genuine.
    """

    entry = models.ForeignKey(
        Entry, verbose_name=_("entry"), related_name="certificates", on_delete=models.PROTECT
    )
    kind = models.CharField(_("kind"), max_length=10, choices=CertificateKind.choices)
    title = models.CharField(_("title"), max_length=200)
    code = models.CharField(_("code"), max_length=40, unique=True)
    signature = models.CharField(max_length=64)
    issued_on = models.DateField(_("issued"))
    file = models.FileField(_("PDF"), upload_to="certificates/%Y/", blank=True, max_length=255)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["entry", "kind"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        constraints = [
            models.UniqueConstraint(fields=["entry", "kind"], name="certificate_unique_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.title} — {self.entry}"
