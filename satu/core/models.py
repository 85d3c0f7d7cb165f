"""Model parts shared by several apps."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportJobBase(models.Model):
    """A spreadsheet import run by the task worker: who started it, its file and its outcome.

    Each app adds its own ``file`` (folder), ``status`` (its steps) and what the import made.
    A job that is still running long after ``started_at`` lost its worker and is marked failed
    (``satu.core.importers.fail_stale_jobs``).
    """

    FINISHED: frozenset[str] = frozenset({"succeeded", "failed"})

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
    )
    original_name = models.CharField(_("file name"), max_length=200)
    errors = models.JSONField(_("errors"), default=list, blank=True)
    message = models.TextField(_("message"), blank=True)
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    # When a worker took the job up; a job still running long after it is marked failed.
    started_at = models.DateTimeField(_("taken up"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.original_name} ({self.status})"  # type: ignore[attr-defined]

    @property
    def is_finished(self) -> bool:
        return self.status in self.FINISHED  # type: ignore[attr-defined]
