"""Eligibility of an innovation for a competition: every rule, each with a stable reason code.

The rules are plain functions over plain facts (``Facts``) so they can be read and tested
without a database; ``satu.competitions.services.entries.gather_facts`` collects the facts.
Every failed rule is reported, not only the first, so an operator sees all there is to fix.
"""

import datetime
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from satu.lib.text import word_count

SUMMARY_MAX_WORDS = 200

# KIPP proposal sections (field name, label) that must not be empty.
KIPP_SECTIONS = (
    ("summary", "Ringkasan"),
    ("background", "Latar belakang dan tujuan"),
    ("novelty", "Kebaruan"),
    ("implementation", "Implementasi"),
    ("significance", "Signifikansi"),
    ("adaptability", "Adaptabilitas"),
    ("resources", "Sumber daya"),
    ("sustainability", "Strategi keberlanjutan"),
)


@dataclass(frozen=True)
class Failure:
    code: str
    message: str

    def as_dict(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message}


@dataclass
class Facts:
    """Everything the rules need to know about one proposed entry."""

    # The competition's rules
    groups_open: list[str]
    has_categories: bool
    min_age_years: int
    reference_date: datetime.date
    exclude_top_winners: bool
    shortlist_limit: int
    quota_per_region: int | None
    quota_per_provincial_agency: int | None
    # The proposed entry
    group: str
    category_ok: bool
    category_given: bool
    innovation_accepted: bool
    launch_date: datetime.date | None
    sections: dict[str, str] = field(default_factory=dict)
    original_named: bool = False
    original_is_self: bool = False
    in_competition_region: bool = True
    already_entered: bool = False
    top_wins: list[str] = field(default_factory=list)
    earlier_shortlistings: int = 0
    # Quotas: the agency is provincial (counted per agency) or local (counted per region)
    agency_is_provincial: bool = True
    entries_of_agency: int = 0
    entries_of_region: int = 0
    region_name: str = ""


def add_years(day: datetime.date, years: int) -> datetime.date:
    """The same calendar day ``years`` later (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def check(facts: Facts) -> list[Failure]:
    """Every rule that the proposed entry fails, in a fixed order."""
    failures: list[Failure] = []
    add = failures.append
    if facts.already_entered:
        add(
            Failure(
                "duplicate_entry",
                _("This innovation has already been entered in this competition."),
            )
        )
    if not facts.innovation_accepted:
        add(
            Failure(
                "not_accepted",
                _("Only innovations accepted by the secretariat in the registry may be entered."),
            )
        )
    if not facts.in_competition_region:
        add(
            Failure(
                "outside_region",
                _("The agency does not belong to the province that runs this competition."),
            )
        )
    if facts.group not in facts.groups_open:
        add(Failure("group_not_open", _("This group is not open in this competition.")))
    if facts.has_categories and not facts.category_given:
        add(Failure("category_required", _("Choose a category.")))
    elif facts.category_given and not facts.category_ok:
        add(Failure("unknown_category", _("The category does not belong to this competition.")))
    _check_age(facts, add)
    _check_earlier_results(facts, add)
    if facts.group == "replikasi":
        if not facts.original_named:
            add(
                Failure(
                    "replication_needs_original",
                    _("A replication must name the original innovation it adapts."),
                )
            )
        elif facts.original_is_self:
            add(
                Failure(
                    "replication_needs_original",
                    _("A replication cannot name itself as the original innovation."),
                )
            )
    _check_quota(facts, add)
    _check_proposal(facts, add)
    return failures


def _check_age(facts: Facts, add) -> None:  # type: ignore[no-untyped-def]
    if facts.min_age_years == 0:
        return
    if facts.launch_date is None:
        add(
            Failure(
                "no_launch_date",
                _("The launch date of the innovation is not recorded, so its age is unknown."),
            )
        )
        return
    old_enough_on = add_years(facts.launch_date, facts.min_age_years)
    if old_enough_on > facts.reference_date:
        add(
            Failure(
                "too_young",
                ngettext(
                    "The innovation must have been implemented for at least %(years)s year on "
                    "%(date)s; launched on %(launch)s it reaches that on %(ready)s.",
                    "The innovation must have been implemented for at least %(years)s years on "
                    "%(date)s; launched on %(launch)s it reaches that on %(ready)s.",
                    facts.min_age_years,
                )
                % {
                    "years": facts.min_age_years,
                    "date": facts.reference_date.strftime("%d-%m-%Y"),
                    "launch": facts.launch_date.strftime("%d-%m-%Y"),
                    "ready": old_enough_on.strftime("%d-%m-%Y"),
                },
            )
        )


def _check_earlier_results(facts: Facts, add) -> None:  # type: ignore[no-untyped-def]
    wins = ", ".join(facts.top_wins)
    if facts.group == "khusus":
        if not facts.top_wins:
            add(
                Failure(
                    "special_needs_top_winner",
                    _("The special group is only for innovations that won a top award before."),
                )
            )
    elif facts.exclude_top_winners and facts.top_wins:
        add(
            Failure(
                "earlier_top_winner",
                _(
                    "The innovation already won a top award (%(awards)s); earlier top winners "
                    "may only enter the special group."
                )
                % {"awards": wins},
            )
        )
    if facts.shortlist_limit and facts.earlier_shortlistings >= facts.shortlist_limit:
        add(
            Failure(
                "shortlisted_twice",
                ngettext(
                    "The innovation was already shortlisted %(count)s time; at most %(limit)s "
                    "earlier shortlistings are allowed.",
                    "The innovation was already shortlisted %(count)s times; at most %(limit)s "
                    "earlier shortlistings are allowed.",
                    facts.earlier_shortlistings,
                )
                % {"count": facts.earlier_shortlistings, "limit": facts.shortlist_limit - 1},
            )
        )


def _check_quota(facts: Facts, add) -> None:  # type: ignore[no-untyped-def]
    if facts.agency_is_provincial:
        quota = facts.quota_per_provincial_agency
        if quota is not None and facts.entries_of_agency >= quota:
            add(
                Failure(
                    "agency_quota_full",
                    ngettext(
                        "A provincial agency may enter %(quota)s innovation; yours has already "
                        "entered %(count)s.",
                        "A provincial agency may enter %(quota)s innovations; yours has already "
                        "entered %(count)s.",
                        quota,
                    )
                    % {"quota": quota, "count": facts.entries_of_agency},
                )
            )
    else:
        quota = facts.quota_per_region
        if quota is not None and facts.entries_of_region >= quota:
            add(
                Failure(
                    "region_quota_full",
                    ngettext(
                        "%(region)s may enter %(quota)s innovation and has already entered "
                        "%(count)s.",
                        "%(region)s may enter %(quota)s innovations and has already entered "
                        "%(count)s.",
                        quota,
                    )
                    % {
                        "region": facts.region_name,
                        "quota": quota,
                        "count": facts.entries_of_region,
                    },
                )
            )


def _check_proposal(facts: Facts, add) -> None:  # type: ignore[no-untyped-def]
    empty = [label for name, label in KIPP_SECTIONS if not (facts.sections.get(name) or "").strip()]
    if empty:
        add(
            Failure(
                "incomplete_proposal",
                _("The proposal is incomplete; these sections are empty: %(sections)s.")
                % {"sections": ", ".join(empty)},
            )
        )
    words = word_count(facts.sections.get("summary", ""))
    if words > SUMMARY_MAX_WORDS:
        add(
            Failure(
                "incomplete_proposal",
                _("The summary has %(words)s words; at most %(max)s are allowed.")
                % {"words": words, "max": SUMMARY_MAX_WORDS},
            )
        )
