"""Completeness checks of a self-assessment: plain functions over plain facts, every problem named.

An assessment with problems cannot be submitted; the messages say what to fix and where.
"""

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

from .index import SPD, Answer, Rules


@dataclass(frozen=True)
class Problem:
    code: str
    message: str
    innovation: object = None
    indicator: str = ""


@dataclass(frozen=True)
class InnovationFacts:
    """What the checks need to know about one innovation of the assessment."""

    key: object
    name: str
    design_words: int
    launch_date: datetime.date | None
    developed_years: frozenset[int]
    answers: Mapping[str, Answer]
    # Codes of the indicators (needing a video) for which a video was given.
    videos: frozenset[str] = frozenset()


def in_window(rules: Rules, launch: datetime.date | None, developed: Iterable[int]) -> bool:
    """Applied (launched) or developed within the rule set's eligibility window."""
    if rules.window_start is None or rules.window_end is None:
        return True
    if launch is not None and rules.window_start <= launch <= rules.window_end:
        return True
    return any(rules.window_start.year <= year <= rules.window_end.year for year in developed)


def _answered(answers: Mapping[str, Answer], code: str) -> bool:
    answer = answers.get(code)
    return answer is not None and answer.effective_level > 0


def check(
    rules: Rules, spd_answers: Mapping[str, Answer], innovations: Sequence[InnovationFacts]
) -> list[Problem]:
    """Every problem that keeps the assessment from being submitted, region first."""
    problems: list[Problem] = []
    for rule in rules.of(SPD):
        if rule.mandatory and not _answered(spd_answers, rule.code):
            problems.append(
                Problem(
                    "mandatory_indicator",
                    _(
                        "Indicator %(code)s (%(name)s) is mandatory: choose a parameter and "
                        "attach evidence."
                    )
                    % {"code": rule.code, "name": rule.name},
                    indicator=rule.code,
                )
            )
    if not innovations:
        problems.append(
            Problem(
                "no_innovations",
                _("No innovation is included yet; a region without innovations is not assessed."),
            )
        )
    for facts in innovations:
        problems.extend(_check_innovation(rules, facts))
    return problems


def _check_innovation(rules: Rules, facts: InnovationFacts) -> list[Problem]:
    problems = []
    if facts.design_words < rules.design_min_words:
        problems.append(
            Problem(
                "design_too_short",
                _(
                    "%(innovation)s: the design (rancang bangun) has %(words)s words; at least "
                    "%(min)s are needed."
                )
                % {
                    "innovation": facts.name,
                    "words": facts.design_words,
                    "min": rules.design_min_words,
                },
                innovation=facts.key,
            )
        )
    if not in_window(rules, facts.launch_date, facts.developed_years):
        assert rules.window_start is not None and rules.window_end is not None
        problems.append(
            Problem(
                "outside_window",
                _(
                    "%(innovation)s was neither applied nor developed between %(start)s and "
                    "%(end)s; it cannot be assessed this year."
                )
                % {
                    "innovation": facts.name,
                    "start": rules.window_start.strftime("%d-%m-%Y"),
                    "end": rules.window_end.strftime("%d-%m-%Y"),
                },
                innovation=facts.key,
            )
        )
    for rule in rules.of("SID"):
        answered = _answered(facts.answers, rule.code)
        if rule.needs_video and answered and rule.code not in facts.videos:
            problems.append(
                Problem(
                    "video_required",
                    _(
                        "%(innovation)s: indicator %(code)s (%(name)s) needs a video (an MP4 "
                        "file or a link to the video)."
                    )
                    % {"innovation": facts.name, "code": rule.code, "name": rule.name},
                    innovation=facts.key,
                    indicator=rule.code,
                )
            )
        if rule.mandatory and not answered:
            problems.append(
                Problem(
                    "mandatory_indicator",
                    _(
                        "%(innovation)s: indicator %(code)s (%(name)s) is mandatory: choose a "
                        "parameter and attach evidence."
                    )
                    % {"innovation": facts.name, "code": rule.code, "name": rule.name},
                    innovation=facts.key,
                    indicator=rule.code,
                )
            )
    return problems
