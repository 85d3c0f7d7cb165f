"""A certificate's QR page verifies a real certificate and rejects an altered or unknown code."""

import pytest
from django.urls import reverse

from satu.competitions import services
from satu.competitions.models import Certificate, Entry
from satu.competitions.services import certificates

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate(competition, agency_a, make_innovation):
    entry = Entry.objects.create(
        competition=competition,
        innovation=make_innovation(agency_a, name="Jaga Ibu Hamil"),
        agency=agency_a,
        group="umum",
        status="passed",
        is_winner=True,
        rank=1,
        award_title="Juara 1",
    )
    cert = Certificate(
        entry=entry,
        kind="winner",
        title="Juara 1 — Umum",
        code=certificates.new_code(),
        issued_on=competition.age_reference_date,
    )
    cert.signature = certificates.sign(cert)
    cert.save()
    return cert


def test_a_real_certificate_verifies_on_its_qr_page(client, certificate):
    response = client.get(reverse("competitions:certificate_verify", args=[certificate.code]))
    assert response.status_code == 200
    assert response.context["genuine"] is True
    html = response.content.decode()
    assert "Jaga Ibu Hamil" in html and certificate.entry.agency.name in html
    assert "Juara 1 — Umum" in html


def test_the_printed_dashed_code_verifies_too(client, certificate):
    printed = certificates.display_code(certificate.code).lower()
    assert services.verify_code(printed).genuine


@pytest.mark.parametrize("position", [0, 7, 15, 16, 23])
def test_an_altered_code_is_rejected(client, certificate, position):
    code = certificate.code
    swapped = "B" if code[position] != "B" else "C"
    altered = code[:position] + swapped + code[position + 1 :]
    response = client.get(reverse("competitions:certificate_verify", args=[altered]))
    assert response.status_code == 404
    assert response.context["genuine"] is False
    assert "Jaga Ibu Hamil" not in response.content.decode()


def test_an_unknown_well_formed_code_is_rejected(client, certificate):
    assert not services.verify_code(certificates.new_code()).genuine


def test_a_record_altered_in_the_database_is_not_genuine(certificate):
    Certificate.objects.filter(pk=certificate.pk).update(title="Juara Umum Nasional")
    assert not services.verify_code(certificate.code).genuine


def test_the_pdf_carries_the_verification_link_in_its_qr_code(certificate):
    html = certificates.render_html(certificate)
    assert certificates.verification_url(certificate) in html
    assert "data:image/svg+xml" in html
    assert services.certificate_pdf(certificate).startswith(b"%PDF")
    certificate.refresh_from_db()
    assert certificate.file.name.endswith(".pdf")


def test_codes_are_random_and_long(certificate):
    codes = {certificates.new_code() for _ in range(200)}
    assert len(codes) == 200
    assert all(len(c) == 24 and certificates.code_is_well_formed(c) for c in codes)
