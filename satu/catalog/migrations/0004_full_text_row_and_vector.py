import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models

import satu.catalog.models


def add_sqlite_column(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        schema_editor.execute("ALTER TABLE catalog_searchdocument ADD COLUMN vector text NULL")


def drop_sqlite_column(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        schema_editor.execute("ALTER TABLE catalog_searchdocument DROP COLUMN vector")


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0003_read_counts"),
        ("innovations", "0002_review_history_imports"),
    ]

    operations = [
        migrations.CreateModel(
            name="FullTextRow",
            fields=[
                (
                    "innovation",
                    models.OneToOneField(
                        db_column="rowid",
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        primary_key=True,
                        related_name="fts_row",
                        serialize=False,
                        to="innovations.innovation",
                    ),
                ),
                ("name", models.TextField()),
                ("body", models.TextField()),
                ("index", satu.catalog.models.FullTextColumn(db_column="catalog_search_fts")),
            ],
            options={
                "db_table": "catalog_search_fts",
                "managed": False,
            },
        ),
        # PostgreSQL has had the column since 0002; SQLite gets an empty one so the model's
        # columns exist everywhere.
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddField(
                    model_name="searchdocument",
                    name="vector",
                    field=django.contrib.postgres.search.SearchVectorField(
                        editable=False, null=True
                    ),
                ),
            ],
            database_operations=[migrations.RunPython(add_sqlite_column, drop_sqlite_column)],
        ),
    ]
