"""Writing and checking the audit log."""

import datetime
import decimal
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import models, transaction
from django.db.models.fields.files import FieldFile
from django.utils import timezone

from .context import current
from .models import GENESIS_HASH, AuditChainHead, AuditEntry


def to_json_value(value: object) -> object:
    """A JSON value that survives a round trip through SQLite and PostgreSQL unchanged."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, datetime.datetime):
        return value.isoformat(timespec="microseconds")
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | float | uuid.UUID):
        return str(value)
    if isinstance(value, FieldFile):
        return value.name or None
    if isinstance(value, list | tuple | set | frozenset):
        items = [to_json_value(item) for item in value]
        return sorted(items, key=str) if isinstance(value, set | frozenset) else items
    if isinstance(value, dict):
        return {str(key): to_json_value(item) for key, item in value.items()}
    return str(value)


def object_label(obj: models.Model) -> str:
    return f"{obj._meta.app_label}.{obj._meta.model_name}"


def record(
    action: str,
    obj: models.Model | None = None,
    changes: dict[str, object] | None = None,
    *,
    object_type: str = "",
    object_id: object = "",
    object_repr: str = "",
) -> AuditEntry:
    """Append one entry to the chain, inside the caller's transaction.

    ``changes`` maps a field to ``[before, after]`` for changes of data, or holds the details
    of a domain action (``{"reason": …}``).
    """
    context = current()
    if obj is not None:
        object_type = object_type or object_label(obj)
        object_id = object_id or obj.pk
        object_repr = object_repr or str(obj)
    with transaction.atomic():
        head = AuditChainHead.objects.select_for_update().filter(pk=1).first()
        if head is None:
            head = AuditChainHead.objects.create(pk=1, seq=0, hash=GENESIS_HASH)
        entry = AuditEntry(
            seq=head.seq + 1,
            created_at=timezone.now().astimezone(datetime.UTC),
            actor_id=context.actor_id,
            actor_label=context.actor_label[:254],
            ip=(context.ip or "")[:45],
            source=context.source,
            action=action[:60],
            object_type=object_type[:80],
            object_id=str(object_id)[:64],
            object_repr=object_repr[:255],
            changes=to_json_value(changes or {}),
            prev_hash=head.hash,
        )
        entry.hash = entry.compute_hash()
        entry.save()
        AuditChainHead.objects.filter(pk=1).update(seq=entry.seq, hash=entry.hash)
    return entry


@dataclass
class ChainProblem:
    seq: int | None
    entry_id: int | None
    message: str

    def __str__(self) -> str:
        where = f"entry #{self.seq} (id {self.entry_id})" if self.seq is not None else "chain head"
        return f"{where}: {self.message}"


def verify_chain(
    entries: Iterable[AuditEntry] | None = None, *, after: tuple[int, str] = (0, GENESIS_HASH)
) -> list[ChainProblem]:
    """Recompute every link; return what does not match (empty when the log is intact).

    ``after`` (sequence number, hash) starts the check after an entry already known to be
    good, e.g. the one a checkpoint anchors; by default the whole chain is checked.
    """
    after_seq, after_hash = after
    if entries is None:
        entries = (
            AuditEntry.objects.filter(seq__gt=after_seq).order_by("seq").iterator(chunk_size=2000)
        )
    problems: list[ChainProblem] = []
    expected_seq, expected_prev = after_seq + 1, after_hash
    for entry in entries:
        if entry.seq != expected_seq:
            problems.append(
                ChainProblem(
                    entry.seq,
                    entry.pk,
                    f"entries {expected_seq}–{entry.seq - 1} are missing (deleted?)",
                )
            )
        if entry.prev_hash != expected_prev:
            problems.append(
                ChainProblem(entry.seq, entry.pk, "does not link to the entry before it")
            )
        if entry.compute_hash() != entry.hash:
            problems.append(
                ChainProblem(entry.seq, entry.pk, "content does not match its hash (edited?)")
            )
        expected_seq, expected_prev = entry.seq + 1, entry.hash
    head = AuditChainHead.objects.filter(pk=1).first()
    last_seq = expected_seq - 1
    if head is not None and (head.seq != last_seq or head.hash != expected_prev):
        problems.append(
            ChainProblem(
                None,
                None,
                f"the newest entry should be #{head.seq} but the log ends at #{last_seq} "
                "(entries deleted at the end?)",
            )
        )
    return problems
