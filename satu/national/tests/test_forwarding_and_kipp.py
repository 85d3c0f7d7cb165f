import datetime
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document

from satu.competitions import demo as competition_demo
from satu.competitions import services as competition_services
from satu.competitions.models import Award, AwardSource, Group
from satu.core.errors import DomainError, PermissionDeniedError
from satu.innovations.models import Evidence, EvidenceKind
from satu.national import kipp, services
from satu.national.models import ExportStatus, Outcome, Programme

pytestmark = pytest.mark.django_db


def outcome(programme, name):
    return Outcome.objects.get(programme=programme, name=name)


@pytest.fixture
def winner(agency_a, make_innovation):
    return make_innovation(agency_a, "Tele Apik", launch=datetime.date(2017, 5, 2))


def test_an_earlier_national_top_winner_is_refused_by_a_new_competition(
    winner, secretariat, operator, province, competition_jurors
):
    forwarding = services.forward_innovation(
        secretariat, winner, Programme.KIPP, 2019, forwarded_on=datetime.date(2019, 3, 1)
    )
    services.record_outcome(
        secretariat,
        forwarding,
        outcome(Programme.KIPP, "Top 45"),
        outcome_on=datetime.date(2019, 7, 1),
    )
    award = Award.objects.get(innovation=winner)
    assert (award.source, award.year, award.title, award.is_top_winner) == (
        AwardSource.KIPP,
        2019,
        "Top 45",
        True,
    )
    competition = competition_demo.setup_competition(
        secretariat, province, 2026, "Kompetisi Uji 2026", competition_jurors
    )
    competition = competition_demo.advance(secretariat, competition)  # registration
    failures = competition_services.check_entry(competition, winner, group=Group.GENERAL)
    assert "earlier_top_winner" in [f.code for f in failures]
    with pytest.raises(competition_services.EligibilityError) as refused:
        competition_services.enter_innovation(
            operator,
            competition,
            winner,
            group=Group.GENERAL,
            category=competition.categories.first(),
        )
    assert "earlier_top_winner" in refused.value.codes
    assert "Top 45 KIPP (KemenPAN-RB) 2019" in str(refused.value.message)

    # Corrected to Top 99 (a shortlisting, not a top win): the same award is updated.
    services.record_outcome(secretariat, forwarding, outcome(Programme.KIPP, "Top 99"))
    award.refresh_from_db()
    assert (award.title, award.is_top_winner, award.is_shortlisting) == ("Top 99", False, True)
    failures = competition_services.check_entry(competition, winner, group=Group.GENERAL)
    assert "earlier_top_winner" not in [f.code for f in failures]
    # Not selected after all: the award goes.
    services.record_outcome(secretariat, forwarding, outcome(Programme.KIPP, "Tidak lolos seleksi"))
    assert not Award.objects.filter(innovation=winner).exists()


@pytest.fixture
def competition_jurors(province):
    from satu.accounts.models import Role
    from satu.core.testing.personas import grant, make_user

    return [
        grant(make_user(f"juri{n}@example.id", f"Juri {n}"), Role.JUROR, province)
        for n in range(1, 4)
    ]


def test_only_the_secretariat_forwards_and_each_programme_once_a_year(
    winner, secretariat, operator, regional_admin
):
    for outsider in (operator, regional_admin):
        with pytest.raises(PermissionDeniedError):
            services.forward_innovation(
                outsider, winner, Programme.IGA, 2025, forwarded_on=datetime.date(2025, 7, 1)
            )
    services.forward_innovation(
        secretariat, winner, Programme.IGA, 2025, forwarded_on=datetime.date(2025, 7, 1)
    )
    with pytest.raises(DomainError):
        services.forward_innovation(
            secretariat, winner, Programme.IGA, 2025, forwarded_on=datetime.date(2025, 7, 2)
        )
    forwarding = winner.forwardings.get()
    with pytest.raises(DomainError):  # a KIPP outcome on an IGA forwarding
        services.record_outcome(secretariat, forwarding, outcome(Programme.KIPP, "Top 99"))
    services.record_outcome(
        secretariat,
        forwarding,
        outcome(Programme.IGA, "Nominator IGA"),
        predicate="Sangat Inovatif",
    )
    award = Award.objects.get(innovation=winner)
    assert (award.source, award.title, award.note) == (
        AwardSource.IGA,
        "Nominator IGA",
        "Sangat Inovatif",
    )


def test_the_kipp_export_refuses_a_summary_over_200_words(winner):
    winner.summary = " ".join(["kata"] * 201)
    with pytest.raises(DomainError) as refused:
        kipp.build_proposal(winner)
    assert refused.value.code == "proposal_incomplete"
    assert "bagian “Ringkasan” berisi 201 kata; paling banyak 200 kata" in str(
        refused.value.message
    )
    winner.summary = " ".join(["kata"] * 200)
    assert kipp.build_proposal(winner).sections[0].words == 200


def test_the_kipp_export_refuses_a_missing_mandatory_section(winner):
    winner.significance = "   "
    winner.sustainability = ""
    with pytest.raises(DomainError) as refused:
        kipp.build_proposal(winner)
    message = str(refused.value.message)
    assert "Tele Apik" in message
    assert "bagian “Signifikansi” masih kosong" in message
    assert "bagian “Strategi keberlanjutan” masih kosong" in message
    assert "Ringkasan" not in message


def test_the_proposal_in_kipp_order_as_text_docx_pdf_and_zip(winner):
    Evidence.objects.create(
        innovation=winner,
        kind=EvidenceKind.DECREE,
        title="SK Direktur",
        file=SimpleUploadedFile("sk.pdf", b"%PDF-1.4 sk"),
        content_type="application/pdf",
    )
    Evidence.objects.create(
        innovation=winner, kind=EvidenceKind.VIDEO, title="Video", url="https://video.example.id/1"
    )
    proposal = kipp.build_proposal(winner)
    assert [s.key for s in proposal.sections] == [
        "summary",
        "background",
        "novelty",
        "implementation",
        "significance",
        "adaptability",
        "resources",
        "sustainability",
    ]
    text = kipp.render_text(proposal)
    assert (
        text.index("1. RINGKASAN")
        < text.index("2. LATAR BELAKANG")
        < text.index("8. STRATEGI KEBERLANJUTAN")
    )
    docx = Document(io.BytesIO(kipp.render_docx(proposal)))
    headings = [p.text for p in docx.paragraphs if p.style.name.startswith("Heading 2")]
    assert headings[:2] == ["1. Ringkasan", "2. Latar belakang dan tujuan"]
    assert kipp.render_pdf(proposal).startswith(b"%PDF")
    archive = zipfile.ZipFile(io.BytesIO(kipp.render_zip(proposal)))
    names = archive.namelist()
    base = proposal.base_name
    assert {f"{base}.pdf", f"{base}.docx", f"{base}.txt"} <= set(names)
    assert "lampiran/01-sk-direktur.pdf" in names
    assert archive.read("lampiran/01-sk-direktur.pdf") == b"%PDF-1.4 sk"
    assert "https://video.example.id/1" in archive.read("lampiran/tautan.txt").decode()


def test_the_batch_export_holds_every_forwarded_proposal_and_the_summary(
    agency_a, make_innovation, secretariat, operator, django_capture_on_commit_callbacks
):
    good = [make_innovation(agency_a, f"Inovasi Baik {n}") for n in range(1, 8)]
    bad = make_innovation(agency_a, "Inovasi Belum Lengkap", novelty="")
    for innovation in [*good, bad]:
        services.forward_innovation(
            secretariat, innovation, Programme.KIPP, 2026, forwarded_on=datetime.date(2026, 4, 1)
        )
    with pytest.raises(PermissionDeniedError):
        services.request_batch_export(operator, 2026)
    with django_capture_on_commit_callbacks(execute=True):
        export = services.request_batch_export(secretariat, 2026)  # 8 > 5: a background task
    export.refresh_from_db()
    assert export.status == ExportStatus.DONE
    assert export.proposals == 7
    assert export.refused[0]["innovation"] == "Inovasi Belum Lengkap"
    with export.file.open("rb") as handle:
        archive = zipfile.ZipFile(io.BytesIO(handle.read()))
    folders = {name.split("/")[0] for name in archive.namelist() if "/" in name}
    assert len(folders) == 7
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(archive.read("kipp-2026-ringkasan.xlsx"))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 9  # header + 8
    refused_row = next(row for row in rows if row[1] == "Inovasi Belum Lengkap")
    assert "Kebaruan" in refused_row[-1]
