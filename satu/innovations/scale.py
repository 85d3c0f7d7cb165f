"""Innovations at scale, with Indonesian names and texts built from templates and vocabulary."""

import datetime
import random

from django.db.models import Count
from django.utils import timezone

from satu.agencies.models import Agency, AgencyType
from satu.core.scale import ScaleContext, bulk_insert
from satu.urusan.models import Urusan

from .models import Innovation, InnovationYear, Stage, Status, YearStatus

# (topic words, urusan number) by agency type or abbreviation
TOPICS = {
    "health": (
        [
            "Rawat Jalan",
            "Imunisasi",
            "Persalinan",
            "Rujukan",
            "Gizi Balita",
            "Lansia",
            "Posyandu",
            "Obat",
            "Rekam Medis",
            "Skrining TBC",
            "Kesehatan Jiwa",
            "Ambulans",
        ],
        2,
    ),
    "education": (
        [
            "Beasiswa",
            "PPDB",
            "Perpustakaan Sekolah",
            "Literasi",
            "Guru Penggerak",
            "Sekolah Inklusi",
        ],
        1,
    ),
    "adminduk": (
        [
            "KTP Elektronik",
            "Akta Kelahiran",
            "Kartu Identitas Anak",
            "Kartu Keluarga",
            "Akta Kematian",
            "Pindah Datang",
        ],
        12,
    ),
    "licensing": (
        [
            "Perizinan Berusaha",
            "Izin Mendirikan Bangunan",
            "NIB",
            "Izin Usaha Mikro",
            "Perizinan Kesehatan",
        ],
        18,
    ),
    "social": (["Bantuan Sosial", "Disabilitas", "Anak Terlantar", "Data Kemiskinan"], 6),
    "transport": (["Uji Kendaraan", "Angkutan Desa", "Parkir", "Trayek"], 15),
    "village": (["Dana Desa", "BUMDes", "Desa Wisata", "Administrasi Desa"], 13),
    "revenue": (["Pajak Kendaraan", "PBB", "Retribusi Pasar", "Samsat"], 34),
    "environment": (["Bank Sampah", "Kualitas Udara", "Penghijauan", "Limbah"], 11),
    "general": (
        [
            "Pengaduan",
            "Arsip",
            "Kepegawaian",
            "Perencanaan",
            "Informasi Publik",
            "Rapat",
            "Surat Menyurat",
        ],
        16,
    ),
}
TYPE_TOPIC = {
    AgencyType.RSUD: "health",
    AgencyType.RSJD: "health",
    AgencyType.RUMAH_SAKIT: "health",
    AgencyType.KECAMATAN: "adminduk",
}
ABBR_TOPIC = {
    "DINKES": "health",
    "DINDIKBUD": "education",
    "DISDIKBUD": "education",
    "DISDUKCAPIL": "adminduk",
    "DPMPTSP": "licensing",
    "DINSOS": "social",
    "DISHUB": "transport",
    "DISPERMADES": "village",
    "BPKPAD": "revenue",
    "BAPENDA": "revenue",
    "DLH": "environment",
}
PREFIXES = [
    "Si",
    "Gerakan",
    "Layanan",
    "Sistem Informasi",
    "Aplikasi",
    "Jemput Bola",
    "Pojok",
    "Klinik",
    "Mobil",
    "Kampung",
    "Satu Data",
    "Gercep",
    "Sahabat",
    "Lapor",
    "Antrean",
]
QUALITIES = [
    "Cepat",
    "Terpadu",
    "Ramah",
    "Digital",
    "Keliling",
    "Tanpa Antre",
    "Satu Pintu",
    "Online",
    "Inklusif",
    "Mandiri",
    "Tuntas",
    "Gratis",
    "Berbasis Desa",
]
TARGETS = [
    "Warga",
    "Pasien",
    "Pelajar",
    "Petani",
    "UMKM",
    "Lansia",
    "Ibu Hamil",
    "Nelayan",
    "Penyandang Disabilitas",
    "Pelaku Usaha",
]
SENTENCES = [
    "Inovasi ini memangkas waktu layanan {topic} dari {before} hari menjadi {after} hari.",
    "Sebelum inovasi, {target} harus datang berkali-kali ke kantor untuk mengurus {topic}.",
    "Layanan {topic} kini dapat diakses melalui ponsel tanpa perlu antre.",
    "Petugas mendatangi {target} di desa sehingga biaya transportasi tidak lagi dibebankan.",
    "Data {topic} terintegrasi dengan sistem kependudukan sehingga persyaratan lebih sedikit.",
    "Kepuasan {target} meningkat berdasarkan hasil survei kepuasan masyarakat.",
    "Inovasi dikembangkan bersama perguruan tinggi dan komunitas setempat.",
    "Prosedur disederhanakan dari {before} langkah menjadi {after} langkah.",
    "Pengaduan {target} ditindaklanjuti paling lambat dalam satu hari kerja.",
    "Anggaran pelaksanaan berasal dari APBD dan dukungan dana desa.",
]
STATUS_WEIGHTS = [
    (Status.ACCEPTED, 78),
    (Status.SUBMITTED, 4),
    (Status.APPROVED, 3),
    (Status.VERIFIED, 3),
    (Status.DRAFT, 6),
    (Status.RETURNED, 4),
    (Status.WITHDRAWN, 2),
]


def _topic(agency_type: str, abbreviation: str) -> str:
    return TYPE_TOPIC.get(agency_type) or ABBR_TOPIC.get(abbreviation.split("-")[0], "general")


def _name(rng: random.Random, topic_word: str, target: str) -> str:
    shape = rng.random()
    if shape < 0.4:
        return f"{rng.choice(PREFIXES)} {topic_word} {rng.choice(QUALITIES)}"
    if shape < 0.7:
        return f"{rng.choice(PREFIXES)} {topic_word} untuk {target}"
    words = [rng.choice(PREFIXES), topic_word, rng.choice(QUALITIES)]
    acronym = "".join(word[0] for word in " ".join(words).split()).upper()
    return f"{acronym} ({' '.join(words)})"


def _text(rng: random.Random, topic_word: str, target: str, sentences: int) -> str:
    """Sentences about one topic and the one group of people the innovation serves (a
    different group per sentence would make every group's name match most of the catalog)."""
    parts = []
    for _ in range(sentences):
        before = rng.randint(5, 30)
        parts.append(
            rng.choice(SENTENCES).format(
                topic=topic_word.lower(),
                target=target.lower(),
                before=before,
                after=max(1, before // rng.randint(2, 6)),
            )
        )
    return " ".join(parts)


def generate(ctx: ScaleContext) -> None:
    rng = ctx.child_rng("innovations")
    preset = ctx.preset
    agencies = Agency.objects.all()
    if preset.region_codes is not None:
        agencies = agencies.filter(region__code__startswith=preset.region_codes[0])
    agency_rows = list(agencies.order_by("pk").values_list("pk", "type", "abbreviation"))
    urusan = dict(Urusan.objects.values_list("code", "pk"))
    years = ctx.years
    statuses, weights = zip(*STATUS_WEIGHTS, strict=True)
    now = timezone.now()
    per_year = preset.innovations // len(years)

    def rows():
        for year in years:
            for index in range(per_year):
                agency_id, agency_type, abbreviation = agency_rows[
                    (index * 7919 + year) % len(agency_rows)
                ]
                topic = _topic(agency_type, abbreviation)
                words, urusan_code = TOPICS[topic]
                topic_word = rng.choice(words)
                status = (
                    rng.choices(statuses, weights)[0]
                    if year == years[-1]
                    else (
                        Status.ACCEPTED
                        if rng.random() < 0.93
                        else rng.choice([Status.RETURNED, Status.WITHDRAWN])
                    )
                )
                launch = datetime.date(
                    year - rng.randint(0, 3), rng.randint(1, 12), rng.randint(1, 28)
                )
                submitted = (
                    None
                    if status == Status.DRAFT
                    else timezone.make_aware(
                        datetime.datetime(year, rng.randint(1, 9), rng.randint(1, 28), 9, 0)
                    )
                )
                accepted = (
                    submitted + datetime.timedelta(days=rng.randint(3, 40))
                    if status == Status.ACCEPTED
                    else None
                )
                target = rng.choice(TARGETS)
                yield Innovation(
                    agency_id=agency_id,
                    programme_year=year,
                    name=_name(rng, topic_word, target),
                    stage=Stage.IMPLEMENTATION if rng.random() < 0.8 else Stage.TRIAL,
                    initiator_kind="opd",
                    is_digital=rng.random() < 0.55,
                    form="pelayanan_publik",
                    main_urusan_id=urusan[urusan_code],
                    trial_date=launch - datetime.timedelta(days=90),
                    launch_date=launch,
                    design=_text(rng, topic_word, target, 14),
                    goals=_text(rng, topic_word, target, 2),
                    benefits=_text(rng, topic_word, target, 2),
                    results_before=_text(rng, topic_word, target, 1),
                    results_after=_text(rng, topic_word, target, 2),
                    summary=_text(rng, topic_word, target, 4),
                    status=status,
                    submitted_at=submitted,
                    accepted_at=accepted,
                    created_at=now,
                    updated_at=now,
                )

    created = bulk_insert(Innovation, rows(), batch=2000)
    ctx.log(f"innovations: {created} created")
    # Yearly statuses for innovations that lived on after their first year.
    last = years[-1]
    reports = []
    for pk, year in (
        Innovation.objects.filter(status=Status.ACCEPTED, programme_year__lt=last)
        .values_list("pk", "programme_year")
        .order_by("pk")
        .iterator(chunk_size=5000)
    ):
        for later in range(year + 1, min(last, year + 3) + 1):
            roll = rng.random()
            status = (
                YearStatus.CONTINUED
                if roll < 0.6
                else (YearStatus.DEVELOPED if roll < 0.9 else YearStatus.STOPPED)
            )
            reports.append(
                InnovationYear(
                    innovation_id=pk,
                    year=later,
                    status=status,
                    development_note="Fitur baru dan perluasan wilayah layanan."
                    if status == YearStatus.DEVELOPED
                    else "",
                    stop_reason="Digantikan oleh layanan nasional."
                    if status == YearStatus.STOPPED
                    else "",
                    created_at=now,
                    updated_at=now,
                )
            )
            if status == YearStatus.STOPPED:
                break
    ctx.log(f"yearly statuses: {bulk_insert(InnovationYear, reports)} created")
    ctx.ids["innovation_years"] = list(
        Innovation.objects.values("programme_year")
        .annotate(n=Count("pk"))
        .values_list("n", flat=True)
    )
