"""A visitor filters the public board and shares the view; the page passes an axe check."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from satu.innovations.models import Status

from .conftest import make_innovation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_visitor_filters_the_board_and_the_url_shares_the_view(
    live_server, page: Page, year, agency_k, agency_a
):
    make_innovation(agency_a, Status.ACCEPTED)
    page.goto(f"{live_server.url}/kepatuhan/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Kepatuhan Satu OPD Satu Inovasi 2026"
    )
    page.get_by_label("Wilayah", exact=True).select_option("33.74")
    page.get_by_label("Status", exact=True).select_option("nothing")
    page.get_by_role("button", name="Terapkan").click()
    assert "region=33.74" in page.url and "status=nothing" in page.url
    row = page.locator("#agency-table tbody tr")
    expect(row).to_have_count(1)
    expect(row).to_contain_text(agency_k.name)
    expect(row).to_contain_text("Belum ada")  # the status is written, not only coloured

    shared = page.context.new_page()
    shared.goto(page.url)
    expect(shared.locator("#agency-table tbody tr")).to_contain_text(agency_k.name)
    expect(shared.get_by_label("Wilayah", exact=True)).to_have_value("33.74")

    page.goto(f"{live_server.url}/kepatuhan/2026/")
    page.get_by_role("link", name="Memenuhi (%)").click()
    first_region = page.locator("#region-table tbody tr").first
    expect(first_region).to_have_attribute("data-region", "33")  # the only one that complied


def test_the_public_board_has_no_serious_accessibility_violation(
    live_server, page: Page, year, agency_k
):
    page.goto(f"{live_server.url}/kepatuhan/2026/")
    results = Axe().run(page)
    serious = [
        violation
        for violation in results.response["violations"]
        if violation["impact"] in ("serious", "critical")
    ]
    assert serious == [], results.generate_report()
