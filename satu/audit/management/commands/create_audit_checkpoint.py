from django.core.management.base import BaseCommand, CommandError

from satu.audit.checkpoints import create_checkpoint


class Command(BaseCommand):
    help = (
        "Sign the audit log's newest entry with SATU_AUDIT_KEY, store the checkpoint under "
        "audit/checkpoints/ and mail it to the secretariat. Run it once a day."
    )

    def handle(self, *args: object, **options: object) -> None:
        outcome = create_checkpoint()
        if outcome.problems:
            for problem in outcome.problems:
                self.stderr.write(f"BROKEN {problem}")
            raise CommandError(
                "No checkpoint taken: the audit log does not extend the last checkpoint "
                f"({len(outcome.problems)} problem(s)). Run verify_audit_log."
            )
        checkpoint = outcome.checkpoint
        if checkpoint is None:
            self.stdout.write("The audit log is empty: nothing to anchor.")
        elif outcome.written:
            self.stdout.write(
                f"Checkpoint {outcome.name}: entry #{checkpoint.seq}, hash {checkpoint.hash}."
            )
        else:
            self.stdout.write(
                f"Unchanged: the newest checkpoint already anchors #{checkpoint.seq}."
            )
