"""Counts kept in a table, moved by deltas from the changes that move them."""

from collections.abc import Sequence

from django.db import connection, models


def add_counts(model: type[models.Model], keys: Sequence[str], changes: Sequence[tuple]) -> None:
    """Add each change's last value to the ``count`` of the row its other values name.

    ``keys`` are the columns of the model's unique constraint, in the order of each change's
    values. A missing row is created. One upsert per key (``INSERT … ON CONFLICT DO UPDATE``,
    which SQLite and PostgreSQL both take): concurrent changes add up instead of overwriting
    each other.
    """
    if not changes:
        return
    table = model._meta.db_table
    columns = ", ".join(keys)
    marks = ", ".join(["%s"] * (len(keys) + 1))
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} ({columns}, count) VALUES ({marks}) "  # noqa: S608
            f"ON CONFLICT ({columns}) DO UPDATE SET count = {table}.count + excluded.count",
            changes,
        )
