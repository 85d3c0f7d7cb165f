"""Demo surveys: SKM periods of outpatient clinics, puskesmas, public service malls and similar
units, with a few thousand responses spread realistically, and periods around the launch of
innovations linked to a service unit (when the innovation registry has any).

Deterministic (seeded per unit) and idempotent: a period that already exists is left alone.
"""

import datetime
import random

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from satu.agencies.models import Agency, ServiceUnit
from satu.innovations.models import Innovation
from satu.regions.models import Region

from .elements import STANDARD_KEYS
from .models import (
    AgeGroup,
    Channel,
    Education,
    ExtraAnswer,
    ExtraElement,
    Occupation,
    Sex,
    SurveyPeriod,
    SurveyResponse,
)
from .services import Answers, build_response
from .tallies import fill_tallies

# Which units get surveys, by the start of their name, with the services they offer.
UNIT_KINDS: list[tuple[str, list[str]]] = [
    ("Instalasi Rawat Jalan", ["Poli Umum", "Poli Anak", "Poli Penyakit Dalam", "Poli Gigi"]),
    ("Puskesmas", ["Pemeriksaan umum", "KIA dan KB", "Imunisasi", "Laboratorium"]),
    ("Mal Pelayanan Publik", ["Perizinan berusaha", "Administrasi kependudukan", "Samsat"]),
    ("Loket Perizinan Terpadu", ["Izin usaha", "Izin lingkungan", "Izin kesehatan"]),
    ("Samsat", ["Pajak tahunan", "Pajak lima tahunan", "Balik nama"]),
    ("Laboratorium", ["Uji air", "Uji makanan"]),
]
# How each element usually fares against the unit's overall level: waiting times, complaint
# handling and facilities are the usual weak points; many services are free of charge.
ELEMENT_BIAS = {
    "persyaratan": 0.05,
    "prosedur": 0.0,
    "waktu": -0.4,
    "biaya": 0.55,
    "produk": 0.05,
    "kompetensi": 0.15,
    "perilaku": 0.2,
    "pengaduan": -0.3,
    "sarana": -0.2,
}
SUGGESTIONS = [
    "Antrean mohon dipercepat, terutama pagi hari.",
    "Ruang tunggu kurang nyaman, kursi terbatas.",
    "Petugas sudah ramah, pertahankan.",
    "Informasi persyaratan sebaiknya diumumkan di media sosial.",
    "Toilet perlu lebih bersih.",
    "Mohon disediakan nomor antrean daring.",
    "Tempat parkir sempit.",
    "Pelayanan sudah cepat dan jelas, terima kasih.",
    "Kotak pengaduan tidak pernah ditanggapi.",
    "Jam layanan sebaiknya diperpanjang sampai sore.",
]
AGE_WEIGHTS = [4, 22, 26, 22, 16, 10]
EDUCATION_WEIGHTS = [12, 18, 38, 10, 18, 4]
OCCUPATION_WEIGHTS = [10, 25, 22, 12, 14, 12, 5]
MAX_UNITS = 90


def _rng(seed: str) -> random.Random:
    """A generator seeded by name, so that the demo is the same on every machine."""
    return random.Random(seed)  # noqa: S311 - demo data, not secrets


def _answer(rng: random.Random, level: float) -> int:
    return min(4, max(1, round(rng.gauss(level, 0.62))))


def _respondent(
    rng: random.Random, period: SurveyPeriod, quality: float, extras: list[ExtraElement]
) -> Answers:
    standard = {key: _answer(rng, 3.1 + quality + ELEMENT_BIAS[key]) for key in STANDARD_KEYS}
    profile = {
        "age_group": rng.choices(AgeGroup.values, AGE_WEIGHTS)[0],
        "sex": rng.choice(Sex.values),
        "education": rng.choices(Education.values, EDUCATION_WEIGHTS)[0],
        "occupation": rng.choices(Occupation.values, OCCUPATION_WEIGHTS)[0],
    }
    if rng.random() < 0.12:  # some people skip the profile questions
        profile = {}
    return Answers(
        standard=standard,
        extra={element.pk: _answer(rng, 3.1 + quality) for element in extras},
        profile=profile,
        service=rng.choice(period.services) if period.services and rng.random() < 0.9 else "",
        suggestion=rng.choice(SUGGESTIONS) if rng.random() < 0.18 else "",
    )


def _fill(period: SurveyPeriod, rng: random.Random, count: int, quality: float) -> int:
    extras = list(period.extra_elements.all())
    days = max(1, (min(period.end_date, timezone.localdate()) - period.start_date).days + 1)
    answers = [_respondent(rng, period, quality, extras) for _ in range(count)]
    responses = SurveyResponse.objects.bulk_create(
        build_response(
            period,
            extras,
            answer,
            Channel.ONLINE if rng.random() < 0.6 else Channel.PAPER,
            period.start_date + datetime.timedelta(days=rng.randrange(days)),
        )
        for answer in answers
    )
    if extras:
        ExtraAnswer.objects.bulk_create(
            ExtraAnswer(response=response, element_id=pk, value=value)
            for response, answer in zip(responses, answers, strict=True)
            for pk, value in answer.extra.items()
        )
    return count


def _semesters(today: datetime.date) -> list[tuple[str, datetime.date, datetime.date]]:
    """The previous year's second semester and the current year's semesters so far."""
    year = today.year
    semesters = [
        (f"Semester II {year - 1}", datetime.date(year - 1, 7, 1), datetime.date(year - 1, 12, 31)),
        (f"Semester I {year}", datetime.date(year, 1, 1), datetime.date(year, 6, 30)),
    ]
    if today.month >= 7:
        semesters.append(
            (f"Semester II {year}", datetime.date(year, 7, 1), datetime.date(year, 12, 31))
        )
    return semesters  # fmt: skip


def _period(
    unit: ServiceUnit, name: str, start: datetime.date, end: datetime.date, services: list[str]
) -> tuple[SurveyPeriod, bool]:
    rng = _rng(f"population:{unit.pk}")
    return SurveyPeriod.objects.get_or_create(
        unit=unit,
        name=name,
        defaults={
            "start_date": start,
            "end_date": end,
            "population": rng.choice([300, 800, 1500, 2400, 4000, 6000]),
            "services": services,
        },
    )


def _units(province: Region) -> list[tuple[ServiceUnit, list[str]]]:
    """Every matching unit of the province's own agencies and of Kota Semarang (where the demo
    accounts work), and a sample spread over the other kabupaten/kota."""
    in_province = Q(agency__region=province) | Q(agency__region__parent=province)
    featured = {province.code, "33.74"}
    first: list[tuple[ServiceUnit, list[str]]] = []
    others: list[tuple[ServiceUnit, list[str]]] = []
    for prefix, services in UNIT_KINDS:
        units = ServiceUnit.objects.filter(in_province, is_active=True, name__startswith=prefix)
        for unit in units.select_related("agency__region").order_by("agency__region__code", "pk"):
            target = first if unit.agency.region.code in featured else others
            target.append((unit, services))
    room = max(0, MAX_UNITS - len(first))
    step = max(1, len(others) // room) if room else len(others) + 1
    return first + others[::step][:room]


def _provincial_lab(province: Region) -> None:
    """The demo operator of the provincial Dinas Kesehatan gets a unit of its own."""
    agency = Agency.objects.filter(region=province, abbreviation="DINKES").first()
    if agency is not None:
        ServiceUnit.objects.get_or_create(
            agency=agency, name="Laboratorium Kesehatan Masyarakat Provinsi"
        )


def _add_extra_element(period: SurveyPeriod) -> None:
    if period.responses.exists() or period.extra_elements.exists():
        return
    ExtraElement.objects.create(
        period=period,
        position=1,
        name="Informasi layanan daring",
        question="Bagaimana pendapat Saudara tentang kejelasan informasi layanan di situs web?",
        question_en="How clear is the information about the service on the website?",
        scale="jelas",
        weight=1,
    )
    SurveyPeriod.objects.filter(pk=period.pk).update(weight_total=10)
    period.weight_total = 10


def _innovation_periods(today: datetime.date) -> int:
    """Periods ending before and starting after each linked innovation's launch."""
    added = 0
    innovations = Innovation.objects.filter(
        service_unit__isnull=False, launch_date__isnull=False, launch_date__lt=today
    ).select_related("service_unit")
    for innovation in innovations:
        launch = innovation.launch_date
        assert launch is not None and innovation.service_unit is not None
        unit = innovation.service_unit
        rng = _rng(f"innovation:{innovation.pk}")
        before_end = launch - datetime.timedelta(days=1)
        before_start = before_end - datetime.timedelta(days=181)
        after_start = launch + datetime.timedelta(days=30)
        after_end = min(after_start + datetime.timedelta(days=181), today)
        if after_end <= after_start:
            continue
        base = rng.uniform(-0.35, 0.05)
        for name, start, end, quality in (
            (f"Sebelum {innovation.name}"[:100], before_start, before_end, base),
            (f"Sesudah {innovation.name}"[:100], after_start, after_end, base + 0.35),
        ):
            period, created = _period(unit, name, start, end, [])
            if created:
                added += _fill(period, rng, rng.randint(30, 45), quality)
    return added


def seed(stdout: object) -> None:
    province = Region.objects.get(code=settings.SATU_HOME_REGION_CODE)
    today = timezone.localdate()
    _provincial_lab(province)
    added = 0
    semesters = _semesters(today)
    for unit, services in _units(province):
        rng = _rng(f"unit:{unit.pk}")
        quality = rng.uniform(-0.45, 0.45)
        for index, (name, start, end) in enumerate(semesters):
            period, created = _period(unit, name, start, end, services)
            if not created:
                continue
            if unit.name.startswith("Loket Perizinan Terpadu") and end >= today:
                _add_extra_element(period)
            current = end >= today
            count = rng.randint(6, 14) if current else rng.randint(12, 24)
            # Units tend to improve a little from one semester to the next.
            added += _fill(period, rng, count, quality + 0.08 * index)
    added += _innovation_periods(today)
    # The responses were written in bulk: every tally recomputed in two grouped queries (a
    # recount from the responses, so a second run changes nothing).
    fill_tallies()
    total = SurveyResponse.objects.count()
    stdout.write(f"Survey responses added: {added} (in all: {total})")  # type: ignore[attr-defined]
