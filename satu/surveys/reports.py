"""Downloads of a survey period: the SKM report as PDF, raw responses, the entry template."""

from collections import defaultdict
from collections.abc import Iterable, Sequence

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from satu.core.exporters import Column, Exporter

from .charts import bar_chart
from .elements import ELEMENTS_BY_KEY, STANDARD_KEYS
from .ikm import GRADES, minimum_sample
from .models import (
    PROFILE_QUESTIONS,
    PROFILE_TITLES,
    Channel,
    ExtraAnswer,
    Review,
    SurveyPeriod,
)
from .results import (
    RollupRow,
    flag_counts,
    period_result,
    profile_charts,
    suggestions,
    weakest_keys,
)
from .services import PROFILE_COLUMNS, SERVICE_COLUMN, SUGGESTION_COLUMN, paper_columns


def report_context(period: SurveyPeriod) -> dict[str, object]:
    """Everything the SKM report shows; the PDF and the period page share it."""
    result = period_result(period)
    charts = profile_charts(period)
    return {
        "period": period,
        "unit": period.unit,
        "agency": period.unit.agency,
        "result": result,
        "flags": flag_counts([period])[period.pk],
        "weakest": weakest_keys(result),
        "minimum_sample": minimum_sample(period.population) if period.population else None,
        "charts": [(chart, bar_chart(chart)) for chart in charts],
        "suggestions": suggestions(period),
        "grades": GRADES,
        "generated_at": timezone.now(),
        "site_name": settings.SATU_SITE_NAME,
    }


def render_report_pdf(period: SurveyPeriod) -> bytes:
    """The report in the shape of the standard SKM report (Lampiran PermenPANRB 14/2017)."""
    from weasyprint import HTML

    html = render_to_string("surveys/report_pdf.html", report_context(period))
    return HTML(string=html).write_pdf()


class ResponseExporter(Exporter):
    """Every response of a period, one row each, with the answer to every element."""

    title = _("Responses")

    def __init__(self, period: SurveyPeriod) -> None:
        self.period = period
        self.extras = list(period.extra_elements.all())
        self.identifier = f"skm-{period.code}-responses"
        profile = [(f, c) for f, flag, c in PROFILE_QUESTIONS if getattr(period, flag)]
        self.profile = profile
        self.columns = [
            Column("nomor", _("No.")),
            Column("tanggal", _("Date")),
            Column("saluran", _("Channel")),
            *(Column(key, ELEMENTS_BY_KEY[key].name) for key in STANDARD_KEYS),
            *(Column(element.key, element.name) for element in self.extras),
            *(Column(PROFILE_COLUMNS[f], PROFILE_TITLES[f]) for f, _c in profile),
            *([Column(SERVICE_COLUMN, _("Service used"))] if period.services else []),
            Column(SUGGESTION_COLUMN, _("Suggestion")),
            Column("tinjauan", _("Review")),
            Column("nilai", _("Converted score (25–100)")),
        ]

    def rows(self) -> Iterable[Sequence[object]]:
        extra_values: dict[int, dict[int, int]] = defaultdict(dict)
        if self.extras:
            for response_id, element_id, value in ExtraAnswer.objects.filter(
                response__period=self.period
            ).values_list("response_id", "element_id", "value"):
                extra_values[response_id][element_id] = value
        labels = {f: dict(c.choices) for f, c in self.profile}
        channels = dict(Channel.choices)
        fields = ["pk", "submitted_on", "channel", *STANDARD_KEYS, "points", "review"]
        reviews = dict(Review.choices)
        fields += [f for f, _c in self.profile] + ["service", "suggestion"]
        weight_total = self.period.weight_total
        for number, row in enumerate(
            self.period.responses.order_by("pk").values(*fields).iterator(chunk_size=2000),
            start=1,
        ):
            extras = extra_values.get(row["pk"], {})
            yield [
                number,
                row["submitted_on"],
                str(channels.get(row["channel"], row["channel"])),
                *(row[key] for key in STANDARD_KEYS),
                *(extras.get(element.pk) for element in self.extras),
                *(str(labels[f].get(row[f], "")) for f, _c in self.profile),
                *([row["service"]] if self.period.services else []),
                row["suggestion"],
                str(reviews[row["review"]]) if row["review"] else "",
                round(25 * row["points"] / weight_total, 2),
            ]


class EntryTemplateExporter(Exporter):
    """An empty sheet with one column per question, named by key, to fill in and import."""

    title = _("Questionnaires")

    def __init__(self, period: SurveyPeriod) -> None:
        self.identifier = f"skm-{period.code}-template"
        columns = paper_columns(period, list(period.extra_elements.all()))
        self.columns = [Column(key, key) for key in columns]

    def rows(self) -> Iterable[Sequence[object]]:
        return []


class RollupExporter(Exporter):
    """A roll-up table: index and grade per unit, agency, region or province."""

    title = _("SKM roll-up")

    def __init__(self, rows: list[RollupRow], identifier: str) -> None:
        self.data = rows
        self.identifier = identifier
        self.columns = [
            Column("kode", _("Code")),
            Column("nama", _("Name")),
            Column("periode", _("Periods")),
            Column("responden", _("Respondents")),
            Column("ikm", _("Index (1–4)")),
            Column("ikm_konversi", _("Converted index (25–100)")),
            Column("mutu", _("Grade")),
            Column("kinerja", _("Performance")),
            *(Column(f"nrr_{key}", ELEMENTS_BY_KEY[key].name) for key in STANDARD_KEYS),
        ]

    def rows(self) -> Iterable[Sequence[object]]:
        for row in self.data:
            result = row.result
            grade = result.grade
            yield [
                row.code,
                row.name,
                row.periods,
                result.respondents,
                result.index_display,
                result.converted,
                grade.letter if grade else "",
                str(grade.label) if grade else "",
                *(element.nrr_display for element in result.elements),
            ]
