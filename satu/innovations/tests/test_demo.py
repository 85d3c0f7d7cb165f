"""The demo set: three programme years across the province, every status, idempotent."""

import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from satu.accounts.models import User
from satu.agencies.models import HOSPITAL_TYPES
from satu.audit.models import AuditEntry
from satu.innovations import policies
from satu.innovations.models import (
    Evidence,
    Innovation,
    InnovationYear,
    ReviewEvent,
    Revision,
    Status,
)
from satu.innovations.validation import submission_errors

pytestmark = pytest.mark.django_db


def counts() -> tuple[int, ...]:
    return tuple(
        model.objects.count()
        for model in (Innovation, InnovationYear, Evidence, ReviewEvent, Revision)
    )


def test_the_demo_set_is_realistic_complete_and_added_only_once(reference_data):
    call_command("seed_demo", "--quiet-accounts", stdout=io.StringIO())
    innovations = Innovation.objects.select_related("agency__region")
    assert 400 <= innovations.count() <= 1200
    # The competition and national demos add some innovations of earlier years.
    assert {2024, 2025, 2026} <= set(innovations.values_list("programme_year", flat=True))
    assert set(innovations.values_list("status", flat=True)) == set(Status.values)
    assert innovations.filter(agency__type__in=HOSPITAL_TYPES, status=Status.ACCEPTED).count() > 30
    regions = set(innovations.values_list("agency__region__code", flat=True))
    assert "33" in regions and len(regions) == 36  # the province and all 35 kabupaten/kota
    assert innovations.values("agency").distinct().count() > 300
    assert InnovationYear.objects.filter(status="developed").exists()
    assert InnovationYear.objects.filter(status="stopped").exclude(stop_reason="").exists()
    assert Evidence.objects.filter(is_public=True).exclude(url="").exists()
    today = timezone.localdate()
    for innovation in innovations.exclude(status=Status.DRAFT)[:200]:
        assert submission_errors(innovation, today=today) == {}, innovation
        assert innovation.review_events.exists()
    # Every returned innovation tells the operator why.
    for innovation in innovations.filter(status=Status.RETURNED):
        assert innovation.review_events.order_by("created_at", "pk").last().reason
    # The demo accounts find work waiting for them.
    for email in (
        "kepala.dinkes@satuinovasi.test",
        "admin.semarang@satuinovasi.test",
        "sekretariat@satuinovasi.test",
        "operator.dinkes@satuinovasi.test",
    ):
        assert policies.waiting_for_me(User.objects.get(email=email)).exists(), email
    assert AuditEntry.objects.filter(action="innovation.demo_seed").count() == 1

    first = counts()
    call_command("seed_demo", "--quiet-accounts", stdout=io.StringIO())
    assert counts() == first
    assert AuditEntry.objects.filter(action="innovation.demo_seed").count() == 1
