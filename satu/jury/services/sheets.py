"""Score sheets: autosaved drafts, the final submit, locks after close, and the change history.

A juror saves drafts as often as they like (blank marks allowed, but a mark that is typed must
lie on the rubric's scale). Submitting needs every scored criterion and every required
comment; a submitted sheet may be changed by submitting it again while the round is open.
Every change is kept in ``ScoreChange`` (who, when, before, after) and in the audit log.
"""

from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from satu.audit.services import record
from satu.core.errors import DomainError

from ..models import (
    ChangeAction,
    Criterion,
    JurorAssignment,
    Rubric,
    ScoreChange,
    ScoreSheet,
    SheetStatus,
)
from .common import actor_or_none, locked_round, require_open
from .juror import juror_assignment


class SheetError(DomainError):
    """The sheet cannot be saved; ``errors`` maps a criterion code (or "note") to a message."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(
            _("The score sheet has errors; see the marked fields."), code="sheet_invalid"
        )
        self.errors = errors


def _number(text: object) -> Decimal | None:
    value = str(text if text is not None else "").strip().replace(",", ".")
    if not value:
        return None
    try:
        number = Decimal(value)
    except InvalidOperation:
        raise ValueError from None
    if not number.is_finite():
        raise ValueError
    return number


def _plain(number: Decimal) -> str:
    text = format(number.normalize(), "f")
    return text


def parse_marks(
    rubric: Rubric, criteria: list[Criterion], raw: dict[str, object]
) -> tuple[dict[str, str], dict[str, str]]:
    """Marks by code as plain decimal strings, and an error message per bad mark."""
    scale = rubric.scale
    marks: dict[str, str] = {}
    errors: dict[str, str] = {}
    for criterion in criteria:
        if not criterion.is_scored:
            continue
        try:
            number = _number(raw.get(criterion.code))
        except ValueError:
            errors[criterion.code] = _("Type a number.")
            continue
        if number is None:
            continue
        if not scale.contains(float(number)):
            errors[criterion.code] = _("Give a mark from %(low)s to %(high)s%(step)s.") % {
                "low": _plain(rubric.scale_min),
                "high": _plain(rubric.scale_max),
                "step": (_(" in steps of %(step)s") % {"step": _plain(rubric.scale_step)})
                if rubric.scale_step
                else "",
            }
            continue
        marks[criterion.code] = _plain(number)
    return marks, errors


def weighted(rubric: Rubric, criteria: list[Criterion], marks: dict[str, str]) -> Decimal | None:
    """The weighted score when every scored criterion has a mark; None otherwise."""
    if any(c.is_scored and c.code not in marks for c in criteria):
        return None
    value = rubric.as_scoring(criteria).weighted_score(
        {code: float(mark) for code, mark in marks.items()}
    )
    return Decimal(str(value)).quantize(Decimal("0.001"))


def _load(actor: object, assignment: JurorAssignment) -> tuple[JurorAssignment, Rubric, list]:
    """The assignment re-checked for the actor, the round locked and open, and its rubric."""
    current = juror_assignment(actor, assignment.pk)
    if current is None:
        raise DomainError(_("This entry is not assigned to you."), code="not_assigned")
    round = locked_round(current.round)
    require_open(round)
    rubric = Rubric.objects.filter(round=round).first()
    if rubric is None:
        raise DomainError(_("The round has no rubric yet."), code="no_rubric")
    current.round = round
    return current, rubric, list(rubric.criteria.all())


def _save(
    actor: object,
    assignment: JurorAssignment,
    *,
    marks: dict[str, object],
    comments: dict[str, str],
    note: str,
    submit: bool,
) -> ScoreSheet:
    assignment, rubric, criteria = _load(actor, assignment)
    clean_marks, errors = parse_marks(rubric, criteria, marks)
    codes = {c.code for c in criteria}
    clean_comments = {
        code: text.strip()[:5000]
        for code, text in (comments or {}).items()
        if code in codes and (text or "").strip()
    }
    sheet = ScoreSheet.objects.select_for_update().filter(
        round=assignment.round, juror=assignment.juror, entry=assignment.entry
    ).first() or ScoreSheet(round=assignment.round, juror=assignment.juror, entry=assignment.entry)
    if sheet.is_submitted and not submit:
        raise DomainError(
            _("This sheet is submitted; change it by submitting it again."), code="submitted"
        )
    score = weighted(rubric, criteria, clean_marks)
    if submit:
        for criterion in criteria:
            if criterion.is_scored and criterion.code not in clean_marks:
                errors.setdefault(criterion.code, _("A mark is needed."))
            if criterion.comment_required and criterion.code not in clean_comments:
                errors.setdefault(f"comment_{criterion.code}", _("A comment is needed."))
    if errors:
        raise SheetError(errors)
    before = sheet.state()
    was_submitted = sheet.is_submitted
    sheet.marks, sheet.comments, sheet.note = clean_marks, clean_comments, (note or "").strip()
    sheet.score = score
    if submit:
        sheet.status = SheetStatus.SUBMITTED
        sheet.submitted_at = timezone.now()
    after = sheet.state()
    if after == before and not (submit and not was_submitted):
        return sheet  # nothing changed: no history entry, and no empty sheet is created
    sheet.save()
    action = (
        ChangeAction.REVISE
        if was_submitted
        else ChangeAction.SUBMIT
        if submit
        else ChangeAction.DRAFT
    )
    ScoreChange.objects.create(
        sheet=sheet, action=action, changed_by=actor_or_none(actor), old=before, new=after
    )
    if submit:
        record(
            "jury.sheet_submitted" if not was_submitted else "jury.sheet_revised",
            sheet,
            {"score": [before["score"], after["score"]]},
        )
    return sheet


@transaction.atomic
def save_sheet(
    actor: object,
    assignment: JurorAssignment,
    *,
    marks: dict[str, object],
    comments: dict[str, str] | None = None,
    note: str = "",
    submit: bool = False,
) -> ScoreSheet:
    """Keep the juror's work so far (blank marks allowed), or hand it in with ``submit``:
    then every scored criterion and every required comment must be there."""
    return _save(actor, assignment, marks=marks, comments=comments or {}, note=note, submit=submit)


def save_draft(actor: object, assignment: JurorAssignment, **values: object) -> ScoreSheet:
    return save_sheet(actor, assignment, submit=False, **values)  # type: ignore[arg-type]


def submit_sheet(actor: object, assignment: JurorAssignment, **values: object) -> ScoreSheet:
    return save_sheet(actor, assignment, submit=True, **values)  # type: ignore[arg-type]


def sheet_for(assignment: JurorAssignment) -> ScoreSheet | None:
    return ScoreSheet.objects.filter(
        round_id=assignment.round_id, juror_id=assignment.juror_id, entry_id=assignment.entry_id
    ).first()
