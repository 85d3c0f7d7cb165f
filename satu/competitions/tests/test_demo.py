"""seed_demo adds a finished 2025 competition and a 2026 one in desk evaluation, once."""

import io

import pytest
from django.core.management import call_command

from satu.competitions.models import Certificate, Competition, Entry, Stage
from satu.competitions.services import verify_code

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_finished_and_a_running_competition(reference_data):
    call_command("seed_demo", "--quiet-accounts", stdout=io.StringIO())
    finished = Competition.objects.get(year=2025)
    running = Competition.objects.get(year=2026)
    assert finished.stage == Stage.ANNOUNCED
    assert running.stage == Stage.DESK_EVALUATION
    certificates = Certificate.objects.filter(entry__competition=finished)
    assert certificates.exists() and all(verify_code(c.code).genuine for c in certificates)
    assert Entry.objects.filter(competition=running).exists()
    # The 2025 winners are earlier top winners now: none of them is in the 2026 general group.
    winners = Entry.objects.filter(competition=finished, is_winner=True).values("innovation")
    assert not Entry.objects.filter(competition=running, group="umum", innovation__in=winners)
    call_command("seed_demo", "--quiet-accounts", stdout=io.StringIO())
    assert Competition.objects.count() == 2
