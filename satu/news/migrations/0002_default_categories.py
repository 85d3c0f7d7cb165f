"""The news categories the secretariat starts with (more can be added in the admin site)."""

from django.db import migrations

CATEGORIES = [
    ("Inovasi Daerah", "inovasi-daerah", 10),
    ("Kompetisi Inovasi", "kompetisi", 20),
    ("Pelayanan Publik", "pelayanan-publik", 30),
    ("Survei Kepuasan", "survei-kepuasan", 40),
    ("Pengumuman", "pengumuman", 50),
]


def add_categories(apps, schema_editor):
    Category = apps.get_model("news", "Category")
    for name, slug, order in CATEGORIES:
        Category.objects.get_or_create(slug=slug, defaults={"name": name, "order": order})


def remove_unused_categories(apps, schema_editor):
    Category = apps.get_model("news", "Category")
    Category.objects.filter(slug__in=[slug for _n, slug, _o in CATEGORIES], articles=None).delete()


class Migration(migrations.Migration):
    dependencies = [("news", "0001_initial")]
    operations = [migrations.RunPython(add_categories, remove_unused_categories)]
