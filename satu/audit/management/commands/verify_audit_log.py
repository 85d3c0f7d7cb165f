from django.core.management.base import BaseCommand, CommandError

from satu.audit.checkpoints import (
    Checkpoint,
    checkpoints_from_files,
    stored_checkpoints,
    verify_checkpoints,
)
from satu.audit.models import AuditEntry
from satu.audit.services import verify_chain


def seq_of(checkpoint: Checkpoint) -> int:
    return checkpoint.seq


class Command(BaseCommand):
    help = (
        "Check the audit log's hash chain and the signed checkpoints in storage (and any given "
        "with --checkpoint); exit non-zero and name each broken entry or checkpoint."
    )

    def add_arguments(self, parser) -> None:  # type: ignore[no-untyped-def]
        parser.add_argument(
            "--checkpoint",
            action="append",
            default=[],
            metavar="FILE",
            help="Also check against this checkpoint file (e.g. saved from a checkpoint email).",
        )

    def handle(self, *args: object, **options: object) -> None:
        try:
            files: list[str] = options["checkpoint"]  # type: ignore[assignment]
            checkpoints = stored_checkpoints() + checkpoints_from_files(files)
        except OSError as exc:
            raise CommandError(f"Cannot read a checkpoint: {exc}") from exc
        problems = [*verify_chain(), *verify_checkpoints(checkpoints)]
        if problems:
            for problem in problems:
                self.stderr.write(f"BROKEN {problem}")
            raise CommandError(f"The audit log has been tampered with: {len(problems)} problem(s).")
        count = AuditEntry.objects.count()
        if not checkpoints:
            self.stderr.write(
                "WARNING no checkpoints found: the chain was checked only against itself, which "
                "does not reveal a chain rewritten or truncated in the database. Schedule "
                "`manage.py create_audit_checkpoint` daily."
            )
        anchored = ""
        if checkpoints:  # all readable and validly signed, else there were problems
            newest = max((item.checkpoint for item in checkpoints if item.checkpoint), key=seq_of)
            anchored = (
                f" against {len(checkpoints)} checkpoint(s), the newest at entry #{newest.seq} "
                f"({newest.created_at})"
            )
        self.stdout.write(
            self.style.SUCCESS(f"Audit log intact: {count} entries verified{anchored}.")
        )
