"""The whole approval chain in a real browser, and a return whose reason the operator reads."""

import json
import re

import pytest
from playwright.sync_api import Page, expect

from satu.core.testing.personas import PASSWORD
from satu.innovations import services

from .conftest import complete_values

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page: Page, base: str, email: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base}/akun/masuk/")
    page.get_by_label("Alamat email").fill(email)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_role("heading", name="Selamat datang")).to_be_visible()


def open_from_queue(page: Page, base: str, name: str) -> None:
    page.goto(f"{base}/kelola/inovasi/menunggu/")
    expect(page.get_by_role("heading", name="Menunggu Anda")).to_be_visible()
    page.get_by_role("link", name=name).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)


def test_an_innovation_walks_the_whole_chain_and_appears_in_the_api(
    live_server, page: Page, operator_k, agency_head_k, regional_admin, secretariat
):
    base = live_server.url
    name = "Jemput Bola Adminduk Kota Semarang"

    # The operator registers a draft and submits it.
    sign_in(page, base, operator_k.email)
    page.get_by_role("navigation", name="Menu ruang kerja").get_by_role(
        "link", name="Inovasi", exact=True
    ).click()
    page.get_by_role("link", name="Daftarkan inovasi").click()
    page.get_by_label("Nama inovasi").fill(name)
    page.get_by_label("Tahapan").select_option(label="Inisiatif")
    page.get_by_label(re.compile(r"^Bentuk\b")).select_option(label="Pelayanan publik")
    page.get_by_label(re.compile(r"^Inisiator\b")).select_option(label="Perangkat daerah (OPD)")
    page.get_by_label("Urusan utama").select_option(
        label="12. Administrasi Kependudukan dan Pencatatan Sipil"
    )
    page.get_by_label("Tujuan", exact=True).fill("Warga tidak perlu datang ke kantor dinas.")
    page.get_by_label("Manfaat", exact=True).fill("Dokumen kependudukan selesai di rumah.")
    page.get_by_role("button", name="Simpan draf").click()
    expect(page.get_by_text("Draf telah disimpan.")).to_be_visible()
    page.get_by_role("button", name="Ajukan ke kepala OPD").click()
    expect(page.get_by_text("Inovasi telah diajukan ke kepala OPD.")).to_be_visible()

    # The agency head finds it waiting and approves.
    sign_in(page, base, agency_head_k.email)
    expect(page.get_by_role("link", name="Notifikasi 1 belum dibaca")).to_be_visible()
    open_from_queue(page, base, name)
    page.get_by_role("button", name="Setujui").click()
    expect(page.get_by_text("Inovasi telah disetujui.")).to_be_visible()

    # The regional administrator of Kota Semarang verifies.
    sign_in(page, base, regional_admin.email)
    open_from_queue(page, base, name)
    page.get_by_role("button", name="Verifikasi").click()
    expect(page.get_by_text("Inovasi telah diverifikasi.")).to_be_visible()

    # Not public yet.
    page.goto(f"{base}/api/v1/innovations")
    assert name not in page.content()

    # The secretariat accepts.
    sign_in(page, base, secretariat.email)
    open_from_queue(page, base, name)
    page.get_by_role("button", name="Terima").click()
    expect(page.get_by_text("Inovasi telah diterima.")).to_be_visible()
    expect(page.locator(".badge", has_text="Diterima sekretariat")).to_be_visible()

    page.context.clear_cookies()
    response = page.request.get(f"{base}/api/v1/innovations?region=33.74")
    data = json.loads(response.body())
    assert [item["name"] for item in data["results"]] == [name]


def test_a_returned_innovation_shows_its_reason_to_the_operator(
    live_server, page: Page, operator, agency_head, agency_a
):
    base = live_server.url
    innovation = services.create_innovation(
        operator, agency_a, complete_values(name="Antrean Online Poli Rawat Jalan")
    )
    services.submit_innovation(operator, innovation)

    sign_in(page, base, agency_head.email)
    page.goto(f"{base}/kelola/inovasi/{innovation.pk}/")
    page.get_by_text("Kembalikan untuk perbaikan").click()
    page.get_by_label("Alasan").fill("Hasil sesudah inovasi belum terukur; lampirkan data 2026.")
    page.get_by_role("button", name="Kembalikan ke operator").click()
    expect(page.get_by_text("Inovasi telah dikembalikan ke operator.")).to_be_visible()

    sign_in(page, base, operator.email)
    page.get_by_role("link", name="Notifikasi 1 belum dibaca").click()
    page.get_by_role("link", name="dikembalikan untuk perbaikan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Antrean Online Poli Rawat Jalan")
    reason = page.get_by_role("alert").filter(has_text="Dikembalikan untuk perbaikan")
    expect(reason).to_contain_text("Hasil sesudah inovasi belum terukur; lampirkan data 2026.")
    expect(page.get_by_role("button", name="Ajukan kembali")).to_be_visible()
