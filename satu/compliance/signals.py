"""Keep the stored agency statuses (:mod:`.statuses`) in step, inside the changing transaction."""

from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver

from satu.agencies.models import Agency
from satu.innovations.models import Innovation

from . import statuses
from .models import Exemption, ProgrammeYear


@receiver(post_save, sender=Innovation, dispatch_uid="compliance-status-innovation-saved")
@receiver(post_delete, sender=Innovation, dispatch_uid="compliance-status-innovation-deleted")
def innovation_changed(sender, instance: Innovation, raw: bool = False, **kwargs) -> None:
    if raw:
        return
    pairs = {(instance.agency_id, instance.programme_year)}
    loaded = getattr(instance, "loaded_owner", None)
    if loaded is not None:
        pairs.add(loaded)
    statuses.refresh_agency_years(pairs)
    instance.loaded_owner = (instance.agency_id, instance.programme_year)


@receiver(post_save, sender=Exemption, dispatch_uid="compliance-status-exemption-saved")
@receiver(post_delete, sender=Exemption, dispatch_uid="compliance-status-exemption-deleted")
def exemption_changed(sender, instance: Exemption, raw: bool = False, **kwargs) -> None:
    if not raw:
        statuses.refresh(instance.programme_year, [instance.agency_id])


@receiver(post_save, sender=Agency, dispatch_uid="compliance-status-agency-saved")
def agency_saved(sender, instance: Agency, raw: bool = False, **kwargs) -> None:
    if not raw:
        statuses.refresh_agency(instance.pk)


@receiver(post_save, sender=ProgrammeYear, dispatch_uid="compliance-status-year-saved")
def programme_year_saved(sender, instance: ProgrammeYear, raw: bool = False, **kwargs) -> None:
    if not raw:
        statuses.refresh(instance)


@receiver(pre_delete, sender=Agency, dispatch_uid="compliance-status-agency-deleted")
def agency_deleted(sender, instance: Agency, **kwargs) -> None:
    statuses.forget_agency(instance.pk)
