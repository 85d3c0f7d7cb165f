from django.db import migrations


def fill_statuses(apps, schema_editor):
    """Store the status of every agency in every programme year, with their sums."""
    if not apps.get_model("compliance", "ProgrammeYear").objects.exists():
        return
    from satu.compliance.statuses import refresh_all

    refresh_all()


class Migration(migrations.Migration):
    """A migration of its own: PostgreSQL does not create indexes or alter a table in the
    transaction that wrote its rows."""

    dependencies = [
        ("compliance", "0003_kept_status_counts"),
        # The statuses are computed by today's code from the innovations as they are here.
        ("innovations", "0007_sqlite_newest_index"),
    ]

    operations = [migrations.RunPython(fill_statuses, migrations.RunPython.noop)]
