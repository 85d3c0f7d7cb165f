"""A competition in desk evaluation with a pool, a KIPP rubric and a committed assignment.

The pool is built so that the assignment is forced where it matters: four jurors, three per
entry; the conflicted juror works at agency A (provincial Dinas Kesehatan) and the fourth
juror lives in Kota Semarang, so the entries of agency A and of agency K (Kota Semarang) each
have exactly three eligible jurors, ``juror`` and ``other_juror`` among them.
"""

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.files.base import ContentFile

from satu.accounts.models import Role
from satu.competitions import demo
from satu.competitions.models import Entry, EntryStatus, JurorKind, RoundKind
from satu.core.testing.personas import grant, make_user
from satu.innovations.models import Evidence, EvidenceKind
from satu.jury import services
from satu.urusan.models import Urusan

NARRATIVE = (
    "Inovasi ini lahir di {agency} ({abbreviation}) {region}. Tim yang dipimpin {person} "
    "melayani warga {short} setiap hari."
)


def make_entry(competition, agency, name, *, people=(), urusan_code=2, **extra):
    region = agency.region
    person = people[0] if people else "Budi Hartono"
    text = NARRATIVE.format(
        agency=agency.name,
        abbreviation=agency.abbreviation,
        region=region.name,
        short=region.short_name,
        person=person,
    )
    innovation = demo.build_innovation(
        agency,
        name,
        Urusan.objects.get(code=urusan_code),
        datetime.date(2020, 1, 6),
        initiator_name="Budi Hartono",
        summary=text,
        novelty=f"Berbeda dari layanan {agency.abbreviation} sebelumnya.",
        **extra,
    )
    Evidence.objects.create(
        innovation=innovation,
        kind=EvidenceKind.REPORT,
        title=f"Laporan {agency.name} 2025",
        file=ContentFile(b"%PDF-1.4 laporan", name="laporan.pdf"),
        content_type="application/pdf",
        size=16,
    )
    Evidence.objects.create(
        innovation=innovation,
        kind=EvidenceKind.MEDIA,
        title=f"Berita {region.name}",
        url=f"https://{agency.abbreviation.lower()}.example.go.id/berita",
    )
    return Entry.objects.create(
        competition=competition,
        innovation=innovation,
        agency=agency,
        group="umum",
        status=EntryStatus.PASSED,
    )


@pytest.fixture
def desk(
    secretariat,
    province,
    kota_semarang,
    juror,
    other_juror,
    conflicted_juror,
    operator,
    agency_a,
    agency_b,
    agency_k,
    agency_other_region,
):
    competition = demo.setup_competition(secretariat, province, 2026, "Kompetisi Uji 2026", [])
    health = Urusan.objects.get(code=2)
    fourth = grant(make_user("juri.empat@example.id", "Juri Keempat"), Role.JUROR, province)
    details = services.JurorDetails
    seats = SimpleNamespace(
        juror=services.add_juror(
            secretariat,
            competition,
            juror,
            details(JurorKind.INDEPENDENT, 10, expertise=(health,)),
        ),
        other=services.add_juror(
            secretariat, competition, other_juror, details(JurorKind.INDEPENDENT, 10)
        ),
        conflicted=services.add_juror(
            secretariat,
            competition,
            conflicted_juror,
            details(JurorKind.INTERNAL, 10, agency=agency_a),
        ),
        fourth=services.add_juror(
            secretariat,
            competition,
            fourth,
            details(JurorKind.INDEPENDENT, 10, home_region=kota_semarang),
        ),
    )
    competition = demo.advance(secretariat, competition)  # registration
    entries = SimpleNamespace(
        a=make_entry(competition, agency_a, "Jaga Ibu Hamil", people=[operator.full_name]),
        b=make_entry(competition, agency_b, "Antrean Poliklinik Daring"),
        k=make_entry(competition, agency_k, "Posyandu Pintar"),
        x=make_entry(competition, agency_other_region, "Izin Lewat Balai Desa", urusan_code=29),
    )
    competition = demo.advance(secretariat, competition)  # screening
    competition = demo.advance(secretariat, competition)  # desk evaluation
    round = competition.rounds.get(kind=RoundKind.DESK)
    services.create_from_template(secretariat, round, "kipp-2023")
    services.propose_assignment(secretariat, round)
    services.commit_assignment(secretariat, round)
    round.refresh_from_db()
    return SimpleNamespace(
        competition=competition,
        round=round,
        seats=seats,
        entries=entries,
        secretariat=secretariat,
        rubric=round.rubric,
    )


def full_marks(rubric, value=80):
    """A mark for every scored criterion."""
    return {c.code: str(value) for c in rubric.criteria.all() if c.weight > Decimal(0)}
