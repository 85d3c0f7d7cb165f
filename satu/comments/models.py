"""Citizens' comments (with one level of replies) and ratings, and reports for moderation.

A comment belongs to an innovation or a news article through two foreign keys, exactly one of
them set (a check constraint): plain joins and real referential integrity, which generic
relations would not give. When an account is deleted its comments stay, without author
("anonymised"), and its ratings stay as anonymous counts.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

MAX_COMMENT_LENGTH = 2000


class CommentQuerySet(models.QuerySet["Comment"]):
    def visible(self) -> "CommentQuerySet":
        return self.filter(is_hidden=False)

    def of(self, target: models.Model) -> "CommentQuerySet":
        return self.filter(**{_target_field(target): target})


def _target_field(target: models.Model) -> str:
    label = target._meta.label_lower
    if label == "innovations.innovation":
        return "innovation"
    if label == "news.article":
        return "article"
    raise ValueError(f"comments are not enabled on {label}")


class Comment(models.Model):
    innovation = models.ForeignKey(
        "innovations.Innovation",
        verbose_name=_("innovation"),
        related_name="comments",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
    )
    article = models.ForeignKey(
        "news.Article",
        verbose_name=_("news article"),
        related_name="comments",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("reply to"),
        related_name="replies",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        related_name="comments",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    body = models.TextField(_("comment"), max_length=MAX_COMMENT_LENGTH)
    is_hidden = models.BooleanField(_("hidden"), default=False)
    hidden_reason = models.CharField(_("reason for hiding"), max_length=300, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("hidden by"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    hidden_at = models.DateTimeField(_("hidden at"), null=True, blank=True)
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        constraints = [
            models.CheckConstraint(
                condition=(Q(innovation__isnull=False) & Q(article__isnull=True))
                | (Q(innovation__isnull=True) & Q(article__isnull=False)),
                name="comment_on_innovation_or_article",
            ),
        ]
        indexes = [
            # A page's thread: top-level comments of one target, newest first.
            models.Index(fields=["innovation", "parent", "created_at"], name="comment_innovation"),
            models.Index(fields=["article", "parent", "created_at"], name="comment_article"),
            # The rate limit: an account's comments of the last minute.
            models.Index(fields=["author", "created_at"], name="comment_author_recent"),
        ]

    def __str__(self) -> str:
        return self.body[:60]

    @property
    def target(self) -> models.Model:
        return self.innovation if self.innovation_id else self.article  # type: ignore[return-value]

    @property
    def author_name(self) -> str:
        """The name shown with the comment: never the email address."""
        if self.author is None:
            return str(_("Deleted account"))
        name = (self.author.full_name or "").strip()
        if not name or "@" in name:
            name = name.split("@", 1)[0] if name else ""
        return name or str(_("Citizen"))


class Rating(models.Model):
    innovation = models.ForeignKey(
        "innovations.Innovation",
        verbose_name=_("innovation"),
        related_name="ratings",
        on_delete=models.CASCADE,
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        related_name="ratings",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    stars = models.PositiveSmallIntegerField(
        _("stars"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        constraints = [
            models.UniqueConstraint(
                fields=["innovation", "user"],
                condition=Q(user__isnull=False),
                name="rating_one_per_person",
            ),
            models.CheckConstraint(
                condition=Q(stars__gte=1) & Q(stars__lte=5), name="rating_stars_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.innovation_id}: {self.stars}"


class ReportReason(models.TextChoices):
    SPAM = "spam", _("Spam or advertising")
    ABUSE = "abuse", _("Abusive, hateful or threatening")
    PERSONAL = "personal", _("Reveals personal data")
    FALSE = "false", _("False or misleading")
    OFF_TOPIC = "off_topic", _("Off topic")
    OTHER = "other", _("Other")


class Report(models.Model):
    comment = models.ForeignKey(
        Comment, verbose_name=_("comment"), related_name="reports", on_delete=models.CASCADE
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    reason = models.CharField(_("reason"), max_length=12, choices=ReportReason.choices)
    note = models.CharField(_("note"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("reported"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("handled"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [
            models.UniqueConstraint(
                fields=["comment", "reporter"],
                condition=Q(reporter__isnull=False),
                name="report_once_per_person",
            ),
        ]
        indexes = [
            # The moderation queue: comments with open reports.
            models.Index(fields=["resolved_at", "comment"], name="report_open"),
        ]

    def __str__(self) -> str:
        return f"{self.get_reason_display()}: {self.comment}"
