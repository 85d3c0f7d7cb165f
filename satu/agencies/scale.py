"""Agencies and service units at scale: every kabupaten/kota gets a full local government."""

from django.utils import timezone

from satu.core.scale import ScaleContext, bulk_insert
from satu.regions.models import Region

from .demo import LOCAL_AGENCIES
from .models import Agency, AgencyType, ServiceUnit

PLACE_HEADS = [
    "Suka",
    "Karang",
    "Sido",
    "Tanjung",
    "Sumber",
    "Kali",
    "Wono",
    "Banyu",
    "Margo",
    "Tegal",
    "Pasir",
    "Bumi",
    "Mekar",
    "Gunung",
    "Rejo",
    "Jati",
    "Krajan",
    "Ngadi",
]
PLACE_TAILS = [
    "maju",
    "jaya",
    "mulyo",
    "rejo",
    "asri",
    "harjo",
    "sari",
    "makmur",
    "agung",
    "kerto",
    "joyo",
    "tengah",
    "utara",
    "selatan",
    "wetan",
    "kulon",
    "anyar",
    "baru",
]
PROVINCIAL = [name for _abbr, name, _type in LOCAL_AGENCIES]
UNIT_NAMES = {
    AgencyType.RSUD: ["Instalasi Rawat Jalan", "Instalasi Gawat Darurat", "Instalasi Rawat Inap"],
    AgencyType.KECAMATAN: ["Pelayanan Administrasi Terpadu Kecamatan (PATEN)"],
}


def _place(rng) -> str:  # type: ignore[no-untyped-def]
    return rng.choice(PLACE_HEADS) + rng.choice(PLACE_TAILS)


def generate(ctx: ScaleContext) -> None:
    rng = ctx.child_rng("agencies")
    preset = ctx.preset
    provinces = Region.objects.provinces()
    if preset.region_codes is not None:
        provinces = provinces.filter(code__in=preset.region_codes)
    now = timezone.now()
    rows: list[Agency] = []
    for province in provinces.order_by("code"):
        existing = province.agencies.count()
        for index in range(max(0, preset.provincial_agencies - existing)):
            abbr, name, type_ = LOCAL_AGENCIES[index % len(LOCAL_AGENCIES)]
            suffix = "" if index < len(LOCAL_AGENCIES) else f" {index // len(LOCAL_AGENCIES) + 1}"
            rows.append(
                Agency(
                    region=province,
                    abbreviation=f"{abbr}{suffix.strip()}"[:40],
                    name=f"{name}{suffix} Provinsi {province.name}",
                    type=type_,
                    created_at=now,
                    updated_at=now,
                )
            )
        if existing == 0 and preset.provincial_agencies:
            rows.append(
                Agency(
                    region=province,
                    abbreviation="RSUD-PROV",
                    name=f"RSUD Provinsi {province.name}",
                    type=AgencyType.RSUD,
                    created_at=now,
                    updated_at=now,
                )
            )
        for region in province.children.order_by("code"):
            taken = set(region.agencies.values_list("abbreviation", flat=True))
            count = 0
            if preset.local_agencies and "RSUD-GEN" not in taken:
                rows.append(
                    Agency(
                        region=region,
                        abbreviation="RSUD-GEN",
                        name=f"RSUD {region.short_name}",
                        type=AgencyType.RSUD,
                        location=region.short_name,
                        created_at=now,
                        updated_at=now,
                    )
                )
                count += 1
            for abbr, name, type_ in LOCAL_AGENCIES:
                if count >= preset.local_agencies:
                    break
                if abbr not in taken:
                    rows.append(
                        Agency(
                            region=region,
                            abbreviation=abbr,
                            name=f"{name} {region.name}",
                            type=type_,
                            created_at=now,
                            updated_at=now,
                        )
                    )
                    taken.add(abbr)
                count += 1
            while count < preset.local_agencies:
                place = _place(rng)
                abbr = f"KEC-{place.upper()}"[:40]
                if abbr not in taken:
                    taken.add(abbr)
                    rows.append(
                        Agency(
                            region=region,
                            abbreviation=abbr,
                            name=f"Kecamatan {place}",
                            type=AgencyType.KECAMATAN,
                            created_at=now,
                            updated_at=now,
                        )
                    )
                    count += 1
    created = bulk_insert(Agency, rows)
    ctx.log(f"agencies: {created} created")
    units = []
    agencies = Agency.objects.filter(type__in=list(UNIT_NAMES)).exclude(service_units__isnull=False)
    if preset.region_codes is not None:
        agencies = agencies.filter(region__code__startswith=preset.region_codes[0])
    for agency in agencies.order_by("pk").iterator(chunk_size=5000):
        for name in UNIT_NAMES[agency.type]:
            units.append(
                ServiceUnit(agency_id=agency.pk, name=name, created_at=now, updated_at=now)
            )
    ctx.log(f"service units: {bulk_insert(ServiceUnit, units)} created")
