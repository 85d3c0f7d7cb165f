"""The public catalog: search and browse innovations, and read one."""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import F, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone

from satu.core.pagecache import public_page
from satu.innovations.models import Innovation

from . import search
from .facets import (
    SORTS,
    CatalogFilterForm,
    apply_filters,
    compute_facets,
    unfiltered_facets,
)
from .public import absolute_url, awards_of, evidence_link, ld_json, share_context
from .readcounts import read_count, record_view, with_reads
from .related import related_innovations

PAGE_SIZE = 12


def public_innovations() -> QuerySet[Innovation]:
    return Innovation.objects.public()


def _order(queryset: QuerySet, sort: str, searched: bool) -> QuerySet:
    if sort == "relevansi" and searched:
        return queryset.order_by(F("rank").desc(nulls_last=True), "-programme_year", "name", "pk")
    if sort == "nama":
        return queryset.order_by("name", "pk")
    if sort == "populer":
        return queryset.order_by("-reads", "-programme_year", "name", "pk")
    return queryset.order_by("-programme_year", F("accepted_at").desc(nulls_last=True), "-pk")


def _link(values: dict[str, object], **changes: object) -> str:
    params = dict(values)
    for key, value in changes.items():
        if value is None:
            params.pop(key, None)
        else:
            params[key] = value
    query = urlencode(sorted((key, str(value)) for key, value in params.items()))
    return f"{reverse('catalog:list')}{'?' + query if query else ''}"


@public_page()
def catalog(request: HttpRequest) -> HttpResponse:
    form = CatalogFilterForm(request.GET)
    values = form.values()
    text = str(values.get("q", "")).strip()
    parsed = search.parse_query(text)
    sort = str(values.get("urutan") or ("relevansi" if parsed else "terbaru"))
    if sort == "relevansi" and not parsed:
        sort = "terbaru"

    filtered = apply_filters(public_innovations(), values)
    capped_at = None
    if parsed:
        # Bounded: the engine ranks once; the count, facets and page read the best ids only.
        found = search.find(filtered, parsed)
        facet_base = found.candidates
        capped_at = found.limit if found.capped else None
        shown_queryset = with_reads(filtered, "innovation").select_related(
            "agency__region", "main_urusan"
        )
        if sort == "relevansi":
            results = search.RankedResults(shown_queryset, found.results.ids, found.results.ranks)
        else:
            results = _order(search.with_ids(shown_queryset, found.results.ids), sort, False)
    else:
        facet_base = filtered
        results = with_reads(filtered, "innovation").select_related("agency__region", "main_urusan")
        results = _order(results, sort, False)
    paginator = Paginator(results, PAGE_SIZE)
    if parsed or any(key in values for key in (*CatalogFilterForm.FILTERS, "penghargaan")):
        facets = compute_facets(facet_base, values, bounded=bool(parsed))
    else:
        # The whole catalog: its facets and size are kept counted (see facetcounts).
        total, facets = unfiltered_facets(facet_base, values)
        paginator.count = total  # type: ignore[misc]
    page = paginator.get_page(request.GET.get("page"))

    shown = {key: value for key, value in values.items() if key != "page"}
    for facet in facets:
        for value in facet.values:
            change = None if value.selected else value.value
            value.url = _link(shown, **{facet.param: change})
    active = [
        {"facet": facet, "value": facet.selected, "remove": _link(shown, **{facet.param: None})}
        for facet in facets
        if facet.selected
    ]
    suggestion = None
    if parsed.corrected:
        corrected = " ".join(parsed.corrected.get(word, [word])[0] for word in search.words(text))
        suggestion = {"text": corrected, "url": _link(shown, q=corrected, page=None)}
    canonical = {key: value for key, value in shown.items() if key != "urutan"}
    if page.number > 1:
        canonical["page"] = page.number
    context = {
        "form": form,
        "values": values,
        "query": text,
        "page_obj": page,
        "facets": facets,
        "active": active,
        "sort": sort,
        "sorts": [
            (key, label, _link(shown, urutan=key, page=None))
            for key, label in SORTS.items()
            if key != "relevansi" or parsed
        ],
        "suggestion": suggestion,
        "capped_at": capped_at,
        "clear_filters": _link({"q": text} if text else {}),
        "clear_query": _link(shown, q=None) if text else None,
        "canonical_url": absolute_url(_link(canonical)),
        "hidden_params": [(key, value) for key, value in shown.items() if key not in ("q",)],
    }
    return render(request, "catalog/catalog.html", context)


def _count_cached_view(request: HttpRequest, pk: int) -> None:
    record_view(request, "innovation", pk)


def _innovation_page(pk: int) -> tuple[str, int]:
    return ("innovations.innovation", pk)


@public_page(on_hit=_count_cached_view, page_object=_innovation_page)
def innovation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    innovation = get_object_or_404(
        public_innovations().select_related(
            "agency__region", "main_urusan", "service_unit", "replicated_from"
        ),
        pk=pk,
    )
    record_view(request, "innovation", innovation.pk)
    evidence = [
        {"item": item, "link": evidence_link(item)}
        for item in innovation.evidence.filter(is_public=True).order_by("kind", "title")
    ]
    awards = awards_of([innovation]).get(innovation.pk, [])
    path = reverse("catalog:detail", args=[innovation.pk])
    description = (innovation.summary or innovation.goals or innovation.name)[:300]
    reads = read_count("innovation", innovation.pk)
    from satu.comments.views import thread_context

    thread = thread_context(request, innovation)
    structured = {
        "@context": "https://schema.org",
        "@type": "CreativeWork",
        "name": innovation.name,
        "description": description,
        "url": absolute_url(path),
        "inLanguage": "id",
        "dateCreated": innovation.launch_date or timezone.localdate(innovation.created_at),
        "author": {
            "@type": "GovernmentOrganization",
            "name": innovation.agency.name,
            "areaServed": innovation.agency.region.name,
        },
        "about": innovation.main_urusan.name,
        "keywords": innovation.get_stage_display(),
        "interactionStatistic": {
            "@type": "InteractionCounter",
            "interactionType": "https://schema.org/ReadAction",
            "userInteractionCount": reads,
        },
    }
    rating = thread.get("rating_summary")
    if rating and rating["count"]:
        structured["aggregateRating"] = {
            "@type": "AggregateRating",
            "ratingValue": rating["average"],
            "ratingCount": rating["count"],
            "bestRating": 5,
            "worstRating": 1,
        }
    context = {
        "innovation": innovation,
        "evidence": evidence,
        "awards": awards,
        "related": related_innovations(innovation),
        "reads": reads,
        "description": description,
        "canonical_url": absolute_url(path),
        "structured_data": ld_json(structured),
        "related_urusan": innovation.related_urusan.all(),
        **share_context(path, innovation.name),
        **thread,
    }
    return render(request, "catalog/innovation_detail.html", context)
