"""What was last published of each open dataset: its files in storage and their sizes."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Publication(models.Model):
    """The current files of one dataset (slug from :data:`satu.opendata.datasets.DATASETS`).

    ``files`` maps a format to ``{"name", "size", "sha256"}``: the storage name of the file
    (a new name whenever the content changes, so swapping to a new version is the update of
    this row), its size in bytes and its SHA-256 (the download's ETag).
    """

    slug = models.SlugField(_("dataset"), max_length=60, unique=True)
    rows = models.PositiveIntegerField(_("rows"), default=0)
    fingerprint = models.CharField(
        _("fingerprint"),
        max_length=64,
        help_text=_("SHA-256 of the CSV: the content changed when it changes."),
    )
    files = models.JSONField(_("files"), default=dict)
    modified_at = models.DateTimeField(_("last changed"))
    generated_at = models.DateTimeField(_("last regenerated"))

    class Meta:
        ordering = ["slug"]
        verbose_name = _("open dataset publication")
        verbose_name_plural = _("open dataset publications")

    def __str__(self) -> str:
        return self.slug

    def file(self, fmt: str) -> dict[str, object] | None:
        return self.files.get(fmt)
