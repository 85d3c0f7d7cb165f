"""News articles written by the programme secretariat."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .richtext import sanitize


class Category(models.Model):
    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(_("short name in addresses"), max_length=80, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("news category")
        verbose_name_plural = _("news categories")

    def __str__(self) -> str:
        return self.name


class ArticleStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class ArticleQuerySet(models.QuerySet["Article"]):
    def published(self) -> "ArticleQuerySet":
        """What citizens see: published articles whose publication time has come."""
        return self.filter(status=ArticleStatus.PUBLISHED, published_at__lte=timezone.now())


class Article(models.Model):
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("short name in addresses"), max_length=200, allow_unicode=False)
    category = models.ForeignKey(
        Category, verbose_name=_("category"), related_name="articles", on_delete=models.PROTECT
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ArticleStatus.choices, default=ArticleStatus.DRAFT
    )
    published_at = models.DateTimeField(
        _("date and time of publication"),
        default=timezone.now,
        help_text=_("A published article appears from this moment on."),
    )
    summary = models.TextField(
        _("summary"), max_length=400, blank=True, help_text=_("One or two sentences for lists.")
    )
    body = models.TextField(_("text"))
    photo = models.FileField(_("photo"), upload_to="news/%Y/%m/", blank=True, max_length=255)
    photo_small = models.FileField(upload_to="news/%Y/%m/", blank=True, max_length=255)
    photo_width = models.PositiveIntegerField(default=0)
    photo_height = models.PositiveIntegerField(default=0)
    photo_alt = models.CharField(
        _("description of the photo"),
        max_length=200,
        blank=True,
        help_text=_("What the photo shows, for readers who cannot see it."),
    )
    photo_credit = models.CharField(
        _("photo credit"), max_length=150, blank=True, help_text=_("e.g. Foto: Humas Dinkes")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("news article")
        verbose_name_plural = _("news articles")
        indexes = [
            # The public list: published articles, newest first (per category too).
            models.Index(fields=["status", "published_at"], name="article_status_published"),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: object, **kwargs: object) -> None:
        self.body = sanitize(self.body)
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def get_absolute_url(self) -> str:
        return reverse("news:detail", args=[self.pk, self.slug or "berita"])

    @property
    def is_public(self) -> bool:
        return self.status == ArticleStatus.PUBLISHED and self.published_at <= timezone.now()
