"""Demo competitions: the finished competition of 2025 and the 2026 one in desk evaluation.

The desk rounds are scored by the jury (``satu.jury.demo``): the 2025 one through every juror's
score sheets to its results, the 2026 one half-way.

Both are driven through the real services, stage by stage, with scores drawn from a fixed
seed; the end-to-end test drives a competition through the same steps. The innovations demo
data lives in another branch: when there are too few accepted innovations, a small set is
created here (``DEMO_COMPETITION_INNOVATIONS``), to be reconciled with it when merging.
"""

import datetime
import random
from decimal import Decimal

from django.conf import settings
from django.utils import timezone

from satu.accounts.models import Membership, Role, User
from satu.agencies.models import Agency, AgencyType
from satu.innovations.models import InitiatorKind, Innovation, InnovationForm, Stage, Status
from satu.regions.models import Region
from satu.urusan.models import Urusan

from . import services
from .models import (
    Category,
    ChecklistItem,
    Competition,
    CompetitionJuror,
    Entry,
    EntryStatus,
    Group,
    JurorKind,
    Round,
    RoundKind,
    ScreeningReason,
    TimelineStep,
)
from .models import Stage as CompetitionStage

# (region code, agency abbreviation, agency name if it must be created, innovation, urusan,
#  launch date)
DEMO_COMPETITION_INNOVATIONS = [
    ("33", "MARGONO", "", "E-Va Centil", 2, "2018-03-20"),
    ("33", "MARGONO", "", "Tele Apik", 2, "2017-05-02"),
    ("33", "ZAINUDIN", "", "Payjem Pas Ngamuk", 2, "2017-09-11"),
    ("33", "DPUSDATARU", "", "Apem Asi", 3, "2018-01-15"),
    ("33", "DINKOPUKM", "", "Hetero Space", 29, "2019-07-01"),
    ("33", "DINKES", "", "Jaga Ibu Hamil (JAGAMIL)", 2, "2020-02-03"),
    ("33", "MOEWARDI", "", "Antrean Daring Poliklinik Tanpa Kertas", 2, "2021-04-12"),
    ("33", "DPMPTSP", "", "Izin Sehari Jadi", 29, "2020-08-17"),
    ("33", "DISDIKBUD", "", "Sekolah Virtual Anak Pesisir", 1, "2021-01-18"),
    ("33", "DINSOS", "", "Sapa Lansia", 6, "2020-10-01"),
    ("33", "BAPENDA", "", "Samsat Keliling Desa", 31, "2019-03-04"),
    ("33", "DISHUB", "", "Trans Jateng Ramah Difabel", 16, "2022-01-10"),
    ("33", "DLHK", "", "Bank Sampah Digital", 11, "2021-06-05"),
    ("33", "AMINO", "", "Konseling Jiwa Lewat WhatsApp", 2, "2022-03-01"),
    ("33.74", "DINKES", "Dinas Kesehatan Kota Semarang", "Si Cantik Posyandu", 2, "2019-05-20"),
    (
        "33.74",
        "DISDUKCAPIL",
        "Dinas Kependudukan dan Pencatatan Sipil Kota Semarang",
        "Akta Lahir Langsung dari Rumah Sakit",
        12,
        "2018-11-01",
    ),
    ("33.76", "DINKES", "Dinas Kesehatan Kota Tegal", "Jesika", 2, "2020-09-14"),
    (
        "33.02",
        "DPMPTSP",
        "Dinas Penanaman Modal dan PTSP Kabupaten Banyumas",
        "Perizinan Lewat Balai Desa",
        29,
        "2019-02-11",
    ),
    (
        "33.02",
        "DINKES",
        "Dinas Kesehatan Kabupaten Banyumas",
        "Gerakan Bumil Sehat",
        2,
        "2021-07-07",
    ),
    (
        "33.12",
        "DINKES",
        "Dinas Kesehatan Kabupaten Wonogiri",
        "Ambulans Desa Siaga",
        2,
        "2018-06-01",
    ),
    (
        "33.23",
        "DISDIKBUD",
        "Dinas Pendidikan dan Kebudayaan Kabupaten Temanggung",
        "Kelas Inklusi Desa",
        1,
        "2020-01-06",
    ),
    (
        "33.09",
        "DISKOMINFO",
        "Dinas Komunikasi dan Informatika Kabupaten Boyolali",
        "Lapor Bupati Sehari Tuntas",
        21,
        "2019-08-19",
    ),
    (
        "33.10",
        "DINSOS",
        "Dinas Sosial Kabupaten Klaten",
        "Data Terpadu Warga Miskin",
        6,
        "2021-02-22",
    ),
    (
        "33.72",
        "DISDUKCAPIL",
        "Dinas Kependudukan dan Pencatatan Sipil Kota Surakarta",
        "KTP Sekali Datang",
        12,
        "2022-05-09",
    ),
]

SECTION_TEXT = {
    "summary": "{name} memangkas waktu layanan dan biaya warga dengan cara kerja baru yang "
    "sederhana, terukur, dan mudah ditiru perangkat daerah lain.",
    "background": "Sebelum {name}, warga harus datang berkali-kali dan menunggu lama.",
    "novelty": "{name} menggabungkan layanan daring dan petugas lapangan.",
    "implementation": "{name} dijalankan bertahap sejak peluncuran dengan SOP tertulis.",
    "significance": "Waktu layanan turun lebih dari separuh; kepuasan warga naik.",
    "adaptability": "Sudah dipelajari dan ditiru oleh beberapa kabupaten/kota.",
    "resources": "Dikerjakan oleh tim kecil dengan anggaran rutin.",
    "sustainability": "Diatur dalam keputusan kepala perangkat daerah dan masuk renstra.",
}

CATEGORIES = [
    "Pelayanan publik inklusif dan berkeadilan",
    "Efektivitas institusi publik untuk TPB/SDGs",
]
CHECKLIST = [
    "Layanan berjalan seperti yang diuraikan dalam proposal",
    "Pengguna layanan membenarkan manfaatnya",
    "Dasar hukum (SK/SOP) tersedia",
    "Data sebelum dan sesudah inovasi dapat ditunjukkan",
]


def _agency(region: Region, abbreviation: str, name: str) -> Agency:
    agency = Agency.objects.filter(region=region, abbreviation=abbreviation).first()
    if agency is None:
        agency = Agency.objects.create(
            region=region, abbreviation=abbreviation, name=name, type=AgencyType.DINAS
        )
    return agency


def build_innovation(agency: Agency, name: str, urusan: Urusan, launch: datetime.date, **extra):  # type: ignore[no-untyped-def]
    """An accepted innovation with every KIPP section filled in (for demos and tests)."""
    values = {
        "programme_year": launch.year,
        "stage": Stage.IMPLEMENTATION,
        "initiator_kind": InitiatorKind.AGENCY,
        "form": InnovationForm.PUBLIC_SERVICE,
        "main_urusan": urusan,
        "launch_date": launch,
        "status": Status.ACCEPTED,
        "accepted_at": timezone.now(),
        "goals": f"{name} mempercepat layanan.",
        **{key: text.format(name=name) for key, text in SECTION_TEXT.items()},
    }
    values.update(extra)
    return Innovation.objects.create(agency=agency, name=name, **values)


def ensure_demo_innovations() -> list[Innovation]:
    """The accepted innovations the demo competitions enter, created when missing."""
    innovations = []
    for code, abbreviation, agency_name, name, urusan_code, launch in DEMO_COMPETITION_INNOVATIONS:
        region = Region.objects.get(code=code)
        agency = _agency(region, abbreviation, agency_name)
        innovation = Innovation.objects.filter(agency=agency, name=name).first()
        if innovation is None:
            innovation = build_innovation(
                agency,
                name,
                Urusan.objects.get(code=urusan_code),
                datetime.date.fromisoformat(launch),
            )
        innovations.append(innovation)
    return innovations


# Steps that drive a competition, shared by the demo and the end-to-end test.


def setup_competition(
    actor: User, province: Region, year: int, name: str, jurors: list[User]
) -> Competition:
    competition = services.create_competition(
        actor,
        province,
        year=year,
        name=name,
        description=(
            "Kompetisi inovasi pelayanan publik tahunan Provinsi Jawa Tengah: seleksi "
            "administrasi, penilaian proposal, uji publik, presentasi dan wawancara, verifikasi "
            "lapangan, penetapan pemenang."
        ),
        min_age_years=2,
        age_reference_date=datetime.date(year, 6, 30),
        groups=[Group.GENERAL, Group.REPLICATION, Group.SPECIAL],
        quota_per_region=3,
        quota_per_provincial_agency=1,
        correction_ends_on=datetime.date(year, 7, 15),
        shortlist_size=8,
        shortlist_max_per_region=2,
        panel_size=3,
        winners_per_category=2,
    )
    for order, category in enumerate(CATEGORIES, start=1):
        Category.objects.create(competition=competition, name=category, order=order)
    for order, text in enumerate(CHECKLIST, start=1):
        ChecklistItem.objects.create(competition=competition, text=text, order=order)
    for order, (kind, weight) in enumerate(
        [(RoundKind.DESK, 40), (RoundKind.PRESENTATION, 40), (RoundKind.FIELD, 20)], start=1
    ):
        Round.objects.create(
            competition=competition,
            kind=kind,
            order=order,
            weight=Decimal(weight),
            blind_review=kind == RoundKind.DESK,
        )
    steps = [
        (CompetitionStage.REGISTRATION, (4, 1), (6, 30)),
        (CompetitionStage.SCREENING, (7, 1), (7, 15)),
        (CompetitionStage.DESK_EVALUATION, (7, 16), (8, 15)),
        (CompetitionStage.OBJECTION, (8, 20), (8, 25)),
        (CompetitionStage.PRESENTATION, (9, 1), (9, 12)),
        (CompetitionStage.FIELD_VERIFICATION, (9, 15), (10, 10)),
        (CompetitionStage.ANNOUNCED, (11, 10), (11, 10)),
    ]
    for stage, (m1, d1), (m2, d2) in steps:
        TimelineStep.objects.create(
            competition=competition,
            stage=stage,
            starts_on=datetime.date(year, m1, d1),
            ends_on=datetime.date(year, m2, d2),
        )
    for index, user in enumerate(jurors):
        CompetitionJuror.objects.create(
            competition=competition,
            user=user,
            kind=JurorKind.INTERNAL if index == 0 else JurorKind.INDEPENDENT,
        )
    return competition


def advance(actor: User, competition: Competition, **kwargs: object) -> Competition:
    competition.refresh_from_db()
    services.move_stage(actor, competition, services.stages.next_stage(competition), **kwargs)
    competition.refresh_from_db()
    return competition


def enter_all(
    entrant: User, competition: Competition, innovations: list[Innovation]
) -> list[Entry]:
    """Enter what may be entered; innovations that fail a rule are skipped."""
    categories = list(competition.categories.all())
    entries = []
    for index, innovation in enumerate(innovations):
        try:
            entry = services.enter_innovation(
                entrant,
                competition,
                innovation,
                group=Group.GENERAL,
                category=categories[index % len(categories)] if categories else None,
            )
        except services.EligibilityError:
            continue
        entries.append(entry)
    return entries


def screen_all(actor: User, competition: Competition, fail_every: int = 0) -> None:
    entries = list(Entry.objects.filter(competition=competition, status=EntryStatus.SUBMITTED))
    failed = entries[fail_every - 1 :: fail_every] if fail_every else []
    passed = [entry for entry in entries if entry not in failed]
    if failed:
        services.screen_entries(
            actor,
            competition,
            failed,
            passed=False,
            reasons=[ScreeningReason.NO_EVIDENCE],
            note="Bukti dukung tidak dapat dibuka.",
        )
    services.screen_entries(actor, competition, passed, passed=True)


def quality(entry: Entry) -> float:
    """A hidden "true quality" per innovation, so rounds agree roughly with one another."""
    return 60 + random.Random(entry.innovation_id).random() * 35  # noqa: S311


def score_round(actor: User, round: Round, rng: random.Random, limit: int | None = None) -> None:
    entries = services.entries_for_round(round).order_by("pk")
    for entry in entries[:limit] if limit else entries:
        score = min(100.0, max(0.0, quality(entry) + rng.uniform(-5, 5)))
        services.record_round_result(
            actor, round, entry, f"{score:.2f}", {"source": "demo", "jurors": 3}
        )


def end_objection_period(competition: Competition) -> None:
    """Let the objection period's days pass (demo data and tests cannot wait five days)."""
    Competition.objects.filter(pk=competition.pk).update(objection_closes_at=timezone.now())
    competition.refresh_from_db()


def schedule_all(actor: User, competition: Competition, first_day: datetime.date) -> None:
    round = competition.rounds.get(kind=RoundKind.PRESENTATION)
    services.schedule_presentations(
        actor,
        round,
        days=[first_day, first_day + datetime.timedelta(days=1)],
        day_start=datetime.time(8, 0),
        day_end=datetime.time(12, 0),
        location="Ruang Rapat Biro Organisasi, Gedung A Lantai 2",
    )
    services.send_invitations(actor, round)


def verify_all(verifier: User, competition: Competition, rng: random.Random) -> None:
    round = competition.rounds.get(kind=RoundKind.FIELD)
    items = list(competition.checklist_items.values_list("text", flat=True))
    for entry in services.entries_for_round(round).select_related("innovation"):
        score = min(100.0, max(0.0, quality(entry) + rng.uniform(-4, 4)))
        services.record_verification(
            verifier,
            round,
            entry,
            visited_on=competition.age_reference_date + datetime.timedelta(days=80),
            checklist=[{"item": text, "confirmed": rng.random() > 0.15} for text in items],
            score=Decimal(f"{score:.2f}"),
            notes="Layanan berjalan; petugas dan warga ditemui.",
            latitude=Decimal("-6.990000") + Decimal(rng.randint(0, 9999)) / Decimal(100000),
            longitude=Decimal("110.420000") + Decimal(rng.randint(0, 9999)) / Decimal(100000),
            location_source="device",
        )


def run_to_announcement(
    actor: User,
    verifier: User,
    competition: Competition,
    rng: random.Random,
    desk_scorer=score_round,  # type: ignore[no-untyped-def]
) -> Competition:
    """From screening to the announced winners, with every stage's work done.

    ``desk_scorer(actor, round, rng)`` scores the desk round; the demo lets the jury do it.
    """
    screen_all(actor, competition, fail_every=7)
    competition = advance(actor, competition)  # desk evaluation
    desk_scorer(actor, competition.rounds.get(kind=RoundKind.DESK), rng)
    competition = advance(actor, competition)  # shortlist
    services.make_shortlist(actor, competition)
    competition = advance(actor, competition)  # objection period
    first = Entry.objects.filter(competition=competition).shortlisted().first()
    objection = services.file_objection(
        first,
        name="Budi Santoso",
        email="budi.santoso@example.id",
        text="Layanan ini belum berjalan di kecamatan kami.",
        address="192.0.2.10",
    )
    services.resolve_objection(
        actor,
        objection,
        upheld=False,
        note="Layanan berjalan di seluruh kecamatan sejak 2021; dibuktikan dengan laporan.",
    )
    end_objection_period(competition)
    competition = advance(actor, competition)  # presentation
    schedule_all(actor, competition, competition.age_reference_date + datetime.timedelta(days=63))
    score_round(actor, competition.rounds.get(kind=RoundKind.PRESENTATION), rng)
    competition = advance(actor, competition)  # field verification
    verify_all(verifier, competition, rng)
    competition = advance(actor, competition)  # final
    services.compute_final_results(actor, competition)
    return advance(actor, competition)  # announced


def seed(stdout: object) -> None:
    province = Region.objects.get(code=settings.SATU_HOME_REGION_CODE)
    secretariat = User.objects.filter(
        memberships__role=Role.SECRETARIAT, memberships__region=province
    ).first()
    entrant = User.objects.filter(is_superuser=True, is_active=True).order_by("pk").first()
    verifier = User.objects.filter(
        memberships__role=Role.FIELD_VERIFIER, memberships__region=province
    ).first()
    if secretariat is None or entrant is None or verifier is None:
        return
    jurors = list(
        User.objects.filter(
            pk__in=Membership.objects.filter(role=Role.JUROR, region=province).values("user_id")
        ).order_by("pk")
    )
    if len(jurors) < 3:
        return
    innovations = ensure_demo_innovations()
    name_2025 = "Kompetisi Inovasi Pelayanan Publik Jawa Tengah 2025"
    if not Competition.objects.filter(region=province, year=2025, name=name_2025).exists():
        competition = setup_competition(secretariat, province, 2025, name_2025, jurors)
        competition = advance(secretariat, competition)  # registration
        enter_all(entrant, competition, innovations)
        competition = advance(secretariat, competition)  # screening
        from satu.jury.demo import score_desk_round

        run_to_announcement(
            secretariat,
            verifier,
            competition,
            random.Random(2025),  # noqa: S311 - demo data
            desk_scorer=score_desk_round,
        )
    name_2026 = "Kompetisi Inovasi Pelayanan Publik Jawa Tengah 2026"
    if not Competition.objects.filter(region=province, year=2026, name=name_2026).exists():
        competition = setup_competition(secretariat, province, 2026, name_2026, jurors)
        competition = advance(secretariat, competition)  # registration
        enter_all(entrant, competition, innovations)
        competition = advance(secretariat, competition)  # screening
        screen_all(secretariat, competition, fail_every=5)
        advance(secretariat, competition)  # desk evaluation: the jury demo scores part of it
