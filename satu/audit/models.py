"""The append-only, hash-chained audit log."""

import hashlib
import json

from django.db import models
from django.utils.translation import gettext_lazy as _

GENESIS_HASH = "0" * 64


class AppendOnlyError(RuntimeError):
    """Audit entries are never changed or deleted through the application."""


class AuditEntry(models.Model):
    """One change: who, when, what (before and after) and from where.

    Entries form a chain: each stores the hash of its predecessor and a hash over its own
    content, so an entry edited or deleted directly in the database is found by
    ``manage.py verify_audit_log``.
    """

    seq = models.PositiveBigIntegerField(_("sequence number"), unique=True)
    created_at = models.DateTimeField(_("time"), db_index=True)
    # A plain number, not a foreign key: deleting an account must not rewrite its history.
    actor_id = models.PositiveBigIntegerField(_("actor id"), null=True, blank=True, db_index=True)
    actor_label = models.CharField(_("actor"), max_length=254, blank=True)
    ip = models.CharField(_("address"), max_length=45, blank=True)
    source = models.CharField(_("channel"), max_length=20)
    action = models.CharField(_("action"), max_length=60, db_index=True)
    object_type = models.CharField(_("object type"), max_length=80)
    object_id = models.CharField(_("object id"), max_length=64)
    object_repr = models.CharField(_("object"), max_length=255)
    changes = models.JSONField(_("changes"), default=dict)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["-seq"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        indexes = [
            # The history of one object on its page and in the audit browser's object filter.
            models.Index(fields=["object_type", "object_id"], name="audit_object"),
        ]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.object_type}:{self.object_id}"

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk is not None:
            raise AppendOnlyError("Audit entries cannot be changed.")
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def delete(self, *args: object, **kwargs: object):  # type: ignore[override]
        raise AppendOnlyError("Audit entries cannot be deleted.")

    def change_rows(self) -> list[tuple[str, object, object, bool]]:
        """(field, before, after, is_change) for display; detail values have no before."""
        rows = []
        for field, value in (self.changes or {}).items():
            if isinstance(value, list) and len(value) == 2:
                rows.append((field, value[0], value[1], True))
            else:
                rows.append((field, None, value, False))
        return rows

    def payload(self) -> dict[str, object]:
        return {
            "seq": self.seq,
            "created_at": self.created_at.isoformat(timespec="microseconds"),
            "actor_id": self.actor_id,
            "actor_label": self.actor_label,
            "ip": self.ip,
            "source": self.source,
            "action": self.action,
            "object_type": self.object_type,
            "object_id": self.object_id,
            "object_repr": self.object_repr,
            "changes": self.changes,
            "prev_hash": self.prev_hash,
        }

    def compute_hash(self) -> str:
        canonical = json.dumps(
            self.payload(), sort_keys=True, separators=(",", ":"), ensure_ascii=False
        )
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


class AuditChainHead(models.Model):
    """The newest link of the chain; locked while an entry is appended, so links never fork."""

    seq = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64, default=GENESIS_HASH)

    class Meta:
        verbose_name = _("audit chain head")

    def __str__(self) -> str:
        return f"#{self.seq} {self.hash[:12]}"
