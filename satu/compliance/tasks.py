"""Background tasks of the reminders: thin wrappers around :mod:`satu.compliance.reminders`."""

from django.tasks import task

from satu.audit.context import acting

from . import reminders


@task()
def send_agency_reminders_task(
    programme_year_id: int, step: str, agency_ids: list[int], today: str = ""
) -> int:
    with acting(source="task"):
        return reminders.send_agency_reminders(programme_year_id, step, agency_ids, today)


@task()
def send_regional_escalation_task(
    programme_year_id: int, step: str, region_id: int, today: str = ""
) -> int:
    with acting(source="task"):
        return reminders.send_regional_escalation(programme_year_id, step, region_id, today)


@task()
def send_secretariat_escalation_task(programme_year_id: int, step: str, today: str = "") -> int:
    with acting(source="task"):
        return reminders.send_secretariat_escalation(programme_year_id, step, today)
