"""Background work of the open data: a thin wrapper around :func:`services.regenerate_datasets`."""

from django.tasks import task

from satu.audit.context import acting

from . import services


@task()
def regenerate_open_data_task(slugs: list[str] | None = None) -> list[dict[str, object]]:
    """Regenerate the open datasets (all, or those named) and say what each one did."""
    with acting(source="task"):
        outcomes = services.regenerate_datasets(slugs)
    return [
        {"slug": o.slug, "rows": o.rows, "changed": o.changed, "error": o.error} for o in outcomes
    ]
