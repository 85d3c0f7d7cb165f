"""Keep the search index in step with the innovations, after each transaction commits."""

from django.db import connection, transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from satu.agencies.models import Agency
from satu.innovations.models import Innovation


def _reindex_later(ids: list[int]) -> None:
    from .search import index_innovations

    transaction.on_commit(lambda: index_innovations(ids))


@receiver(post_save, sender=Innovation, dispatch_uid="catalog-index-innovation")
def innovation_saved(sender, instance: Innovation, raw: bool = False, **kwargs) -> None:
    if not raw:
        _reindex_later([instance.pk])


@receiver(post_delete, sender=Innovation, dispatch_uid="catalog-unindex-innovation")
def innovation_deleted(sender, instance: Innovation, **kwargs) -> None:
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM catalog_search_fts WHERE rowid = %s", [instance.pk])


@receiver(post_save, sender=Agency, dispatch_uid="catalog-index-agency")
def agency_saved(sender, instance: Agency, created: bool, raw: bool = False, **kwargs) -> None:
    if raw or created:
        return
    ids = list(instance.innovations.public().values_list("pk", flat=True))
    if ids:
        _reindex_later(ids)
