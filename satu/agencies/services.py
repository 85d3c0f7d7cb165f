"""Creating and changing agencies and service units."""

import csv
from importlib import resources

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from satu.core.errors import PermissionDeniedError
from satu.regions.models import Region

from . import policies
from .models import Agency, ServiceUnit

AGENCY_FIELDS = (
    "name",
    "abbreviation",
    "type",
    "region",
    "parent",
    "location",
    "valid_from",
    "valid_until",
    "successor",
)


@transaction.atomic
def load_provincial_agencies(region_code: str | None = None) -> int:
    """Create or update the provincial agencies of Jawa Tengah, keyed by abbreviation.

    Returns the number of agencies created or changed; running it twice changes nothing.
    """
    code = region_code or settings.SATU_HOME_REGION_CODE
    if not code:
        return 0  # a national install has no home province of its own
    province = Region.objects.get(code=code)
    text = resources.files("satu.agencies").joinpath("data", "jateng_opd_provinsi.csv")
    rows = list(csv.DictReader(text.read_text("utf-8").splitlines()))
    changed = 0
    by_abbreviation: dict[str, Agency] = {}
    for row in rows:
        values = {"name": row["name"], "type": row["type"], "location": row["location"]}
        agency, created = Agency.objects.get_or_create(
            region=province, abbreviation=row["abbreviation"], defaults=values
        )
        if not created and any(getattr(agency, k) != v for k, v in values.items()):
            for key, value in values.items():
                setattr(agency, key, value)
            agency.save()
            changed += 1
        changed += created
        by_abbreviation[row["abbreviation"]] = agency
    for row in rows:
        parent = by_abbreviation.get(row["parent"]) if row["parent"] else None
        agency = by_abbreviation[row["abbreviation"]]
        if agency.parent_id != (parent.pk if parent else None):
            agency.parent = parent
            agency.save(update_fields=["parent"])
    return changed


def _check_region(actor: object, region: Region) -> None:
    if not policies.regions_for_new_agencies(actor).filter(pk=region.pk).exists():
        raise PermissionDeniedError(
            _("You may not manage agencies of %(region)s.") % {"region": region.name}
        )


@transaction.atomic
def create_agency(actor: object, **values: object) -> Agency:
    region = values["region"]
    assert isinstance(region, Region)
    _check_region(actor, region)
    agency = Agency(**values)
    agency.full_clean()
    agency.save()
    return agency


@transaction.atomic
def update_agency(actor: object, agency: Agency, **values: object) -> Agency:
    if not policies.can_manage_agency(actor, agency):
        raise PermissionDeniedError(_("You may not change this agency."))
    region = values.get("region", agency.region)
    assert isinstance(region, Region)
    _check_region(actor, region)
    for key, value in values.items():
        setattr(agency, key, value)
    agency.full_clean()
    agency.save()
    return agency


@transaction.atomic
def save_service_unit(actor: object, unit: ServiceUnit) -> ServiceUnit:
    """Create or update a service unit after checking the actor may manage its agency."""
    if not policies.can_manage_service_units_of(actor, unit.agency):
        raise PermissionDeniedError(_("You may not manage the service units of this agency."))
    if unit.pk:
        original = ServiceUnit.objects.select_related("agency").get(pk=unit.pk)
        if not policies.can_manage_service_units_of(actor, original.agency):
            raise PermissionDeniedError(_("You may not manage the service units of this agency."))
    unit.full_clean()
    unit.save()
    return unit
