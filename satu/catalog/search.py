"""One search service for the catalog, the API and anything else that looks for innovations.

Indexing turns an innovation into index terms (words and their Indonesian roots, see
``satu.lib.indonesian``): the name in one column, everything else in another. Searching parses
the query the same way and asks the database's own full-text engine:

- SQLite: an FTS5 table ``catalog_search_fts`` (rowid = innovation id), ranked by bm25 with
  the name weighted ten times the body;
- PostgreSQL: the tsvector column ``catalog_searchdocument.vector`` (name weight A, body B) with
  a GIN index, ranked by ts_rank_cd; a second, small one of the name alone (``name_vector``,
  with its own GIN index) finds the matches in names without reading the body's vector. The
  table keeps its rows narrow (``toast_tuple_target``, migration 0008): the long terms and
  vectors live in TOAST storage, so reading many rows by id or through an index stays cheap.

Every query word matches as a prefix, through its own form or its root, and all words must
match. A word that is not in the vocabulary of names is widened with the nearest names' terms
(edit distance 1, or 2 for longer words), which tolerates typos in names.

Pages and the API go through ``find``, which bounds the work of a query: the engine ranks the
matches once and only the best ``SATU_SEARCH_MAX_CANDIDATES`` are kept; counting, facets and
pages then work on those ids alone, so a common word matching most of the catalog costs one
ranking pass instead of one pass per count, facet and page.
"""

import bisect
import json
from collections.abc import Iterable, Iterator, Sequence, Set
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import BigIntegerField, F, FloatField, Func, Lookup, QuerySet, Value
from rapidfuzz.distance import Levenshtein
from rapidfuzz.process import extract

from satu.innovations.models import Innovation
from satu.lib.indonesian import stem, terms, words

from . import facetcounts
from .models import SearchDocument, SearchTerm

VOCABULARY_CACHE_KEY = "catalog:vocabulary:v1"
VOCABULARY_TTL = 300
MAX_QUERY_WORDS = 8
NAME_WEIGHT = 10.0


def _is_postgres() -> bool:
    return connection.vendor == "postgresql"


# Indexing


def _body_text(innovation: Innovation) -> str:
    parts = [
        innovation.summary,
        innovation.goals,
        innovation.benefits,
        innovation.design[:4000],
        innovation.results_after,
        innovation.agency.name,
        innovation.agency.region.name,
        innovation.main_urusan.name,
        innovation.service_unit.name if innovation.service_unit_id else "",
    ]
    return " ".join(part for part in parts if part)


def index_innovations(ids: Iterable[int]) -> int:
    """(Re)index these innovations: public ones are written, others removed. Returns written."""
    ids = list(ids)
    if not ids:
        return 0
    innovations = (
        Innovation.objects.public()
        .filter(pk__in=ids)
        .select_related("agency__region", "main_urusan", "service_unit")
    )
    documents = []
    vocabulary: set[str] = set()
    for innovation in innovations:
        name_terms = terms(innovation.name)
        vocabulary.update(term for term in name_terms if len(term) <= 64)
        documents.append(
            SearchDocument(
                innovation_id=innovation.pk,
                name_terms=" ".join(name_terms),
                body_terms=" ".join(terms(_body_text(innovation))),
                facet_keys=facetcounts.keys_of(innovation),
            )
        )
    with transaction.atomic():
        # The facet counts follow the documents: the replaced ones out, the new ones in.
        replaced = SearchDocument.objects.filter(pk__in=ids)
        if _is_postgres():
            replaced = replaced.select_for_update()
        facetcounts.apply(
            (doc.facet_keys for doc in documents),
            replaced.values_list("facet_keys", flat=True),
        )
        _delete(ids)
        SearchDocument.objects.bulk_create(documents, batch_size=500)
        _write_engine(documents)
        SearchTerm.objects.bulk_create(
            [SearchTerm(term=term) for term in sorted(vocabulary)],
            ignore_conflicts=True,
            batch_size=1000,
        )
    if vocabulary:
        cache.delete(VOCABULARY_CACHE_KEY)
    return len(documents)


def remove_innovations(ids: Iterable[int]) -> None:
    ids = list(ids)
    with transaction.atomic():
        removed = SearchDocument.objects.filter(pk__in=ids).values_list("facet_keys", flat=True)
        facetcounts.apply([], removed)
        _delete(ids)


def _delete(ids: list[int]) -> None:
    if _is_postgres():
        SearchDocument.objects.filter(pk__in=ids).delete()
        return
    SearchDocument.objects.filter(pk__in=ids).delete()
    with connection.cursor() as cursor:
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join(["%s"] * len(chunk))
            cursor.execute(f"DELETE FROM catalog_search_fts WHERE rowid IN ({marks})", chunk)  # noqa: S608


def _write_engine(documents: list[SearchDocument]) -> None:
    if not documents:
        return
    with connection.cursor() as cursor:
        if _is_postgres():
            ids = [doc.innovation_id for doc in documents]
            cursor.execute(
                "UPDATE catalog_searchdocument SET vector = "
                "setweight(to_tsvector('simple', name_terms), 'A') || "
                "setweight(to_tsvector('simple', body_terms), 'B'), "
                "name_vector = to_tsvector('simple', name_terms) "
                "WHERE innovation_id = ANY(%s)",
                [ids],
            )
        else:
            cursor.executemany(
                "INSERT INTO catalog_search_fts(rowid, name, body) VALUES (%s, %s, %s)",
                [(doc.innovation_id, doc.name_terms, doc.body_terms) for doc in documents],
            )


def rebuild_index(batch_size: int = 2000) -> int:
    """Index every public innovation from scratch."""
    with transaction.atomic():
        SearchDocument.objects.all().delete()
        SearchTerm.objects.all().delete()
        facetcounts.reset()
        if not _is_postgres():
            with connection.cursor() as cursor:
                cursor.execute("DELETE FROM catalog_search_fts")
    written = 0
    ids = list(Innovation.objects.public().order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), batch_size):
        written += index_innovations(ids[start : start + batch_size])
    return written


# Querying


def _vocabulary() -> list[str]:
    vocabulary = cache.get(VOCABULARY_CACHE_KEY)
    if vocabulary is None:
        vocabulary = sorted(SearchTerm.objects.values_list("term", flat=True))
        cache.set(VOCABULARY_CACHE_KEY, vocabulary, VOCABULARY_TTL)
    return vocabulary


def _has_prefix(vocabulary: list[str], prefix: str) -> bool:
    index = bisect.bisect_left(vocabulary, prefix)
    return index < len(vocabulary) and vocabulary[index].startswith(prefix)


def _near(vocabulary: list[str], word: str) -> list[str]:
    limit = 1 if len(word) <= 5 else 2
    matches = extract(word, vocabulary, scorer=Levenshtein.distance, score_cutoff=limit, limit=5)
    return [term for term, _distance, _index in matches]


@dataclass
class ParsedQuery:
    """Each group lists the alternative terms for one query word (any may match, as prefix)."""

    groups: list[list[str]] = field(default_factory=list)
    corrected: dict[str, list[str]] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.groups)


def parse_query(text: str) -> ParsedQuery:
    parsed = ParsedQuery()
    vocabulary: list[str] | None = None
    for word in words(text)[:MAX_QUERY_WORDS]:
        # Documents hold every word and its root, so the root alone finds all forms of a word
        # the stemmer recognised; the word itself is kept when it has no other root (a prefix
        # being typed, a name, an abbreviation).
        alternatives = [stem(word)]
        if len(word) >= 4:
            vocabulary = vocabulary if vocabulary is not None else _vocabulary()
            if not any(_has_prefix(vocabulary, term) for term in alternatives):
                near = [term for term in _near(vocabulary, word) if term not in alternatives]
                if near:
                    parsed.corrected[word] = near
                    alternatives.extend(near)
        parsed.groups.append(alternatives)
    return parsed


def _fts5_expression(parsed: ParsedQuery) -> str:
    groups = []
    for alternatives in parsed.groups:
        groups.append("(" + " OR ".join(f'"{term}"*' for term in alternatives) + ")")
    return " AND ".join(groups)


def _tsquery(parsed: ParsedQuery, weight: str = "") -> str:
    groups = []
    for alternatives in parsed.groups:
        groups.append("(" + " | ".join(f"{term}:*{weight}" for term in alternatives) + ")")
    return " & ".join(groups)


def search(
    queryset: QuerySet[Innovation], query: str | ParsedQuery, filtered: bool = True
) -> QuerySet[Innovation]:
    """Innovations of ``queryset`` matching ``query``, annotated with ``rank`` (higher = better).

    With an empty query the queryset comes back unchanged (annotated with rank 0). On
    PostgreSQL, ``filtered=False`` only ranks: for a queryset known to match already.
    """
    parsed = query if isinstance(query, ParsedQuery) else parse_query(query)
    if not parsed:
        return queryset.annotate(rank=Value(0.0, output_field=FloatField()))
    # The index is joined to the innovations, so the engine evaluates the query once and ranks
    # each matching row in the same pass (a correlated subquery per row would run the
    # full-text query once per candidate: slow when a common word matches thousands).
    if _is_postgres():
        query = SearchQuery(_tsquery(parsed), config="simple", search_type="raw")
        if filtered:
            queryset = queryset.filter(search_document__vector=query)
        return queryset.annotate(
            # Weights {D, C, B, A}: a match in the name (A) counts ten times the body (B).
            rank=SearchRank(
                F("search_document__vector"),
                query,
                weights=[0.01, 0.01, 0.1, 1.0],
                cover_density=True,
            )
        )
    return queryset.filter(fts_row__index__match=_fts5_expression(parsed)).annotate(
        # bm25 is lower for better matches; negate so that higher is better everywhere.
        rank=-Func(
            F("fts_row__index"),
            Value(NAME_WEIGHT),
            Value(1.0),
            function="bm25",
            output_field=FloatField(),
        )
    )


# Relevance, then the newest programme year, then the name.
RANKED_ORDER = (F("rank").desc(nulls_last=True), "-programme_year", "name", "pk")


def ranked(queryset: QuerySet[Innovation], text: str) -> QuerySet[Innovation]:
    """``search`` ordered by relevance, then newest programme year, then name."""
    parsed = parse_query(text)
    results = search(queryset, parsed)
    if not parsed:
        return results.order_by("-programme_year", "name", "pk")
    return results.order_by(*RANKED_ORDER)


def matching(queryset: QuerySet[Innovation], query: str | ParsedQuery) -> QuerySet[Innovation]:
    """Only the filter of ``search``, without the rank: for counting and grouping (facets)."""
    parsed = query if isinstance(query, ParsedQuery) else parse_query(query)
    if not parsed:
        return queryset
    return queryset.filter(pk__in=search(Innovation.objects.all(), parsed).values("pk"))


class RankedResults(Sequence):
    """Innovations of ``queryset`` in the order of ``ids``, fetched one slice at a time.

    Django's Paginator and the API's Page count it with ``len`` and read one page by slicing,
    so a page costs one query by primary key, however many innovations matched. Each
    innovation carries its ``rank``.
    """

    def __init__(self, queryset: QuerySet[Innovation], ids: list[int], ranks: dict[int, float]):
        self.queryset = queryset
        self.ids = ids
        self.ranks = ranks

    def __len__(self) -> int:
        return len(self.ids)

    def _fetch(self, ids: list[int]) -> list[Innovation]:
        found = self.queryset.order_by().in_bulk(ids)
        innovations = [found[pk] for pk in ids if pk in found]
        for innovation in innovations:
            innovation.rank = self.ranks.get(innovation.pk, 0.0)  # type: ignore[attr-defined]
        return innovations

    def __getitem__(self, index):  # type: ignore[override]
        if isinstance(index, slice):
            return self._fetch(self.ids[index])
        return self._fetch([self.ids[index]])[0]

    def __iter__(self) -> Iterator[Innovation]:
        for start in range(0, len(self.ids), 500):
            yield from self._fetch(self.ids[start : start + 500])


@dataclass
class Found:
    """The result of ``find``: the best matches, best first, and whether more matched."""

    results: RankedResults
    candidates: QuerySet[Innovation]  # the same innovations, unordered: for facets and sorts
    capped: bool
    limit: int


def max_candidates() -> int:
    return settings.SATU_SEARCH_MAX_CANDIDATES


def _best_in_window(
    queryset: QuerySet[Innovation], query: ParsedQuery, window: int, rows: int
) -> list[tuple[int, float]] | None:
    """The best ``rows`` matches of ``queryset`` (id and rank, in the order of ``ranked``)
    among a bounded window of the matches, or None when no more than ``window`` match.

    A word found in most of the catalog ("pelayanan") would otherwise have every match ranked:
    work that grows with the catalog. Past ``window`` matches only two windows are ranked: the
    newest matches, and the newest matches in the name (where a match weighs ten times the
    body, so the best ranks come from there). Older matches only in the body are then left
    out; the catalog says the search was capped and asks for more words.
    """
    if _is_postgres():
        with connection.cursor() as cursor:
            tsquery = _tsquery(query)
            newest = _newest_postgres(cursor, "vector", tsquery, window + 1)
            if len(newest) <= window:
                return None
            in_name = _newest_postgres(cursor, "name_vector", tsquery, window)
        # One query ranks the windows' documents that the caller's filters keep, reading each
        # one's vector once, and returns only the best.
        ids = list(set(newest[:window]) | set(in_name))
        # The documents too are read by id (an inner join, not a pass over every document).
        candidates = with_ids(queryset, ids).filter(_any_of("search_document__pk", ids))
        best = search(candidates, query, filtered=False).order_by(*RANKED_ORDER)
        return list(best.values_list("pk", "rank")[:rows])
    sql = (
        "SELECT rowid, -bm25(catalog_search_fts, %s, 1.0) FROM catalog_search_fts"
        " WHERE catalog_search_fts MATCH %s ORDER BY rowid DESC LIMIT %s"
    )
    expression = _fts5_expression(query)
    windows = [[NAME_WEIGHT, expression], [NAME_WEIGHT, "{name} : (" + expression + ")"]]
    ranks: dict[int, float] = {}
    with connection.cursor() as cursor:
        # The newest matches, one more than the window telling whether there are more at all;
        # then the newest matches in the name.
        for params, limit in zip(windows, (window + 1, window), strict=True):
            cursor.execute(sql, [*params, limit])
            found = cursor.fetchall()
            if limit > window and len(found) <= window:
                return None
            for pk, rank in found[:window]:
                ranks.setdefault(pk, rank)
    # The window's matches that the caller's filters keep, in the order of ``ranked``.
    kept = with_ids(queryset, list(ranks)).values_list("pk", "programme_year", "name")
    ordered = sorted(kept, key=lambda row: (-ranks[row[0]], -row[1], row[2], row[0]))
    return [(pk, ranks[pk]) for pk, _year, _name in ordered[:rows]]


# Past this many estimated matches per row wanted, walking the documents newest first and
# testing each one stops early enough to be the cheaper way (see ``_newest_postgres``).
WALK_AFTER_MATCHES_PER_ROW = 25


def _newest_postgres(cursor, column: str, tsquery: str, limit: int) -> list[int]:
    """Ids of the newest documents whose ``column`` matches ``tsquery``, at most ``limit``.

    There are two ways, and the planner cannot tell which is cheaper: it does not know that
    testing a document's full vector means reading it from TOAST storage (a few microseconds
    each). Walking the primary key backwards and testing each document stops after about
    ``limit × documents / matches`` documents: cheap for a word in most documents, but a word
    in few of them walks the whole table (seconds when it is not in memory). Reading every
    match from the GIN index and keeping the newest costs about one heap row per match: cheap
    for a rare word. The planner's estimate of the matches (from the column statistics) picks
    the way; the GIN way is then imposed for this one query.
    """
    if _estimated_matches(cursor, column, tsquery) > WALK_AFTER_MATCHES_PER_ROW * limit:
        cursor.execute(
            f"SELECT innovation_id FROM catalog_searchdocument WHERE {column} @@ "  # noqa: S608
            "to_tsquery('simple', %s) ORDER BY innovation_id DESC LIMIT %s",
            [tsquery, limit],
        )
    else:
        # The same query with index scans and sequential scans off for its duration
        # (migration 0008): only the GIN index's bitmap remains.
        cursor.execute(
            "SELECT catalog_newest_from_index(%s, to_tsquery('simple', %s), %s)",
            [column, tsquery, limit],
        )
    return [row[0] for row in cursor.fetchall()]


def _estimated_matches(cursor, column: str, tsquery: str) -> float:
    cursor.execute(
        f"EXPLAIN (FORMAT JSON) SELECT 1 FROM catalog_searchdocument WHERE {column} @@ "  # noqa: S608
        "to_tsquery('simple', %s)",
        [tsquery],
    )
    plan = cursor.fetchone()[0]
    if isinstance(plan, str):
        plan = json.loads(plan)
    return float(plan[0]["Plan"]["Plan Rows"])


def with_ids(queryset: QuerySet[Innovation], ids: list[int]) -> QuerySet[Innovation]:
    """``queryset.filter(pk__in=ids)``, with the ids as one array parameter on PostgreSQL.

    A search's candidates are thousands of ids; bound one by one, preparing the query costs
    more than the database takes to run it (about 20 ms for 4,000 ids).
    """
    if not _is_postgres():
        return queryset.filter(pk__in=ids)
    return queryset.filter(_any_of("pk", ids))


def _any_of(field: str, ids: list[int]) -> Lookup:
    return _AnyOf(F(field), Value(ids, output_field=ArrayField(BigIntegerField())))


class _AnyOf(Lookup):
    """``column = ANY(array)``: PostgreSQL's membership test for one array parameter."""

    lookup_name = "any_of"
    prepare_rhs = False

    def as_sql(self, compiler, connection):  # type: ignore[no-untyped-def]
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} = ANY({rhs})", [*lhs_params, *rhs_params]


def find(
    queryset: QuerySet[Innovation], query: str | ParsedQuery, limit: int | None = None
) -> Found:
    """The best ``limit`` innovations of ``queryset`` matching ``query`` (a non-empty query).

    One query asks the engine for the ids of the best ``limit + 1`` matches (the same order
    as ``ranked``); one more than the limit tells whether the search was capped. Everything
    else (the count, the facets, each page) then reads at most ``limit`` rows by primary key.
    """
    parsed = query if isinstance(query, ParsedQuery) else parse_query(query)
    limit = limit or max_candidates()
    rows = _best_in_window(queryset, parsed, settings.SATU_SEARCH_RANK_WINDOW, limit + 1)
    if rows is None:
        best = search(queryset, parsed).order_by(*RANKED_ORDER).values_list("pk", "rank")
        rows = list(best[: limit + 1])
    capped = len(rows) > limit
    rows = rows[:limit]
    ids = [pk for pk, _rank in rows]
    ranks = {pk: rank or 0.0 for pk, rank in rows}
    candidates = with_ids(queryset, ids)
    return Found(RankedResults(queryset, ids, ranks), candidates, capped, limit)


def newest_matches(query: ParsedQuery, limit: int) -> list[int]:
    """Ids of the newest indexed innovations matching ``query``, newest first.

    Both engines stop at ``limit`` without ranking: cheap even when a common word matches most
    of the catalog, where ranking every match would not be.
    """
    if not query:
        return []
    if _is_postgres():
        with connection.cursor() as cursor:
            return _newest_postgres(cursor, "vector", _tsquery(query), limit)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT rowid FROM catalog_search_fts WHERE catalog_search_fts MATCH %s "
            "ORDER BY rowid DESC LIMIT %s",
            [_fts5_expression(query), limit],
        )
        return [row[0] for row in cursor.fetchall()]


def shared_roots_score(query: ParsedQuery, name: Set[str], body: Set[str]) -> float:
    """How much a document shares with ``query``: a root among its name terms counts ten
    among its body terms."""
    score = 0.0
    for group in query.groups:
        for root in group:
            score += NAME_WEIGHT * (root in name) + (root in body)
    return score


# Words too common in innovation names to say what two innovations share.
_COMMON = """dan atau yang untuk dengan dari pada dalam melalui bagi oleh kepada secara serta
inovasi program sistem aplikasi layan pelayanan berbasis kabupaten kota provinsi"""
COMMON_WORDS = frozenset(_COMMON.split())


def any_words(text: str, limit: int = 8) -> ParsedQuery:
    """A query matching documents that share any significant word (root) with ``text``."""
    roots: list[str] = []
    for word in words(text):
        root = stem(word)
        significant = len(root) >= 4 and not {root, word} & COMMON_WORDS
        if significant and root not in roots:
            roots.append(root)
        if len(roots) >= limit:
            break
    return ParsedQuery(groups=[roots] if roots else [])
