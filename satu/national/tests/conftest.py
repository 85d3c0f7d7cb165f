import datetime

import pytest

from satu.competitions.demo import build_innovation
from satu.national import services
from satu.national.models import Assessment, RuleSet
from satu.urusan.models import Urusan

DESIGN = " ".join(["kata"] * 320)


@pytest.fixture
def rules_2026(reference_data) -> RuleSet:
    return RuleSet.objects.get(year=2026)


@pytest.fixture
def make_innovation(reference_data):
    counter = iter(range(1, 10_000))

    def make(agency, name=None, urusan=2, launch=datetime.date(2024, 5, 1), **extra):
        extra.setdefault("design", DESIGN)
        return build_innovation(
            agency,
            name or f"Inovasi Uji {next(counter)}",
            Urusan.objects.get(code=urusan),
            launch,
            **extra,
        )

    return make


def fill(assessment: Assessment, region_user, innovation_user, innovations, level=3) -> None:
    """Answer every indicator at ``level`` with a link as evidence (a video link for 35)."""
    rules = assessment.rules()
    for rule in rules.of("SPD"):
        answer = services.answer_indicator(region_user, assessment, rule.code, level)
        services.add_evidence(
            region_user, answer, title=f"Bukti {rule.code}", url="https://data.example.id/spd"
        )
    for innovation in innovations:
        services.include_innovation(innovation_user, assessment, innovation)
        for rule in rules.of("SID"):
            answer = services.answer_indicator(
                innovation_user, assessment, rule.code, level, innovation=innovation
            )
            services.add_evidence(
                innovation_user,
                answer,
                title=f"Bukti {rule.code}",
                url=f"https://video.example.id/{innovation.pk}/{rule.code}",
            )


@pytest.fixture
def kota_assessment(regional_admin, kota_semarang, rules_2026) -> Assessment:
    return services.start_assessment(regional_admin, kota_semarang, 2026)
