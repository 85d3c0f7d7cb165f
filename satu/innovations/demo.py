"""Demo innovations: three programme years (2024–2026) across Jawa Tengah, in Indonesian.

Generated from sector vocabularies with a fixed seed, so every run produces the same set;
running it again creates only what is missing (keyed by agency, year and name). Every status
of the approval chain is represented, hospitals included, and the demo accounts find work
waiting for them. Rows are written in bulk; one summary audit entry records the seeding.
"""

import datetime
import decimal
import random
import re
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from satu.accounts.models import Membership, Role
from satu.agencies.models import Agency, AgencyType, ServiceUnit
from satu.audit.services import record
from satu.regions.models import Region
from satu.urusan.models import Urusan

from . import history
from .models import (
    Evidence,
    EvidenceKind,
    InitiatorKind,
    Innovation,
    InnovationForm,
    InnovationYear,
    ReviewAction,
    ReviewEvent,
    Revision,
    RevisionKind,
    Stage,
    Status,
    YearStatus,
)

SEED = 20260
YEARS = (2024, 2025, 2026)
LOCAL_PER_REGION_YEAR = 6


@dataclass(frozen=True)
class Sector:
    urusan: int
    related: tuple[int, ...]
    sdgs: tuple[int, ...]
    digital: float  # share of digital innovations
    names: tuple[str, ...]
    who: str  # the people served
    problem: str
    measure: str  # what is measured before/after
    unit: str
    before: tuple[int, int]
    after: tuple[int, int]


SECTORS: dict[str, Sector] = {
    "health": Sector(
        2,
        (6, 14),
        (3,),
        0.6,
        (
            "Si Cantik (Sistem Informasi Cegah Stunting Terintegrasi dan Kolaboratif)",
            "Antrean Online Puskesmas",
            "Posyandu Remaja Digital",
            "Jemput Bola Imunisasi Anak",
            "Ambulans Desa Siaga",
            "Telemedisin Puskesmas Keliling",
            "Gerbang Sehat (Gerakan Ibu Hamil Sehat)",
            "Rapor Gizi Balita Online",
            "Kelas Ibu Balita Virtual",
            "Skrining TBC Door to Door",
            "Lansia Sehat Tanpa Antre",
            "Peta Rawan Demam Berdarah",
        ),
        "warga dan pasien puskesmas",
        "layanan kesehatan dasar sulit dijangkau dan data kesehatan tercecer",
        "angka cakupan layanan",
        "persen",
        (45, 65),
        (78, 96),
    ),
    "hospital": Sector(
        2,
        (16,),
        (3,),
        0.8,
        (
            "Antrean Online Poli Rawat Jalan",
            "Pendaftaran Pasien Lewat WhatsApp",
            "OPERA (Obat Pulang Antar ke Rumah)",
            "Rekam Medis Elektronik Terintegrasi",
            "Dashboard Ketersediaan Tempat Tidur",
            "SIRANTI (Sistem Informasi Rujukan Terintegrasi)",
            "Farmasi Tanpa Antre",
            "Pasien Pulang Terencana",
            "Kamar Operasi Tepat Waktu",
            "Visite Dokter Terjadwal Digital",
            "Layanan Hemodialisis Terpadu",
            "Tele-Konsultasi Spesialis",
        ),
        "pasien rumah sakit",
        "antrean pendaftaran dan pengambilan obat yang panjang",
        "waktu tunggu rata-rata",
        "menit",
        (120, 240),
        (25, 60),
    ),
    "mental_hospital": Sector(
        2,
        (6,),
        (3,),
        0.5,
        (
            "Tele-Konsultasi Jiwa",
            "Kunjungan Rumah Pasien Jiwa",
            "Rehabilitasi Psikososial Berbasis Komunitas",
            "Layanan Napza Terpadu",
            "Konseling Remaja Sehat Jiwa",
            "Pasung Bebas Desa Sehat",
        ),
        "pasien gangguan jiwa dan keluarganya",
        "pasien kambuh setelah pulang karena tidak terpantau",
        "angka kekambuhan",
        "persen",
        (30, 45),
        (10, 18),
    ),
    "adminduk": Sector(
        12,
        (16,),
        (16,),
        0.7,
        (
            "Jemput Bola Adminduk",
            "Dukcapil Go Sekolah",
            "KTP-el Lansia Antar Rumah",
            "Akta Kelahiran Langsung dari Rumah Sakit",
            "Adminduk Lewat WhatsApp",
            "Si Dukun (Sistem Dukcapil Online)",
            "Kartu Identitas Anak Keliling",
            "Pelayanan Adminduk Malam Hari",
        ),
        "warga yang mengurus dokumen kependudukan",
        "warga harus datang berkali-kali ke kantor dinas",
        "lama pengurusan dokumen",
        "hari",
        (7, 14),
        (1, 2),
    ),
    "licensing": Sector(
        18,
        (17, 30),
        (8, 9),
        0.9,
        (
            "Perizinan Online Satu Pintu",
            "Mal Pelayanan Publik Keliling",
            "Klinik Investasi",
            "Izin Usaha Lewat WhatsApp",
            "Pendampingan NIB untuk UMKM",
            "Izin Bangunan Cepat (PBG Kilat)",
            "Layanan Perizinan Akhir Pekan",
        ),
        "pelaku usaha",
        "perizinan berbelit dan persyaratan tidak jelas",
        "lama penerbitan izin",
        "hari kerja",
        (14, 30),
        (1, 3),
    ),
    "education": Sector(
        1,
        (23,),
        (4,),
        0.6,
        (
            "Sekolah Ramah Anak Digital",
            "Beasiswa Online Terpadu",
            "Guru Kunjung",
            "Rapor Digital Sekolah",
            "Gerakan Literasi Sekolah",
            "Belajar Jarak Jauh Daerah Terpencil",
            "PPDB Tanpa Antre",
        ),
        "siswa dan orang tua",
        "layanan pendidikan belum merata dan data siswa tersebar",
        "angka partisipasi",
        "persen",
        (70, 85),
        (90, 99),
    ),
    "social": Sector(
        6,
        (14,),
        (1, 10),
        0.5,
        (
            "Data Terpadu Kesejahteraan Sosial Online",
            "Layanan Sosial Satu Pintu",
            "Jemput Bola Bansos Lansia",
            "Rumah Singgah Terpadu",
            "Kartu Disabilitas Mandiri",
            "Pendampingan Keluarga Rentan",
        ),
        "keluarga miskin dan rentan",
        "bantuan sosial salah sasaran",
        "ketepatan sasaran bantuan",
        "persen",
        (60, 75),
        (88, 97),
    ),
    "communication": Sector(
        16,
        (20, 21),
        (16,),
        1.0,
        (
            "Lapor Mas Bupati",
            "Lapor Mbak Wali",
            "Satu Data Daerah",
            "Command Center Aduan Warga",
            "Desa Digital",
            "Wifi Publik Desa",
            "Tanda Tangan Elektronik Pemda",
        ),
        "warga yang menyampaikan aduan",
        "aduan warga tidak tertangani dan tidak ada kabar tindak lanjut",
        "aduan yang ditindaklanjuti",
        "persen",
        (35, 55),
        (85, 97),
    ),
    "governance": Sector(
        38,
        (33, 35),
        (16,),
        0.6,
        (
            "E-Kinerja Terintegrasi",
            "Rapat Tanpa Kertas",
            "Surat Dinas Elektronik",
            "Sistem Informasi Produk Hukum Daerah",
            "Kerja Sama Daerah Online",
            "Evaluasi Kelembagaan Digital",
        ),
        "aparatur dan perangkat daerah",
        "proses administrasi lambat dan boros kertas",
        "lama penyelesaian naskah dinas",
        "hari",
        (5, 10),
        (1, 2),
    ),
    "kecamatan": Sector(
        38,
        (12, 13),
        (16,),
        0.5,
        (
            "PATEN Online Kecamatan",
            "Camat Menyapa Warga",
            "Surat Keterangan Online",
            "Kecamatan Tanpa Antre",
            "Layanan Kecamatan di Balai Desa",
        ),
        "warga kecamatan",
        "warga desa jauh harus datang ke kantor kecamatan",
        "lama pelayanan surat",
        "hari",
        (3, 5),
        (1, 1),
    ),
    "transport": Sector(
        15,
        (16,),
        (11,),
        0.7,
        (
            "Uji KIR Online",
            "Bus Sekolah Gratis Terjadwal",
            "Parkir Non Tunai",
            "Halte Pintar",
            "Angkutan Perdesaan Terintegrasi",
        ),
        "pengguna jalan dan angkutan umum",
        "layanan pengujian dan angkutan tidak tepat waktu",
        "lama layanan uji kendaraan",
        "jam",
        (6, 8),
        (1, 2),
    ),
    "agriculture": Sector(
        27,
        (9,),
        (2,),
        0.5,
        (
            "Kartu Tani Digital",
            "Klinik Tanaman Keliling",
            "Pasar Tani Online",
            "Sekolah Lapang Petani Milenial",
            "Asuransi Usaha Tani Terpadu",
            "Lumbung Pangan Desa",
        ),
        "petani dan kelompok tani",
        "petani kesulitan mendapat pupuk dan harga jual rendah",
        "pendapatan petani per musim",
        "juta rupiah",
        (4, 7),
        (8, 12),
    ),
    "environment": Sector(
        11,
        (4,),
        (11, 12, 13),
        0.4,
        (
            "Bank Sampah Digital",
            "Lapor Sampah",
            "Sedekah Sampah",
            "Kampung Iklim Lestari",
            "Uji Emisi Gratis",
        ),
        "warga dan pengelola sampah",
        "sampah menumpuk dan tidak terpilah",
        "sampah yang terpilah",
        "persen",
        (10, 20),
        (45, 70),
    ),
    "revenue": Sector(
        34,
        (16,),
        (17,),
        0.9,
        (
            "Samsat Keliling Malam",
            "Bayar PBB Lewat QRIS",
            "E-Samsat Desa",
            "Pajak Daerah Online",
            "Pengingat Jatuh Tempo Pajak",
        ),
        "wajib pajak",
        "wajib pajak harus antre lama di kantor",
        "lama pembayaran pajak",
        "menit",
        (90, 150),
        (5, 15),
    ),
    "labour": Sector(
        7,
        (36,),
        (8,),
        0.7,
        (
            "Bursa Kerja Online",
            "Kartu Kuning Online",
            "Pelatihan Kerja Berbasis Kompetensi",
            "Layanan Pekerja Migran Terpadu",
        ),
        "pencari kerja",
        "pencari kerja sulit mendapat informasi lowongan",
        "pencari kerja yang tersalurkan",
        "persen",
        (20, 35),
        (45, 60),
    ),
    "women_children": Sector(
        8,
        (14,),
        (5,),
        0.5,
        (
            "Layanan Pengaduan Kekerasan Perempuan dan Anak",
            "Rumah Aman Anak",
            "Kampung KB Digital",
            "Sekolah Orang Tua Hebat",
        ),
        "perempuan dan anak",
        "korban kekerasan tidak tahu ke mana melapor",
        "kasus yang tertangani",
        "persen",
        (40, 60),
        (85, 95),
    ),
    "economy": Sector(
        17,
        (30, 31),
        (8,),
        0.7,
        (
            "Rumah Kemasan UMKM",
            "Pasar Rakyat Digital",
            "Kredit Usaha Bunga Ringan",
            "Etalase Produk UMKM Online",
            "Pendampingan Sertifikasi Halal",
        ),
        "pelaku usaha mikro, kecil dan menengah",
        "produk UMKM sulit menembus pasar",
        "omzet rata-rata UMKM binaan",
        "juta rupiah per bulan",
        (3, 6),
        (8, 15),
    ),
    "infrastructure": Sector(
        3,
        (4,),
        (6, 9),
        0.5,
        (
            "Lapor Jalan Rusak",
            "Peta Jalan Mantap",
            "Air Bersih Perdesaan",
            "Bedah Rumah Tidak Layak Huni",
            "Perbaikan Jalan Tanggap Cepat",
        ),
        "pengguna jalan dan warga",
        "kerusakan jalan terlambat ditangani",
        "lama penanganan kerusakan jalan",
        "hari",
        (30, 60),
        (3, 7),
    ),
    "disaster": Sector(
        5,
        (16,),
        (11, 13),
        0.6,
        (
            "Sistem Peringatan Dini Banjir",
            "Desa Tangguh Bencana",
            "Peta Rawan Longsor",
            "Posko Siaga Bencana Online",
        ),
        "warga di daerah rawan bencana",
        "peringatan bencana terlambat sampai ke warga",
        "waktu respons kejadian bencana",
        "menit",
        (90, 180),
        (15, 30),
    ),
    "public_order": Sector(
        5,
        (16,),
        (16,),
        0.4,
        (
            "Patroli Ramah Warga",
            "Lapor Ketertiban",
            "Penegakan Perda Humanis",
        ),
        "warga dan pedagang",
        "pelanggaran ketertiban berulang",
        "aduan ketertiban yang selesai",
        "persen",
        (40, 55),
        (80, 92),
    ),
    "library": Sector(
        23,
        (24,),
        (4,),
        0.6,
        (
            "Perpustakaan Keliling Desa",
            "Perpustakaan Digital Daerah",
            "Arsip Digital Terpadu",
            "Pojok Baca Ruang Publik",
        ),
        "pelajar dan warga",
        "minat baca rendah dan koleksi sulit dijangkau",
        "jumlah pengunjung per bulan",
        "orang",
        (800, 1500),
        (3000, 6000),
    ),
    "staff": Sector(
        35,
        (36,),
        (16,),
        0.9,
        (
            "Layanan Kepegawaian Online",
            "Kenaikan Pangkat Otomatis",
            "Pensiun Tanpa Antre",
            "Pelatihan Aparatur Daring",
        ),
        "aparatur sipil negara",
        "berkas kepegawaian menumpuk dan sering hilang",
        "lama proses layanan kepegawaian",
        "hari",
        (30, 45),
        (3, 7),
    ),
    "planning": Sector(
        33,
        (37, 20),
        (17,),
        0.8,
        (
            "Satu Data Pembangunan",
            "Musrenbang Online",
            "Riset Terapan untuk Kebijakan",
            "Dashboard Indikator Pembangunan",
        ),
        "perangkat daerah dan warga",
        "usulan pembangunan tidak terpantau",
        "usulan warga yang terakomodasi",
        "persen",
        (15, 25),
        (40, 55),
    ),
    "oversight": Sector(
        38,
        (34,),
        (16,),
        0.7,
        (
            "Whistleblowing System Daerah",
            "Pengawasan Berbasis Risiko",
            "Klinik Konsultasi Pengadaan",
        ),
        "perangkat daerah",
        "temuan pemeriksaan berulang",
        "temuan yang ditindaklanjuti",
        "persen",
        (50, 65),
        (90, 98),
    ),
    "tourism": Sector(
        26,
        (19, 22),
        (8,),
        0.6,
        (
            "Desa Wisata Digital",
            "Kalender Event Daerah",
            "Pemandu Wisata Muda",
            "Gelanggang Olahraga Terbuka",
        ),
        "wisatawan dan pelaku wisata",
        "potensi wisata kurang dikenal",
        "kunjungan wisatawan per bulan",
        "ribu orang",
        (10, 20),
        (25, 45),
    ),
    "fisheries": Sector(
        25,
        (9,),
        (14,),
        0.5,
        (
            "Nelayan Sejahtera Terpadu",
            "Pasar Ikan Higienis",
            "Asuransi Nelayan",
        ),
        "nelayan dan pembudidaya ikan",
        "hasil tangkapan dijual murah",
        "pendapatan nelayan per bulan",
        "juta rupiah",
        (2, 3),
        (4, 6),
    ),
}

# Agency abbreviation fragments (checked in order) and the sector they belong to.
SECTOR_BY_ABBREVIATION = [
    ("DUKCAPIL", "adminduk"),
    ("DINKES", "health"),
    ("DPMPTSP", "licensing"),
    ("DIK", "education"),
    ("DINSOS", "social"),
    ("KOMINFO", "communication"),
    ("DISHUB", "transport"),
    ("TAN", "agriculture"),
    ("PANGAN", "agriculture"),
    ("NAKKESWAN", "agriculture"),
    ("DKP", "fisheries"),
    ("DLH", "environment"),
    ("BAPENDA", "revenue"),
    ("BPKAD", "revenue"),
    ("BPKPAD", "revenue"),
    ("DISNAKER", "labour"),
    ("DP3A", "women_children"),
    ("KOP", "economy"),
    ("DAG", "economy"),
    ("DPU", "infrastructure"),
    ("PERKIM", "infrastructure"),
    ("PERAKIM", "infrastructure"),
    ("ESDM", "infrastructure"),
    ("BPBD", "disaster"),
    ("SATPOL", "public_order"),
    ("ARPUS", "library"),
    ("DINARPUS", "library"),
    ("BKPSDM", "staff"),
    ("BKD", "staff"),
    ("BPSDMD", "staff"),
    ("BAPPE", "planning"),
    ("BRIDA", "planning"),
    ("INSPEKTORAT", "oversight"),
    ("PAR", "tourism"),
    ("PORA", "tourism"),
    ("KESBANGPOL", "governance"),
    ("SETWAN", "governance"),
    ("SETDA", "governance"),
]
LOCAL_POOL = [
    "DINKES",
    "DISDUKCAPIL",
    "DPMPTSP",
    "DINDIKBUD",
    "DINSOS",
    "DISKOMINFO",
    "DISHUB",
    "DISTANPANGAN",
    "DLH",
    "BPKPAD",
    "DISNAKER",
    "DP3AKB",
    "DINKOPUKM",
    "DPUPR",
    "BPBD",
    "DINARPUS",
    "DISPARPORA",
    "SETDA",
]

# Status mix per programme year (the current year is still under way).
STATUS_WEIGHTS = {
    2024: [(Status.ACCEPTED, 85), (Status.WITHDRAWN, 6), (Status.RETURNED, 5), (None, 4)],
    2025: [
        (Status.ACCEPTED, 74),
        (Status.RETURNED, 8),
        (Status.WITHDRAWN, 5),
        (Status.VERIFIED, 3),
        (Status.APPROVED, 3),
        (Status.SUBMITTED, 3),
        (None, 4),
    ],
    2026: [
        (Status.ACCEPTED, 36),
        (Status.VERIFIED, 10),
        (Status.APPROVED, 12),
        (Status.SUBMITTED, 14),
        (Status.RETURNED, 9),
        (Status.DRAFT, 10),
        (Status.WITHDRAWN, 3),
        (None, 6),
    ],
}
RETURN_REASONS = [
    "Data hasil sesudah inovasi belum terukur. Lengkapi dengan angka capaian tahun berjalan.",
    "Lampirkan SK Kepala Perangkat Daerah tentang penetapan inovasi sebagai bukti dukung.",
    "Tanggal penerapan tidak sesuai dengan dokumen pendukung. Mohon diperbaiki.",
    "Rancang bangun masih terlalu singkat; uraikan dasar hukum, permasalahan dan cara kerja.",
    "Nama inovasi sama dengan inovasi tahun lalu. Jelaskan pengembangannya atau ganti nama.",
]
INITIATOR_PEOPLE = ["Sri Wahyuni", "Bambang Riyanto", "Dewi Kusumawati", "Joko Prasetyo"]


def _sector_key(agency: Agency) -> str:
    if agency.type == AgencyType.RSJD:
        return "mental_hospital"
    if agency.type in (AgencyType.RSUD, AgencyType.RUMAH_SAKIT):
        return "hospital"
    if agency.type == AgencyType.KECAMATAN:
        return "kecamatan"
    if agency.type == AgencyType.BIRO:
        return "governance"
    for fragment, key in SECTOR_BY_ABBREVIATION:
        if fragment in agency.abbreviation:
            return key
    return "governance"


def _budget(value: int | None) -> decimal.Decimal | None:
    return None if value is None else decimal.Decimal(value)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60]


def _date_in(rng: random.Random, year: int, latest: datetime.date) -> datetime.date:
    start = datetime.date(year, 1, 1)
    end = min(datetime.date(year, 12, 31), latest)
    if end < start:
        return latest
    return start + datetime.timedelta(days=rng.randint(0, (end - start).days))


@dataclass
class Planned:
    agency: Agency
    year: int
    name: str
    status: str
    sector: str


def _plan(rng: random.Random, province: Region) -> list[Planned]:
    plans: list[Planned] = []
    provincial = list(Agency.objects.filter(region=province).select_related("region"))
    local_by_region: dict[int, list[Agency]] = {}
    for agency in Agency.objects.filter(region__parent=province).select_related("region"):
        local_by_region.setdefault(agency.region_id, []).append(agency)
    for year in YEARS:
        statuses, weights = zip(*STATUS_WEIGHTS[year], strict=True)
        chosen: list[Agency] = list(provincial)
        for region_id in sorted(local_by_region):
            agencies = local_by_region[region_id]
            hospitals = [a for a in agencies if a.type == AgencyType.RSUD]
            pool = [a for a in agencies if a.abbreviation in LOCAL_POOL]
            kecamatan = [a for a in agencies if a.type == AgencyType.KECAMATAN]
            picks = rng.sample(pool, min(len(pool), LOCAL_PER_REGION_YEAR - 2))
            if hospitals:
                picks.append(rng.choice(hospitals))
            if kecamatan:
                picks.append(rng.choice(kecamatan))
            chosen.extend(picks)
        for agency in chosen:
            status = rng.choices(statuses, weights)[0]
            if status is None:
                continue  # this agency did not register that year (the compliance board shows it)
            if status == Status.VERIFIED and agency.region.is_province:
                status = Status.APPROVED
            sector = _sector_key(agency)
            plans.append(Planned(agency, year, "", status, sector))
    # Names: different for each agency across the years.
    used: dict[int, set[str]] = {}
    for plan in plans:
        names = SECTORS[plan.sector].names
        taken = used.setdefault(plan.agency.pk, set())
        free = [n for n in names if n not in taken] or [f"{names[0]} Jilid {len(taken) + 1}"]
        plan.name = rng.choice(free)
        taken.add(plan.name)
    return plans


# Fixed cases so that each demo account finds something: (region, abbreviation, year, name,
# status, return reason or "").
SCENARIOS = [
    ("33", "DINKES", 2026, "Si Cantik Jateng (Cegah Stunting Terintegrasi)", Status.SUBMITTED, ""),
    (
        "33",
        "DINKES",
        2026,
        "Telemedisin Puskesmas Keliling",
        Status.RETURNED,
        "Hasil sesudah inovasi belum terukur. Lengkapi dengan angka cakupan layanan 2026.",
    ),
    ("33", "DINKES", 2026, "Kelas Ibu Balita Virtual", Status.DRAFT, ""),
    ("33", "MOEWARDI", 2026, "Antrean Online Poli Rawat Jalan", Status.SUBMITTED, ""),
    ("33", "MOEWARDI", 2025, "OPERA (Obat Pulang Antar ke Rumah)", Status.ACCEPTED, ""),
    ("33", "DPMPTSP", 2026, "Izin Usaha Lewat WhatsApp", Status.APPROVED, ""),
    ("33.74", "DINKES", 2026, "Lansia Sehat Tanpa Antre", Status.APPROVED, ""),
    ("33.74", "DINKES", 2026, "Skrining TBC Door to Door", Status.VERIFIED, ""),
    ("33.74", "DINKES", 2025, "Posyandu Remaja Digital", Status.ACCEPTED, ""),
    (
        "33.02",
        "DPMPTSP",
        2026,
        "Pendampingan NIB untuk UMKM",
        Status.RETURNED,
        "Lampirkan SK Kepala Dinas tentang penetapan inovasi sebagai bukti dukung.",
    ),
    ("33.02", "DPMPTSP", 2026, "Layanan Perizinan Akhir Pekan", Status.SUBMITTED, ""),
]


def _scenario_plans() -> list[tuple[Planned, str]]:
    plans = []
    for code, abbreviation, year, name, status, reason in SCENARIOS:
        agency = (
            Agency.objects.select_related("region")
            .filter(region__code=code, abbreviation=abbreviation)
            .first()
        )
        if agency is not None:
            plans.append((Planned(agency, year, name, status, _sector_key(agency)), reason))
    return plans


class _People:
    """Demo accounts by role and scope, to sign the review events where they exist."""

    def __init__(self) -> None:
        self.by_agency: dict[tuple[str, int], int] = {}
        self.by_region: dict[tuple[str, int], int] = {}
        for role, agency_id, region_id, user_id in Membership.objects.values_list(
            "role", "agency_id", "region_id", "user_id"
        ):
            if agency_id:
                self.by_agency.setdefault((role, agency_id), user_id)
            else:
                self.by_region.setdefault((role, region_id), user_id)

    def operator(self, agency: Agency) -> int | None:
        return self.by_agency.get((Role.OPERATOR, agency.pk))

    def head(self, agency: Agency) -> int | None:
        return self.by_agency.get((Role.AGENCY_HEAD, agency.pk))

    def admin(self, agency: Agency) -> int | None:
        return self.by_region.get((Role.REGIONAL_ADMIN, agency.region_id))

    def secretariat(self, agency: Agency) -> int | None:
        province_id = agency.region.parent_id or agency.region_id
        return self.by_region.get((Role.SECRETARIAT, province_id))


def _build(
    rng: random.Random,
    plan: Planned,
    urusan: dict[int, Urusan],
    units: dict[int, list[int]],
    today: datetime.date,
) -> tuple[Innovation, list[int]]:
    sector = SECTORS[plan.sector]
    agency = plan.agency
    stage = rng.choices([Stage.IMPLEMENTATION, Stage.TRIAL, Stage.INITIATIVE], [70, 20, 10])[0]
    if plan.status == Status.ACCEPTED and plan.year < today.year:
        stage = Stage.IMPLEMENTATION
    trial = launch = None
    if stage in (Stage.TRIAL, Stage.IMPLEMENTATION):
        launch_year = plan.year - rng.choice([0, 0, 1])
        launch = _date_in(rng, launch_year, today - datetime.timedelta(days=30))
        trial = launch - datetime.timedelta(days=rng.randint(60, 240))
        if stage == Stage.TRIAL:
            launch = None
    kind = rng.choices(
        [
            InitiatorKind.AGENCY,
            InitiatorKind.REGIONAL_HEAD,
            InitiatorKind.CIVIL_SERVANT,
            InitiatorKind.PUBLIC,
        ],
        [70, 12, 14, 4],
    )[0]
    initiator_name = ""
    if kind == InitiatorKind.REGIONAL_HEAD:
        region = agency.region
        initiator_name = (
            "Gubernur Jawa Tengah"
            if region.is_province
            else ("Wali Kota " if region.kind == "city" else "Bupati ") + region.short_name
        )
    elif kind == InitiatorKind.CIVIL_SERVANT:
        initiator_name = rng.choice(INITIATOR_PEOPLE)
    elif kind == InitiatorKind.PUBLIC:
        initiator_name = "Forum Warga Peduli Layanan"
    before = rng.randint(*sector.before)
    after = rng.randint(*sector.after)
    place = agency.region.short_name if not agency.region.is_province else "Jawa Tengah"
    short = plan.name.split(" (")[0]
    related = [urusan[c].pk for c in sector.related if c in urusan and c != sector.urusan]
    unit_ids = units.get(agency.pk) or []
    innovation = Innovation(
        agency=agency,
        service_unit_id=rng.choice(unit_ids) if unit_ids and rng.random() < 0.6 else None,
        programme_year=plan.year,
        name=plan.name,
        stage=stage,
        initiator_kind=kind,
        initiator_name=initiator_name,
        is_digital=rng.random() < sector.digital,
        form=rng.choices(
            [InnovationForm.PUBLIC_SERVICE, InnovationForm.GOVERNANCE, InnovationForm.OTHER],
            [70, 20, 10],
        )[0],
        main_urusan=urusan[sector.urusan],
        sdg_goals=list(sector.sdgs),
        trial_date=trial,
        launch_date=launch,
        design=(
            f"Dasar hukum: Perda Provinsi Jawa Tengah Nomor 3 Tahun 2019 tentang Penyelenggaraan "
            f"Inovasi Daerah. Permasalahan: {sector.problem} di {place}. {short} mengubah cara "
            f"layanan diberikan kepada {sector.who}: alur dipangkas, persyaratan diumumkan "
            f"terbuka, dan petugas memantau setiap permohonan sampai selesai."
        ),
        goals=f"Mempercepat dan mempermudah layanan bagi {sector.who} di {place}.",
        benefits=(
            f"{sector.who.capitalize()} mendapat layanan lebih cepat, murah dan mudah; "
            f"perangkat daerah memperoleh data yang rapi untuk perbaikan layanan."
        ),
        results_before=f"Sebelum inovasi, {sector.measure} {before} {sector.unit}.",
        results_after=f"Setelah inovasi, {sector.measure} {after} {sector.unit}.",
        budget=_budget(rng.choice([None, 25_000_000, 75_000_000, 150_000_000, 300_000_000])),
        summary=(
            f"{short} adalah inovasi {agency.name} untuk {sector.who}. Inovasi ini menjawab "
            f"masalah {sector.problem}. Hasilnya, {sector.measure} berubah dari {before} menjadi "
            f"{after} {sector.unit}."
        ),
        status=plan.status,
    )
    if stage != Stage.IMPLEMENTATION:
        innovation.results_after = ""
    return innovation, related


def seed(stdout: object) -> None:
    today = timezone.localdate()
    province = Region.objects.filter(code=settings.SATU_HOME_REGION_CODE).first()
    if province is None or not Urusan.objects.exists():
        return
    rng = random.Random(SEED)  # noqa: S311 - demo data, not secrets
    # The fixed scenarios first: a generated innovation of the same name is then skipped.
    plans = _scenario_plans() + [(plan, "") for plan in _plan(rng, province)]
    existing = set(
        Innovation.objects.filter(
            Q(agency__region=province) | Q(agency__region__parent=province)
        ).values_list("agency_id", "programme_year", "name")
    )
    urusan = {u.code: u for u in Urusan.objects.all()}
    units: dict[int, list[int]] = {}
    for unit_id, agency_id in ServiceUnit.objects.filter(is_active=True).values_list(
        "pk", "agency_id"
    ):
        units.setdefault(agency_id, []).append(unit_id)
    people = _People()
    built: list[tuple[Innovation, list[int], str]] = []
    seen: set[tuple[int, int, str]] = set()
    for plan, reason in plans:
        key = (plan.agency.pk, plan.year, plan.name)
        # The same random draws happen whether or not a row already exists (stable output).
        innovation, related = _build(rng, plan, urusan, units, today)
        if key in existing or key in seen:
            continue
        seen.add(key)
        built.append((innovation, related, reason))
    if not built:
        stdout.write("Demo innovations: nothing to add")  # type: ignore[attr-defined]
        return
    _save(rng, built, people, today)
    record(
        "innovation.demo_seed",
        None,
        {"created": len(built), "years": list(YEARS)},
        object_type="innovations.innovation",
        object_repr="demo data",
    )
    stdout.write(f"Demo innovations: {len(built)} added")  # type: ignore[attr-defined]


def _moment(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def _save(
    rng: random.Random,
    built: list[tuple[Innovation, list[int], str]],
    people: _People,
    today: datetime.date,
) -> None:
    innovations = [item[0] for item in built]
    # Timestamps: registered early in the programme year (never in the future).
    for innovation in innovations:
        start = datetime.date(innovation.programme_year, 1, 15)
        created = min(start + datetime.timedelta(days=rng.randint(0, 120)), today)
        innovation.submitted_at = None if innovation.status == Status.DRAFT else _moment(created, 9)
        if innovation.status == Status.ACCEPTED:
            innovation.accepted_at = _moment(
                min(created + datetime.timedelta(days=rng.randint(10, 60)), today), 15
            )
        innovation.created_by_id = people.operator(innovation.agency)
    Innovation.objects.bulk_create(innovations, batch_size=500)
    through = Innovation.related_urusan.through
    through.objects.bulk_create(
        [
            through(innovation_id=innovation.pk, urusan_id=urusan_id)
            for innovation, related, _reason in built
            for urusan_id in related
        ],
        batch_size=1000,
    )
    revisions, events, years, evidence = [], [], [], []
    for innovation, related, reason in built:
        _history(rng, innovation, related, reason, people, revisions, events, today)
        if innovation.status == Status.ACCEPTED:
            years.extend(_years(rng, innovation, today))
            evidence.extend(_evidence(rng, innovation))
    Revision.objects.bulk_create(revisions, batch_size=500)
    # Link each event to the revision it concerns (the latest at the time).
    by_innovation: dict[int, list[Revision]] = {}
    for revision in revisions:
        by_innovation.setdefault(revision.innovation_id, []).append(revision)
    for event in events:
        event.revision = by_innovation[event.innovation_id][-1]
    ReviewEvent.objects.bulk_create(events, batch_size=500)
    InnovationYear.objects.bulk_create(years, batch_size=500)
    Evidence.objects.bulk_create(evidence, batch_size=500)


def _history(
    rng: random.Random,
    innovation: Innovation,
    related: list[int],
    reason: str,
    people: _People,
    revisions: list[Revision],
    events: list[ReviewEvent],
    today: datetime.date,
) -> None:
    agency = innovation.agency
    data = history.snapshot(innovation, related_urusan=related)
    base = (innovation.submitted_at or _moment(today, 8)) - datetime.timedelta(days=3)
    revisions.append(
        Revision(
            innovation=innovation,
            number=1,
            version=1,
            kind=RevisionKind.SAVE,
            data=data,
            author_id=people.operator(agency),
            created_at=base,
        )
    )
    if innovation.status == Status.DRAFT:
        return
    submitted = innovation.submitted_at or base
    revisions.append(
        Revision(
            innovation=innovation,
            number=2,
            version=1,
            kind=RevisionKind.SUBMISSION,
            data={**data, "evidence": []},
            author_id=people.operator(agency),
            created_at=submitted,
        )
    )
    provincial = agency.region.is_province
    chain = [(ReviewAction.SUBMIT, Status.SUBMITTED, Role.OPERATOR, people.operator(agency))]
    chain.append((ReviewAction.APPROVE, Status.APPROVED, Role.AGENCY_HEAD, people.head(agency)))
    if not provincial:
        chain.append(
            (ReviewAction.VERIFY, Status.VERIFIED, Role.REGIONAL_ADMIN, people.admin(agency))
        )
    chain.append(
        (ReviewAction.ACCEPT, Status.ACCEPTED, Role.SECRETARIAT, people.secretariat(agency))
    )
    target = innovation.status
    steps: list[tuple[str, str, str, int | None, str]] = []
    if target in (Status.RETURNED, Status.WITHDRAWN):
        depth = rng.randint(1, len(chain) - 1)
        steps = [(*step, "") for step in chain[:depth]]
        if target == Status.RETURNED:
            holder = chain[depth][2] if depth < len(chain) else Role.SECRETARIAT
            holder_id = chain[depth][3] if depth < len(chain) else None
            steps.append(
                (
                    ReviewAction.RETURN,
                    Status.RETURNED,
                    holder,
                    holder_id,
                    reason or rng.choice(RETURN_REASONS),
                )
            )
        else:
            steps.append(
                (
                    ReviewAction.WITHDRAW,
                    Status.WITHDRAWN,
                    Role.OPERATOR,
                    people.operator(agency),
                    "Inovasi digabung dengan inovasi lain perangkat daerah.",
                )
            )
    else:
        for step in chain:
            steps.append((*step, ""))
            if step[1] == target:
                break
    previous = Status.DRAFT
    moment = submitted
    for action, to_status, role, actor_id, text in steps:
        if action == ReviewAction.ACCEPT and innovation.accepted_at:
            moment = innovation.accepted_at
        events.append(
            ReviewEvent(
                innovation=innovation,
                action=action,
                from_status=previous,
                to_status=to_status,
                actor_id=actor_id,
                actor_role=role,
                reason=text,
                created_at=moment,
            )
        )
        previous = to_status
        moment = min(moment + datetime.timedelta(days=rng.randint(1, 6)), _moment(today, 7))


DEVELOPMENTS = [
    "Menambah kanal pendaftaran lewat WhatsApp dan memperluas layanan ke seluruh kecamatan.",
    "Mengintegrasikan aplikasi dengan data kependudukan sehingga warga tidak mengisi ulang data.",
    "Menambah fitur notifikasi status layanan dan survei kepuasan setelah layanan selesai.",
]


def _years(rng: random.Random, innovation: Innovation, today: datetime.date) -> list:
    entries = []
    stopped = False
    for year in range(innovation.programme_year, today.year + 1):
        if stopped:
            break
        roll = rng.random()
        if year > innovation.programme_year and roll < 0.06:
            entries.append(
                InnovationYear(
                    innovation=innovation,
                    year=year,
                    status=YearStatus.STOPPED,
                    stop_reason="Anggaran operasional tidak tersedia pada tahun berjalan.",
                )
            )
            stopped = True
        elif year > innovation.programme_year and roll < 0.45:
            entries.append(
                InnovationYear(
                    innovation=innovation,
                    year=year,
                    status=YearStatus.DEVELOPED,
                    development_note=rng.choice(DEVELOPMENTS),
                )
            )
        else:
            entries.append(
                InnovationYear(innovation=innovation, year=year, status=YearStatus.CONTINUED)
            )
    return entries


def _evidence(rng: random.Random, innovation: Innovation) -> list[Evidence]:
    agency = innovation.agency
    slug = _slug(innovation.name)
    if agency.region.is_province:
        site = f"https://{agency.abbreviation.lower()}.jatengprov.go.id"
    else:
        site = f"https://{_slug(agency.region.short_name).replace('-', '')}.go.id"
    short = innovation.name.split(" (")[0]
    links = [(EvidenceKind.MEDIA, f"Berita: {short}", f"{site}/berita/{slug}", True)]
    if rng.random() < 0.6:
        video = f"https://www.youtube.com/@{_slug(agency.abbreviation)}-{slug[:20]}"
        links.append((EvidenceKind.VIDEO, "Video profil inovasi", video, True))
    if rng.random() < 0.4:
        title = "SK Kepala Perangkat Daerah tentang penetapan inovasi"
        links.append((EvidenceKind.DECREE, title, f"{site}/dokumen/sk-{slug}", False))
    return [
        Evidence(innovation=innovation, kind=kind, title=title, url=url, is_public=public)
        for kind, title, url, public in links
    ]
