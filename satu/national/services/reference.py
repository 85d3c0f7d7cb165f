"""The shipped rule sets and outcomes (loaded by ``load_reference_data``) and rule-set editing."""

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from satu.audit.services import record
from satu.core.errors import DomainError, PermissionDeniedError

from .. import policies
from ..models import Indicator, Outcome, PredicateBand, Programme, RuleSet
from ..rules import shipped_rule_sets

# (programme, outcome, is an award, top winner, counts as a shortlisting). KIPP: a best-category
# result bars the general group later; Top 99 is a shortlisting (domain notes, section 2.3).
DEFAULT_OUTCOMES = [
    (Programme.KIPP, "Tidak lolos seleksi", False, False, False),
    (Programme.KIPP, "Top 99", True, False, True),
    (Programme.KIPP, "Top 45", True, True, True),
    (Programme.KIPP, "Top Inovasi Terpuji", True, True, True),
    (Programme.KIPP, "Top 15 Kelompok Khusus", True, True, True),
    (Programme.KIPP, "Outstanding Achievement", True, True, True),
    (Programme.KIPP, "Outstanding Public Service Innovation (OPSI)", True, True, True),
    (Programme.IGA, "Tidak masuk nominasi", False, False, False),
    (Programme.IGA, "Nominator IGA", True, False, False),
    (Programme.IGA, "Penerima IGA", True, True, False),
    (Programme.OTHER, "Penghargaan", True, False, False),
]


def create_rule_set(
    data: dict[str, Any], *, year: int | None = None, actor: object = None
) -> RuleSet:
    """A rule set with its indicators and predicates from the data form."""
    rule_set = RuleSet.objects.create(
        year=year or data["year"],
        name=data["name"],
        source=data["source"],
        confidence=data["confidence"],
        note=data.get("note", ""),
        divisor_min=data["divisor_min"],
        count_weight=data["count_weight"],
        count_cap=data["count_cap"],
        coverage_min=data["coverage_min"],
        design_min_words=data.get("design_min_words", 300),
        window_start=data.get("window_start"),
        window_end=data.get("window_end"),
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    for item in data["indicators"]:
        sub = item["code"][len(str(item["number"])) :]
        first, second, third = item["parameters"]
        Indicator.objects.create(
            rule_set=rule_set,
            aspect=item["aspect"],
            number=item["number"],
            sub=sub,
            variable=item.get("variable", ""),
            name=item["name"],
            weight=item["weight"],
            parameter_1=first,
            parameter_2=second,
            parameter_3=third,
            mandatory=item.get("mandatory", False),
            evidence=item.get("evidence", ""),
            needs_video=item.get("needs_video", False),
        )
    for band in data["bands"]:
        PredicateBand.objects.create(rule_set=rule_set, name=band["name"], minimum=band["minimum"])
    return rule_set


@transaction.atomic
def load_reference() -> int:
    """Add the shipped rule sets and outcomes that are missing; never overwrite edits."""
    changed = 0
    for data in shipped_rule_sets():
        if not RuleSet.objects.filter(year=data["year"]).exists():
            create_rule_set(data)
            changed += 1
    for order, (programme, name, is_award, top, shortlisting) in enumerate(DEFAULT_OUTCOMES):
        _outcome, created = Outcome.objects.get_or_create(
            programme=programme,
            name=name,
            defaults={
                "is_award": is_award,
                "is_top_winner": top,
                "is_shortlisting": shortlisting,
                "order": order,
            },
        )
        changed += created
    return changed


@transaction.atomic
def copy_rule_set(actor: object, source: RuleSet, year: int, name: str = "") -> RuleSet:
    """A new year's rule set as a copy of ``source``, to be edited."""
    if not policies.can_manage_rules(actor):
        raise PermissionDeniedError(_("Only the secretariat edits the IID rules."))
    if RuleSet.objects.filter(year=year).exists():
        raise DomainError(
            _("There is already a rule set for %(year)s.") % {"year": year},
            field="year",
            code="duplicate_year",
        )
    data = source.to_data()
    data["name"] = name or _("Indeks Inovasi Daerah %(year)s") % {"year": year}
    data["note"] = _(
        "Copied from %(name)s; check every rule against the guideline of the year."
    ) % {"name": source.name}
    rule_set = create_rule_set(data, year=year, actor=actor)
    record("national.rule_set_copied", rule_set, {"from": source.year})
    return rule_set


def _update(actor: object, obj: RuleSet | Indicator | PredicateBand, values: dict) -> None:
    if not policies.can_manage_rules(actor):
        raise PermissionDeniedError(_("Only the secretariat edits the IID rules."))
    for name, value in values.items():
        setattr(obj, name, value)
    obj.full_clean()
    obj.save()


@transaction.atomic
def update_rule_set(actor: object, rule_set: RuleSet, **values: object) -> RuleSet:
    """Change a year's rules; submitted assessments keep their frozen copy."""
    _update(actor, rule_set, values)
    return rule_set


@transaction.atomic
def update_indicator(actor: object, indicator: Indicator, **values: object) -> Indicator:
    _update(actor, indicator, values)
    return indicator


@transaction.atomic
def update_band(actor: object, band: PredicateBand, **values: object) -> PredicateBand:
    _update(actor, band, values)
    return band
