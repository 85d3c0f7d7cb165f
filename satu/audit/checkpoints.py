"""Checkpoints: the audit chain anchored outside the database.

Whoever can write to the database can rewrite the hash chain consistently: edit an entry and
recompute every hash after it, or delete the newest entries and move the chain head back. The
database alone cannot show either. So once a day a checkpoint records the newest entry's
sequence number and hash, signed (HMAC-SHA256) with ``SATU_AUDIT_KEY``, a key the database never
holds. It is written to file storage (the object store in production) and mailed to the
secretariat. ``manage.py verify_audit_log`` checks the chain against every checkpoint: an
anchored entry whose hash changed means the chain was rewritten; a log that ends before an
anchored entry was truncated.
"""

import datetime
import hashlib
import hmac
import json
import re
from dataclasses import asdict, dataclass, replace
from itertools import batched
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.core.files.storage import Storage, default_storage
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from satu.accounts.models import Membership, Role
from satu.core.mail import queue_email

from .models import GENESIS_HASH, AuditChainHead, AuditEntry
from .services import ChainProblem, verify_chain

CHECKPOINT_DIR = "audit/checkpoints"
VERSION = 1
# Domain separation: a checkpoint's signature can never be mistaken for another HMAC of the key.
SIGNING_CONTEXT = b"satu-audit-checkpoint-v1\n"
HEX64 = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True)
class Checkpoint:
    """The chain's newest entry at one moment: its sequence number, id and hash."""

    seq: int
    entry_id: int
    hash: str
    count: int
    created_at: str  # ISO 8601 in UTC
    signature: str = ""

    def signed_text(self) -> bytes:
        fields = asdict(self)
        del fields["signature"]
        fields["version"] = VERSION
        canonical = json.dumps(fields, sort_keys=True, separators=(",", ":"))
        return SIGNING_CONTEXT + canonical.encode("utf-8")

    def signed(self, key: str) -> "Checkpoint":
        return replace(self, signature=_mac(key, self.signed_text()))

    def has_valid_signature(self, key: str) -> bool:
        return hmac.compare_digest(self.signature, _mac(key, self.signed_text()))

    def to_json(self) -> str:
        return json.dumps({"version": VERSION, **asdict(self)}, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> "Checkpoint":
        """Parse a stored checkpoint; ValueError names what is malformed."""
        data = json.loads(text)
        if not isinstance(data, dict) or data.get("version") != VERSION:
            raise ValueError(f"not a version {VERSION} checkpoint")
        integers = ("seq", "entry_id", "count")
        strings = ("hash", "created_at", "signature")
        for name in integers:
            if type(data.get(name)) is not int:
                raise ValueError(f"{name} must be a whole number")
        for name in strings:
            if not isinstance(data.get(name), str):
                raise ValueError(f"{name} must be text")
        if not HEX64.fullmatch(data["hash"]):
            raise ValueError("hash must be 64 hexadecimal digits")
        return cls(**{name: data[name] for name in integers + strings})

    @property
    def taken_at(self) -> datetime.datetime:
        return datetime.datetime.fromisoformat(self.created_at)


@dataclass(frozen=True)
class StoredCheckpoint:
    """A checkpoint file as read: its checkpoint, or why it could not be read."""

    source: str
    checkpoint: Checkpoint | None
    error: str = ""


@dataclass(frozen=True)
class CheckpointProblem:
    source: str
    message: str

    def __str__(self) -> str:
        return f"checkpoint {self.source}: {self.message}"


def _mac(key: str, text: bytes) -> str:
    return hmac.new(key.encode("utf-8"), text, hashlib.sha256).hexdigest()


def audit_key() -> str:
    key = settings.SATU_AUDIT_KEY
    if not key:
        raise ImproperlyConfigured("SATU_AUDIT_KEY is not set: audit checkpoints cannot be signed.")
    return key


def checkpoint_storage() -> Storage:
    return default_storage


def read_checkpoint(source: str, text: str | bytes) -> StoredCheckpoint:
    try:
        if isinstance(text, bytes):
            text = text.decode("utf-8")
        return StoredCheckpoint(source, Checkpoint.from_json(text))
    except (ValueError, TypeError) as exc:  # JSONDecodeError and UnicodeDecodeError included
        return StoredCheckpoint(source, None, str(exc))


def stored_checkpoints(storage: Storage | None = None) -> list[StoredCheckpoint]:
    """Every checkpoint file in storage, oldest first."""
    storage = storage or checkpoint_storage()
    try:
        _, names = storage.listdir(CHECKPOINT_DIR)
    except FileNotFoundError:
        return []
    found = []
    for name in sorted(names):
        if not name.endswith(".json"):
            continue
        path = f"{CHECKPOINT_DIR}/{name}"
        with storage.open(path, "rb") as handle:
            found.append(read_checkpoint(path, handle.read()))
    return found


def checkpoints_from_files(paths: list[str]) -> list[StoredCheckpoint]:
    """Checkpoints kept elsewhere (saved from the emails), given as local files."""
    return [read_checkpoint(path, Path(path).read_bytes()) for path in paths]


def verify_checkpoints(stored: list[StoredCheckpoint]) -> list[CheckpointProblem]:
    """Check each checkpoint's signature and that the chain still holds the entry it anchors.

    Run after :func:`satu.audit.services.verify_chain`: that one proves the links between entries,
    this one that the chain is the one that existed when each checkpoint was taken.
    """
    key = audit_key()
    problems: list[CheckpointProblem] = []
    valid: list[tuple[str, Checkpoint]] = []
    for item in stored:
        if item.checkpoint is None:
            problems.append(CheckpointProblem(item.source, f"cannot be read ({item.error})"))
        elif not item.checkpoint.has_valid_signature(key):
            problems.append(
                CheckpointProblem(
                    item.source,
                    "its signature does not match: forged or altered "
                    "(or signed with another SATU_AUDIT_KEY)",
                )
            )
        else:
            valid.append((item.source, item.checkpoint))
    if not valid:
        return problems
    hashes: dict[int, str] = {}
    for chunk in batched(sorted({checkpoint.seq for _, checkpoint in valid}), 500):
        hashes.update(AuditEntry.objects.filter(seq__in=chunk).values_list("seq", "hash"))
    last_seq = AuditEntry.objects.aggregate(last=Max("seq"))["last"] or 0
    for source, checkpoint in sorted(valid, key=lambda item: item[1].seq):
        taken = f"anchored on {checkpoint.created_at}"
        if checkpoint.seq > last_seq:
            message = (
                f"entry #{checkpoint.seq} was {taken}, but the log now ends at #{last_seq}: "
                "entries were deleted at the end (truncated)"
            )
        elif checkpoint.seq not in hashes:
            message = f"entry #{checkpoint.seq} was {taken} and is now missing (deleted)"
        elif hashes[checkpoint.seq] != checkpoint.hash:
            message = (
                f"entry #{checkpoint.seq} no longer has the hash {taken}: "
                "the chain was rewritten after the checkpoint was taken"
            )
        else:
            continue
        problems.append(CheckpointProblem(source, message))
    return problems


@dataclass(frozen=True)
class CheckpointOutcome:
    checkpoint: Checkpoint | None
    name: str = ""
    written: bool = False
    problems: tuple[ChainProblem | CheckpointProblem, ...] = ()


def create_checkpoint(now: datetime.datetime | None = None) -> CheckpointOutcome:
    """Sign the chain's newest entry, store the checkpoint and mail it to the secretariat.

    Only a chain that still extends the newest checkpoint is anchored: a chain rewritten since
    is refused (with the problems) rather than blessed. Nothing is written when the newest
    checkpoint already anchors the newest entry, so running it twice is harmless. Taking a
    checkpoint writes no audit entry of its own: that entry would always be newer than the
    checkpoint.
    """
    key = audit_key()
    storage = checkpoint_storage()
    stored = stored_checkpoints(storage)
    latest = max(
        (
            item.checkpoint
            for item in stored
            if item.checkpoint and item.checkpoint.has_valid_signature(key)
        ),
        key=lambda checkpoint: checkpoint.seq,
        default=None,
    )
    # The head stays locked while the new entries are checked, so the chain cannot grow
    # between the check and the checkpoint (the newest day's entries: a short lock).
    with transaction.atomic():
        head = AuditChainHead.objects.select_for_update().filter(pk=1).first()
        if head is None or head.seq == 0:
            return CheckpointOutcome(None)
        if latest is not None and (latest.seq, latest.hash) == (head.seq, head.hash):
            return CheckpointOutcome(latest)
        problems: list[ChainProblem | CheckpointProblem] = []
        if latest is not None:
            source = next(item.source for item in stored if item.checkpoint == latest)
            problems += verify_checkpoints([StoredCheckpoint(source, latest)])
        if not problems:
            after = (latest.seq, latest.hash) if latest else (0, GENESIS_HASH)
            problems += verify_chain(after=after)
        if problems:
            return CheckpointOutcome(None, problems=tuple(problems))
        entry = AuditEntry.objects.get(seq=head.seq)
        now = now or timezone.now()
        checkpoint = Checkpoint(
            seq=entry.seq,
            entry_id=entry.pk,
            hash=entry.hash,
            count=AuditEntry.objects.filter(seq__lte=entry.seq).count(),
            created_at=now.astimezone(datetime.UTC).isoformat(timespec="seconds"),
        ).signed(key)
    name = f"{CHECKPOINT_DIR}/{timezone.localdate(now):%Y-%m-%d}-{entry.seq}.json"
    name = storage.save(name, ContentFile(checkpoint.to_json().encode("utf-8")))
    _mail_checkpoint(checkpoint, name)
    return CheckpointOutcome(checkpoint, name=name, written=True)


def _mail_checkpoint(checkpoint: Checkpoint, name: str) -> None:
    """Send the checkpoint to the secretariat and the configured outside addresses.

    The mailed copies are the anchors that someone able to alter both the database and the
    file storage still cannot reach (``verify_audit_log --checkpoint FILE`` checks one).
    """
    members = (
        Membership.objects.active()
        .filter(role=Role.SECRETARIAT, region__code=settings.SATU_HOME_REGION_CODE)
        .select_related("user")
    )
    recipients: list[object] = []
    seen: set[str] = set()
    for membership in members:
        if membership.user.email and membership.user.email.lower() not in seen:
            seen.add(membership.user.email.lower())
            recipients.append(membership.user)
    for address in settings.SATU_AUDIT_CHECKPOINT_EMAILS:
        if address.lower() not in seen:
            seen.add(address.lower())
            recipients.append(address)
    context = {
        "checkpoint": checkpoint,
        "taken_at": checkpoint.taken_at,
        "name": name,
        "checkpoint_json": checkpoint.to_json(),
    }
    for recipient in recipients:
        queue_email(recipient, "audit/email/checkpoint", context)
