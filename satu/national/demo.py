"""Demo national forwarding: published IID 2026 assessments and historic national results.

The innovations demo lives in another branch; the assessments use their own small set of
accepted innovations (``DEMO_IID_INNOVATIONS``, created only here when missing), to be
reconciled with it when merging. The forwarding record holds Jawa Tengah's
documented results (domain notes, section 6.4): KIPP 2019 Top 99 for Tele Apik, KIPP 2025 OPSI
for E-Va Centil and Hetero Space; the forwarding dates are illustrative.
"""

import datetime
import random

from django.conf import settings

from satu.accounts.models import Role, User
from satu.competitions.demo import _agency, build_innovation
from satu.innovations.models import Innovation
from satu.lib.text import word_count
from satu.regions.models import Region
from satu.urusan.models import Urusan

from . import services
from .models import Assessment, Decision, Forwarding, Outcome, Programme

YEAR = 2026

# Region code → [(agency abbreviation, agency name if it must be created, innovation, urusan,
# launch date)]. Created only for the IID demo.
DEMO_IID_INNOVATIONS = {
    "33": [
        ("DISDIKBUD", "", "Rapor Digital Sekolah Menengah", 1, "2024-02-12"),
        ("DINKES", "", "Skrining Stunting Keliling", 2, "2024-03-04"),
        ("DPUSDATARU", "", "Peta Rawan Banjir Terbuka", 3, "2024-06-17"),
        ("DISPERAKIM", "", "Rumah Layak Huni Terpantau", 4, "2024-08-05"),
        ("SATPOLPP", "", "Aduan Ketertiban Sehari Tuntas", 5, "2025-01-20"),
        ("DINSOS", "", "Sapa Disabilitas Desa", 6, "2024-10-01"),
        ("DPMPTSP", "", "Izin Usaha Mikro Lewat Ponsel", 18, "2025-02-03"),
    ],
    "33.74": [
        ("DINKES", "Dinas Kesehatan Kota Semarang", "Posyandu Remaja Digital", 2, "2024-04-15"),
        (
            "DISDIK",
            "Dinas Pendidikan Kota Semarang",
            "Sekolah Ramah Anak Terpantau",
            1,
            "2024-07-22",
        ),
        (
            "DINSOS",
            "Dinas Sosial Kota Semarang",
            "Lansia Tangguh Kampung Tematik",
            6,
            "2025-03-10",
        ),
    ],
    "33.02": [
        (
            "DPMPTSP",
            "Dinas Penanaman Modal dan PTSP Kabupaten Banyumas",
            "Perizinan Jemput Bola Desa",
            18,
            "2024-05-06",
        ),
        (
            "DINKES",
            "Dinas Kesehatan Kabupaten Banyumas",
            "Ibu Hamil Terpantau Bidan Desa",
            2,
            "2024-09-09",
        ),
    ],
}

# Jawa Tengah's documented national results: (agency, innovation, urusan, launch, programme,
# year, outcome, forwarded on).
DEMO_FORWARDINGS = [
    ("MARGONO", "Tele Apik", 2, "2017-05-02", Programme.KIPP, 2019, "Top 99", "2019-03-15"),
    (
        "MARGONO",
        "E-Va Centil",
        2,
        "2018-03-20",
        Programme.KIPP,
        2025,
        "Outstanding Public Service Innovation (OPSI)",
        "2025-04-10",
    ),
    (
        "DINKOPUKM",
        "Hetero Space",
        17,
        "2019-07-01",
        Programme.KIPP,
        2025,
        "Outstanding Public Service Innovation (OPSI)",
        "2025-04-10",
    ),
]

DESIGN = (
    "Dasar hukum inovasi {name} adalah keputusan kepala perangkat daerah dan standar "
    "operasional prosedur yang ditetapkan pada tahun penerapan. Permasalahan yang dijawab "
    "adalah layanan yang lambat, berbelit, dan sulit dijangkau warga di wilayah pinggiran, "
    "sehingga banyak warga harus datang berkali-kali ke kantor dan mengeluarkan biaya "
    "perjalanan. Isu strategis global adalah tujuan pembangunan berkelanjutan, isu nasional "
    "adalah reformasi birokrasi dan pelayanan publik yang inklusif, dan isu lokal adalah "
    "pemerataan layanan antarwilayah di Jawa Tengah. Metode pembaharuan {name} menggabungkan "
    "layanan daring yang sederhana dengan petugas lapangan yang mendatangi warga, didukung data "
    "yang diperbarui setiap minggu. Keunggulan dan kebaruan inovasi terletak pada alur yang "
    "dipangkas dari tujuh langkah menjadi tiga langkah, informasi status yang dapat dilihat "
    "warga kapan saja, dan pengaduan yang dijawab paling lama satu hari kerja. Cara kerja "
    "inovasi dimulai dari pendaftaran oleh warga atau kader, verifikasi oleh petugas, "
    "penjadwalan layanan, pelaksanaan layanan di lokasi terdekat, dan survei kepuasan setelah "
    "layanan selesai. Hasil pemantauan setiap bulan dibahas bersama pimpinan untuk perbaikan "
    "berikutnya, dan praktik baik dibagikan kepada perangkat daerah lain yang ingin menirunya. "
)


def _design(name: str) -> str:
    return (DESIGN.format(name=name) * 2).strip()


def _innovation(
    region: Region, abbreviation: str, agency_name: str, name: str, urusan: int, launch: str
) -> Innovation:
    agency = _agency(region, abbreviation, agency_name)
    innovation = Innovation.objects.filter(agency=agency, name=name).first()
    if innovation is not None and word_count(innovation.design) < 300:
        # The registry's demo may have made the same innovation with a shorter design text;
        # the IID needs at least 300 words, as a real region would have written.
        innovation.design = _design(name)
        innovation.save(update_fields=["design", "updated_at"])
    if innovation is None:
        innovation = build_innovation(
            agency,
            name,
            Urusan.objects.get(code=urusan),
            datetime.date.fromisoformat(launch),
            design=_design(name),
        )
    return innovation


def _fill(
    actor: User, assessment: Assessment, innovations: list[Innovation], rng: random.Random
) -> None:
    """Answers drawn from a fixed seed; a few without evidence, as in real submissions."""
    rules = assessment.rules()
    for rule in rules.of("SPD"):
        level = rng.choice((1, 2, 2, 3, 3))
        answer = services.answer_indicator(actor, assessment, rule.code, level)
        if rule.mandatory or rng.random() < 0.8:
            services.add_evidence(
                actor,
                answer,
                title=f"Data dukung indikator {rule.code}",
                url=f"https://data.jatengprov.go.id/iid/{assessment.region.code}/{rule.code}",
            )
    for innovation in innovations:
        services.include_innovation(actor, assessment, innovation)
        for rule in rules.of("SID"):
            level = rng.choice((1, 2, 3, 3))
            answer = services.answer_indicator(
                actor, assessment, rule.code, level, innovation=innovation
            )
            if rule.mandatory or rng.random() < 0.85:
                services.add_evidence(
                    actor,
                    answer,
                    title=("Video inovasi" if rule.needs_video else f"Bukti {rule.code}"),
                    url=f"https://inovasi.jatengprov.go.id/bukti/{innovation.pk}/{rule.code}",
                )


def _verify(verifier: User, assessment: Assessment, rng: random.Random) -> None:
    evidence = services.assessments.AnswerEvidence.objects.filter(
        answer__assessment=assessment
    ).order_by("pk")
    for item in evidence:
        if rng.random() < 0.06:
            services.decide_evidence(
                verifier, item, Decision.REJECTED, "Dokumen tidak sesuai dengan parameter."
            )
        else:
            services.decide_evidence(verifier, item, Decision.ACCEPTED)


def seed_assessments(admin: User, secretariat: User) -> None:
    for code, rows in DEMO_IID_INNOVATIONS.items():
        region = Region.objects.get(code=code)
        if Assessment.objects.filter(region=region, year=YEAR).exists():
            continue
        innovations = [_innovation(region, *row) for row in rows]
        rng = random.Random(f"iid-{code}")  # noqa: S311 - demo data
        assessment = services.start_assessment(admin, region, YEAR)
        _fill(admin, assessment, innovations, rng)
        services.submit_assessment(admin, assessment)
        _verify(secretariat, assessment, rng)
        services.finish_verification(secretariat, assessment)
        services.publish_assessment(secretariat, assessment)
    # One kabupaten/kota still filling in, to show the page before submission.
    tegal = Region.objects.get(code="33.76")
    if not Assessment.objects.filter(region=tegal, year=YEAR).exists():
        services.start_assessment(admin, tegal, YEAR)


def seed_forwardings(secretariat: User) -> None:
    province = Region.objects.get(code=settings.SATU_HOME_REGION_CODE)
    for abbreviation, name, urusan, launch, programme, year, result, sent in DEMO_FORWARDINGS:
        innovation = _innovation(province, abbreviation, "", name, urusan, launch)
        if Forwarding.objects.filter(
            innovation=innovation, programme=programme, year=year
        ).exists():
            continue
        forwarding = services.forward_innovation(
            secretariat,
            innovation,
            programme,
            year,
            forwarded_on=datetime.date.fromisoformat(sent),
            note="Data demo dari hasil yang diberitakan (catatan domain 6.4).",
        )
        services.record_outcome(
            secretariat,
            forwarding,
            Outcome.objects.get(programme=programme, name=result),
            outcome_on=datetime.date(year, 11, 30),
        )


def seed(stdout: object) -> None:
    province = Region.objects.get(code=settings.SATU_HOME_REGION_CODE)
    secretariat = User.objects.filter(
        memberships__role=Role.SECRETARIAT, memberships__region=province
    ).first()
    admin = User.objects.filter(is_superuser=True, is_active=True).order_by("pk").first()
    if secretariat is None or admin is None:
        return
    services.load_reference()  # the rule sets, should the reference data be older
    seed_forwardings(secretariat)
    seed_assessments(admin, secretariat)
