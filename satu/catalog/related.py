"""Related innovations, computed when an innovation changes rather than on every view.

An innovation's related innovations are the public innovations sharing most of its significant
words (``compute_related``: a full-text search for the roots of its name and summary, the
newest ``RELATED_CANDIDATES`` matches scored by shared roots), topped up on the page with the
newest innovations of the same urusan. The search is the costly half, so its result is stored
(``RelatedList`` with its ``RelatedInnovation`` entries and the ``RelatedRoot`` it searched
with) and the page reads it with one small query plus the fetch of the innovations. The
same-urusan top-up stays on the page: it is one indexed query, and it changes whenever any
innovation of the urusan is published, which would make every short list stale at once.

When the search index of an innovation is (re)built (``satu.catalog.signals``), the task
``refresh_related_task`` recomputes its list and the lists the change may alter: those that
hold it (it may have dropped out or moved) and those it may enter (the lists whose roots its
index terms start with, where its score beats the list's last entry or the list is short).
One case is left to ``refresh_related --all``: a list whose search finds more than
``RELATED_CANDIDATES`` matches, when an innovation outside its entries leaves its candidate
window, which then reaches one older match.

Bulk paths: ``seed_demo`` computes every list (the demo catalog is small); ``rebuild_search_index``
recomputes the lists that exist. The scale generator computes none: the search costs about
a second per innovation on the national data set (PostgreSQL, 100 random innovations) and
170 ms on the test preset (SQLite, all 351 public innovations, on a busy machine): far above
the ~10 ms that would let the generator do all of them, so lists are computed lazily: a page
whose list is missing shows the same-urusan fallback (one indexed query) and enqueues the task
once (``cache.add``); ``manage.py refresh_related`` fills the missing lists ahead of time,
``--all`` recomputes all.
"""

from collections.abc import Iterable

from django.core.cache import cache
from django.db import transaction
from django.db.models import QuerySet

from satu.innovations.models import Innovation

from . import search
from .models import RelatedInnovation, RelatedList, RelatedRoot, SearchDocument

RELATED_CANDIDATES = 400
RELATED_COUNT = 4
MIN_ROOT = 4  # ``search.any_words`` keeps roots of at least four letters
QUEUED_KEY = "catalog:related:queued:{}"
QUEUED_SECONDS = 600


def _query(innovation: Innovation) -> search.ParsedQuery:
    return search.any_words(f"{innovation.name} {innovation.summary[:300]}")


class Documents:
    """The candidates' programme years and term sets, read and split once for many lists.

    Scoring splits each candidate's terms into sets; a bulk refresh scores the same popular
    candidates for hundreds of lists, so they are kept (up to ``limit`` documents)."""

    def __init__(self, limit: int = 20_000) -> None:
        self.limit = limit
        self.loaded: dict[int, tuple[int, frozenset[str], frozenset[str]]] = {}

    def get(self, ids: list[int]) -> dict[int, tuple[int, frozenset[str], frozenset[str]]]:
        missing = [pk for pk in ids if pk not in self.loaded]
        if len(self.loaded) + len(missing) > self.limit:
            self.loaded = {pk: self.loaded[pk] for pk in ids if pk in self.loaded}
        if missing:
            # The index holds public innovations only; the filter checks again.
            rows = SearchDocument.objects.filter(
                innovation_id__in=missing, innovation__in=Innovation.objects.public()
            ).values_list("innovation_id", "innovation__programme_year", "name_terms", "body_terms")
            for pk, year, name, body in rows:
                self.loaded[pk] = (year, frozenset(name.split()), frozenset(body.split()))
        return {pk: self.loaded[pk] for pk in ids if pk in self.loaded}


def _scored(
    innovation: Innovation, query: search.ParsedQuery, documents: Documents | None = None
) -> list[tuple[float, int, int]]:
    """(-score, -programme year, id) of the candidates, best first."""
    candidates = search.newest_matches(query, RELATED_CANDIDATES)
    found = (documents or Documents()).get(candidates)
    found.pop(innovation.pk, None)
    return sorted(
        (-search.shared_roots_score(query, name, body), -year, pk)
        for pk, (year, name, body) in found.items()
    )


def compute_related(innovation: Innovation) -> list[int]:
    """Ids of the public innovations sharing most words with this one, best first, from scratch."""
    query = _query(innovation)
    if not query:
        return []
    return [pk for _score, _year, pk in _scored(innovation, query)[:RELATED_COUNT]]


def fallback(innovation: Innovation, exclude: list[int], count: int) -> list[Innovation]:
    """The newest public innovations of the same urusan: the top-up of a short list."""
    return list(
        Innovation.objects.public()
        .filter(main_urusan_id=innovation.main_urusan_id)
        .exclude(pk__in=[innovation.pk, *exclude])
        .select_related("agency__region")
        .order_by("-programme_year", "-pk")[:count]
    )


def stored_related(innovation: Innovation) -> list[int] | None:
    """The stored list (ids, best first), or None when it was not computed yet. One query."""
    rows = list(
        RelatedList.objects.filter(pk=innovation.pk)
        .order_by("entries__position")
        .values_list("entries__related_id", flat=True)
    )
    if not rows:
        return None
    return [pk for pk in rows if pk is not None]


def related_innovations(innovation: Innovation) -> list[Innovation]:
    """What the innovation page shows: the stored list's public innovations, then the urusan's.

    Two queries when the list holds RELATED_COUNT public innovations, three when it is short;
    never a search. A missing list is computed in the background, once.
    """
    ids = stored_related(innovation)
    found: list[Innovation] = []
    if ids is None:
        if cache.add(QUEUED_KEY.format(innovation.pk), True, QUEUED_SECONDS):
            from .tasks import refresh_related_task

            pk = innovation.pk
            transaction.on_commit(lambda: refresh_related_task.enqueue(pk))
    elif ids:
        # Entries may have stopped being public since the list was computed: skip them.
        by_id = Innovation.objects.public().select_related("agency__region").in_bulk(ids)
        found = [by_id[pk] for pk in ids if pk in by_id]
    if len(found) < RELATED_COUNT:
        found.extend(fallback(innovation, [item.pk for item in found], RELATED_COUNT - len(found)))
    return found


def store_related(ids: Iterable[int]) -> int:
    """Recompute and store the lists of these public innovations. Returns how many."""
    ids = list(ids)
    stored = 0
    documents = Documents()
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        innovations = list(Innovation.objects.public().filter(pk__in=chunk).order_by("pk"))
        lists, entries, roots = [], [], []
        for innovation in innovations:
            query = _query(innovation)
            best = _scored(innovation, query, documents)[:RELATED_COUNT] if query else []
            lists.append(RelatedList(innovation=innovation))
            entries.extend(
                RelatedInnovation(
                    related_list_id=innovation.pk, related_id=pk, position=position, score=-score
                )
                for position, (score, _year, pk) in enumerate(best)
            )
            roots.extend(
                RelatedRoot(related_list_id=innovation.pk, root=root)
                for group in query.groups
                for root in group
                if len(root) <= 64
            )
        with transaction.atomic():
            RelatedList.objects.filter(pk__in=chunk).delete()
            RelatedList.objects.bulk_create(lists)
            RelatedInnovation.objects.bulk_create(entries, batch_size=1000)
            RelatedRoot.objects.bulk_create(roots, batch_size=1000)
        stored += len(lists)
    return stored


def _lists_holding(ids: list[int]) -> set[int]:
    return set(
        RelatedInnovation.objects.filter(related_id__in=ids).values_list(
            "related_list_id", flat=True
        )
    )


def _lists_it_may_enter(document: SearchDocument, year: int) -> set[int]:
    """Lists whose search now finds this innovation and that it would enter (or that are short).

    The search matches a root as a prefix of an index term; the score counts the roots found
    whole among the terms (``search.shared_roots_score``).
    """
    name, body = set(document.name_terms.split()), set(document.body_terms.split())
    prefixes = sorted(
        {term[:end] for term in name | body for end in range(MIN_ROOT, min(len(term), 64) + 1)}
    )
    scores: dict[int, float] = {}
    for start in range(0, len(prefixes), 500):
        rows = RelatedRoot.objects.filter(root__in=prefixes[start : start + 500]).values_list(
            "related_list_id", "root"
        )
        for list_id, root in rows:
            gained = search.NAME_WEIGHT * (root in name) + (root in body)
            scores[list_id] = scores.get(list_id, 0.0) + gained
    scores.pop(document.innovation_id, None)
    if not scores:
        return set()
    key = {list_id: (-score, -year, document.innovation_id) for list_id, score in scores.items()}
    last: dict[int, tuple[float, int, int]] = {}
    counts: dict[int, int] = {}
    entries = RelatedInnovation.objects.filter(related_list_id__in=list(scores)).values_list(
        "related_list_id", "score", "related__programme_year", "related_id"
    )
    for list_id, score, entry_year, pk in entries:
        counts[list_id] = counts.get(list_id, 0) + 1
        last[list_id] = max(last.get(list_id, (float("-inf"), 0, 0)), (-score, -entry_year, pk))
    return {
        list_id
        for list_id in scores
        if counts.get(list_id, 0) < RELATED_COUNT or key[list_id] < last[list_id]
    }


def refresh_related(ids: Iterable[int]) -> int:
    """These innovations changed: recompute their lists and the lists the change may alter."""
    ids = list(ids)
    affected = set(ids) | _lists_holding(ids)
    documents = SearchDocument.objects.filter(innovation_id__in=ids).values_list(
        "innovation_id", "innovation__programme_year", "name_terms", "body_terms"
    )
    for pk, year, name_terms, body_terms in documents:
        document = SearchDocument(innovation_id=pk, name_terms=name_terms, body_terms=body_terms)
        affected |= _lists_it_may_enter(document, year)
    # Lists of innovations no longer public go; those of the others are recomputed.
    RelatedList.objects.filter(pk__in=ids).exclude(
        innovation__in=Innovation.objects.public()
    ).delete()
    return store_related(sorted(affected))


def lists_holding(innovation_id: int) -> list[int]:
    """Innovations whose lists hold this one: to refresh after it is deleted."""
    return sorted(_lists_holding([innovation_id]))


def refresh_all(missing_only: bool = False) -> int:
    """Compute the lists of all public innovations (or only the missing ones); drop the others."""
    RelatedList.objects.exclude(innovation__in=Innovation.objects.public()).delete()
    public: QuerySet[Innovation] = Innovation.objects.public()
    if missing_only:
        public = public.filter(related_list__isnull=True)
    return store_related(list(public.order_by("pk").values_list("pk", flat=True)))


def refresh_existing() -> int:
    """Recompute the lists that exist (after the index was rebuilt); drop those not public."""
    RelatedList.objects.exclude(innovation__in=Innovation.objects.public()).delete()
    return store_related(list(RelatedList.objects.order_by("pk").values_list("pk", flat=True)))
