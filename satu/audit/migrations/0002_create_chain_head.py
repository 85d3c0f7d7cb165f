from django.db import migrations


def create_chain_head(apps, schema_editor):
    AuditChainHead = apps.get_model("audit", "AuditChainHead")
    AuditChainHead.objects.get_or_create(pk=1, defaults={"seq": 0, "hash": "0" * 64})


def remove_chain_head(apps, schema_editor):
    apps.get_model("audit", "AuditChainHead").objects.filter(pk=1).delete()


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]
    operations = [migrations.RunPython(create_chain_head, remove_chain_head)]
