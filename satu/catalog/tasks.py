"""Background work of the catalog."""

from django.tasks import task

from .readcounts import flush_read_counts


@task()
def flush_read_counts_task() -> dict[str, object]:
    """Move buffered page views into the read counts (the scheduler runs it every minute)."""
    return flush_read_counts().as_dict()
