"""Snapshots of an innovation's profile and the differences between two of them.

A snapshot is plain JSON: field values as saved (foreign keys as ids, many-to-many as sorted
ids), plus the list of evidence at the moment of a submission. Display values are resolved
when a snapshot is shown, so old revisions read in the reader's language.
"""

import datetime
import difflib
import re
from dataclasses import dataclass

from django.db.models import Max
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from satu.agencies.models import Agency, ServiceUnit
from satu.audit.services import to_json_value
from satu.urusan.models import Urusan

from .models import (
    InitiatorKind,
    Innovation,
    InnovationForm,
    Revision,
    RevisionKind,
    Stage,
)
from .sdgs import SDG_GOALS

# The profile in form order, part by part (the form shows one fieldset per part).
IDENTITY_FIELDS = (
    "name",
    "service_unit",
    "programme_year",
    "stage",
    "is_digital",
    "form",
    "initiator_kind",
    "initiator_name",
)
URUSAN_FIELDS = ("main_urusan", "related_urusan", "sdg_goals")
DATE_FIELDS = ("trial_date", "launch_date", "budget")
DESIGN_FIELDS = ("design", "goals", "benefits", "results_before", "results_after")
KIPP_FIELDS = (
    "summary",
    "background",
    "novelty",
    "implementation",
    "significance",
    "adaptability",
    "resources",
    "sustainability",
)
# What an editor may set; the agency and the replication link are set by the services.
EDITABLE_FIELDS = IDENTITY_FIELDS + URUSAN_FIELDS + DATE_FIELDS + DESIGN_FIELDS + KIPP_FIELDS
PROFILE_FIELDS = ("name", "agency", *EDITABLE_FIELDS[1:], "replicated_from")
LONG_TEXT_FIELDS = frozenset(DESIGN_FIELDS + KIPP_FIELDS)
CHOICES = {"stage": Stage, "form": InnovationForm, "initiator_kind": InitiatorKind}


def snapshot(
    innovation: Innovation,
    *,
    related_urusan: list[int] | None = None,
    with_evidence: bool = False,
) -> dict[str, object]:
    """The profile as JSON. ``related_urusan`` overrides the saved many-to-many (for unsaved
    content such as a refused save)."""
    data: dict[str, object] = {}
    for name in PROFILE_FIELDS:
        if name == "related_urusan":
            if related_urusan is None:
                related_urusan = (
                    list(innovation.related_urusan.values_list("pk", flat=True))
                    if innovation.pk
                    else []
                )
            data[name] = sorted(related_urusan)
            continue
        field = Innovation._meta.get_field(name)
        data[name] = to_json_value(field.value_from_object(innovation))  # type: ignore[union-attr]
    if with_evidence:
        data["evidence"] = [
            {"kind": e.kind, "title": e.title, "public": e.is_public, "link": e.url or ""}
            for e in innovation.evidence.order_by("created_at", "pk")
        ]
    return data


def next_number(innovation: Innovation) -> int:
    """The next revision number; callers hold a lock on the innovation."""
    last = Revision.objects.filter(innovation=innovation).aggregate(n=Max("number"))["n"]
    return (last or 0) + 1


def add_revision(
    innovation: Innovation,
    kind: str,
    author: object,
    *,
    data: dict[str, object] | None = None,
    version: int | None = None,
    note: str = "",
) -> Revision:
    author_pk = getattr(author, "pk", None)
    return Revision.objects.create(
        innovation=innovation,
        number=next_number(innovation),
        version=innovation.version if version is None else version,
        kind=kind,
        data=data if data is not None else snapshot(innovation),
        author_id=author_pk,
        note=note[:255],
    )


def last_submission(innovation: Innovation, before: Revision | None = None) -> Revision | None:
    revisions = Revision.objects.filter(innovation=innovation, kind=RevisionKind.SUBMISSION)
    if before is not None:
        revisions = revisions.filter(number__lt=before.number)
    return revisions.order_by("-number").first()


# Display


def _label(name: str) -> str:
    if name == "evidence":
        return _("Evidence")
    return capfirst(str(Innovation._meta.get_field(name).verbose_name))


class _Names:
    """Resolves the ids of snapshots to names, each kind in one query."""

    def __init__(self, snapshots: list[dict[str, object]]) -> None:
        def ids(field: str) -> set[int]:
            found: set[int] = set()
            for data in snapshots:
                value = data.get(field)
                if isinstance(value, list):
                    found.update(v for v in value if isinstance(v, int))
                elif isinstance(value, int):
                    found.add(value)
            return found

        urusan_ids = ids("main_urusan") | ids("related_urusan")
        self.urusan = {u.pk: str(u) for u in Urusan.objects.filter(pk__in=urusan_ids)}
        self.agencies = {a.pk: a.name for a in Agency.objects.filter(pk__in=ids("agency"))}
        self.units = {u.pk: u.name for u in ServiceUnit.objects.filter(pk__in=ids("service_unit"))}
        self.innovations = {
            i.pk: i.name for i in Innovation.objects.filter(pk__in=ids("replicated_from"))
        }

    def display(self, name: str, value: object) -> str:
        if value is None or value == "" or value == []:
            return "—"
        if name in CHOICES:
            try:
                return str(CHOICES[name](value).label)
            except ValueError:
                return str(value)
        if name == "is_digital":
            return _("Yes") if value else _("No")
        if name in ("trial_date", "launch_date"):
            try:
                return date_format(datetime.date.fromisoformat(str(value)), "j F Y")
            except ValueError:
                return str(value)
        if name == "budget":
            return "Rp " + f"{int(float(str(value))):,}".replace(",", ".")
        if name == "main_urusan":
            return self.urusan.get(value, str(value))  # type: ignore[arg-type]
        if name == "related_urusan":
            return "; ".join(self.urusan.get(v, str(v)) for v in value)  # type: ignore[union-attr]
        if name == "sdg_goals":
            labels = dict(SDG_GOALS)
            return "; ".join(str(labels.get(v, v)) for v in value)  # type: ignore[union-attr]
        if name == "agency":
            return self.agencies.get(value, str(value))  # type: ignore[arg-type]
        if name == "service_unit":
            return self.units.get(value, str(value))  # type: ignore[arg-type]
        if name == "replicated_from":
            return self.innovations.get(value, str(value))  # type: ignore[arg-type]
        if name == "evidence":
            return "\n".join(_evidence_line(item) for item in value)  # type: ignore[union-attr]
        return str(value)


def _evidence_line(item: dict) -> str:
    visibility = _("public") if item.get("public") else _("internal")
    return f"{item.get('title', '')} ({visibility})"


@dataclass(frozen=True)
class Change:
    field: str
    label: str
    before: str
    after: str
    is_long: bool
    inline: SafeString | None = None  # word-level marked-up difference of long texts


def diff(old: dict[str, object] | None, new: dict[str, object]) -> list[Change]:
    """Field-by-field differences from ``old`` to ``new`` (everything, when old is None)."""
    old = old or {}
    names = _Names([old, new])
    fields = [*PROFILE_FIELDS]
    if "evidence" in new or "evidence" in old:
        fields.append("evidence")
    changes = []
    for name in fields:
        before, after = old.get(name), new.get(name)
        if _same(before, after):
            continue
        before_text, after_text = names.display(name, before), names.display(name, after)
        is_long = name in LONG_TEXT_FIELDS or name == "evidence"
        changes.append(
            Change(
                field=name,
                label=_label(name),
                before=before_text,
                after=after_text,
                is_long=is_long,
                inline=word_diff(before or "", after or "") if name in LONG_TEXT_FIELDS else None,
            )
        )
    return changes


def _same(a: object, b: object) -> bool:
    empty = (None, "", [])
    if a in empty and b in empty:
        return True
    if isinstance(a, int | float | str) and isinstance(b, int | float | str):
        return str(a) == str(b)  # a budget saved as 5 or as "5" is the same budget
    return a == b


def display_rows(data: dict[str, object]) -> list[tuple[str, str, str, bool]]:
    """(field, label, display value, is long text) of a whole snapshot."""
    names = _Names([data])
    rows = []
    for name in PROFILE_FIELDS:
        if name in data:
            rows.append(
                (name, _label(name), names.display(name, data[name]), name in LONG_TEXT_FIELDS)
            )
    return rows


_TOKEN = re.compile(r"\s+|[^\s]+")


def word_diff(before: str, after: str) -> SafeString:
    """``after`` with removed words in <del> and added words in <ins>, HTML-escaped."""
    a, b = _TOKEN.findall(str(before)), _TOKEN.findall(str(after))
    parts: list[str] = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(escape("".join(a[i1:i2])))
            continue
        if op in ("delete", "replace"):
            parts.append(f"<del>{escape(''.join(a[i1:i2]))}</del>")
        if op in ("insert", "replace"):
            parts.append(f"<ins>{escape(''.join(b[j1:j2]))}</ins>")
    return mark_safe("".join(parts))  # noqa: S308 - every piece is escaped above
