from django.db import migrations

# The same newest-first index on SQLite (see 0006 for PostgreSQL). SQLite's CREATE INDEX takes
# no NULLS LAST, but it needs none: SQLite sorts NULL below every value, so a DESC column puts
# NULLs last, and its planner reads `ORDER BY … accepted_at DESC NULLS LAST` from this index.
# Led by the status rather than partial: without statistics SQLite's planner picks, among the
# indexes on the status, the one that gives the whole ORDER BY.
NEWEST = "innovation_public_newest"


def create_newest(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(
            f"CREATE INDEX {NEWEST} ON innovations_innovation "
            "(status, programme_year DESC, accepted_at DESC, id DESC)"
        )


def drop_newest(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(f"DROP INDEX IF EXISTS {NEWEST}")


class Migration(migrations.Migration):
    dependencies = [("innovations", "0006_public_list_indexes")]

    operations = [migrations.RunPython(create_newest, drop_newest, elidable=False)]
