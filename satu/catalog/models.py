"""The search index of the public catalog.

One row per public innovation with its index terms (words and Indonesian roots). The
database's own full-text engine searches them: an FTS5 table on SQLite and a tsvector column
with a GIN index on PostgreSQL, both created by migration 0002 for the vendor at hand and
maintained by ``satu.catalog.search``.
"""

from django.db import models


class SearchDocument(models.Model):
    innovation = models.OneToOneField(
        "innovations.Innovation",
        primary_key=True,
        related_name="search_document",
        on_delete=models.CASCADE,
    )
    name_terms = models.TextField()
    body_terms = models.TextField()
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"search document of innovation {self.innovation_id}"


class SearchTerm(models.Model):
    """The vocabulary of innovation names, for correcting typos in queries."""

    term = models.CharField(max_length=64, unique=True)

    def __str__(self) -> str:
        return self.term
