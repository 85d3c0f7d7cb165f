"""PostgreSQL: a vector of the name alone with its own GIN index, and narrow index rows.

The search windows read many documents newest first or through an index. With the terms and
vectors stored in the row (about 3.6 kB each), 275,000 documents took 1 GB of heap and every
read row cost a page; with ``toast_tuple_target = 256`` the long columns move to TOAST storage
and the heap is about 60 MB. The UPDATE that fills ``name_vector`` rewrites every row under the
new target; ``VACUUM FULL catalog_searchdocument`` afterwards returns the old rows' space.

``catalog_newest_from_index`` reads the newest matches of one vector column from its GIN index
alone, for the words the planner would otherwise look for by walking the table newest first
(``satu.catalog.search._newest_postgres`` says when). Its SET clauses hold for the function's
own duration only.
"""

import django.contrib.postgres.search
from django.db import migrations

NEWEST_FROM_INDEX = """
CREATE OR REPLACE FUNCTION catalog_newest_from_index(column_name text, query tsquery, max_rows integer)
RETURNS SETOF bigint
LANGUAGE plpgsql STABLE
SET enable_indexscan = off
SET enable_seqscan = off
AS $$
BEGIN
    RETURN QUERY EXECUTE format(
        'SELECT innovation_id FROM catalog_searchdocument WHERE %I @@ $1 '
        'ORDER BY innovation_id DESC LIMIT $2',
        column_name
    ) USING query, max_rows;
END
$$
"""


def add_name_vector(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        schema_editor.execute("ALTER TABLE catalog_searchdocument ADD COLUMN name_vector text NULL")
        return
    schema_editor.execute("ALTER TABLE catalog_searchdocument SET (toast_tuple_target = 256)")
    schema_editor.execute("ALTER TABLE catalog_searchdocument ADD COLUMN name_vector tsvector")
    schema_editor.execute(
        "UPDATE catalog_searchdocument SET name_vector = to_tsvector('simple', name_terms)"
    )
    schema_editor.execute(
        "CREATE INDEX catalog_searchdocument_name_vector_gin ON catalog_searchdocument "
        "USING GIN (name_vector)"
    )
    # No parameters: the body's %I is format()'s, not a placeholder.
    schema_editor.execute(NEWEST_FROM_INDEX, None)


def drop_name_vector(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP FUNCTION IF EXISTS catalog_newest_from_index")
        schema_editor.execute("DROP INDEX IF EXISTS catalog_searchdocument_name_vector_gin")
        schema_editor.execute("ALTER TABLE catalog_searchdocument RESET (toast_tuple_target)")
    schema_editor.execute("ALTER TABLE catalog_searchdocument DROP COLUMN name_vector")


class Migration(migrations.Migration):
    dependencies = [("catalog", "0007_facet_count_largest")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddField(
                    model_name="searchdocument",
                    name="name_vector",
                    field=django.contrib.postgres.search.SearchVectorField(
                        editable=False, null=True
                    ),
                ),
            ],
            database_operations=[migrations.RunPython(add_name_vector, drop_name_vector)],
        ),
    ]
