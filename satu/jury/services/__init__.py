"""The jury's business rules; views, commands and the competition's signals call only these."""

from .assignments import (
    add_pair,
    commit_assignment,
    discard_draft,
    preview,
    propose_assignment,
    remove_pair,
)
from .conflicts import (
    conflicts_between,
    declare_conflict,
    lift_conflict,
    refresh_conflicts,
    set_conflict,
)
from .pool import JurorDetails, add_juror, remove_juror, update_juror
from .reminders import remind_round, send_reminders, set_deadline
from .results import aggregate_round, compute_round_results
from .rubrics import create_from_template, save_rubric
from .sheets import SheetError, save_draft, submit_sheet

__all__ = [
    "JurorDetails",
    "SheetError",
    "add_juror",
    "add_pair",
    "aggregate_round",
    "commit_assignment",
    "compute_round_results",
    "conflicts_between",
    "create_from_template",
    "declare_conflict",
    "discard_draft",
    "lift_conflict",
    "preview",
    "propose_assignment",
    "refresh_conflicts",
    "remind_round",
    "remove_juror",
    "remove_pair",
    "save_draft",
    "save_rubric",
    "send_reminders",
    "set_conflict",
    "set_deadline",
    "submit_sheet",
    "update_juror",
]
