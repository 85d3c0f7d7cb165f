import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("compliance", "0002_agency_status"),
        ("regions", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="agencystatus",
            name="agency_type",
            field=models.CharField(default="", max_length=20),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="agencystatus",
            name="region",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="regions.region",
            ),
        ),
        migrations.CreateModel(
            name="StatusCount",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("agency_type", models.CharField(max_length=20)),
                ("status", models.CharField(max_length=10)),
                ("count", models.IntegerField(default=0)),
                (
                    "programme_year",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="status_counts",
                        to="compliance.programmeyear",
                    ),
                ),
                (
                    "region",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="regions.region",
                    ),
                ),
            ],
            options={
                "verbose_name": "status count",
                "verbose_name_plural": "status counts",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("programme_year", "region", "agency_type", "status"),
                        name="status_count_once",
                    )
                ],
            },
        ),
    ]
