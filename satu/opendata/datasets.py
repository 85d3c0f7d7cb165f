"""The open datasets: what each one holds, column by column, and where its numbers come from.

Each dataset is an exporter of :mod:`satu.core.exporters` (so CSV, XLSX and JSON come from one
``rows()``) whose columns also say their type, for the data dictionary. The numbers are never
computed here: innovations come from ``Innovation.objects.public()`` (what the catalog and the
API publish), compliance from :func:`satu.compliance.board.compute_board` (the public board),
competition results from :func:`satu.competitions.views.public.public_results` (the public
winners' table) and survey indices from :func:`satu.surveys.results.results_for_periods` (the
public survey API). No column names a person.

All three formats carry the column keys as their header, so a file reads back the same way
whatever its format; the dictionary explains each key.
"""

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from satu.catalog.public import absolute_url
from satu.core.exporters import Column, Exporter

INTEGER = "integer"
DECIMAL = "decimal"
STRING = "string"
BOOLEAN = "boolean"
DATE = "date"
TYPES = {
    INTEGER: pgettext_lazy("data type", "whole number"),
    DECIMAL: pgettext_lazy("data type", "decimal number"),
    STRING: pgettext_lazy("data type", "text"),
    BOOLEAN: pgettext_lazy("data type", "true or false"),
    DATE: pgettext_lazy("data type", "date (YYYY-MM-DD)"),
}


@dataclass(frozen=True)
class Field(Column):
    """A column of an open dataset: its key, a short name, its meaning and its type."""

    type: str = STRING

    @property
    def type_label(self) -> str | Promise:
        return TYPES[self.type]


class Dataset(Exporter):
    """An open dataset: an exporter with a description, keywords and a typed dictionary."""

    slug: str = ""
    description: str | Promise = ""
    keywords: Sequence[str] = ()
    columns: Sequence[Field] = ()

    @property
    def identifier(self) -> str:  # type: ignore[override]
        return self.slug

    def headers(self) -> list[str]:
        """Keys, not labels: every format has the same machine-readable header."""
        return self.keys()


AGENCY_COLUMNS = [
    Field("id_opd", _("Agency id"), _("Id of the agency (perangkat daerah)."), INTEGER),
    Field("nama_opd", _("Agency"), _("Name of the agency.")),
    Field("singkatan_opd", _("Agency abbreviation"), _("Short code of the agency.")),
    Field("jenis_opd", _("Agency type"), _("Type of agency: dinas, badan, RSUD, kecamatan…")),
    Field(
        "kode_wilayah",
        _("Region code"),
        _("Kemendagri code of the agency's province or kabupaten/kota."),
    ),
    Field("nama_wilayah", _("Region"), _("Name of the province or kabupaten/kota.")),
]


def _agency(agency) -> list[object]:  # type: ignore[no-untyped-def]
    return [
        agency.pk,
        agency.name,
        agency.abbreviation,
        str(agency.get_type_display()),
        agency.region.code,
        agency.region.name,
    ]


class InnovationDataset(Dataset):
    slug = "inovasi"
    title = _("Public innovations")
    description = _(
        "Every innovation accepted by the secretariat and shown in the public catalog: who runs "
        "it, where, its stage, form and urusan, when it started and its latest yearly status."
    )
    keywords = ("inovasi", "inovasi daerah", "pelayanan publik")
    columns = [
        Field("id", _("Id"), _("Id of the innovation, as in its catalog address."), INTEGER),
        Field("nama", _("Name"), _("Name of the innovation.")),
        Field(
            "tahun_program",
            _("Programme year"),
            _("The Satu OPD Satu Inovasi year the innovation counts for."),
            INTEGER,
        ),
        *AGENCY_COLUMNS,
        Field("unit_layanan", _("Service unit"), _("Service unit where it is applied, if any.")),
        Field(
            "tahapan",
            _("Stage code"),
            _("Stage: inisiatif (initiative), uji_coba (trial) or penerapan (implementation)."),
        ),
        Field("tahapan_label", _("Stage"), _("The stage in words.")),
        Field("digital", _("Digital"), _("Whether the innovation is digital (online)."), BOOLEAN),
        Field(
            "bentuk",
            _("Form code"),
            _("Form: tata_kelola (governance), pelayanan_publik (public service) or lainnya."),
        ),
        Field("bentuk_label", _("Form"), _("The form in words.")),
        Field(
            "kode_urusan_utama",
            _("Main urusan number"),
            _("Number of the main government affair (urusan, 1–38)."),
            INTEGER,
        ),
        Field("urusan_utama", _("Main urusan"), _("Name of the main government affair.")),
        Field("tanggal_uji_coba", _("Trial date"), _("Start of the trial."), DATE),
        Field("tanggal_penerapan", _("Launch date"), _("Start of implementation."), DATE),
        Field("tahun_penerapan", _("Launch year"), _("Year of the launch date."), INTEGER),
        Field(
            "status_tahunan",
            _("Latest yearly status"),
            _("Latest yearly report: continued, developed or stopped; empty when none."),
        ),
        Field("tahun_status", _("Year of the status"), _("Year of that latest report."), INTEGER),
        Field("tanggal_diterima", _("Accepted on"), _("Day the secretariat accepted it."), DATE),
        Field("ringkasan", _("Summary"), _("Summary of the innovation (at most 200 words).")),
        Field("url", _("Address"), _("Address of the innovation's page in the public catalog.")),
    ]

    def rows(self) -> Iterable[Sequence[object]]:
        from satu.innovations.models import Innovation, InnovationYear, YearStatus

        latest = InnovationYear.objects.filter(innovation=OuterRef("pk")).order_by("-year")
        innovations = (
            Innovation.objects.public()
            .select_related("agency__region", "main_urusan", "service_unit")
            .annotate(
                latest_status=Subquery(latest.values("status")[:1]),
                latest_year=Subquery(latest.values("year")[:1]),
            )
            .order_by("pk")
        )
        statuses = dict(YearStatus.choices)
        for innovation in innovations.iterator(chunk_size=2000):
            accepted = innovation.accepted_at
            yield [
                innovation.pk,
                innovation.name,
                innovation.programme_year,
                *_agency(innovation.agency),
                innovation.service_unit.name if innovation.service_unit else "",
                innovation.stage,
                str(innovation.get_stage_display()),
                innovation.is_digital,
                innovation.form,
                str(innovation.get_form_display()),
                innovation.main_urusan.code,
                innovation.main_urusan.name,
                innovation.trial_date,
                innovation.launch_date,
                innovation.launch_date.year if innovation.launch_date else None,
                str(statuses[innovation.latest_status]) if innovation.latest_status else "",
                innovation.latest_year,
                timezone.localtime(accepted).date() if accepted else None,
                innovation.summary,
                absolute_url(reverse("catalog:detail", args=[innovation.pk])),
            ]


def _programme_years():  # type: ignore[no-untyped-def]
    from satu.compliance.models import ProgrammeYear

    return ProgrammeYear.objects.order_by("year")


class AgencyComplianceDataset(Dataset):
    slug = "kepatuhan-opd"
    title = _("Compliance per agency and year")
    description = _(
        "Satu OPD Satu Inovasi: every agency obliged to register an innovation, per programme "
        "year, with its status on the public compliance board."
    )
    keywords = ("kepatuhan", "Satu OPD Satu Inovasi", "perangkat daerah")
    columns = [
        Field("tahun", _("Programme year"), _("The programme year."), INTEGER),
        *AGENCY_COLUMNS,
        Field(
            "wajib",
            _("Obliged"),
            _("Counted as obliged that year (false when exempted by the secretariat)."),
            BOOLEAN,
        ),
        Field(
            "memenuhi",
            _("Complied"),
            _("At least one innovation of the year counts for the agency."),
            BOOLEAN,
        ),
        Field(
            "status",
            _("Status code"),
            _("complied, waiting (for approval), started (in preparation), nothing or exempt."),
        ),
        Field("status_label", _("Status"), _("The status in words.")),
        Field(
            "inovasi_dihitung",
            _("Innovations that count"),
            _("Number of the agency's innovations of the year that count."),
            INTEGER,
        ),
    ]

    def rows(self) -> Iterable[Sequence[object]]:
        from satu.compliance import rules
        from satu.compliance.board import STATUS_LABELS, compute_board

        for year in _programme_years():
            board = compute_board(year)
            for agency in board.agencies(sort="region").iterator(chunk_size=2000):
                yield [
                    year.year,
                    *_agency(agency),
                    agency.status != rules.EXEMPT,
                    agency.status == rules.COMPLIED,
                    agency.status,
                    str(STATUS_LABELS[agency.status]),
                    agency.counted,
                ]


class RegionComplianceDataset(Dataset):
    slug = "kepatuhan-wilayah"
    title = _("Compliance per region and year")
    description = _(
        "Satu OPD Satu Inovasi: per programme year and region (the provincial agencies as one "
        "row, then each kabupaten/kota), how many agencies were obliged and how many complied, "
        "the same numbers as the public compliance board."
    )
    keywords = ("kepatuhan", "Satu OPD Satu Inovasi", "kabupaten/kota")
    columns = [
        Field("tahun", _("Programme year"), _("The programme year."), INTEGER),
        Field("kode_wilayah", _("Region code"), _("Kemendagri code of the region.")),
        Field("nama_wilayah", _("Region"), _("Name of the region.")),
        Field(
            "wajib",
            _("Obliged"),
            _("Obliged agencies (complied + waiting + in preparation + nothing)."),
            INTEGER,
        ),
        Field("memenuhi", _("Complied"), _("Agencies that complied."), INTEGER),
        Field(
            "menunggu",
            _("Waiting for approval"),
            _("Agencies whose innovation waits in the approval chain."),
            INTEGER,
        ),
        Field(
            "disiapkan",
            _("In preparation"),
            _("Agencies with a draft, returned or late innovation."),
            INTEGER,
        ),
        Field("belum_ada", _("Nothing yet"), _("Agencies without an innovation."), INTEGER),
        Field(
            "dikecualikan",
            _("Exempt"),
            _("Agencies exempted by the secretariat (not counted as obliged)."),
            INTEGER,
        ),
        Field(
            "persen_memenuhi",
            _("Complied (%)"),
            _("Complied as a share of obliged, one decimal; empty when none is obliged."),
            DECIMAL,
        ),
        Field(
            "lampu",
            _("Traffic light"),
            _("green, amber or red against the year's thresholds; empty when none is obliged."),
        ),
    ]

    def rows(self) -> Iterable[Sequence[object]]:
        from satu.compliance.board import compute_board

        for year in _programme_years():
            board = compute_board(year)
            for row in board.regions:
                counts = row.counts
                yield [
                    year.year,
                    row.code,
                    row.label,
                    counts.obliged,
                    counts.complied,
                    counts.waiting,
                    counts.started,
                    counts.nothing,
                    counts.exempt,
                    counts.percent,
                    board.light(counts) or "",
                ]


class CompetitionResultDataset(Dataset):
    slug = "hasil-kompetisi"
    title = _("Competition results")
    description = _(
        "Winners and finalists of every innovation competition whose results were announced, "
        "as on the public competition pages. Jurors' individual scores are not published."
    )
    keywords = ("kompetisi inovasi", "pemenang", "KIPP")
    columns = [
        Field("id_kompetisi", _("Competition id"), _("Id of the competition."), INTEGER),
        Field("kompetisi", _("Competition"), _("Name of the competition.")),
        Field("tahun", _("Year"), _("Year of the competition."), INTEGER),
        Field("id_peserta", _("Entry id"), _("Id of the entry in the competition."), INTEGER),
        Field("id_inovasi", _("Innovation id"), _("Id of the innovation entered."), INTEGER),
        Field("inovasi", _("Innovation"), _("Name of the innovation.")),
        *AGENCY_COLUMNS,
        Field("kelompok", _("Group code"), _("Group: umum, replikasi or khusus.")),
        Field("kelompok_label", _("Group"), _("The group in words.")),
        Field("kategori", _("Category"), _("Category within the group, if any.")),
        Field(
            "peringkat", _("Rank"), _("Rank within the group and category (1 is best)."), INTEGER
        ),
        Field("gelar", _("Title"), _("Title awarded, e.g. Juara 1 or Finalis.")),
        Field("juara", _("Winner"), _("Whether the entry is among the winners."), BOOLEAN),
        Field(
            "nilai_akhir",
            _("Final score"),
            _("Weighted final score of the rounds (0–100)."),
            DECIMAL,
        ),
    ]

    def rows(self) -> Iterable[Sequence[object]]:
        from satu.competitions.models import Competition, Group, Stage
        from satu.competitions.views.public import public_results

        groups = dict(Group.choices)
        competitions = Competition.objects.public().filter(stage=Stage.ANNOUNCED)
        for competition in competitions.order_by("year", "pk"):
            for _bucket, entries in public_results(competition):
                for entry in entries:
                    yield [
                        competition.pk,
                        competition.name,
                        competition.year,
                        entry.pk,
                        entry.innovation_id,
                        entry.innovation.name,
                        *_agency(entry.agency),
                        entry.group,
                        str(groups.get(entry.group, entry.group)),
                        entry.category.name if entry.category_id else "",
                        entry.rank,
                        entry.award_title,
                        entry.is_winner,
                        entry.final_score,
                    ]


def _survey_columns() -> list[Field]:
    from satu.surveys.elements import ELEMENTS_BY_KEY, STANDARD_KEYS

    return [
        Field(
            f"nrr_{key}",
            ELEMENTS_BY_KEY[key].name,
            _("Mean answer (NRR, 1–4) for this standard element; empty without answers."),
            DECIMAL,
        )
        for key in STANDARD_KEYS
    ]


class SurveyIndexDataset(Dataset):
    slug = "indeks-skm"
    title = _("Satisfaction survey indices (IKM)")
    description = _(
        "The community satisfaction index (IKM, PermenPANRB 14/2017) of every service unit and "
        "survey period: respondents, index, converted index, grade and the mean of each "
        "standard element. Individual answers and suggestions are not published."
    )
    keywords = ("SKM", "IKM", "kepuasan masyarakat", "unit layanan")
    BATCH = 500

    @property
    def columns(self) -> Sequence[Field]:  # type: ignore[override]
        return [
            Field("id_periode", _("Period id"), _("Id of the survey period."), INTEGER),
            Field("periode", _("Period"), _("Name of the period, e.g. Semester I 2026.")),
            Field("tanggal_mulai", _("Start date"), _("First day of the period."), DATE),
            Field("tanggal_selesai", _("End date"), _("Last day of the period."), DATE),
            Field("id_unit", _("Service unit id"), _("Id of the service unit."), INTEGER),
            Field("unit_layanan", _("Service unit"), _("Name of the service unit surveyed.")),
            *AGENCY_COLUMNS,
            Field(
                "populasi",
                _("Population"),
                _("Estimated service users in the period; empty when not given."),
                INTEGER,
            ),
            Field(
                "sampel_minimum",
                _("Minimum sample"),
                _("Minimum respondents for the population (Krejcie–Morgan)."),
                INTEGER,
            ),
            Field("responden", _("Respondents"), _("Number of responses counted."), INTEGER),
            Field(
                "ikm",
                _("Index (1–4)"),
                _("Weighted index on the 1–4 scale, four decimals; empty without answers."),
                DECIMAL,
            ),
            Field(
                "ikm_konversi",
                _("Converted index (25–100)"),
                _("Index × 25, two decimals rounded half up; the grade is read from it."),
                DECIMAL,
            ),
            Field("mutu", _("Grade"), _("Service quality grade: A, B, C or D.")),
            Field("kinerja", _("Performance"), _("Performance of the unit in words.")),
            *_survey_columns(),
        ]

    def rows(self) -> Iterable[Sequence[object]]:
        from satu.surveys.elements import STANDARD_KEYS
        from satu.surveys.ikm import minimum_sample
        from satu.surveys.models import SurveyPeriod
        from satu.surveys.results import results_for_periods

        periods = SurveyPeriod.objects.select_related("unit__agency__region").order_by("pk")
        for batch in itertools.batched(periods.iterator(chunk_size=self.BATCH), self.BATCH):
            results = results_for_periods(batch)
            for period in batch:
                result = results[period.pk]
                grade = result.grade
                averages = {element.key: element.nrr_display for element in result.elements}
                yield [
                    period.pk,
                    period.name,
                    period.start_date,
                    period.end_date,
                    period.unit_id,
                    period.unit.name,
                    *_agency(period.unit.agency),
                    period.population,
                    minimum_sample(period.population) if period.population else None,
                    result.respondents,
                    result.index_display,
                    result.converted,
                    grade.letter if grade else "",
                    str(grade.label) if grade else "",
                    *(averages.get(key) for key in STANDARD_KEYS),
                ]


DATASETS: dict[str, type[Dataset]] = {
    dataset.slug: dataset
    for dataset in (
        InnovationDataset,
        AgencyComplianceDataset,
        RegionComplianceDataset,
        CompetitionResultDataset,
        SurveyIndexDataset,
    )
}


def get_dataset(slug: str) -> Dataset | None:
    dataset = DATASETS.get(slug)
    return dataset() if dataset else None


def all_datasets() -> list[Dataset]:
    return [dataset() for dataset in DATASETS.values()]
