"""The facet counts of the unfiltered catalog, kept with the search index.

Grouping 300,000 public innovations by year, region, agency, urusan and the small fixed lists
took seconds on every uncached visit of the catalog's first page. Instead each search document
remembers the facet values its innovation was counted under (``SearchDocument.facet_keys``)
and :class:`~satu.catalog.models.FacetCount` holds the sums:

- ``satu.catalog.search.index_innovations`` subtracts the keys of the documents it replaces
  and adds those of the documents it writes, in its transaction;
- deleting an innovation subtracts its document's keys (``signals.py``);
- ``rebuild_index`` starts from zero and adds every document.

:func:`unfiltered_facets` turns the rows into the same facets, in the same order, as
``facets.compute_facets`` computes from the innovations, which the tests compare after every
kind of change. Filtered and searched states still count their (smaller) sets directly.
"""

from collections import Counter
from collections.abc import Iterable

from satu.agencies.models import Agency, AgencyType
from satu.innovations.models import Innovation, InnovationForm, Stage
from satu.lib.counters import add_counts
from satu.regions.models import Region
from satu.urusan.models import Urusan

from .models import FacetCount

Keys = list[list[str]]


def keys_of(innovation: Innovation) -> Keys:
    """The facet values of an innovation (agency with its region, and main urusan loaded)."""
    return [
        ["tahun", str(innovation.programme_year)],
        ["wilayah", innovation.agency.region.code],
        ["opd", str(innovation.agency_id)],
        ["jenis", innovation.agency.type],
        ["urusan", str(innovation.main_urusan.code)],
        ["digital", "ya" if innovation.is_digital else "tidak"],
        ["tahapan", innovation.stage],
        ["bentuk", innovation.form],
    ]


def apply(added: Iterable[Keys], removed: Iterable[Keys]) -> None:
    """Add one to the count of every key of ``added`` and subtract one for ``removed``."""
    delta: Counter[tuple[str, str]] = Counter()
    for keys in added:
        delta.update((facet, value) for facet, value in keys)
    for keys in removed:
        delta.subtract((facet, value) for facet, value in keys)
    changes = [(facet, value, n) for (facet, value), n in sorted(delta.items()) if n]
    add_counts(FacetCount, ("facet", "value"), changes)


def reset() -> None:
    FacetCount.objects.all().delete()


# Reading ------------------------------------------------------------------------------------


def public_total() -> int:
    """The number of public innovations: every one is counted under exactly one year."""
    return sum(FacetCount.objects.filter(facet="tahun").values_list("count", flat=True))


def unfiltered_facets() -> tuple[int, dict[str, list]]:
    """The number of public innovations and the facet groups of the unfiltered catalog.

    Returns ``(total, groups)`` where ``groups`` maps each facet parameter to
    ``[(value, label, count), …]`` in display order, as ``facets.compute_facets`` builds them.
    A handful of small queries: the counts, then the labels of the values shown.
    """
    from .facets import AGENCY_FACET_SIZE, DIGITAL

    counts: dict[str, dict[str, int]] = {}
    # Every facet but the agencies (tens of thousands of values): all their values.
    for facet, value, count in (
        FacetCount.objects.filter(count__gt=0)
        .exclude(facet="opd")
        .values_list("facet", "value", "count")
    ):
        counts.setdefault(facet, {})[value] = count
    total = sum(counts.get("tahun", {}).values())
    groups: dict[str, list] = {}

    years = counts.get("tahun", {})
    groups["tahun"] = [
        (value, value, years[value]) for value in sorted(years, key=int, reverse=True)
    ]

    regions = counts.get("wilayah", {})
    names = dict(Region.objects.filter(code__in=regions).values_list("code", "name"))
    groups["wilayah"] = sorted(
        ((code, names.get(code, code), n) for code, n in regions.items()),
        key=lambda row: (-row[2], row[1]),
    )

    # The agencies: the first AGENCY_FACET_SIZE by count, ties by name, read from the index on
    # (facet, count): the count of the last one shown, then every agency that reaches it.
    agency_rows = FacetCount.objects.filter(facet="opd", count__gt=0)
    last = list(agency_rows.order_by("-count").values_list("count", flat=True)[:AGENCY_FACET_SIZE])
    threshold = last[-1] if len(last) == AGENCY_FACET_SIZE else 1
    contenders = {
        int(pk): n
        for pk, n in agency_rows.filter(count__gte=threshold).values_list("value", "count")
    }
    agency_names = dict(Agency.objects.filter(pk__in=contenders).values_list("pk", "name"))
    groups["opd"] = sorted(
        ((str(pk), agency_names.get(pk, str(pk)), n) for pk, n in contenders.items()),
        key=lambda row: (-row[2], row[1]),
    )[:AGENCY_FACET_SIZE]

    urusan = counts.get("urusan", {})
    numbers = [int(code) for code in urusan]
    urusan_names = {
        str(code): name
        for code, name in Urusan.objects.filter(code__in=numbers).values_list("code", "name")
    }
    groups["urusan"] = sorted(
        ((code, urusan_names.get(code, code), n) for code, n in urusan.items()),
        key=lambda row: (-row[2], int(row[0])),
    )

    for param, choices in (
        ("jenis", AgencyType.choices),
        ("digital", list(DIGITAL.items())),
        ("tahapan", Stage.choices),
        ("bentuk", InnovationForm.choices),
    ):
        found = counts.get(param, {})
        groups[param] = [
            (value, str(label), found[value]) for value, label in choices if found.get(value)
        ]
    return total, groups


def rebuild(batch: int = 2000) -> int:
    """Recount from the search documents as they stand (for databases indexed before the
    counts existed); ``rebuild_index`` does the same as part of a full reindex."""
    from .models import SearchDocument

    reset()
    ids = list(SearchDocument.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), batch):
        innovations = Innovation.objects.filter(pk__in=ids[start : start + batch]).select_related(
            "agency__region", "main_urusan"
        )
        documents = [
            SearchDocument(innovation_id=innovation.pk, facet_keys=keys_of(innovation))
            for innovation in innovations
        ]
        SearchDocument.objects.bulk_update(documents, ["facet_keys"], batch_size=500)
        apply((document.facet_keys for document in documents), [])
    return len(ids)
