"""The rules an innovation profile, a yearly status and a piece of evidence must follow.

Two levels: :func:`profile_errors` holds on every save (a draft may be incomplete but never
wrong), :func:`submission_errors` adds what must be filled in before the chain may review it.
Each returns ``{field: [message, ...]}`` with messages ready for the person who typed the data.
"""

import datetime
from urllib.parse import urlsplit

from django.utils.translation import gettext as _

from satu.lib.text import word_count

from .models import Evidence, InitiatorKind, Innovation, InnovationYear, Stage, YearStatus

SUMMARY_MAX_WORDS = 200
# IID asks the design text (rancang bangun) to run to at least 300 words; shown as advice.
DESIGN_MIN_WORDS = 300
DEVELOPMENT_NOTE_AFTER_YEARS = 2
LINK_SCHEMES = ("http", "https")

Errors = dict[str, list[str]]


def _add(errors: Errors, field: str, message: str) -> None:
    errors.setdefault(field, []).append(message)


def profile_errors(innovation: Innovation, *, today: datetime.date) -> Errors:
    """Rules that hold for every saved version, draft or not."""
    errors: Errors = {}
    trial, launch = innovation.trial_date, innovation.launch_date
    if trial and trial > today:
        _add(errors, "trial_date", _("The trial date cannot be in the future."))
    if launch and launch > today:
        _add(errors, "launch_date", _("The launch date cannot be in the future."))
    if trial and launch and launch < trial:
        _add(errors, "launch_date", _("The launch date cannot be before the trial date."))
    words = word_count(innovation.summary)
    if words > SUMMARY_MAX_WORDS:
        _add(
            errors,
            "summary",
            _("The summary has %(count)s words; at most %(max)s are allowed.")
            % {"count": words, "max": SUMMARY_MAX_WORDS},
        )
    if innovation.budget is not None and innovation.budget < 0:
        _add(errors, "budget", _("The budget cannot be negative."))
    goals = innovation.sdg_goals or []
    if not isinstance(goals, list) or any(
        not isinstance(goal, int) or not 1 <= goal <= 17 for goal in goals
    ):
        _add(errors, "sdg_goals", _("SDG goals are numbers from 1 to 17."))
    if innovation.programme_year and innovation.programme_year > today.year + 1:
        _add(
            errors,
            "programme_year",
            _("The programme year can be at most next year (%(year)s).") % {"year": today.year + 1},
        )
    if innovation.service_unit_id and innovation.agency_id:
        unit_agency = innovation.service_unit.agency_id  # type: ignore[union-attr]
        if unit_agency != innovation.agency_id:
            _add(errors, "service_unit", _("The service unit must belong to the agency."))
    return errors


# Fields every submission needs, and those each stage adds (tahapan: initiative, trial,
# implementation). Implementation needs the launch date and the results it achieved.
ALWAYS_REQUIRED = ("name", "stage", "initiator_kind", "form", "main_urusan", "goals", "benefits")
STAGE_REQUIRED: dict[str, tuple[str, ...]] = {
    Stage.INITIATIVE: (),
    Stage.TRIAL: ("trial_date", "design"),
    Stage.IMPLEMENTATION: ("launch_date", "design", "results_before", "results_after"),
}


def _is_blank(innovation: Innovation, field: str) -> bool:
    if field == "main_urusan":
        return innovation.main_urusan_id is None
    value = getattr(innovation, field)
    return value is None or (isinstance(value, str) and not value.strip())


def submission_errors(innovation: Innovation, *, today: datetime.date) -> Errors:
    """Everything that stops the innovation from being submitted, per field."""
    errors = profile_errors(innovation, today=today)
    stage_label = innovation.get_stage_display() if innovation.stage else ""
    for field in ALWAYS_REQUIRED:
        if _is_blank(innovation, field):
            _add(errors, field, _("This field is required before submitting."))
    for field in STAGE_REQUIRED.get(innovation.stage, ()):
        if _is_blank(innovation, field):
            _add(
                errors,
                field,
                _("An innovation at the stage “%(stage)s” needs this field.")
                % {"stage": stage_label},
            )
    needs_name = innovation.initiator_kind not in ("", InitiatorKind.AGENCY)
    if needs_name and not innovation.initiator_name.strip():
        _add(
            errors,
            "initiator_name",
            _("Name the initiator (%(kind)s).") % {"kind": innovation.get_initiator_kind_display()},
        )
    return errors


def submission_advice(innovation: Innovation) -> list[str]:
    """Hints that do not block submission but matter for the national assessment."""
    advice = []
    if innovation.design and word_count(innovation.design) < DESIGN_MIN_WORDS:
        advice.append(
            _(
                "The design text has %(count)s words; the Indeks Inovasi Daerah expects at "
                "least %(min)s."
            )
            % {"count": word_count(innovation.design), "min": DESIGN_MIN_WORDS}
        )
    return advice


def year_status_errors(entry: InnovationYear, *, today: datetime.date) -> Errors:
    errors: Errors = {}
    innovation = entry.innovation
    if entry.year and entry.year > today.year:
        _add(errors, "year", _("A yearly status cannot be recorded for a future year."))
    elif entry.year and entry.year < innovation.programme_year:
        _add(
            errors,
            "year",
            _("The innovation was registered for %(year)s; report that year or later.")
            % {"year": innovation.programme_year},
        )
    if entry.status == YearStatus.DEVELOPED and not entry.development_note.strip():
        end_of_year = datetime.date(entry.year or today.year, 12, 31)
        age = (end_of_year - innovation.started_on).days / 365.25
        if age > DEVELOPMENT_NOTE_AFTER_YEARS:
            _add(
                errors,
                "development_note",
                _(
                    "The innovation is more than two years old: describe what was developed "
                    "this year."
                ),
            )
    if entry.status == YearStatus.STOPPED and not entry.stop_reason.strip():
        _add(errors, "stop_reason", _("Say why the innovation stopped."))
    return errors


def evidence_errors(evidence: Evidence) -> Errors:
    errors: Errors = {}
    if not evidence.title.strip():
        _add(errors, "title", _("Give the evidence a title."))
    has_file, has_link = bool(evidence.file), bool(evidence.url)
    if has_file and has_link:
        _add(errors, "url", _("Give either a file or a link, not both."))
    elif not has_file and not has_link:
        _add(errors, "url", _("Upload a file or give a link."))
    if has_link and not is_web_link(evidence.url):
        _add(errors, "url", _("Only web links starting with http:// or https:// are accepted."))
    return errors


def is_web_link(url: str) -> bool:
    parts = urlsplit(url.strip())
    return parts.scheme.lower() in LINK_SCHEMES and bool(parts.netloc)
