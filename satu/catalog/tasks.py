"""Background work of the catalog."""

from django.tasks import task

from .readcounts import flush_read_counts
from .related import refresh_related


@task()
def flush_read_counts_task() -> dict[str, object]:
    """Move buffered page views into the read counts (the scheduler runs it every minute)."""
    return flush_read_counts().as_dict()


@task()
def refresh_related_task(innovation_id: int) -> int:
    """Recompute the related innovations an (re)indexed innovation changes."""
    return refresh_related([innovation_id])
