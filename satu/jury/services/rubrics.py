"""Rubrics per round: from the KIPP or IGA template, or by hand, with weights that add up."""

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from satu.audit.services import record
from satu.competitions.models import Round
from satu.core.errors import DomainError

from .. import rubrics as templates
from ..models import Criterion, Rubric, ScoreSheet
from ..scoring import RubricError, Scale
from .common import actor_or_none, locked_round, require_manager

RUBRIC_ERRORS = {
    "no_criteria": gettext_lazy("A rubric needs at least one criterion."),
    "criterion_codes": gettext_lazy("Every criterion needs its own code."),
    "negative_weight": gettext_lazy("Weights cannot be negative."),
    "weight_total": gettext_lazy("The weights must add up to 100 (or to 1)."),
    "scale_range": gettext_lazy("The highest mark must be above the lowest."),
    "scale_step": gettext_lazy("The step between marks must be positive."),
}


@dataclass(frozen=True)
class CriterionData:
    code: str
    name: str
    weight: Decimal
    description: str = ""
    comment_required: bool = False


def _domain_error(error: RubricError) -> DomainError:
    return DomainError(RUBRIC_ERRORS.get(error.code, str(error)), code=error.code)


def is_editable(round: Round) -> bool:
    """A rubric stays editable until the first mark is saved, so every sheet uses one rubric."""
    return not ScoreSheet.objects.filter(round=round).exists()


@transaction.atomic
def save_rubric(
    actor: object,
    round: Round,
    *,
    name: str,
    criteria: list[CriterionData],
    scale_min: Decimal = Decimal(0),
    scale_max: Decimal = Decimal(100),
    scale_step: Decimal | None = Decimal(1),
    template: str = "",
) -> Rubric:
    """Create or replace the round's rubric after checking that it makes a valid rubric."""
    require_manager(actor, round.competition)
    round = locked_round(round)
    if not is_editable(round):
        raise DomainError(
            _("Jurors have started scoring: the rubric can no longer change."), code="in_use"
        )
    if not name.strip():
        raise DomainError(_("Give the rubric a name."), field="name", code="name")
    rubric = Rubric.objects.filter(round=round).first() or Rubric(
        round=round, created_by=actor_or_none(actor)
    )
    rubric.name = name.strip()
    rubric.template = template
    rubric.scale_min, rubric.scale_max, rubric.scale_step = scale_min, scale_max, scale_step
    items = [
        Criterion(
            code=item.code.strip(),
            name=item.name.strip(),
            weight=item.weight,
            description=item.description.strip(),
            comment_required=item.comment_required,
            order=order,
        )
        for order, item in enumerate(criteria, start=1)
    ]
    try:
        Scale(float(scale_min), float(scale_max), float(scale_step) if scale_step else None)
        rubric.as_scoring(items)
    except RubricError as error:
        raise _domain_error(error) from None
    rubric.save()
    kept = {item.code for item in items}
    for old in rubric.criteria.exclude(code__in=kept):
        old.delete()
    existing = {c.code: c for c in rubric.criteria.all()}
    for item in items:
        current = existing.get(item.code)
        if current is None:
            item.rubric = rubric
            item.save()
            continue
        for field in ("name", "weight", "description", "comment_required", "order"):
            setattr(current, field, getattr(item, field))
        current.save()
    record("jury.rubric_saved", rubric, {"criteria": len(items), "template": template})
    return rubric


def template_criteria(code: str) -> list[CriterionData]:
    template = templates.get_template(code)
    return [
        CriterionData(
            code=criterion.code,
            name=criterion.name,
            weight=Decimal(str(criterion.weight)),
            description=criterion.description,
        )
        for criterion in template.criteria
    ]


def create_from_template(actor: object, round: Round, code: str) -> Rubric:
    """The round's rubric from a ready template (KIPP 2023 or IGA 2023), on a 0-100 scale."""
    try:
        template = templates.get_template(code)
    except ValueError:
        raise DomainError(_("Unknown rubric template."), code="template") from None
    return save_rubric(
        actor,
        round,
        name=str(template.name),
        criteria=template_criteria(code),
        scale_min=Decimal(str(templates.DEFAULT_SCALE.minimum)),
        scale_max=Decimal(str(templates.DEFAULT_SCALE.maximum)),
        scale_step=Decimal(str(templates.DEFAULT_SCALE.step)),
        template=code,
    )
