"""Business rules of the competitions; views, API, tasks and commands call only these."""

from .certificates import certificate_pdf, issue_certificates, verify_code
from .entries import (
    EligibilityError,
    check_entry,
    correct_entry,
    enter_innovation,
    screen_entries,
    withdraw_entry,
)
from .rounds import (
    close_round,
    compute_final_results,
    entries_for_round,
    file_objection,
    make_shortlist,
    open_round,
    record_round_result,
    reopen_round,
    resolve_objection,
)
from .schedule import book_slot, schedule_presentations, send_invitations
from .stages import create_competition, move_stage, open_work, update_competition
from .verification import record_verification

__all__ = [
    "EligibilityError",
    "book_slot",
    "certificate_pdf",
    "check_entry",
    "close_round",
    "compute_final_results",
    "correct_entry",
    "create_competition",
    "enter_innovation",
    "entries_for_round",
    "file_objection",
    "issue_certificates",
    "make_shortlist",
    "move_stage",
    "open_round",
    "open_work",
    "record_round_result",
    "record_verification",
    "reopen_round",
    "resolve_objection",
    "schedule_presentations",
    "screen_entries",
    "send_invitations",
    "update_competition",
    "verify_code",
    "withdraw_entry",
]
