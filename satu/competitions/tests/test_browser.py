"""In a real browser: an operator enters an innovation, the secretariat screens it, and a field
verifier records a visit on a phone-sized screen."""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from satu.agencies.tests.test_browser_journey import sign_in
from satu.competitions import demo
from satu.competitions.models import Entry, EntryStatus, FieldVerification, RoundKind, Stage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_entry_screening_and_the_verifiers_phone_form(
    live_server,
    page: Page,
    browser,
    operator,
    secretariat,
    field_verifier,
    agency_a,
    province,
    jurors,
    make_innovation,
):
    competition = demo.setup_competition(secretariat, province, 2026, "Kompetisi Uji", jurors)
    competition = demo.advance(secretariat, competition)
    make_innovation(agency_a, name="Jaga Ibu Hamil")

    # The operator enters the innovation and sees it accepted by the automatic check.
    sign_in(page, live_server.url, operator.email)
    page.goto(live_server.url + reverse("competitions:entry_create", args=[competition.pk]))
    page.locator("#id_innovation").select_option(label="Jaga Ibu Hamil")
    page.locator("#id_category").select_option(index=1)
    page.get_by_role("button", name="Daftarkan dan periksa").click()
    expect(page.get_by_text("Inovasi telah didaftarkan.")).to_be_visible()
    entry = Entry.objects.get(competition=competition)
    page.context.clear_cookies()

    # The secretariat screens it from the filtered list.
    competition = demo.advance(secretariat, competition)
    sign_in(page, live_server.url, secretariat.email)
    page.goto(live_server.url + reverse("competitions:entries", args=[competition.pk]))
    page.get_by_label("Jaga Ibu Hamil").check()
    page.get_by_label("Lolos", exact=True).check()
    page.get_by_role("button", name="Catat hasil seleksi").click()
    expect(page.get_by_text("1 peserta telah diseleksi.")).to_be_visible()
    entry.refresh_from_db()
    assert entry.status == EntryStatus.PASSED
    page.context.clear_cookies()

    # Put the entry on the shortlist and the competition in the field stage.
    Entry.objects.filter(pk=entry.pk).update(shortlisted_at="2026-08-01T00:00:00Z")
    competition.stage = Stage.FIELD_VERIFICATION
    competition.save()
    field = competition.rounds.get(kind=RoundKind.FIELD)
    field.state = "open"
    field.save()

    phone = browser.new_context(viewport={"width": 360, "height": 740}, locale="id-ID")
    mobile = phone.new_page()
    sign_in(mobile, live_server.url, field_verifier.email)
    mobile.goto(live_server.url + reverse("competitions:verifications", args=[competition.pk]))
    mobile.get_by_role("link", name="Jaga Ibu Hamil").click()
    for item in demo.CHECKLIST:
        group = mobile.get_by_role("radiogroup", name=item)
        group.get_by_label("Ya, terbukti").check()
    mobile.get_by_label("Lintang").fill("-6.990000")
    mobile.get_by_label("Bujur").fill("110.420000")
    mobile.locator("#id_score").fill("86.5")
    save = mobile.get_by_role("button", name="Simpan verifikasi")
    box = save.bounding_box()
    assert box is not None and box["height"] >= 44 and box["width"] >= 300
    # Nothing runs off the side of a 360 px screen.
    assert mobile.evaluate("document.documentElement.scrollWidth") <= 360
    save.click()
    expect(mobile.get_by_text("Verifikasi telah disimpan.")).to_be_visible()
    visit = FieldVerification.objects.get(entry=entry)
    assert visit.confirmed_count == len(demo.CHECKLIST)
    assert str(visit.score) == "86.50" and visit.location_source == "typed"
    phone.close()
