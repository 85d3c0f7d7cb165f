import datetime

import pytest

from satu.accounts.models import Role
from satu.competitions import demo
from satu.core.testing.personas import grant, make_user
from satu.urusan.models import Urusan


@pytest.fixture
def jurors(province):
    return [
        grant(make_user(f"juri{n}@example.id", f"Juri {n}"), Role.JUROR, province)
        for n in range(1, 5)
    ]


@pytest.fixture
def entrant(superuser):
    """Enters innovations of many agencies at once (the generated data of the big tests)."""
    return superuser


@pytest.fixture
def competition(secretariat, province, jurors):
    """A 2026 competition set up like the demo: three rounds, two categories, quotas 3 and 1."""
    return demo.setup_competition(secretariat, province, 2026, "Kompetisi Uji 2026", jurors)


@pytest.fixture
def open_competition(competition, secretariat):
    return demo.advance(secretariat, competition)


@pytest.fixture
def urusan(reference_data):
    return Urusan.objects.get(code=2)


@pytest.fixture
def make_innovation(urusan):
    counter = iter(range(1, 10_000))

    def make(agency, name=None, launch=datetime.date(2020, 1, 1), **extra):
        return demo.build_innovation(
            agency, name or f"Inovasi {next(counter)}", urusan, launch, **extra
        )

    return make
