"""What a juror sees of an entry: an explicit allow-list, with names blacked out in blind rounds.

Every juror-facing page, export and download is built from :class:`JurorEntry`, never from the
Entry or Innovation objects themselves, so a field that is not listed here cannot reach a juror.

In a **blind** round the juror sees:

- a neutral code for the entry (year and number, e.g. ``26-0042``);
- the innovation's name and every narrative text of its profile (the KIPP proposal sections
  and the IID design, goals, benefits and results before/after), in which the agency's name
  and abbreviation (and those of the agencies above it), the kabupaten/kota (full and short
  name), the initiator and the people of the agency are replaced by ``[disamarkan]``;
- group, category, stage of the innovation, its form, whether it is digital, its urusan, the
  trial and launch dates and the SDG goals;
- the evidence *files* (public and internal) under neutral names ("Bukti dukung 2 — Laporan
  atau kajian"), downloaded through a view that checks the juror's assignment and names the
  file neutrally. Evidence titles and links are left out: a title may name the agency and a
  link's address names its owner's website.

Never shown to a juror in a blind round: the agency, its region, the initiator (kind or name),
who created, submitted, screened or reviewed anything, the budget, the replication source,
and of course other jurors and their scores. The organising province is not blacked out: every
entry shares it, it is in the competition's name, and it identifies nobody.

In a round that is **not blind** the juror also sees the agency with its region, the initiator
and the evidence titles and links. Other jurors' identities and scores are never shown to a
juror, in any round.

Limits (documented for the secretariat): the contents of uploaded files are not redacted, and
an accepted innovation is also in the public catalog, where its name can be looked up.
"""

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from satu.accounts.models import Membership, Role
from satu.agencies.models import Agency
from satu.competitions.models import Entry, Round
from satu.innovations.models import Evidence
from satu.regions.models import RegionKind

REDACTED = "[disamarkan]"
MIN_TERM_LENGTH = 3
# Academic and professional titles around a person's name ("dr. Abdul Hakam, M.Kes.").
_TITLE = re.compile(r"^(?:(?:prof|dr|drs|dra|ir|h|hj|ns|apt|drg)\.?\s+)+", re.IGNORECASE)

SECTIONS = [
    ("summary", _("Summary")),
    ("background", _("Background and objectives")),
    ("novelty", _("Novelty")),
    ("implementation", _("Implementation")),
    ("significance", _("Significance")),
    ("adaptability", _("Adaptability")),
    ("resources", _("Resources")),
    ("sustainability", _("Sustainability")),
    ("design", _("Design (rancang bangun)")),
    ("goals", _("Goals")),
    ("benefits", _("Benefits")),
    ("results_before", _("Situation before the innovation")),
    ("results_after", _("Results after the innovation")),
]


def entry_code(entry: Entry, year: int) -> str:
    """A neutral code for an entry: the competition's year and the entry number."""
    return f"{year % 100:02d}-{entry.pk:04d}"


def person_variants(name: str) -> list[str]:
    """A person's name as written in full and without titles or degrees."""
    name = " ".join((name or "").split())
    if not name:
        return []
    bare = _TITLE.sub("", name.split(",")[0]).strip()
    return [variant for variant in {name, bare} if variant]


class Identities:
    """The identifying names of a set of entries, loaded in a few queries."""

    def __init__(self, entries: list[Entry]) -> None:
        self.agencies: dict[int, tuple[str, str, int | None]] = {}
        wanted = {entry.agency_id for entry in entries}
        while wanted:
            rows = Agency.objects.filter(pk__in=wanted).values_list(
                "pk", "name", "abbreviation", "parent_id"
            )
            wanted = set()
            for pk, name, abbreviation, parent_id in rows:
                self.agencies[pk] = (name, abbreviation, parent_id)
                if parent_id and parent_id not in self.agencies:
                    wanted.add(parent_id)
        self.people: dict[int, list[str]] = {}
        for agency_id, name in Membership.objects.filter(
            agency_id__in=self.agencies, role__in=[Role.OPERATOR, Role.AGENCY_HEAD]
        ).values_list("agency_id", "user__full_name"):
            self.people.setdefault(agency_id, []).append(name)

    def chain(self, agency_id: int) -> list[int]:
        found: list[int] = []
        current: int | None = agency_id
        while current is not None and current in self.agencies and current not in found:
            found.append(current)
            current = self.agencies[current][2]
        return found

    def terms(self, entry: Entry) -> list[str]:
        """Names that give away who entered: agencies, kabupaten/kota, initiator, people.

        ``entry`` needs ``agency__region``, ``innovation__created_by`` and ``submitted_by``.
        """
        terms: set[str] = set()
        people = [entry.innovation.initiator_name]
        for agency_id in self.chain(entry.agency_id):
            name, abbreviation, _parent = self.agencies[agency_id]
            terms.update({name, abbreviation})
            people += self.people.get(agency_id, [])
        region = entry.agency.region
        if region.kind != RegionKind.PROVINCE:
            terms.update({region.name, region.short_name})
        for user in (entry.submitted_by, entry.innovation.created_by):
            if user is not None:
                people.append(user.full_name)
        for person in people:
            terms.update(person_variants(person))
        return sorted(
            (term.strip() for term in terms if term and len(term.strip()) >= MIN_TERM_LENGTH),
            key=lambda term: (-len(term), term),
        )


def identifying_terms(entry: Entry) -> list[str]:
    return Identities([entry]).terms(entry)


class Redactor:
    """Replaces every identifying term, whole words only, in any case and spacing."""

    def __init__(self, terms: list[str]) -> None:
        parts = [r"\s+".join(re.escape(word) for word in term.split()) for term in terms]
        self.pattern = (
            re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", re.IGNORECASE)
            if parts
            else None
        )

    def __call__(self, text: str) -> str:
        if not text or self.pattern is None:
            return text or ""
        return self.pattern.sub(REDACTED, text)


@dataclass(frozen=True)
class EvidenceFile:
    pk: int
    number: int
    kind: str
    title: str
    """A neutral title in blind rounds; the uploaded title otherwise."""
    content_type: str
    size: int

    def file_name(self, code: str, original: str) -> str:
        extension = original.rsplit(".", 1)[-1].lower() if "." in original else "bin"
        extension = re.sub(r"[^a-z0-9]", "", extension)[:8] or "bin"
        return f"bukti-{code}-{self.number}.{extension}"


@dataclass(frozen=True)
class EvidenceLink:
    title: str
    url: str


@dataclass
class JurorEntry:
    """An entry as a juror may see it. Built only by :func:`juror_entry`."""

    code: str
    blind: bool
    title: str
    group: str
    category: str
    stage: str
    form: str
    is_digital: bool
    urusan: list[str]
    trial_date: object
    launch_date: object
    sdg_goals: list[int]
    sections: list[tuple[str, str]]
    files: list[EvidenceFile]
    links: list[EvidenceLink] = field(default_factory=list)
    # Only in rounds that are not blind:
    agency: str = ""
    region: str = ""
    initiator: str = ""


def _evidence(entry: Entry) -> list[Evidence]:
    return list(
        Evidence.objects.filter(innovation_id=entry.innovation_id).order_by("created_at", "pk")
    )


def juror_entry(entry: Entry, round: Round, year: int) -> JurorEntry:
    """The juror's view of ``entry`` in ``round`` (redacted when the round is blind)."""
    innovation = entry.innovation
    blind = round.blind_review
    clean = Redactor(identifying_terms(entry)) if blind else (lambda text: text or "")
    evidence = _evidence(entry)
    files, links = [], []
    for item in evidence:
        if item.file:
            number = len(files) + 1
            title = f"{_('Evidence')} {number} — {item.get_kind_display()}" if blind else item.title
            files.append(
                EvidenceFile(
                    item.pk,
                    number,
                    str(item.get_kind_display()),
                    str(title),
                    item.content_type,
                    item.size,
                )
            )
        elif item.url and not blind:
            links.append(EvidenceLink(item.title, item.url))
    view = JurorEntry(
        code=entry_code(entry, year),
        blind=blind,
        title=clean(innovation.name),
        group=str(entry.get_group_display()),
        category=entry.category.name if entry.category_id else "",
        stage=str(innovation.get_stage_display()),
        form=str(innovation.get_form_display()),
        is_digital=innovation.is_digital,
        urusan=[innovation.main_urusan.name]
        + [u.name for u in innovation.related_urusan.all() if u.pk != innovation.main_urusan_id],
        trial_date=innovation.trial_date,
        launch_date=innovation.launch_date,
        sdg_goals=list(innovation.sdg_goals or []),
        sections=[
            (str(label), clean(getattr(innovation, name)))
            for name, label in SECTIONS
            if getattr(innovation, name)
        ],
        files=files,
        links=links,
    )
    if not blind:
        view.agency = entry.agency.name
        view.region = entry.agency.region.name
        view.initiator = innovation.initiator_name or str(innovation.get_initiator_kind_display())
    return view


@dataclass(frozen=True)
class JurorEntryTitle:
    """The few fields lists and exports show."""

    code: str
    title: str

    @property
    def label(self) -> str:
        return f"{self.code} · {self.title}"


def juror_titles(entries: list[Entry], round: Round, year: int) -> dict[int, JurorEntryTitle]:
    """Codes and (in blind rounds, redacted) names of entries, for lists and exports."""
    identities = Identities(entries) if round.blind_review else None
    titles = {}
    for entry in entries:
        name = entry.innovation.name
        if identities is not None:
            name = Redactor(identities.terms(entry))(name)
        titles[entry.pk] = JurorEntryTitle(entry_code(entry, year), name)
    return titles
