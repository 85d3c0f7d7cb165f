"""Create the full-text structures of the database at hand (FTS5 or tsvector + GIN)."""

from django.db import migrations


def create_engine(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE catalog_searchdocument ADD COLUMN vector tsvector")
        # The catalog's and the API's `q=` search: vector @@ to_tsquery(...).
        schema_editor.execute(
            "CREATE INDEX catalog_searchdocument_vector_gin ON catalog_searchdocument "
            "USING GIN (vector)"
        )
    else:
        # Terms are already folded and stemmed; prefix indexes make `term*` queries cheap.
        schema_editor.execute(
            "CREATE VIRTUAL TABLE catalog_search_fts USING fts5("
            "name, body, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3 4')"
        )


def drop_engine(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS catalog_searchdocument_vector_gin")
        schema_editor.execute("ALTER TABLE catalog_searchdocument DROP COLUMN IF EXISTS vector")
    else:
        schema_editor.execute("DROP TABLE IF EXISTS catalog_search_fts")


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_initial")]
    operations = [migrations.RunPython(create_engine, drop_engine)]
