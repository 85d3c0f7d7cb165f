"""Checkpoints anchor the audit chain outside the database (issue 24, finding 7).

Whoever can write to the database can recompute every hash after an edit, or delete the newest
entries and move the head back: the chain then checks out against itself. The signed
checkpoints in file storage and in the secretariat's mail reveal both.
"""

import io
import json

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import connection

from satu.agencies.models import Agency
from satu.audit.checkpoints import (
    CHECKPOINT_DIR,
    Checkpoint,
    checkpoint_storage,
    stored_checkpoints,
)
from satu.audit.context import acting
from satu.audit.models import GENESIS_HASH, AuditChainHead, AuditEntry
from satu.audit.services import verify_chain
from satu.audit.tasks import create_audit_checkpoint_task

pytestmark = pytest.mark.django_db


@pytest.fixture
def changes(province, secretariat):
    """A few audited changes: an agency created, renamed twice."""
    with acting(secretariat, ip="10.1.2.3", source="web"):
        agency = Agency.objects.create(
            name="Dinas Uji", abbreviation="UJI", type="dinas", region=province
        )
        for name in ("Dinas Uji Coba", "Dinas Uji Lagi"):
            agency.name = name
            agency.save()
    return agency


def rename_again(agency: Agency, name: str) -> None:
    with acting(source="web"):
        agency.name = name
        agency.save()


def checkpoint(django_capture_on_commit_callbacks) -> str:
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("create_audit_checkpoint", stdout=out)
    return out.getvalue()


def verify(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("verify_audit_log", *args, stdout=out, stderr=err)
    except CommandError as exc:
        raise AssertionError(err.getvalue()) from exc
    return out.getvalue(), err.getvalue()


def verify_fails(*args: str) -> str:
    err = io.StringIO()
    with pytest.raises(CommandError, match="tampered"):
        call_command("verify_audit_log", *args, stdout=io.StringIO(), stderr=err)
    return err.getvalue()


def rewrite_from(seq: int, new_changes: dict[str, object]) -> None:
    """What an attacker with database access does: edit one entry, re-chain everything after."""
    before = AuditEntry.objects.filter(seq=seq - 1).first()
    prev = before.hash if before else GENESIS_HASH
    for entry in AuditEntry.objects.filter(seq__gte=seq).order_by("seq"):
        if entry.seq == seq:
            entry.changes = new_changes
        entry.prev_hash = prev
        entry.hash = entry.compute_hash()
        AuditEntry.objects.filter(pk=entry.pk).update(
            changes=entry.changes, prev_hash=entry.prev_hash, hash=entry.hash
        )
        prev = entry.hash
    AuditChainHead.objects.filter(pk=1).update(hash=prev)


def cut_tail(count: int) -> None:
    """Delete the newest entries and move the head back to the one before them."""
    newest = list(AuditEntry.objects.order_by("-seq")[: count + 1])
    with connection.cursor() as cursor:
        for entry in newest[:count]:
            cursor.execute("DELETE FROM audit_auditentry WHERE id = %s", [entry.pk])
    keep = newest[count]
    AuditChainHead.objects.filter(pk=1).update(seq=keep.seq, hash=keep.hash)


def test_an_intact_chain_verifies_against_its_checkpoints(
    changes, django_capture_on_commit_callbacks
):
    checkpoint(django_capture_on_commit_callbacks)
    rename_again(changes, "Dinas Uji Keempat")
    checkpoint(django_capture_on_commit_callbacks)
    newest = AuditEntry.objects.order_by("-seq").first()
    out, err = verify()
    assert f"against 2 checkpoint(s), the newest at entry #{newest.seq}" in out
    assert err == ""


def test_a_chain_rewritten_with_recomputed_hashes_is_found(
    changes, django_capture_on_commit_callbacks
):
    checkpoint(django_capture_on_commit_callbacks)
    renamed = AuditEntry.objects.filter(object_type="agencies.agency").order_by("seq")[1]
    rewrite_from(renamed.seq, {"name": ["Dinas Uji", "Dinas Palsu"]})
    assert verify_chain() == []  # the chain alone no longer shows it
    newest = AuditEntry.objects.order_by("-seq").first()
    err = verify_fails()
    assert f"entry #{newest.seq} no longer has the hash anchored" in err
    assert "rewritten" in err


def test_a_truncated_tail_with_the_head_moved_back_is_found(
    changes, django_capture_on_commit_callbacks
):
    checkpoint(django_capture_on_commit_callbacks)
    newest = AuditEntry.objects.order_by("-seq").first()
    cut_tail(2)
    assert verify_chain() == []
    err = verify_fails()
    assert f"entry #{newest.seq} was anchored" in err
    assert f"the log now ends at #{newest.seq - 2}" in err
    assert "truncated" in err


def test_a_truncated_tail_refilled_by_new_entries_is_found(
    changes, django_capture_on_commit_callbacks
):
    checkpoint(django_capture_on_commit_callbacks)
    cut_tail(1)
    rename_again(changes, "Dinas Pengganti")  # takes the deleted entry's number
    assert verify_chain() == []
    assert "rewritten" in verify_fails()


def test_a_forged_or_altered_checkpoint_is_found(changes, django_capture_on_commit_callbacks):
    checkpoint(django_capture_on_commit_callbacks)
    (genuine,) = stored_checkpoints()
    storage = checkpoint_storage()
    # The attacker rewrites the chain and stores a checkpoint for it without the key.
    first = AuditEntry.objects.filter(object_type="agencies.agency").order_by("seq")[0]
    rewrite_from(first.seq, {"name": [None, "Dinas Palsu"]})
    newest = AuditEntry.objects.order_by("-seq").first()
    forged = Checkpoint(
        seq=newest.seq,
        entry_id=newest.pk,
        hash=newest.hash,
        count=AuditEntry.objects.count(),
        created_at="2026-09-15T04:00:00+00:00",
    ).signed("a key guessed by the attacker")
    storage.save(f"{CHECKPOINT_DIR}/2026-09-15-forged.json", ContentFile(forged.to_json()))
    # … and alters the genuine one to match the rewritten chain.
    altered = json.loads(genuine.checkpoint.to_json()) | {"hash": newest.hash}
    storage.delete(genuine.source)
    storage.save(genuine.source, ContentFile(json.dumps(altered)))
    err = verify_fails()
    assert (
        f"checkpoint {CHECKPOINT_DIR}/2026-09-15-forged.json: its signature does not match" in err
    )
    assert f"checkpoint {genuine.source}: its signature does not match" in err


def test_an_unreadable_checkpoint_is_named(changes):
    checkpoint_storage().save(f"{CHECKPOINT_DIR}/broken.json", ContentFile("{not json"))
    assert f"checkpoint {CHECKPOINT_DIR}/broken.json: cannot be read" in verify_fails()


def test_the_emailed_copy_finds_a_rewrite_after_the_stored_checkpoints_were_deleted(
    changes, django_capture_on_commit_callbacks, secretariat, tmp_path
):
    checkpoint(django_capture_on_commit_callbacks)
    (message,) = [m for m in mail.outbox if secretariat.email in m.to]
    saved_line = next(line for line in message.body.splitlines() if line.startswith("{"))
    saved = tmp_path / "checkpoint.json"
    saved.write_text(saved_line, encoding="utf-8")
    for item in stored_checkpoints():
        checkpoint_storage().delete(item.source)
    rewrite_from(AuditEntry.objects.order_by("-seq").first().seq, {"name": ["a", "b"]})
    _, err = verify()
    assert "no checkpoints found" in err  # the stored copies are gone: a warning, not proof
    assert "rewritten" in verify_fails("--checkpoint", str(saved))


def test_a_checkpoint_is_stored_and_mailed_to_the_secretariat(
    changes, secretariat, settings, django_capture_on_commit_callbacks
):
    settings.SATU_AUDIT_CHECKPOINT_EMAILS = ["inspektorat@example.id"]
    out = checkpoint(django_capture_on_commit_callbacks)
    newest = AuditEntry.objects.order_by("-seq").first()
    (stored,) = stored_checkpoints()
    assert stored.source == f"{CHECKPOINT_DIR}/2026-09-15-{newest.seq}.json"
    assert (stored.checkpoint.seq, stored.checkpoint.hash) == (newest.seq, newest.hash)
    assert stored.checkpoint.count == AuditEntry.objects.count()
    assert stored.source in out
    recipients = {address for message in mail.outbox for address in message.to}
    assert {secretariat.email, "inspektorat@example.id"} <= recipients
    message = next(m for m in mail.outbox if secretariat.email in m.to)
    assert f"#{newest.seq}" in message.subject
    assert newest.hash in message.body


def test_running_twice_stores_one_checkpoint(changes, django_capture_on_commit_callbacks):
    checkpoint(django_capture_on_commit_callbacks)
    sent = len(mail.outbox)
    assert "Unchanged" in checkpoint(django_capture_on_commit_callbacks)
    assert len(stored_checkpoints()) == 1
    assert len(mail.outbox) == sent


def test_a_rewritten_chain_is_not_anchored(changes, django_capture_on_commit_callbacks):
    checkpoint(django_capture_on_commit_callbacks)
    first = AuditEntry.objects.filter(object_type="agencies.agency").order_by("seq")[0]
    rewrite_from(first.seq, {"name": [None, "Dinas Palsu"]})
    rename_again(changes, "Dinas Uji Kelima")
    with pytest.raises(CommandError, match="No checkpoint taken"):
        call_command("create_audit_checkpoint", stdout=io.StringIO(), stderr=io.StringIO())
    assert len(stored_checkpoints()) == 1


def test_the_task_takes_a_checkpoint(changes, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        result = create_audit_checkpoint_task.enqueue()
    newest = AuditEntry.objects.order_by("-seq").first()
    assert result.return_value == {
        "name": f"{CHECKPOINT_DIR}/2026-09-15-{newest.seq}.json",
        "written": True,
        "seq": newest.seq,
    }
