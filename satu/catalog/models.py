"""The search index of the public catalog.

One row per public innovation with its index terms (words and Indonesian roots). The
database's own full-text engine searches them: an FTS5 table on SQLite and a tsvector column
with a GIN index on PostgreSQL, both created by migration 0002 for the vendor at hand and
maintained by ``satu.catalog.search``.
"""

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Lookup


class SearchDocument(models.Model):
    innovation = models.OneToOneField(
        "innovations.Innovation",
        primary_key=True,
        related_name="search_document",
        on_delete=models.CASCADE,
    )
    name_terms = models.TextField()
    body_terms = models.TextField()
    # PostgreSQL: the name (weight A) and the body (weight B) as a tsvector, with a GIN index
    # (migration 0002). On SQLite the column exists but stays empty: FullTextRow serves there.
    vector = SearchVectorField(null=True, editable=False)
    # PostgreSQL: the name alone, with its own GIN index (migration 0008), for the newest
    # matches in names without reading the body. Empty on SQLite, like ``vector``.
    name_vector = SearchVectorField(null=True, editable=False)
    # The facet values this innovation was counted under in FacetCount, as [[facet, value]].
    facet_keys = models.JSONField(default=list)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"search document of innovation {self.innovation_id}"


class FacetCount(models.Model):
    """How many public innovations have each value of each facet of the catalog.

    The facets of the unfiltered catalog (its most visited state) are read from here instead of
    grouping every public innovation on each request. ``satu.catalog.search`` keeps the rows in
    the same transaction as the search index: a document written adds its ``facet_keys``, a
    document removed subtracts them.
    """

    facet = models.CharField(max_length=20)
    value = models.CharField(max_length=40)
    count = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["facet", "value"], name="facet_count_once"),
        ]
        indexes = [
            # The largest facets first (the catalog shows the 15 agencies with most).
            models.Index("facet", models.F("count").desc(), name="facet_count_largest"),
        ]

    def __str__(self) -> str:
        return f"{self.facet}={self.value}: {self.count}"


class RelatedList(models.Model):
    """That an innovation's related innovations were computed, and when (``satu.catalog.related``).

    A row without entries is a computed empty list (no public innovation shares its words); no
    row at all means "not computed yet", which the page answers with the fallback.
    """

    innovation = models.OneToOneField(
        "innovations.Innovation",
        primary_key=True,
        related_name="related_list",
        on_delete=models.CASCADE,
    )
    computed_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"related innovations of {self.innovation_id}"


class RelatedInnovation(models.Model):
    """One place in an innovation's list of related innovations, with the score it got there."""

    related_list = models.ForeignKey(RelatedList, related_name="entries", on_delete=models.CASCADE)
    # Indexed (a foreign key): "which lists hold this innovation" when it changes or goes away.
    related = models.ForeignKey(
        "innovations.Innovation", related_name="related_entries", on_delete=models.CASCADE
    )
    position = models.PositiveSmallIntegerField()
    score = models.FloatField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["related_list", "position"], name="related_innovation_position_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.related_list_id} #{self.position}: {self.related_id}"


class RelatedRoot(models.Model):
    """A word root an innovation's related list was searched with.

    When an innovation changes, the lists whose roots its index terms start with are the ones
    it may enter.
    """

    related_list = models.ForeignKey(RelatedList, related_name="roots", on_delete=models.CASCADE)
    root = models.CharField(max_length=64)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["related_list", "root"], name="related_root_unique"),
        ]
        # refresh_related: the lists whose roots are prefixes of a changed innovation's terms.
        indexes = [models.Index(fields=["root"], name="related_root_root")]

    def __str__(self) -> str:
        return f"{self.related_list_id}: {self.root}"


class SearchTerm(models.Model):
    """The vocabulary of innovation names, for correcting typos in queries."""

    term = models.CharField(max_length=64, unique=True)

    def __str__(self) -> str:
        return self.term


class ReadCount(models.Model):
    """How often a public page was read ("dibaca N kali"), moved in from the read buffer.

    ``kind`` names what was read (``innovation``, ``article``) and ``object_id`` which one, so
    that one table and one flush serve every app with read counts.
    """

    kind = models.CharField(max_length=20)
    object_id = models.PositiveBigIntegerField()
    count = models.PositiveBigIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="read_count_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}: {self.count}"


class ReadSeen(models.Model):
    """Which visitor already read which page on a day (embedded install only).

    ``key`` is a keyed hash of the day's visitor key (salted IP + user agent + date) and the
    page, so nothing personal is stored; rows older than yesterday are deleted by the flush.
    """

    day = models.DateField()
    key = models.CharField(max_length=32)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["day", "key"], name="read_seen_unique")]

    def __str__(self) -> str:
        return f"{self.day} {self.key}"


class ReadFlush(models.Model):
    """A buffer batch already moved into ReadCount: a crashed flush never counts it twice."""

    batch = models.CharField(max_length=64, unique=True)
    events = models.PositiveIntegerField(default=0)
    flushed_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.batch


class FullTextColumn(models.TextField):
    """SQLite FTS5's hidden column, which stands for the whole row in MATCH and bm25()."""


@FullTextColumn.register_lookup
class Match(Lookup):
    """``fts_row__index__match="…"``: the FTS5 full-text query."""

    lookup_name = "match"

    def as_sql(self, compiler, connection):  # type: ignore[no-untyped-def]
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} MATCH {rhs}", [*lhs_params, *rhs_params]


class FullTextRow(models.Model):
    """SQLite's FTS5 table, mapped read-only so that searches can join it to the innovations.

    Created by migration 0002 on SQLite only (PostgreSQL keeps the vector on SearchDocument);
    written by ``satu.catalog.search`` with plain SQL.
    """

    innovation = models.OneToOneField(
        "innovations.Innovation",
        primary_key=True,
        db_column="rowid",
        related_name="fts_row",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
    )
    name = models.TextField()
    body = models.TextField()
    # FTS5's hidden column named like the table: the left side of MATCH and bm25's argument.
    index = FullTextColumn(db_column="catalog_search_fts")

    class Meta:
        managed = False
        db_table = "catalog_search_fts"

    def __str__(self) -> str:
        return f"full-text row of innovation {self.innovation_id}"
