"""Survey periods of a service unit, their questionnaire, and the answers of citizens.

Answers are stored for cheap aggregation at national scale: one row per response with one
small whole-number column per standard element, so the index of any set of responses is a
single ``SUM``/``COUNT`` query; a unit's own extra elements go to a narrow related table.
Those sums are also kept per period in ``PeriodTally`` (see ``tallies``), which the results
read instead of the responses.
"""

import datetime
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from satu.core.models import ImportJobBase

from .elements import ANSWERS, SCALES, STANDARD_ELEMENTS, STANDARD_KEYS, ScaleChoice, extra_key

# Unambiguous characters for codes typed from paper: no 0/O, 1/I/L.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
MAX_WEIGHT = 100


def new_code(length: int = 8) -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


def normalise_code(text: str) -> str:
    """A code as typed (any case, with dashes or spaces) in its stored form."""
    return "".join(ch for ch in text.upper() if ch.isalnum())


def answer_field(name: object) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(
        name,
        choices=[(value, str(value)) for value in ANSWERS],  # type: ignore[arg-type]
    )


class AgeGroup(models.TextChoices):
    UNDER_20 = "lt20", _("Under 20")
    AGE_20 = "20-29", _("20–29 years")
    AGE_30 = "30-39", _("30–39 years")
    AGE_40 = "40-49", _("40–49 years")
    AGE_50 = "50-59", _("50–59 years")
    AGE_60 = "60+", _("60 years and over")


class Sex(models.TextChoices):
    MALE = "l", _("Male")
    FEMALE = "p", _("Female")


class Education(models.TextChoices):
    PRIMARY = "sd", _("Primary school or less")
    JUNIOR = "smp", _("Junior high school")
    SENIOR = "sma", _("Senior high school")
    DIPLOMA = "diploma", _("Diploma (D1–D3)")
    BACHELOR = "s1", _("Bachelor (D4/S1)")
    POSTGRADUATE = "s2", _("Master or doctorate (S2/S3)")


class Occupation(models.TextChoices):
    CIVIL_SERVANT = "asn", _("Civil servant, military or police")
    PRIVATE = "swasta", _("Private employee")
    SELF_EMPLOYED = "wiraswasta", _("Self-employed")
    STUDENT = "pelajar", _("Pupil or student")
    FARMER = "petani", _("Farmer, fisher or labourer")
    HOMEMAKER = "rumah_tangga", _("Homemaker")
    OTHER = "lainnya", _("Other")


# Respondent profile questions: (field on SurveyResponse, flag on SurveyPeriod, choices).
PROFILE_QUESTIONS: tuple[tuple[str, str, type[models.TextChoices]], ...] = (
    ("age_group", "ask_age", AgeGroup),
    ("sex", "ask_sex", Sex),
    ("education", "ask_education", Education),
    ("occupation", "ask_occupation", Occupation),
)


PROFILE_TITLES = {
    "age_group": _("Age group"),
    "sex": _("Sex"),
    "education": _("Education"),
    "occupation": _("Occupation"),
    "service": _("Service used"),
}


class Channel(models.TextChoices):
    ONLINE = "online", _("Online form")
    PAPER = "paper", _("Paper, typed in")
    IMPORT = "import", _("Paper, imported from a spreadsheet")


def default_weights() -> dict[str, int]:
    return dict.fromkeys(STANDARD_KEYS, 1)


class SurveyPeriodQuerySet(models.QuerySet["SurveyPeriod"]):
    def open_on(self, day: datetime.date) -> "SurveyPeriodQuerySet":
        """Periods whose public form accepts answers on ``day``."""
        return self.filter(
            start_date__lte=day, end_date__gte=day, closed_at__isnull=True, unit__is_active=True
        )

    def ending_between(
        self, start: datetime.date | None, end: datetime.date | None
    ) -> "SurveyPeriodQuerySet":
        """The period window of roll-ups: periods whose last day falls inside it."""
        periods = self
        if start:
            periods = periods.filter(end_date__gte=start)
        if end:
            periods = periods.filter(end_date__lte=end)
        return periods


class SurveyPeriod(models.Model):
    """One round of the survey at a service unit (e.g. a semester), with its questionnaire.

    The questionnaire lives on the period so that a result can always be recomputed as it was
    asked: the weights and extra elements are frozen once the first answer arrives, while the
    profile questions and the list of services may still change.
    """

    unit = models.ForeignKey(
        "agencies.ServiceUnit",
        verbose_name=_("service unit"),
        related_name="survey_periods",
        on_delete=models.PROTECT,
    )
    name = models.CharField(
        _("name"), max_length=100, help_text=_("For example “Semester I 2026” or “2026”.")
    )
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    population = models.PositiveIntegerField(
        _("estimated population"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(100_000_000)],
        help_text=_(
            "About how many people the unit serves in this period. It sets the minimum "
            "number of respondents (Krejcie–Morgan)."
        ),
    )
    code = models.CharField(_("code"), max_length=12, unique=True, editable=False)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True, editable=False)
    # The questionnaire
    ask_age = models.BooleanField(_("ask the age group"), default=True)
    ask_sex = models.BooleanField(_("ask the sex"), default=True)
    ask_education = models.BooleanField(_("ask the education"), default=True)
    ask_occupation = models.BooleanField(_("ask the occupation"), default=True)
    services = models.JSONField(
        _("services"),
        default=list,
        blank=True,
        help_text=_("The services of the unit; respondents say which one they used."),
    )
    require_token = models.BooleanField(
        _("require a receipt code"),
        default=False,
        help_text=_(
            "Only people holding a one-time code printed on their receipt can answer online."
        ),
    )
    weights = models.JSONField(_("weights of the standard elements"), default=default_weights)
    # Σ of all weights (standard and extra); a response's index is its points / this.
    weight_total = models.PositiveIntegerField(default=len(STANDARD_KEYS), editable=False)
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

    objects = SurveyPeriodQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "unit__name"]
        verbose_name = _("survey period")
        verbose_name_plural = _("survey periods")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")), name="survey_period_end_after_start"
            ),
            models.UniqueConstraint(fields=["unit", "name"], name="survey_period_unique_name"),
        ]
        indexes = [
            # Roll-ups over a window of periods (ending_between) and the public list (open_on).
            models.Index(fields=["end_date", "start_date"], name="survey_period_dates"),
            # A unit's periods in order: the unit dashboard and the before/after comparison.
            models.Index(fields=["unit", "start_date"], name="survey_period_unit_start"),
        ]

    def __str__(self) -> str:
        return f"{self.unit.name} — {self.name}"

    def save(self, *args: object, **kwargs: object) -> None:
        if not self.code:
            self.code = new_code()
            while SurveyPeriod.objects.filter(code=self.code).exists():
                self.code = new_code()  # pragma: no cover - 31^8 codes
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def clean(self) -> None:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The last day cannot be before the first day.")})
        weights = self.weights or {}
        if set(weights) != set(STANDARD_KEYS) or not all(
            isinstance(w, int) and 1 <= w <= MAX_WEIGHT for w in weights.values()
        ):
            raise ValidationError(
                {"weights": _("Every standard element needs a weight from 1 to 100.")}
            )

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None

    def accepts_answers_on(self, day: datetime.date) -> bool:
        return (
            not self.is_closed and self.start_date <= day <= self.end_date and self.unit.is_active
        )

    @property
    def accepts_answers(self) -> bool:
        return self.accepts_answers_on(timezone.localdate())

    def standard_weight(self, key: str) -> int:
        return int((self.weights or {}).get(key, 1))

    @property
    def profile_questions(self) -> list[tuple[str, type[models.TextChoices]]]:
        """The profile questions this questionnaire asks: (response field, choices)."""
        questions = [
            (field, choices) for field, flag, choices in PROFILE_QUESTIONS if getattr(self, flag)
        ]
        return questions

    def public_path(self) -> str:
        from django.urls import reverse

        return reverse("surveys:form", args=[self.code])

    def public_url(self) -> str:
        return settings.SATU_BASE_URL + self.public_path()


class ExtraElement(models.Model):
    """An element a unit adds to the nine standard ones, with its own weight."""

    period = models.ForeignKey(
        SurveyPeriod,
        verbose_name=_("survey period"),
        related_name="extra_elements",
        on_delete=models.CASCADE,
    )
    position = models.PositiveSmallIntegerField(_("position"))
    name = models.CharField(_("name"), max_length=100)
    question = models.CharField(_("question"), max_length=300)
    question_en = models.CharField(_("question in English"), max_length=300, blank=True)
    scale = models.CharField(
        _("answer scale"), max_length=10, choices=ScaleChoice.choices, default=ScaleChoice.BAIK
    )
    weight = models.PositiveSmallIntegerField(
        _("weight"), default=1, validators=[MinValueValidator(1), MaxValueValidator(MAX_WEIGHT)]
    )

    class Meta:
        ordering = ["period", "position"]
        verbose_name = _("extra element")
        verbose_name_plural = _("extra elements")
        constraints = [
            models.UniqueConstraint(
                fields=["period", "position"], name="survey_extra_element_unique_position"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def key(self) -> str:
        return extra_key(self.position)

    @property
    def labels(self) -> tuple:
        return SCALES[self.scale].labels

    def question_text(self, language: str) -> str:
        return self.question_en if language == "en" and self.question_en else self.question


class EntryBatch(models.Model):
    """Paper questionnaires typed in or imported together; they can be removed together."""

    period = models.ForeignKey(
        SurveyPeriod,
        verbose_name=_("survey period"),
        related_name="entry_batches",
        on_delete=models.CASCADE,
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    file_name = models.CharField(_("file"), max_length=200, blank=True)
    count = models.PositiveIntegerField(_("questionnaires"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
    )
    created_at = models.DateTimeField(_("entered"), auto_now_add=True)

    class Meta:
        ordering = ["period", "-created_at"]
        verbose_name = _("entry batch")
        verbose_name_plural = _("entry batches")

    def __str__(self) -> str:
        return f"{self.period} — {self.get_channel_display()} ({self.count})"


class ImportStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to start")
    RUNNING = "running", _("Importing")
    SUCCEEDED = "succeeded", _("Finished")
    FAILED = "failed", _("Refused")


class ResponseImport(ImportJobBase):
    """A spreadsheet of paper questionnaires, imported by the task worker, never in a request."""

    period = models.ForeignKey(
        SurveyPeriod,
        verbose_name=_("survey period"),
        related_name="imports",
        on_delete=models.CASCADE,
    )
    file = models.FileField(_("file"), upload_to="imports/surveys/", max_length=255)
    status = models.CharField(
        _("status"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.PENDING
    )
    batch = models.ForeignKey(
        EntryBatch,
        verbose_name=_("entry batch"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )

    class Meta(ImportJobBase.Meta):
        verbose_name = _("questionnaire import")
        verbose_name_plural = _("questionnaire imports")


class Review(models.TextChoices):
    """Where a response flagged as part of a burst stands (issue 24: one address, many answers).

    A flagged response does not count in the index until the unit has reviewed it: a burst of
    answers from one address must not move a published grade. The unit includes it (it
    counts) or excludes it (it never counts); every decision is in the audit log.
    """

    NONE = "", _("not flagged")
    PENDING = "pending", _("flagged, waiting for review")
    INCLUDED = "included", _("flagged, counted after review")
    EXCLUDED = "excluded", _("flagged, excluded after review")


NOT_COUNTED = (Review.PENDING, Review.EXCLUDED)


class SurveyResponseQuerySet(models.QuerySet["SurveyResponse"]):
    def counted(self) -> "SurveyResponseQuerySet":
        """The responses that count in the index: not flagged, or included after review."""
        return self.exclude(review__in=NOT_COUNTED)

    def flagged(self) -> "SurveyResponseQuerySet":
        return self.exclude(review=Review.NONE)


class SurveyResponse(models.Model):
    """One completed questionnaire. Anonymous: no name, account, address or IP is kept."""

    period = models.ForeignKey(
        SurveyPeriod,
        verbose_name=_("survey period"),
        related_name="responses",
        on_delete=models.PROTECT,
    )
    # One column per standard element, named by the element's key (see elements.py).
    persyaratan = answer_field(STANDARD_ELEMENTS[0].name)
    prosedur = answer_field(STANDARD_ELEMENTS[1].name)
    waktu = answer_field(STANDARD_ELEMENTS[2].name)
    biaya = answer_field(STANDARD_ELEMENTS[3].name)
    produk = answer_field(STANDARD_ELEMENTS[4].name)
    kompetensi = answer_field(STANDARD_ELEMENTS[5].name)
    perilaku = answer_field(STANDARD_ELEMENTS[6].name)
    pengaduan = answer_field(STANDARD_ELEMENTS[7].name)
    sarana = answer_field(STANDARD_ELEMENTS[8].name)
    # Σ weight × answer over all elements of the period's questionnaire (see ikm.PointsGroup).
    points = models.PositiveIntegerField(_("points"))
    age_group = models.CharField(_("age group"), max_length=8, choices=AgeGroup.choices, blank=True)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, blank=True)
    education = models.CharField(
        _("education"), max_length=8, choices=Education.choices, blank=True
    )
    occupation = models.CharField(
        _("occupation"), max_length=12, choices=Occupation.choices, blank=True
    )
    service = models.CharField(_("service used"), max_length=200, blank=True)
    suggestion = models.TextField(_("suggestion"), max_length=2000, blank=True)
    channel = models.CharField(
        _("channel"), max_length=10, choices=Channel.choices, default=Channel.ONLINE
    )
    batch = models.ForeignKey(
        EntryBatch,
        verbose_name=_("entry batch"),
        related_name="responses",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
    )
    # The day only: a time of day could single out a respondent at a quiet counter.
    submitted_on = models.DateField(_("date"), default=timezone.localdate)
    # A default in the database too: the bulk loaders of scale.py and benchmarks.py write SQL.
    review = models.CharField(
        _("review"),
        max_length=8,
        choices=Review.choices,
        blank=True,
        default=Review.NONE,
        db_default=Review.NONE,
    )

    objects = SurveyResponseQuerySet.as_manager()

    class Meta:
        ordering = ["period", "pk"]
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")
        constraints = [
            *(
                models.CheckConstraint(
                    condition=Q(**{f"{key}__gte": 1, f"{key}__lte": 4}),
                    name=f"survey_response_{key}_1_to_4",
                )
                for key in STANDARD_KEYS
            ),
            models.CheckConstraint(condition=Q(points__gte=1), name="survey_response_points"),
        ]
        # The foreign key's own index on period serves every aggregate: the index of a period
        # (WHERE period_id = …) and the roll-ups (JOIN on period_id after filtering periods).
        indexes = [
            # The review list and the flagged counts of a period: WHERE period_id = … AND
            # review <> '' (few rows: only flagged responses carry a value).
            models.Index(
                fields=["period", "review"],
                condition=~Q(review=""),
                name="survey_response_flagged",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.period} #{self.pk}"


class ExtraAnswer(models.Model):
    """The answer to a unit's own extra element."""

    response = models.ForeignKey(
        SurveyResponse,
        verbose_name=_("survey response"),
        related_name="extra_answers",
        on_delete=models.CASCADE,
    )
    element = models.ForeignKey(
        ExtraElement,
        verbose_name=_("extra element"),
        related_name="answers",
        on_delete=models.CASCADE,
    )
    value = answer_field(_("answer"))

    class Meta:
        verbose_name = _("extra answer")
        verbose_name_plural = _("extra answers")
        constraints = [
            models.UniqueConstraint(
                fields=["response", "element"], name="survey_extra_answer_unique"
            ),
            models.CheckConstraint(
                condition=Q(value__gte=1, value__lte=4), name="survey_extra_answer_1_to_4"
            ),
        ]
        # NRR of extra elements: GROUP BY element_id WHERE element_id IN (…) uses the
        # foreign key's index on element.

    def __str__(self) -> str:
        return f"{self.element}: {self.value}"


class PeriodTally(models.Model):
    """The sums of the counted responses of one period, kept up to date by the services.

    Derived data: the results read these few numbers instead of summing every response
    (``results.results_for_periods``, ``results.rollup``); ``tallies.refresh_tally`` can
    always rebuild a row from the responses. A missing row means no counted response yet.
    """

    period = models.OneToOneField(
        SurveyPeriod,
        verbose_name=_("survey period"),
        related_name="tally",
        on_delete=models.CASCADE,
        primary_key=True,
    )
    respondents = models.PositiveIntegerField(_("respondents"), default=0)
    points = models.PositiveBigIntegerField(_("points"), default=0)
    # Σ answer per standard element, one column per key of elements.STANDARD_KEYS.
    sum_persyaratan = models.PositiveBigIntegerField(default=0)
    sum_prosedur = models.PositiveBigIntegerField(default=0)
    sum_waktu = models.PositiveBigIntegerField(default=0)
    sum_biaya = models.PositiveBigIntegerField(default=0)
    sum_produk = models.PositiveBigIntegerField(default=0)
    sum_kompetensi = models.PositiveBigIntegerField(default=0)
    sum_perilaku = models.PositiveBigIntegerField(default=0)
    sum_pengaduan = models.PositiveBigIntegerField(default=0)
    sum_sarana = models.PositiveBigIntegerField(default=0)
    # Σ answer per extra element of the period: {"<ExtraElement.pk>": sum}; at most ten keys.
    extra_sums = models.JSONField(default=dict, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("survey period tally")
        verbose_name_plural = _("survey period tallies")
        # The primary key (period) serves every read: WHERE period_id IN (…) for the index of
        # periods, and the roll-ups' join from the periods in scope.

    def __str__(self) -> str:
        return f"{self.period_id}: {self.respondents}"


class ReceiptToken(models.Model):
    """A one-time code printed on a receipt; with it one person can answer once.

    It is not linked to the response it was used for, so a receipt handed to a known person
    does not reveal their answers.
    """

    period = models.ForeignKey(
        SurveyPeriod,
        verbose_name=_("survey period"),
        related_name="tokens",
        on_delete=models.CASCADE,
    )
    code = models.CharField(_("code"), max_length=12, unique=True)
    batch = models.PositiveSmallIntegerField(_("batch"))
    created_at = models.DateTimeField(auto_now_add=True)
    used_on = models.DateField(_("used"), null=True, blank=True)

    class Meta:
        ordering = ["period", "batch", "pk"]
        verbose_name = _("receipt code")
        verbose_name_plural = _("receipt codes")
        indexes = [
            # The print page: the codes of one batch of a period.
            models.Index(fields=["period", "batch"], name="survey_token_batch"),
        ]

    def __str__(self) -> str:
        return self.display_code

    @property
    def display_code(self) -> str:
        return f"{self.code[:4]}-{self.code[4:]}"


class AnswerSource(models.Model):
    """How many answers one address or one device has sent to a period: the per-period limits.

    Only a keyed hash of the period and the address (or the device id of the form's cookie) is
    kept, never the address itself, and nothing links it to the answers, so the survey stays
    anonymous. ``burst_*`` counts the answers of the current burst window.
    """

    period = models.ForeignKey(
        SurveyPeriod,
        verbose_name=_("survey period"),
        related_name="answer_sources",
        on_delete=models.CASCADE,
    )
    key = models.CharField(max_length=64)
    answers = models.PositiveIntegerField(default=0)
    burst_start = models.DateTimeField(null=True, blank=True)
    burst_answers = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("answer source")
        verbose_name_plural = _("answer sources")
        constraints = [
            # Also the index of the lookup on every answer: WHERE period_id = … AND key = ….
            models.UniqueConstraint(fields=["period", "key"], name="survey_answer_source_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.period_id}:{self.key[:8]}"
