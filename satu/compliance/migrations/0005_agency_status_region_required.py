import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """Every row has its region once 0004 has stored them."""

    dependencies = [("compliance", "0004_fill_status_counts")]

    operations = [
        migrations.AlterField(
            model_name="agencystatus",
            name="region",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT, related_name="+", to="regions.region"
            ),
        ),
    ]
