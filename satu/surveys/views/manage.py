"""Back office: the units' survey periods, their questionnaire, paper entry and receipt codes."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, OuterRef, Q, Subquery
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from satu.agencies.models import ServiceUnit
from satu.core.decorators import back_office
from satu.core.errors import DomainError
from satu.core.exporters import export_response
from satu.core.importers import ImportRejected
from satu.innovations.uploads import limited_upload

from .. import policies, services
from ..charts import trend_chart
from ..elements import STANDARD_ELEMENTS, STANDARD_KEYS
from ..forms import ExtraElementFormSet, ImportForm, PeriodForm, TokenForm, WeightsForm
from ..ikm import krejcie_morgan_table, minimum_sample
from ..models import PROFILE_QUESTIONS, PROFILE_TITLES, EntryBatch, Review, SurveyPeriod
from ..qr import form_url, qr_svg
from ..reports import EntryTemplateExporter, report_context
from ..results import flag_counts, results_for_periods, weakest_keys

manager_only = back_office(*policies.MANAGE_ROLES)
GRID_ROWS = 10
MAX_GRID_ROWS = 50


def period_or_404(request: HttpRequest, pk: int) -> SurveyPeriod:
    # 404, not 403: a period outside the user's scope does not exist for them.
    return get_object_or_404(
        policies.manageable_periods(request.user).select_related("unit__agency__region"), pk=pk
    )


def _unit(request: HttpRequest, pk: int) -> ServiceUnit:
    return get_object_or_404(
        policies.manageable_units(request.user).select_related("agency__region"), pk=pk
    )


@manager_only
def index(request: HttpRequest) -> HttpResponse:
    """The units the user runs surveys for, each with its latest period and result."""
    latest = SurveyPeriod.objects.filter(unit=OuterRef("pk")).order_by("-start_date", "-pk")
    units = (
        policies.manageable_units(request.user)
        .filter(is_active=True)
        .select_related("agency__region")
        .annotate(latest_period=Subquery(latest.values("pk")[:1]), periods=Count("survey_periods"))
        .order_by("agency__region__code", "agency__name", "name")
    )
    q = request.GET.get("q", "").strip()[:100]
    if q:
        for word in q.split():
            units = units.filter(Q(name__icontains=word) | Q(agency__name__icontains=word))
    page = Paginator(units, 30).get_page(request.GET.get("page"))
    period_ids = [unit.latest_period for unit in page if unit.latest_period]
    periods = {p.pk: p for p in SurveyPeriod.objects.filter(pk__in=period_ids)}
    results = results_for_periods(list(periods.values()))
    rows = [
        (unit, periods.get(unit.latest_period), results.get(unit.latest_period)) for unit in page
    ]
    return render(
        request,
        "surveys/manage/index.html",
        {
            "page_obj": page,
            "rows": rows,
            "q": q,
            "can_rollup": policies.rollup_regions(request.user).exists(),
            "today": timezone.localdate(),
        },
    )


@manager_only
def unit_dashboard(request: HttpRequest, pk: int) -> HttpResponse:
    """Trends across periods, with the weakest elements of each period highlighted."""
    unit = _unit(request, pk)
    periods = list(SurveyPeriod.objects.filter(unit=unit).order_by("start_date", "pk"))
    results = results_for_periods(periods)
    columns = [(period, results[period.pk], weakest_keys(results[period.pk])) for period in periods]
    rows = []
    for element in STANDARD_ELEMENTS:
        cells = []
        for _period, result, weakest in columns:
            score = next((e for e in result.elements if e.key == element.key), None)
            cells.append((score.nrr_display if score else None, element.key in weakest))
        rows.append((element, cells))
    chart = trend_chart(
        [(period.name, result.converted) for period, result, _weak in columns],
        _("Converted index per period"),
    )
    return render(
        request,
        "surveys/manage/unit.html",
        {"unit": unit, "columns": columns, "rows": rows, "chart": chart},
    )


def _copy_of_latest(unit: ServiceUnit) -> dict[str, object]:
    """A new period starts from the settings of the unit's latest one."""
    latest = SurveyPeriod.objects.filter(unit=unit).order_by("-start_date").first()
    if latest is None:
        return {}
    return {
        "population": latest.population,
        "services": latest.services,
        "copy_from": latest.pk,
        **{flag: getattr(latest, flag) for _f, flag, _c in PROFILE_QUESTIONS},
    }


@manager_only
def period_form(request: HttpRequest, unit_pk: int = 0, pk: int = 0) -> HttpResponse:
    """Create a period of a unit (``unit_pk``) or change one (``pk``)."""
    period = period_or_404(request, pk) if pk else None
    unit = period.unit if period else _unit(request, unit_pk)
    initial = {} if period else _copy_of_latest(unit)
    form = PeriodForm(request.POST or None, instance=period, unit=unit, initial=initial)
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in services.PERIOD_FIELDS}
        try:
            if period is None:
                copy_from = form.cleaned_data.get("copy_from")
                saved = services.create_period(request.user, unit, copy_from=copy_from, **values)
            else:
                # A fresh copy: validating the form has already changed ``period``.
                saved = services.update_period(request.user, period_or_404(request, pk), **values)
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            if period is None:
                messages.success(request, _("The survey period has been created."))
            else:
                messages.success(request, _("The survey period has been saved."))
            return redirect("surveys:period", saved.pk)
    return render(
        request,
        "surveys/manage/period_form.html",
        {"form": form, "unit": unit, "period": period},
    )


@manager_only
def period_detail(request: HttpRequest, pk: int) -> HttpResponse:
    period = period_or_404(request, pk)
    context = report_context(period)
    result = context["result"]
    minimum = context["minimum_sample"]
    progress = None
    if minimum:
        progress = min(100, round(result.respondents * 100 / minimum))  # type: ignore[attr-defined]
    url = form_url(period)
    batches = period.entry_batches.select_related("created_by")
    context.update(
        {
            "progress": progress,
            "form_url": url,
            "qr": qr_svg(url, title=_("QR code of the survey form"), inline=True),
            "batches": batches,
            "token_stats": period.tokens.aggregate(
                total=Count("pk"), used=Count("pk", filter=Q(used_on__isnull=False))
            ),
            "suggestions": context["suggestions"][:20],  # type: ignore[index]
            "today": timezone.localdate(),
        }
    )
    return render(request, "surveys/manage/period.html", context)


@manager_only
def review_flagged(request: HttpRequest, pk: int) -> HttpResponse:
    """Answers flagged as a burst from one address: the unit counts or excludes them."""
    period = period_or_404(request, pk)
    if request.method == "POST":
        decision = request.POST.get("decision", "")
        if request.POST.get("all") == "pending":
            ids = list(period.responses.filter(review=Review.PENDING).values_list("pk", flat=True))
        else:
            ids = [int(v) for v in request.POST.getlist("response") if v.isdigit()]
        try:
            changed = services.review_responses(request.user, period, ids, decision)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                ngettext(
                    "%(n)s answer has been reviewed.", "%(n)s answers have been reviewed.", changed
                )
                % {"n": changed},
            )
        return redirect("surveys:review", period.pk)
    flagged = period.responses.flagged().order_by("review", "-pk")
    page = Paginator(flagged, 50).get_page(request.GET.get("page"))
    weight_total = period.weight_total
    rows = [(response, round(25 * response.points / weight_total, 2)) for response in page]
    return render(
        request,
        "surveys/manage/review.html",
        {
            "period": period,
            "unit": period.unit,
            "page_obj": page,
            "rows": rows,
            "flags": flag_counts([period])[period.pk],
            "Review": Review,
        },
    )


@manager_only
def questionnaire(request: HttpRequest, pk: int) -> HttpResponse:
    """The weights of the nine elements and the unit's own extra elements."""
    period = period_or_404(request, pk)
    frozen = period.responses.exists()
    extras = list(period.extra_elements.all())
    initial = [
        {f: getattr(e, f) for f in ("name", "question", "question_en", "scale", "weight")}
        for e in extras
    ]
    data = request.POST if request.method == "POST" and not frozen else None
    weights_form = WeightsForm(data, period=period)
    formset = ExtraElementFormSet(data, initial=initial, prefix="extra")
    if data is not None and weights_form.is_valid() and formset.is_valid():
        new_extras = [
            services.ExtraElementData(
                name=f.cleaned_data["name"],
                question=f.cleaned_data["question"],
                question_en=f.cleaned_data.get("question_en", ""),
                scale=f.cleaned_data["scale"],
                weight=f.cleaned_data["weight"],
            )
            for f in formset.forms
            if f.has_changed() and f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]
        try:
            services.set_questionnaire(
                request.user,
                period,
                {key: weights_form.cleaned_data[key] for key in STANDARD_KEYS},
                new_extras,
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The questionnaire has been saved."))
            return redirect("surveys:period", period.pk)
    return render(
        request,
        "surveys/manage/questionnaire.html",
        {
            "period": period,
            "weights_form": weights_form,
            "formset": formset,
            "frozen": frozen,
            "extras": extras,
            "weight_rows": [(e, weights_form[e.key]) for e in STANDARD_ELEMENTS],
        },
    )


@manager_only
@require_POST
def period_open_or_close(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    period = period_or_404(request, pk)
    if action == "close":
        services.close_period(request.user, period)
        messages.success(request, _("The period is closed: no more answers are accepted."))
    else:
        services.reopen_period(request.user, period)
        messages.success(request, _("The period is open again."))
    return redirect("surveys:period", period.pk)


@manager_only
@require_POST
def period_delete(request: HttpRequest, pk: int) -> HttpResponse:
    period = period_or_404(request, pk)
    unit_pk = period.unit_id
    try:
        services.delete_period(request.user, period)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("surveys:period", pk)
    messages.success(request, _("The survey period has been deleted."))
    return redirect("surveys:unit", unit_pk)


# Paper entry --------------------------------------------------------------------------------


def _grid_rows(request: HttpRequest) -> int:
    try:
        count = int(request.POST.get("rows") or request.GET.get("rows") or GRID_ROWS)
    except ValueError:
        count = GRID_ROWS
    return max(1, min(MAX_GRID_ROWS, count))


@manager_only
def paper_entry(request: HttpRequest, pk: int) -> HttpResponse:
    """A keyboard grid: one row per paper questionnaire, digits 1–4, Tab or Enter to move."""
    period = period_or_404(request, pk)
    extras = list(period.extra_elements.all())
    columns = services.paper_columns(period, extras)
    row_count = _grid_rows(request)
    values: list[dict[str, str]] = [{} for _ in range(row_count)]
    errors: dict[tuple[int, str], str] = {}
    error_list: list = []
    if request.method == "POST":
        values = [
            {column: request.POST.get(f"r{i}-{column}", "").strip() for column in columns}
            for i in range(1, row_count + 1)
        ]
        filled = [(i, row) for i, row in enumerate(values, start=1) if any(row.values())]
        try:
            batch = services.enter_paper_responses(request.user, period, filled)
        except ImportRejected as rejected:
            error_list = rejected.errors
            errors = {(e.row, e.column): e.message for e in rejected.errors}
            messages.error(request, rejected.message)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)s questionnaire has been saved.",
                    "%(count)s questionnaires have been saved.",
                    batch.count,
                )
                % {"count": batch.count},
            )
            return redirect(f"{request.path}?rows={row_count}")
    labels = {column: services.column_label(column, extras) for column in columns}
    short = {element.key: f"U{element.number}" for element in STANDARD_ELEMENTS}
    short.update({element.key: f"T{element.position}" for element in extras})
    grid = [
        (
            number,
            [
                (column, labels[column], row.get(column, ""), errors.get((number, column)))
                for column in columns
            ],
        )
        for number, row in enumerate(values, start=1)
    ]
    return render(
        request,
        "surveys/manage/entry.html",
        {
            "period": period,
            "columns": [
                # A zero-width space lets a long key such as jenis_kelamin wrap in the header.
                (column, short.get(column, column.replace("_", "_\u200b")), labels[column])
                for column in columns
            ],
            "element_legend": [
                (short[column], labels[column]) for column in columns if column in short
            ],
            "grid": grid,
            "row_count": row_count,
            "error_list": error_list,
            "legend": _legend(period),
        },
    )


def _legend(period: SurveyPeriod) -> list[tuple[str, list[tuple[int, str]]]]:
    """What the numbers mean in the profile columns."""
    legend = []
    for field_name, choices in period.profile_questions:
        column = services.PROFILE_COLUMNS[field_name]
        options = [(n, str(label)) for n, (_v, label) in enumerate(choices.choices, start=1)]
        legend.append((f"{column} — {PROFILE_TITLES[field_name]}", options))
    if period.services:
        options = [(n, name) for n, name in enumerate(period.services, start=1)]
        legend.append((f"{services.SERVICE_COLUMN} — {PROFILE_TITLES['service']}", options))
    return legend


@limited_upload
@manager_only
def paper_import(request: HttpRequest, pk: int) -> HttpResponse:
    period = period_or_404(request, pk)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            job = services.start_response_import(request.user, period, form.cleaned_data["file"])
        except DomainError as error:
            form.add_error("file", error.message)
        else:
            return redirect("surveys:import_job", period.pk, job.pk)
    extras = list(period.extra_elements.all())
    return render(
        request,
        "surveys/manage/import.html",
        {
            "period": period,
            "form": form,
            "jobs": period.imports.all()[:5],
            "columns": [
                (c, services.column_label(c, extras))
                for c in services.paper_columns(period, extras)
            ],
            "legend": _legend(period),
        },
    )


@manager_only
def import_job(request: HttpRequest, pk: int, job_pk: int) -> HttpResponse:
    """The progress and outcome of one import; htmx polls the partial until it is finished."""
    period = period_or_404(request, pk)
    services.fail_stale_imports()
    job = get_object_or_404(period.imports.all(), pk=job_pk)
    template = (
        "surveys/manage/_import_progress.html"
        if request.htmx  # type: ignore[attr-defined]
        else "surveys/manage/import_job.html"
    )
    return render(request, template, {"period": period, "job": job})


@manager_only
def entry_template(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    period = period_or_404(request, pk)
    return export_response(EntryTemplateExporter(period), fmt)  # type: ignore[return-value]


@manager_only
@require_POST
def batch_delete(request: HttpRequest, pk: int, batch_pk: int) -> HttpResponse:
    period = period_or_404(request, pk)
    batch = get_object_or_404(EntryBatch, pk=batch_pk, period=period)
    try:
        count = services.delete_entry_batch(request.user, batch)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            ngettext(
                "%(count)s questionnaire has been removed.",
                "%(count)s questionnaires have been removed.",
                count,
            )
            % {"count": count},
        )
    return redirect("surveys:period", period.pk)


# Receipt codes ------------------------------------------------------------------------------


@manager_only
def tokens(request: HttpRequest, pk: int) -> HttpResponse:
    period = period_or_404(request, pk)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            batch = services.generate_tokens(request.user, period, form.cleaned_data["count"])
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("The codes have been made; print them below."))
            return redirect("surveys:tokens_print", period.pk, batch)
    batches = (
        period.tokens.values("batch")
        .annotate(total=Count("pk"), used=Count("pk", filter=Q(used_on__isnull=False)))
        .order_by("-batch")
    )
    return render(
        request,
        "surveys/manage/tokens.html",
        {"period": period, "form": form, "batches": batches},
    )


@manager_only
def tokens_print(request: HttpRequest, pk: int, batch: int) -> HttpResponse:
    """Slips to cut out: each with a QR code that opens the form with its code filled in."""
    period = period_or_404(request, pk)
    codes = list(period.tokens.filter(batch=batch))
    if not codes:
        raise Http404
    slips = [
        (token, qr_svg(form_url(period, token.code), title=token.display_code, inline=True))
        for token in codes
    ]
    return render(
        request,
        "surveys/manage/tokens_print.html",
        {"period": period, "batch": batch, "slips": slips},
    )


@manager_only
def krejcie_morgan(request: HttpRequest) -> HttpResponse:
    """The Krejcie–Morgan table the regulation points to, beside the formula's figures."""
    rows = [
        (population, sample, minimum_sample(population))
        for population, sample in krejcie_morgan_table()
    ]
    return render(request, "surveys/manage/krejcie_morgan.html", {"rows": rows})
