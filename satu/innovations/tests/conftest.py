"""Fixtures of the innovation registry's tests: complete profiles and innovations at each step."""

import datetime
import decimal

import pytest
from django.utils import timezone

from satu.innovations import services
from satu.innovations.models import Innovation, Status
from satu.urusan.models import Urusan


def complete_values(**overrides: object) -> dict[str, object]:
    """A profile that may be submitted: stage "implementation" with everything it needs."""
    today = timezone.localdate()
    values: dict[str, object] = {
        "name": "Antrean Online Poli Rawat Jalan",
        "service_unit": None,
        "programme_year": today.year,
        "stage": "penerapan",
        "is_digital": True,
        "form": "pelayanan_publik",
        "initiator_kind": "opd",
        "initiator_name": "",
        "main_urusan": Urusan.objects.get(code=2),
        "related_urusan": [Urusan.objects.get(code=20)],
        "sdg_goals": [3],
        "trial_date": today - datetime.timedelta(days=400),
        "launch_date": today - datetime.timedelta(days=300),
        "budget": decimal.Decimal("150000000"),
        "design": "Pasien mendaftar lewat WhatsApp dan aplikasi; nomor antrean dikirim.",
        "goals": "Memangkas waktu tunggu pasien rawat jalan.",
        "benefits": "Pasien tidak perlu datang sejak subuh.",
        "results_before": "Waktu tunggu rata-rata tiga jam.",
        "results_after": "Waktu tunggu rata-rata empat puluh menit.",
        "summary": "Antrean daring untuk poli rawat jalan.",
        "background": "",
        "novelty": "",
        "implementation": "",
        "significance": "",
        "adaptability": "",
        "resources": "",
        "sustainability": "",
    }
    values.update(overrides)
    return values


@pytest.fixture
def draft(operator, agency_a) -> Innovation:
    """A complete draft of provincial agency A."""
    return services.create_innovation(operator, agency_a, complete_values())


@pytest.fixture
def draft_k(operator_k, agency_k) -> Innovation:
    """A complete draft of agency K, in Kota Semarang (verified by the regional admin)."""
    return services.create_innovation(
        operator_k, agency_k, complete_values(name="Jemput Bola Adminduk")
    )


def advance(innovation: Innovation, *people: object) -> Innovation:
    """Walk the chain: submit, approve, verify (kab/kota only), accept — one person a step."""
    steps = [
        services.submit_innovation,
        services.approve_innovation,
        services.verify_innovation,
        services.accept_innovation,
    ]
    if innovation.agency.region.is_province:
        steps.remove(services.verify_innovation)
    for step, person in zip(steps, people, strict=False):
        innovation = step(person, innovation)
    return innovation


@pytest.fixture
def accepted(draft, operator, agency_head, secretariat) -> Innovation:
    innovation = advance(draft, operator, agency_head, secretariat)
    assert innovation.status == Status.ACCEPTED
    return innovation
