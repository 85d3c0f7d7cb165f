"""Keep the search index and the related innovations in step, after each transaction commits."""

from django.db import connection, transaction
from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver

from satu.agencies.models import Agency
from satu.innovations.models import Innovation


def _refresh_related(ids: list[int]) -> None:
    from .tasks import refresh_related_task

    for pk in ids:
        refresh_related_task.enqueue(pk)


def _reindex(ids: list[int]) -> None:
    from .search import index_innovations

    index_innovations(ids)
    # The related lists are computed from the index: only once it holds the change.
    _refresh_related(ids)


def _reindex_later(ids: list[int]) -> None:
    transaction.on_commit(lambda: _reindex(ids))


@receiver(post_save, sender=Innovation, dispatch_uid="catalog-index-innovation")
def innovation_saved(sender, instance: Innovation, raw: bool = False, **kwargs) -> None:
    if not raw:
        _reindex_later([instance.pk])


@receiver(pre_delete, sender=Innovation, dispatch_uid="catalog-related-innovation-deleting")
def innovation_deleting(sender, instance: Innovation, **kwargs) -> None:
    # The entries pointing at it go with it (cascade): the lists that held it are refreshed
    # so that they take their next best match instead of a gap.
    from .related import lists_holding

    holders = lists_holding(instance.pk)
    if holders:
        transaction.on_commit(lambda: _refresh_related(holders))
    # Its search document goes with it too: its facet values leave the counts now, in the
    # deleting transaction.
    from . import facetcounts
    from .models import SearchDocument

    facetcounts.apply(
        [], SearchDocument.objects.filter(pk=instance.pk).values_list("facet_keys", flat=True)
    )


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
