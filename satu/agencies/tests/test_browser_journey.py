"""First browser journey: an operator signs in and sees the own agency; an outsider cannot."""

import pytest
from playwright.sync_api import Page, expect

from satu.core.testing.personas import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page: Page, base: str, email: str) -> None:
    page.goto(f"{base}/akun/masuk/")
    page.get_by_label("Alamat email").fill(email)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()


def test_an_operator_sees_the_own_agency_and_an_outsider_does_not(
    live_server, page: Page, operator, outsider_operator, agency_a
):
    sign_in(page, live_server.url, operator.email)
    expect(page.get_by_role("heading", name="Selamat datang, Operator")).to_be_visible()
    page.get_by_role("link", name=agency_a.name).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(agency_a.name)
    agency_url = page.url

    page.context.clear_cookies()
    sign_in(page, live_server.url, outsider_operator.email)
    expect(page.get_by_role("heading", name="Selamat datang")).to_be_visible()
    response = page.goto(agency_url)
    assert response is not None and response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Halaman tidak ditemukan")
    expect(page.get_by_text(agency_a.name)).to_have_count(0)
