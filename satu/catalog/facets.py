"""The catalog's filters and facets: what a visitor can narrow the innovations down by.

Every state is a set of GET parameters (Indonesian names), so any view of the catalog is a
shareable link. Facet counts are aggregate queries on the filtered queryset: one query for the
small fixed lists (stage, form, digital, agency type) with conditional counts, and one
GROUP BY per open-ended list (year, region, agency, urusan, award).
"""

from dataclasses import dataclass, field

from django import forms
from django.apps import apps
from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from satu.agencies.models import AgencyType
from satu.innovations.models import Innovation, InnovationForm, Stage

AGENCY_FACET_SIZE = 15
SORTS = {
    "relevansi": _("Relevance"),
    "terbaru": _("Newest"),
    "nama": _("Name (A–Z)"),
    "populer": _("Most read"),
}
DIGITAL = {"ya": _("Digital"), "tidak": _("Not digital")}


def award_model() -> type | None:
    """The competitions' Award model once that app is installed; None before."""
    try:
        return apps.get_model("competitions", "Award")
    except LookupError:
        return None


def award_sources() -> list[tuple[str, str]]:
    model = award_model()
    if model is None:
        return []
    return list(model._meta.get_field("source").choices or [])


class CatalogFilterForm(forms.Form):
    """The catalog's GET parameters; an invalid value is dropped rather than refused."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    tahun = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)
    wilayah = forms.CharField(label=_("Region"), required=False, max_length=13)
    opd = forms.IntegerField(label=_("Agency"), required=False, min_value=1)
    jenis = forms.ChoiceField(label=_("Agency type"), required=False, choices=AgencyType.choices)
    urusan = forms.IntegerField(label=_("Urusan"), required=False, min_value=1, max_value=999)
    digital = forms.ChoiceField(label=_("Digital"), required=False, choices=DIGITAL.items())
    bentuk = forms.ChoiceField(label=_("Form"), required=False, choices=InnovationForm.choices)
    tahapan = forms.ChoiceField(label=_("Stage"), required=False, choices=Stage.choices)
    penghargaan = forms.CharField(label=_("Award"), required=False, max_length=20)
    urutan = forms.ChoiceField(label=_("Sort by"), required=False, choices=SORTS.items())

    FILTERS = ("tahun", "wilayah", "opd", "jenis", "urusan", "digital", "bentuk", "tahapan")

    def values(self) -> dict[str, object]:
        """The valid, non-empty parameters (invalid ones are ignored, not refused)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        values = {}
        for name in self.fields:
            if name in self.errors:
                continue
            value = data.get(name)
            if value not in (None, ""):
                values[name] = value
        if "penghargaan" in values and values["penghargaan"] not in dict(award_sources()):
            del values["penghargaan"]
        return values


def apply_filters(queryset: QuerySet[Innovation], values: dict[str, object]) -> QuerySet:
    filters = Q()
    if "tahun" in values:
        filters &= Q(programme_year=values["tahun"])
    if "wilayah" in values:
        filters &= Q(agency__region__code=values["wilayah"])
    if "opd" in values:
        filters &= Q(agency_id=values["opd"])
    if "jenis" in values:
        filters &= Q(agency__type=values["jenis"])
    if "urusan" in values:
        filters &= Q(main_urusan__code=values["urusan"])
    if "digital" in values:
        filters &= Q(is_digital=values["digital"] == "ya")
    if "bentuk" in values:
        filters &= Q(form=values["bentuk"])
    if "tahapan" in values:
        filters &= Q(stage=values["tahapan"])
    queryset = queryset.filter(filters)
    if "penghargaan" in values and award_model() is not None:
        queryset = queryset.filter(
            pk__in=award_model()
            .objects.filter(source=values["penghargaan"])
            .values(  # type: ignore[union-attr]
                "innovation_id"
            )
        )
    return queryset


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool = False
    url: str = ""


@dataclass
class Facet:
    param: str
    title: str
    values: list[FacetValue] = field(default_factory=list)

    @property
    def selected(self) -> FacetValue | None:
        return next((value for value in self.values if value.selected), None)


def _chosen_label(param: str, chosen: object) -> str:
    """The label of a chosen value that no longer has any innovation (count 0)."""
    from satu.agencies.models import Agency
    from satu.regions.models import Region
    from satu.urusan.models import Urusan

    lookups = {
        "wilayah": lambda: Region.objects.filter(code=chosen).values_list("name", flat=True),
        "opd": lambda: Agency.objects.filter(pk=chosen).values_list("name", flat=True),
        "urusan": lambda: Urusan.objects.filter(code=chosen).values_list("name", flat=True),
    }
    choices = {
        "jenis": AgencyType.choices,
        "bentuk": InnovationForm.choices,
        "tahapan": Stage.choices,
        "digital": list(DIGITAL.items()),
        "penghargaan": award_sources(),
    }
    if param in lookups:
        return str(lookups[param]().first() or chosen)
    if param in choices:
        return str(dict(choices[param]).get(str(chosen), chosen))
    return str(chosen)


def _mark(facet: Facet, values: dict[str, object]) -> Facet:
    chosen = values.get(facet.param)
    for value in facet.values:
        value.selected = chosen is not None and str(chosen) == value.value
    if chosen is not None and facet.selected is None:
        facet.values.append(FacetValue(str(chosen), _chosen_label(facet.param, chosen), 0, True))
    return facet


def _grouped(
    queryset: QuerySet, value_field: str, label_field: str, order: str, limit: int | None = None
) -> list[FacetValue]:
    """One GROUP BY: the values of a field with their innovation counts."""
    rows = (
        queryset.values(value_field, label_field).annotate(n=Count("pk")).order_by(*order.split())
    )
    rows = rows[:limit] if limit else rows
    return [FacetValue(str(row[value_field]), str(row[label_field]), row["n"]) for row in rows]


def _choices(counts: dict[str, int], param: str, choices: list[tuple[str, object]]) -> list:
    return [
        FacetValue(value, str(label), counts[f"{param}_{value}"])
        for value, label in choices
        if counts[f"{param}_{value}"]
    ]


def _grouped_rows(
    rows: list[dict], value_field: str, label_field: str, order: str, limit: int | None = None
) -> list[FacetValue]:
    """``_grouped`` over rows already in memory, in the same order."""
    counted: dict[object, list] = {}
    for row in rows:
        entry = counted.setdefault(row[value_field], [row[value_field], row[label_field], 0])
        entry[2] += 1
    groups = list(counted.values())
    for key in reversed(order.split()):
        descending = key.startswith("-")
        index = {"n": 2, value_field: 0, label_field: 1}[key.lstrip("-")]
        groups.sort(key=lambda group, index=index: group[index], reverse=descending)
    groups = groups[:limit] if limit else groups
    return [FacetValue(str(value), str(label), n) for value, label, n in groups]


GROUPS = {
    "tahun": ("programme_year", "programme_year", "-programme_year", None),
    "wilayah": ("agency__region__code", "agency__region__name", "-n agency__region__name", None),
    "opd": ("agency_id", "agency__name", "-n agency__name", AGENCY_FACET_SIZE),
    "urusan": ("main_urusan__code", "main_urusan__name", "-n main_urusan__code", None),
}


def _counts_in_memory(queryset: QuerySet, fixed: dict) -> tuple[dict, dict]:
    """The fixed counts and the groups of a bounded queryset (search candidates), from one query.

    Grouping a few hundred candidates by joined tables lets SQLite walk every region and agency
    probing the candidates' ids; reading the candidates' facet fields once does not.
    """
    fields = {field_name for field_name, _pairs in fixed.values()}
    for value_field, label_field, _order, _limit in GROUPS.values():
        fields.update((value_field, label_field))
    rows = list(queryset.values(*sorted(fields)))
    counts = {
        f"{param}_{key}": sum(1 for row in rows if row[field_name] == value)
        for param, (field_name, pairs) in fixed.items()
        for key, value in pairs
    }
    groups = {param: _grouped_rows(rows, *spec) for param, spec in GROUPS.items()}
    return counts, groups


def compute_facets(
    queryset: QuerySet[Innovation], values: dict[str, object], bounded: bool = False
) -> list[Facet]:
    """Facets with counts over ``queryset`` (already filtered and searched).

    ``bounded``: the queryset is a search's bounded candidate set, counted in memory.
    """
    queryset = queryset.order_by()

    # Small fixed lists: one query with a conditional count per choice.
    fixed = {
        "tahapan": ("stage", [(value, value) for value, _label in Stage.choices]),
        "bentuk": ("form", [(value, value) for value, _label in InnovationForm.choices]),
        "jenis": ("agency__type", [(value, value) for value, _label in AgencyType.choices]),
        "digital": ("is_digital", [("ya", True), ("tidak", False)]),
    }
    if bounded:
        counts, groups = _counts_in_memory(queryset, fixed)
    else:
        aggregates = {
            f"{param}_{key}": Count("pk", filter=Q(**{field_name: value}))
            for param, (field_name, pairs) in fixed.items()
            for key, value in pairs
        }
        counts = queryset.aggregate(**aggregates)
        groups = {param: _grouped(queryset, *spec) for param, spec in GROUPS.items()}

    return _assemble(
        {
            "tahun": groups["tahun"],
            "wilayah": groups["wilayah"],
            "jenis": _choices(counts, "jenis", AgencyType.choices),
            "opd": groups["opd"],
            "urusan": groups["urusan"],
            "digital": _choices(counts, "digital", list(DIGITAL.items())),
            "tahapan": _choices(counts, "tahapan", Stage.choices),
            "bentuk": _choices(counts, "bentuk", InnovationForm.choices),
        },
        queryset,
        values,
    )


FACET_TITLES = {
    "tahun": _("Year"),
    "wilayah": _("Region"),
    "jenis": _("Agency type"),
    "opd": _("Agency"),
    "urusan": _("Urusan"),
    "digital": _("Digital"),
    "tahapan": _("Stage"),
    "bentuk": _("Form"),
}


def unfiltered_facets(
    queryset: QuerySet[Innovation], values: dict[str, object]
) -> tuple[int, list[Facet]]:
    """The number of public innovations and the facets of the unfiltered catalog, read from the
    stored counts (:mod:`.facetcounts`); the same as ``compute_facets`` over every public one."""
    from . import facetcounts

    total, rows = facetcounts.unfiltered_facets()
    groups = {
        param: [FacetValue(value, label, n) for value, label, n in found]
        for param, found in rows.items()
    }
    return total, _assemble(groups, queryset, values)


def _assemble(
    groups: dict[str, list[FacetValue]], queryset: QuerySet[Innovation], values: dict[str, object]
) -> list[Facet]:
    """The facets in display order, with the awards (a small table, counted directly)."""
    facets = [Facet(param, str(title), groups[param]) for param, title in FACET_TITLES.items()]
    model = award_model()
    if model is not None:
        labels = dict(award_sources())
        rows = (
            model.objects.filter(innovation__in=queryset.values("pk"))
            .values("source")
            .annotate(n=Count("innovation_id", distinct=True))
            .order_by("source")
        )
        facets.append(
            Facet(
                "penghargaan",
                str(_("Award")),
                [
                    FacetValue(
                        row["source"], str(labels.get(row["source"], row["source"])), row["n"]
                    )
                    for row in rows
                ],
            )
        )
    facets = [_mark(facet, values) for facet in facets]
    return [facet for facet in facets if facet.values]
