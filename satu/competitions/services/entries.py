"""Entering innovations, correcting entries, and the administrative screening."""

from collections.abc import Iterable

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from satu.audit.services import record
from satu.core.errors import DomainError, PermissionDeniedError
from satu.core.mail import queue_email
from satu.innovations.models import Innovation, Status

from .. import eligibility, policies
from ..models import (
    Award,
    Category,
    Competition,
    Entry,
    EntryStatus,
    ScreeningReason,
    Stage,
)
from .common import agency_people, lock, require_manager


class EligibilityError(DomainError):
    """The entry breaks one or more rules; ``failures`` lists every one of them."""

    def __init__(self, failures: list[eligibility.Failure]) -> None:
        super().__init__(
            _("The innovation cannot be entered: %(reasons)s")
            % {"reasons": " ".join(f.message for f in failures)},
            code=failures[0].code,
        )
        self.failures = failures

    @property
    def codes(self) -> list[str]:
        return [failure.code for failure in self.failures]


def top_wins(innovation: Innovation, competition: Competition) -> list[str]:
    awards = Award.objects.filter(
        innovation=innovation, is_top_winner=True, year__lte=competition.year
    ).exclude(entry__competition=competition)
    return [f"{award.title} {award.get_source_display()} {award.year}" for award in awards]


def earlier_shortlistings(innovation: Innovation, competition: Competition) -> int:
    """Shortlistings in earlier competitions here, plus shortlisting awards from elsewhere.

    Awards that belong to an entry here are counted through the entry; several awards of one
    programme in one year (Top 99 and Top 45) count once.
    """
    own = (
        Entry.objects.filter(innovation=innovation, shortlisted_at__isnull=False)
        .exclude(competition=competition)
        .filter(removed_at__isnull=True)
        .count()
    )
    outside = (
        Award.objects.filter(
            innovation=innovation,
            is_shortlisting=True,
            entry__isnull=True,
            year__lte=competition.year,
        )
        .values_list("source", "year")
        .distinct()
        .count()
    )
    return own + outside


def gather_facts(
    competition: Competition,
    innovation: Innovation,
    *,
    group: str,
    category: Category | None,
    original: Innovation | None,
    exclude_entry: Entry | None = None,
) -> eligibility.Facts:
    agency = innovation.agency
    region = agency.region
    others = Entry.objects.active().filter(competition=competition)
    if exclude_entry is not None:
        others = others.exclude(pk=exclude_entry.pk)
    home = competition.region_id
    original = original or (innovation.replicated_from if group == "replikasi" else None)
    return eligibility.Facts(
        groups_open=list(competition.groups),
        has_categories=competition.categories.exists(),
        min_age_years=competition.min_age_years,
        reference_date=competition.age_reference_date,
        exclude_top_winners=competition.exclude_top_winners,
        shortlist_limit=competition.shortlist_limit,
        quota_per_region=competition.quota_per_region,
        quota_per_provincial_agency=competition.quota_per_provincial_agency,
        group=group,
        category_given=category is not None,
        category_ok=category is not None and category.competition_id == competition.pk,
        innovation_accepted=innovation.status == Status.ACCEPTED,
        launch_date=innovation.launch_date,
        sections={name: getattr(innovation, name) for name, _label in eligibility.KIPP_SECTIONS},
        original_named=original is not None,
        original_is_self=original is not None and original.pk == innovation.pk,
        in_competition_region=region.pk == home or region.parent_id == home,
        already_entered=others.filter(innovation=innovation).exists(),
        top_wins=top_wins(innovation, competition),
        earlier_shortlistings=earlier_shortlistings(innovation, competition),
        agency_is_provincial=region.pk == home,
        entries_of_agency=others.filter(agency=agency).count(),
        entries_of_region=others.filter(agency__region=region).count(),
        region_name=region.name,
    )


def check_entry(
    competition: Competition,
    innovation: Innovation,
    *,
    group: str,
    category: Category | None = None,
    original: Innovation | None = None,
    exclude_entry: Entry | None = None,
) -> list[eligibility.Failure]:
    """Every rule the proposed entry fails (empty when it may be entered)."""
    facts = gather_facts(
        competition,
        innovation,
        group=group,
        category=category,
        original=original,
        exclude_entry=exclude_entry,
    )
    return eligibility.check(facts)


@transaction.atomic
def enter_innovation(
    actor: object,
    competition: Competition,
    innovation: Innovation,
    *,
    group: str,
    category: Category | None = None,
    original: Innovation | None = None,
) -> Entry:
    """Enter an accepted innovation; refused with every failed rule listed."""
    if not policies.can_enter_for(actor, innovation.agency):
        raise PermissionDeniedError(_("You may only enter innovations of your own agency."))
    # Locked so that two operators of one kabupaten cannot both take its last place.
    competition = lock(competition)
    if competition.stage != Stage.REGISTRATION:
        raise DomainError(_("Registration for this competition is closed."), code="closed")
    failures = check_entry(
        competition, innovation, group=group, category=category, original=original
    )
    if failures:
        raise EligibilityError(failures)
    entry = Entry.objects.create(
        competition=competition,
        innovation=innovation,
        agency=innovation.agency,
        group=group,
        category=category,
        original_innovation=original
        or (innovation.replicated_from if group == "replikasi" else None),
        submitted_by=actor if getattr(actor, "pk", None) else None,
    )
    return entry


@transaction.atomic
def correct_entry(
    actor: object,
    entry: Entry,
    *,
    group: str,
    category: Category | None = None,
    original: Innovation | None = None,
) -> Entry:
    """Change an entry within the correction window; a failed entry goes back to screening."""
    if not policies.can_enter_for(actor, entry.agency):
        raise PermissionDeniedError(_("You may only correct entries of your own agency."))
    competition = lock(entry.competition)
    entry = Entry.objects.select_for_update().get(pk=entry.pk)
    if entry.status == EntryStatus.WITHDRAWN:
        raise DomainError(_("A withdrawn entry cannot be corrected."), code="withdrawn")
    if entry.status == EntryStatus.PASSED:
        raise DomainError(
            _("The entry has passed screening; it needs no correction."), code="passed"
        )
    if not competition.correction_open(timezone.localdate()):
        raise DomainError(_("The correction window has closed."), code="correction_closed")
    failures = check_entry(
        competition,
        entry.innovation,
        group=group,
        category=category,
        original=original,
        exclude_entry=entry,
    )
    if failures:
        raise EligibilityError(failures)
    entry.group = group
    entry.category = category
    entry.original_innovation = original or (
        entry.innovation.replicated_from if group == "replikasi" else None
    )
    if entry.status == EntryStatus.FAILED:
        entry.status = EntryStatus.SUBMITTED
        record("competitions.entry_resubmitted", entry, {"reasons": entry.screening_reasons})
    entry.save()
    return entry


@transaction.atomic
def withdraw_entry(actor: object, entry: Entry) -> Entry:
    if not policies.can_enter_for(actor, entry.agency):
        raise PermissionDeniedError(_("You may only withdraw entries of your own agency."))
    entry = Entry.objects.select_for_update().get(pk=entry.pk)
    if entry.competition.stage not in (Stage.REGISTRATION, Stage.SCREENING):
        raise DomainError(_("Entries can only be withdrawn before the evaluation."), code="late")
    entry.status = EntryStatus.WITHDRAWN
    entry.save()
    return entry


@transaction.atomic
def screen_entries(
    actor: object,
    competition: Competition,
    entries: Iterable[Entry],
    *,
    passed: bool,
    reasons: list[str] | None = None,
    note: str = "",
) -> int:
    """Pass or fail entries in bulk; a failure needs a reason code. Returns the number changed.

    Failed entries' agencies are told why by email.
    """
    require_manager(actor, competition)
    competition = lock(competition)
    if competition.stage not in (Stage.REGISTRATION, Stage.SCREENING):
        raise DomainError(_("Screening is only possible before the evaluation."), code="stage")
    reasons = list(dict.fromkeys(reasons or []))
    unknown = [code for code in reasons if code not in ScreeningReason.values]
    if unknown:
        raise DomainError(_("Unknown reason code: %(codes)s") % {"codes": ", ".join(unknown)})
    if not passed and not reasons:
        raise DomainError(_("Give at least one reason for failing an entry."), field="reasons")
    if not passed and ScreeningReason.OTHER in reasons and not note.strip():
        raise DomainError(_("Explain the other reason in the note."), field="note")
    ids = [entry.pk for entry in entries]
    selected = (
        Entry.objects.select_for_update()
        .filter(competition=competition, pk__in=ids)
        .exclude(status=EntryStatus.WITHDRAWN)
        .select_related("innovation", "agency")
    )
    now = timezone.now()
    changed = 0
    for entry in selected:
        entry.status = EntryStatus.PASSED if passed else EntryStatus.FAILED
        entry.screening_reasons = [] if passed else reasons
        entry.screening_note = note.strip()
        entry.screened_by = actor if getattr(actor, "pk", None) else None
        entry.screened_at = now
        entry.save()
        changed += 1
        if not passed:
            for person in agency_people(entry):
                queue_email(
                    person,
                    "competitions/email/entry_failed",
                    {"entry": entry, "competition": competition, "reasons": entry.reason_labels()},
                )
    record(
        "competitions.entries_screened",
        competition,
        {
            "passed": passed,
            "reasons": reasons,
            "note": note.strip(),
            "entries": ids,
            "count": changed,
        },
    )
    return changed


def eligibility_preview(
    competition: Competition, innovations: Iterable[Innovation], group: str
) -> dict[int, list[eligibility.Failure]]:
    """For the entry form: what each of the agency's innovations would fail in ``group``."""
    return {
        innovation.pk: [
            f
            for f in check_entry(competition, innovation, group=group)
            if f.code not in ("category_required",)
        ]
        for innovation in innovations
    }


def enterable_innovations(actor: object) -> "Iterable[Innovation]":
    agencies = policies.entrant_agencies(actor)
    return (
        Innovation.objects.filter(agency__in=agencies)
        .filter(Q(status=Status.ACCEPTED))
        .select_related("agency", "agency__region")
        .order_by("name")
    )
