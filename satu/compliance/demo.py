"""Demo programme years 2024–2026 and a few exemptions (works with or without innovations)."""

import datetime

from django.conf import settings

from satu.accounts.models import User
from satu.agencies.models import Agency

from . import services
from .models import Exemption, ProgrammeYear

# year -> registration deadline
YEARS = {
    2024: datetime.date(2024, 9, 30),
    2025: datetime.date(2025, 9, 30),
    2026: datetime.date(2026, 12, 15),
}
# (year, region code, agency abbreviation, justification, confirmed?)
EXEMPTIONS = [
    (
        2025,
        "33.74",
        "KEC-MIJEN",
        "Kecamatan Mijen menjalani penataan ulang kelurahan sepanjang 2025; pegawai dan "
        "layanan baru lengkap pada akhir tahun.",
        True,
    ),
    (
        2026,
        "33.74",
        "KEC-TUGU",
        "Kantor kecamatan pindah dan direnovasi sejak Februari 2026; layanan berjalan di "
        "kantor sementara dengan personel terbatas.",
        True,
    ),
    (
        2026,
        "33.02",
        "KEC-AJIBARANG",
        "Camat baru dilantik September 2026 setelah jabatan kosong delapan bulan.",
        False,
    ),
]


def seed(stdout: object) -> None:
    for year, deadline in YEARS.items():
        ProgrammeYear.objects.get_or_create(year=year, defaults={"registration_deadline": deadline})
    requester = User.objects.filter(email="sekretariat@satuinovasi.test").first()
    confirmer = User.objects.filter(email="admin@satuinovasi.test").first()
    created = 0
    if requester is not None and confirmer is not None:
        for year, region_code, abbreviation, reason, confirm in EXEMPTIONS:
            agency = Agency.objects.filter(
                region__code=region_code, abbreviation=abbreviation
            ).first()
            programme_year = ProgrammeYear.objects.get(year=year)
            if (
                agency is None
                or Exemption.objects.filter(programme_year=programme_year, agency=agency).exists()
            ):
                continue
            exemption = services.request_exemption(requester, programme_year, agency, reason)
            if confirm:
                services.confirm_exemption(confirmer, exemption, "Disetujui.")
            created += 1
    home = settings.SATU_HOME_REGION_CODE
    stdout.write(  # type: ignore[attr-defined]
        f"Compliance: programme years {', '.join(map(str, YEARS))} for region {home}; "
        f"{created} exemption(s) added."
    )
