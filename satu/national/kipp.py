"""The KIPP proposal of an innovation: checked, then rendered as PDF, DOCX, text and ZIP.

Sections follow the KIPP 2023 order (domain notes, section 2.4), the order of the questions in
SINOVIK. The only word limit the sources state is the summary's (at most 200 words); other
limits are not confirmed (domain notes, section 9), so none is invented here. Every section is
mandatory, as in the competition's own completeness check.
"""

import io
import zipfile
from dataclasses import dataclass, field

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from satu.competitions.eligibility import KIPP_SECTIONS, SUMMARY_MAX_WORDS
from satu.core.errors import DomainError
from satu.innovations.models import Evidence, Innovation
from satu.lib.text import word_count

WORD_LIMITS = {"summary": SUMMARY_MAX_WORDS}


@dataclass(frozen=True)
class Section:
    key: str
    label: str
    text: str
    words: int
    limit: int | None


@dataclass
class Proposal:
    innovation: Innovation
    sections: list[Section]
    attachments: list[Evidence] = field(default_factory=list)

    @property
    def base_name(self) -> str:
        return f"kipp-{self.innovation.pk}-{slugify(self.innovation.name)[:60] or 'inovasi'}"


def section_problems(innovation: Innovation) -> list[str]:
    """What keeps the proposal from being exported, each naming its section."""
    found = []
    for key, label in KIPP_SECTIONS:
        text = (getattr(innovation, key) or "").strip()
        if not text:
            found.append(_("the section “%(section)s” is empty") % {"section": label})
            continue
        limit = WORD_LIMITS.get(key)
        words = word_count(text)
        if limit is not None and words > limit:
            found.append(
                _("the section “%(section)s” has %(words)s words; at most %(max)s are allowed")
                % {"section": label, "words": words, "max": limit}
            )
    return found


def build_proposal(innovation: Innovation) -> Proposal:
    """The checked proposal; refused with every failing section named."""
    found = section_problems(innovation)
    if found:
        raise DomainError(
            _("The KIPP proposal of %(innovation)s cannot be exported: %(problems)s.")
            % {"innovation": innovation.name, "problems": "; ".join(found)},
            code="proposal_incomplete",
        )
    sections = []
    for key, label in KIPP_SECTIONS:
        text = getattr(innovation, key).strip()
        sections.append(Section(key, label, text, word_count(text), WORD_LIMITS.get(key)))
    attachments = list(innovation.evidence.order_by("created_at", "pk"))
    return Proposal(innovation, sections, attachments)


def _facts(proposal: Proposal) -> list[tuple[str, str]]:
    innovation = proposal.innovation
    agency = innovation.agency
    return [
        ("Nama inovasi", innovation.name),
        ("Instansi / unit pelayanan", agency.name),
        ("Wilayah", agency.region.name),
        (
            "Tanggal penerapan",
            innovation.launch_date.strftime("%d-%m-%Y") if innovation.launch_date else "-",
        ),
        ("Urusan utama", str(innovation.main_urusan)),
    ]


def render_text(proposal: Proposal) -> str:
    """Plain text to paste into SINOVIK, one question after another."""
    lines = [f"PROPOSAL KIPP — {proposal.innovation.name}", ""]
    lines += [f"{label}: {value}" for label, value in _facts(proposal)]
    for number, section in enumerate(proposal.sections, start=1):
        lines += ["", f"{number}. {section.label.upper()} ({section.words} kata)", section.text]
    if proposal.attachments:
        lines += ["", "LAMPIRAN"]
        lines += [
            f"- {item.title}" + (f" ({item.url})" if item.url else "")
            for item in proposal.attachments
        ]
    return "\n".join(lines) + "\n"


def render_pdf(proposal: Proposal) -> bytes:
    from weasyprint import HTML

    html = render_to_string(
        "national/kipp_proposal_pdf.html",
        {
            "proposal": proposal,
            "facts": _facts(proposal),
            "generated": timezone.localtime(),
            "site_name": settings.SATU_SITE_NAME,
        },
    )
    return HTML(string=html).write_pdf()


def render_docx(proposal: Proposal) -> bytes:
    from docx import Document

    document = Document()
    document.core_properties.title = f"Proposal KIPP — {proposal.innovation.name}"
    document.add_heading(f"Proposal KIPP — {proposal.innovation.name}", level=1)
    table = document.add_table(rows=0, cols=2)
    for label, value in _facts(proposal):
        cells = table.add_row().cells
        cells[0].text, cells[1].text = label, value
    for number, section in enumerate(proposal.sections, start=1):
        document.add_heading(f"{number}. {section.label}", level=2)
        for paragraph in section.text.split("\n"):
            if paragraph.strip():
                document.add_paragraph(paragraph.strip())
    if proposal.attachments:
        document.add_heading("Lampiran", level=2)
        for item in proposal.attachments:
            document.add_paragraph(
                item.title + (f" ({item.url})" if item.url else ""), style="List Bullet"
            )
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _attachment_name(number: int, item: Evidence) -> str:
    extension = item.file.name.rsplit(".", 1)[-1] if "." in item.file.name else "bin"
    return f"lampiran/{number:02d}-{slugify(item.title)[:50] or 'lampiran'}.{extension}"


def write_proposal(archive: zipfile.ZipFile, proposal: Proposal, folder: str = "") -> None:
    """The proposal in three forms plus its attachments, into an open ZIP archive."""
    prefix = f"{folder}/" if folder else ""
    archive.writestr(f"{prefix}{proposal.base_name}.pdf", render_pdf(proposal))
    archive.writestr(f"{prefix}{proposal.base_name}.docx", render_docx(proposal))
    archive.writestr(f"{prefix}{proposal.base_name}.txt", render_text(proposal))
    links = []
    for number, item in enumerate(proposal.attachments, start=1):
        if item.file:
            try:
                with item.file.open("rb") as handle:
                    archive.writestr(f"{prefix}{_attachment_name(number, item)}", handle.read())
            except FileNotFoundError:
                links.append(f"{item.title}: berkas tidak ditemukan")
        if item.url:
            links.append(f"{item.title}: {item.url}")
    if links:
        archive.writestr(f"{prefix}lampiran/tautan.txt", "\n".join(links) + "\n")


def render_zip(proposal: Proposal) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        write_proposal(archive, proposal)
    return buffer.getvalue()
