"""Background work of the audit log: a thin wrapper around :func:`checkpoints.create_checkpoint`."""

from django.tasks import task

from .checkpoints import create_checkpoint


@task()
def create_audit_checkpoint_task() -> dict[str, object]:
    """Take today's checkpoint of the audit chain and say what happened."""
    outcome = create_checkpoint()
    if outcome.problems:
        raise RuntimeError(
            "No checkpoint taken; the audit log does not extend the last checkpoint: "
            + "; ".join(str(problem) for problem in outcome.problems)
        )
    checkpoint = outcome.checkpoint
    return {
        "name": outcome.name,
        "written": outcome.written,
        "seq": checkpoint.seq if checkpoint else None,
    }
