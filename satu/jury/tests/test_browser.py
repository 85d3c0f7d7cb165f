"""In a real browser on a phone: a juror types marks with the keyboard, the draft saves itself,
survives a reload, and the final submit moves on to the next entry."""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from satu.agencies.tests.test_browser_journey import sign_in
from satu.jury.models import JurorAssignment, ScoreChange, ScoreSheet, SheetStatus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_juror_scores_an_entry_with_the_keyboard_on_a_phone(
    live_server, browser, desk, juror, page: Page
):
    assignments = list(JurorAssignment.objects.filter(juror=desk.seats.juror).order_by("entry_id"))
    first = assignments[0]
    scored = [c for c in desk.rubric.criteria.all() if c.weight > 0]

    phone = browser.new_context(viewport={"width": 360, "height": 740}, locale="id-ID")
    mobile = phone.new_page()
    sign_in(mobile, live_server.url, juror.email)
    mobile.goto(live_server.url + reverse("jury:home"))
    mobile.get_by_role("link", name="Mulai menilai").click()
    expect(mobile.get_by_text("Babak tersamar")).to_be_visible()
    assert mobile.evaluate("document.documentElement.scrollWidth") <= 360

    # Marks one after the other with Tab; the draft saves itself in the background.
    mobile.get_by_role("spinbutton", name=scored[0].name).click()
    for index, _criterion in enumerate(scored):
        mobile.keyboard.type(str(70 + index))
        if index + 1 < len(scored):
            mobile.keyboard.press("Tab")
    focused = mobile.evaluate("document.activeElement.name")
    assert focused == f"mark_{scored[-1].code}"
    expect(mobile.locator("#autosave")).to_contain_text("Draf tersimpan", timeout=10_000)
    sheet = ScoreSheet.objects.get(juror=desk.seats.juror, entry=first.entry)
    assert sheet.status == SheetStatus.DRAFT
    assert sheet.marks[scored[0].code] == "70"

    # A reload keeps what was typed.
    mobile.reload()
    expect(mobile.get_by_role("spinbutton", name=scored[1].name)).to_have_value("71")

    # A wrong mark is refused by the final submit, with the field marked.
    mobile.get_by_role("spinbutton", name=scored[0].name).fill("170")
    mobile.get_by_role("button", name="Kirim nilai").click()
    expect(mobile.get_by_text("Beri nilai dari 0 sampai 100")).to_be_visible()
    mobile.get_by_role("spinbutton", name=scored[0].name).fill("70")
    submit = mobile.get_by_role("button", name="Kirim nilai")
    box = submit.bounding_box()
    assert box is not None and box["height"] >= 44
    submit.click()

    # Submitted; the next unscored entry opens.
    expect(mobile.get_by_text("Nilai Anda untuk peserta ini telah dikirim.")).to_be_visible()
    sheet.refresh_from_db()
    assert sheet.status == SheetStatus.SUBMITTED
    assert mobile.url.endswith(reverse("jury:score", args=[assignments[1].pk]))
    assert ScoreChange.objects.filter(sheet=sheet, action="submit").exists()
    phone.close()
