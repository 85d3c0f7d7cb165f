"""The spreadsheet layout of innovations, shared by the export, the import and its template.

Column keys are Indonesian and stable: a file exported from the registry can be edited and
imported again (the ``id`` column is ignored on import).
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class SheetColumn:
    key: str
    field: str  # the Innovation field (or pseudo-field) it maps to
    label: str | Promise
    description: str | Promise
    required: bool = False
    example: str = ""


COLUMNS = [
    SheetColumn(
        "tahun",
        "programme_year",
        _("Programme year"),
        _("The year of the obligation, e.g. 2024."),
        True,
        "2024",
    ),
    SheetColumn(
        "kode_wilayah",
        "region",
        _("Region code"),
        _("Kemendagri code of the agency's region: 33 for the province, 33.74 for Kota Semarang."),
        True,
        "33.74",
    ),
    SheetColumn(
        "singkatan_opd",
        "agency",
        _("Agency abbreviation"),
        _("The agency's abbreviation as registered in that region, e.g. DINKES."),
        True,
        "DINKES",
    ),
    SheetColumn(
        "unit_layanan",
        "service_unit",
        _("Service unit"),
        _("Optional: the name of one of the agency's service units."),
        False,
        "",
    ),
    SheetColumn(
        "nama",
        "name",
        _("Name of the innovation"),
        _("At most 200 characters."),
        True,
        "Antrean Online Puskesmas",
    ),
    SheetColumn(
        "tahapan",
        "stage",
        _("Stage"),
        _("inisiatif, uji_coba or penerapan."),
        True,
        "penerapan",
    ),
    SheetColumn(
        "digital",
        "is_digital",
        _("Digital"),
        _("ya or tidak."),
        False,
        "ya",
    ),
    SheetColumn(
        "bentuk",
        "form",
        _("Form"),
        _("tata_kelola, pelayanan_publik or lainnya."),
        True,
        "pelayanan_publik",
    ),
    SheetColumn(
        "inisiator",
        "initiator_kind",
        _("Initiator"),
        _("kepala_daerah, anggota_dprd, opd, asn or masyarakat."),
        True,
        "opd",
    ),
    SheetColumn(
        "nama_inisiator",
        "initiator_name",
        _("Name of the initiator"),
        _("Required unless the initiator is opd."),
        False,
        "",
    ),
    SheetColumn(
        "urusan_utama",
        "main_urusan",
        _("Main urusan"),
        _("The number of the urusan (1–38), e.g. 2 for health."),
        True,
        "2",
    ),
    SheetColumn(
        "urusan_terkait",
        "related_urusan",
        _("Related urusan"),
        _("Numbers separated by commas, e.g. 1, 20."),
        False,
        "20",
    ),
    SheetColumn(
        "sdgs",
        "sdg_goals",
        _("SDG goals"),
        _("Numbers 1–17 separated by commas."),
        False,
        "3, 16",
    ),
    SheetColumn(
        "tanggal_uji_coba",
        "trial_date",
        _("Trial date"),
        _("YYYY-MM-DD (or a date cell)."),
        False,
        "2023-07-01",
    ),
    SheetColumn(
        "tanggal_penerapan",
        "launch_date",
        _("Launch date"),
        _("YYYY-MM-DD; not before the trial date."),
        False,
        "2024-01-15",
    ),
    SheetColumn(
        "anggaran",
        "budget",
        _("Budget (Rp)"),
        _("A whole number of rupiah, e.g. 150000000."),
        False,
        "150000000",
    ),
    SheetColumn(
        "rancang_bangun",
        "design",
        _("Design (rancang bangun)"),
        _("Required for the stages uji_coba and penerapan."),
        False,
        "Dasar hukum, permasalahan, isu strategis, metode pembaruan dan cara kerja inovasi.",
    ),
    SheetColumn(
        "tujuan", "goals", _("Goals"), _("Required."), True, "Memangkas waktu tunggu pasien."
    ),
    SheetColumn(
        "manfaat",
        "benefits",
        _("Benefits"),
        _("Required."),
        True,
        "Pasien tidak perlu datang sejak subuh.",
    ),
    SheetColumn(
        "hasil_sebelum",
        "results_before",
        _("Situation before"),
        _("Required for the stage penerapan."),
        False,
        "Waktu tunggu rata-rata 3 jam.",
    ),
    SheetColumn(
        "hasil_sesudah",
        "results_after",
        _("Results after"),
        _("Required for the stage penerapan."),
        False,
        "Waktu tunggu rata-rata 40 menit.",
    ),
    SheetColumn("ringkasan", "summary", _("Summary"), _("At most 200 words."), False, ""),
    SheetColumn("latar_belakang", "background", _("Background and objectives"), "", False, ""),
    SheetColumn("kebaruan", "novelty", _("Novelty"), "", False, ""),
    SheetColumn("implementasi", "implementation", _("Implementation"), "", False, ""),
    SheetColumn("signifikansi", "significance", _("Significance"), "", False, ""),
    SheetColumn("adaptabilitas", "adaptability", _("Adaptability"), "", False, ""),
    SheetColumn("sumber_daya", "resources", _("Resources"), "", False, ""),
    SheetColumn("keberlanjutan", "sustainability", _("Sustainability"), "", False, ""),
    SheetColumn(
        "status",
        "status",
        _("Status"),
        _(
            "draft, submitted, approved, verified, accepted, returned or withdrawn; earlier "
            "years are usually accepted."
        ),
        True,
        "accepted",
    ),
    SheetColumn(
        "tanggal_diterima",
        "accepted_at",
        _("Date accepted"),
        _("Optional, for accepted innovations: when the secretariat accepted it."),
        False,
        "2024-03-31",
    ),
]
KEYS = [column.key for column in COLUMNS]
BY_FIELD = {column.field: column for column in COLUMNS}
REQUIRED_KEYS = [column.key for column in COLUMNS if column.required]
