"""In a real browser: a citizen answers on a phone; an operator types paper questionnaires."""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from satu.core.testing.personas import PASSWORD
from satu.surveys.elements import STANDARD_KEYS
from satu.surveys.models import SurveyResponse

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_citizen_answers_the_survey_on_a_phone(live_server, page: Page, period_a):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + reverse("surveys:form", args=[period_a.code]))
    expect(page.get_by_role("heading", level=1)).to_have_text("Survei kepuasan masyarakat")
    labels = ["Sangat sesuai", "Mudah", "Cepat", "Gratis", "Sesuai", "Kompeten",
              "Sopan dan ramah", "Dikelola dengan baik", "Baik"]  # fmt: skip
    for number, label in enumerate(labels):
        page.locator("fieldset.q").nth(number).get_by_label(label, exact=True).check()
    page.get_by_label("Kelompok umur").select_option(label="30–39 tahun")
    page.get_by_role("button", name="Kirim jawaban").click()
    expect(page.get_by_role("heading", name="Terima kasih!")).to_be_visible()
    saved = SurveyResponse.objects.get()
    assert [getattr(saved, key) for key in STANDARD_KEYS] == [4, 3, 3, 4, 3, 3, 3, 4, 3]
    assert saved.age_group == "30-39"
    assert [cookie["name"] for cookie in page.context.cookies()] == ["skm_perangkat"]


def test_an_operator_types_paper_questionnaires_with_the_keyboard_only(
    live_server, page: Page, operator, period_a
):
    page.goto(f"{live_server.url}/akun/masuk/")
    page.get_by_label("Alamat email").fill(operator.email)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.goto(live_server.url + reverse("surveys:entry", args=[period_a.pk]))
    page.locator('input[name="r1-persyaratan"]').focus()
    page.keyboard.type("432432432")  # each digit moves on to the next cell
    expect(page.locator('input[name="r1-umur"]')).to_be_focused()
    page.keyboard.press("Enter")  # the next questionnaire
    expect(page.locator('input[name="r2-persyaratan"]')).to_be_focused()
    page.keyboard.type("333333333")
    page.get_by_role("button", name="Simpan semua baris").click()
    expect(page.get_by_text("2 kuesioner telah disimpan.")).to_be_visible()
    rows = sorted(
        tuple(getattr(r, key) for key in STANDARD_KEYS) for r in SurveyResponse.objects.all()
    )
    assert rows == [(3,) * 9, (4, 3, 2, 4, 3, 2, 4, 3, 2)]
