from collections import defaultdict

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from satu.agencies.models import AgencyType
from satu.core.decorators import back_office
from satu.core.errors import DomainError
from satu.core.exporters import export_response
from satu.core.pagecache import public_page
from satu.innovations.models import Innovation
from satu.regions.models import Region

from . import charts, policies, rules, services
from .board import (
    LIGHT_LABELS,
    STATUS_DESCRIPTIONS,
    STATUS_LABELS,
    STATUS_LIGHTS,
    STATUS_SHORT_LABELS,
    Board,
    compute_board,
    home_province,
    trend,
)
from .exporters import AgencyComplianceExporter, RegionComplianceExporter
from .forms import (
    REGION_SORTS,
    BoardFilterForm,
    DecisionForm,
    ExemptionRequestForm,
    ProgrammeYearForm,
)
from .models import Exemption, ExemptionStatus, ProgrammeYear

AGENCIES_PER_PAGE = 50
TREND_YEARS = 6
EXPORT_TABLES = ("wilayah", "opd")


def _programme_year(year: int) -> ProgrammeYear:
    return get_object_or_404(ProgrammeYear, year=year)


def _latest_year() -> ProgrammeYear | None:
    """This year's programme if set up, else the most recent one."""
    today = timezone.localdate()
    return (
        ProgrammeYear.objects.filter(year__lte=today.year).order_by("-year").first()
        or ProgrammeYear.objects.order_by("year").first()
    )


def _board_from_request(
    request: HttpRequest, year: ProgrammeYear
) -> tuple[Board, BoardFilterForm, dict]:
    province = home_province()
    if province is None:
        # A national install: the board covers every agency, the filter chooses a province.
        regions = list(Region.objects.provinces().order_by("code"))
    else:
        regions = [province, *province.children.order_by("code")]
    form = BoardFilterForm(request.GET or None, regions=regions)
    filters = form.cleaned()
    board = compute_board(
        year, scope=province, region=filters["region"], agency_type=filters["type"]
    )
    return board, form, filters


def _sorted_regions(board: Board, sort: str) -> list:
    """The region rows in the order asked for ("percent": best first, "-percent": worst)."""
    rows = list(board.regions)
    if sort in ("percent", "-percent"):
        best_first = sort == "percent"
        with_rate = [r for r in rows if r.counts.percent is not None]
        without = [r for r in rows if r.counts.percent is None]
        with_rate.sort(key=lambda r: r.code)
        with_rate.sort(key=lambda r: r.counts.percent, reverse=best_first)
        return with_rate + without
    if sort in ("name", "-name"):
        return sorted(rows, key=lambda r: r.label, reverse=sort == "-name")
    if sort in ("obliged", "-obliged"):
        return sorted(
            rows,
            key=lambda r: (-r.counts.obliged if sort == "obliged" else r.counts.obliged, r.code),
        )
    return rows


def _innovation_url(innovation_id: int) -> str | None:
    try:
        return reverse("innovations:detail", args=[innovation_id])
    except NoReverseMatch:
        return None


def _render_board(request: HttpRequest, year: int, *, back_office_view: bool) -> HttpResponse:
    programme_year = _programme_year(year)
    board, form, filters = _board_from_request(request, programme_year)
    within = policies.board_agencies(request.user) if back_office_view else None
    agencies = board.agencies(
        status=filters["status"] or None, sort=str(filters["sort"]), within=within
    )
    page = Paginator(agencies, AGENCIES_PER_PAGE).get_page(request.GET.get("page"))
    region_sort = request.GET.get("region_sort", "code")
    if region_sort not in REGION_SORTS:
        region_sort = "code"
    years = list(ProgrammeYear.objects.order_by("year"))
    trend_years = [y for y in years if y.year <= programme_year.year][-TREND_YEARS:]
    trend_points = trend(
        trend_years, scope=board.scope, region=board.region, agency_type=board.agency_type
    )
    details: dict[int, dict] = {}
    if back_office_view:
        details = _agency_details(programme_year, [agency.pk for agency in page])
    can_manage = policies.can_manage_programme(request.user)
    context = {
        "programme_year": programme_year,
        "board": board,
        "form": form,
        "filters": filters,
        "page_obj": page,
        "regions": [(row, board.light(row.counts)) for row in _sorted_regions(board, region_sort)],
        "total_light": board.light(board.totals),
        "type_label": dict(AgencyType.choices).get(board.agency_type or ""),
        "region_sort": region_sort,
        "years": years,
        "trend": [
            (year_, counts, board.light(counts) if year_ == programme_year else None)
            for year_, counts in trend_points
        ],
        "trend_chart": charts.trend_bars([(y.year, c) for y, c in trend_points]),
        "region_chart": charts.region_bars(board.regions),
        "colours": charts.COLOURS,
        "statuses": rules.STATUSES,
        "status_labels": STATUS_LABELS,
        "short_labels": STATUS_SHORT_LABELS,
        "status_descriptions": STATUS_DESCRIPTIONS,
        "status_lights": STATUS_LIGHTS,
        "light_labels": LIGHT_LABELS,
        "days_left": programme_year.days_left(),
        "back_office": back_office_view,
        "details": details,
        "can_manage": back_office_view and can_manage,
        "board_url_name": "compliance:backoffice_board" if back_office_view else "compliance:board",
        "query": request.GET.urlencode(),
    }
    return render(request, "compliance/board.html", context)


def _agency_details(programme_year: ProgrammeYear, agency_ids: list[int]) -> dict[int, dict]:
    """Innovations and exemption of the agencies on the page (two queries)."""
    details: dict[int, dict] = defaultdict(lambda: {"innovations": [], "exemption": None})
    innovations = Innovation.objects.filter(
        programme_year=programme_year.year, agency_id__in=agency_ids
    ).order_by("name")
    for innovation in innovations:
        innovation.url = _innovation_url(innovation.pk)  # type: ignore[attr-defined]
        details[innovation.agency_id]["innovations"].append(innovation)
    exemptions = Exemption.objects.filter(
        programme_year=programme_year,
        agency_id__in=agency_ids,
        status__in=[ExemptionStatus.PENDING, ExemptionStatus.CONFIRMED],
    )
    for exemption in exemptions:
        details[exemption.agency_id]["exemption"] = exemption
    return dict(details)


def board_latest(request: HttpRequest) -> HttpResponse:
    latest = _latest_year()
    if latest is None:
        return render(request, "compliance/not_set_up.html", status=404)
    return redirect("compliance:board", latest.year)


@public_page()
def board(request: HttpRequest, year: int) -> HttpResponse:
    """The public board: regions and agencies, no person."""
    return _render_board(request, year, back_office_view=False)


def board_export(request: HttpRequest, year: int, table: str, fmt: str) -> HttpResponse:
    """The board as a file, with the same filters and numbers as the page."""
    if table not in EXPORT_TABLES or fmt not in ("csv", "xlsx"):
        raise Http404
    programme_year = _programme_year(year)
    board_, _form, filters = _board_from_request(request, programme_year)
    if table == "wilayah":
        exporter = RegionComplianceExporter(board_)
    else:
        agencies = board_.agencies(status=filters["status"] or None, sort=str(filters["sort"]))
        exporter = AgencyComplianceExporter(board_, agencies)
    return export_response(exporter, fmt)


@back_office(*policies.BOARD_ROLES)
def backoffice_board_latest(request: HttpRequest) -> HttpResponse:
    latest = _latest_year()
    if latest is None:
        if policies.can_manage_programme(request.user):
            return redirect("compliance:year_list")
        return render(request, "compliance/not_set_up.html", status=404)
    return redirect("compliance:backoffice_board", latest.year)


@back_office(*policies.BOARD_ROLES)
def backoffice_board(request: HttpRequest, year: int) -> HttpResponse:
    """The board with the innovations behind each status, for the agencies the user sees."""
    return _render_board(request, year, back_office_view=True)


# -- programme years ----------------------------------------------------------------------------


def _require_manager(request: HttpRequest) -> None:
    if not policies.can_manage_programme(request.user):
        raise PermissionDenied


@back_office(*policies.MANAGE_ROLES)
def year_list(request: HttpRequest) -> HttpResponse:
    _require_manager(request)
    years = ProgrammeYear.objects.select_related("updated_by").order_by("-year")
    return render(request, "compliance/year_list.html", {"years": years})


@back_office(*policies.MANAGE_ROLES)
def year_form(request: HttpRequest, year: int | None = None) -> HttpResponse:
    _require_manager(request)
    instance = _programme_year(year) if year else None
    if instance is None:
        next_year = timezone.localdate().year
        while ProgrammeYear.objects.filter(year=next_year).exists():
            next_year += 1
        initial = {
            "year": next_year,
            "registration_deadline": services.default_deadline(next_year),
            "obliged_types": ProgrammeYear._meta.get_field("obliged_types").get_default(),
            "counting_rule": "accepted",
            "reminder_days": ProgrammeYear._meta.get_field("reminder_days").get_default(),
            "escalation_days": ProgrammeYear._meta.get_field("escalation_days").get_default(),
        }
        form = ProgrammeYearForm(request.POST or None, initial=initial)
    else:
        form = ProgrammeYearForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        values = {
            key: form.cleaned_data[key]
            for key in services.PROGRAMME_YEAR_FIELDS
            if key in form.cleaned_data
        }
        try:
            if instance is None:
                saved = services.create_programme_year(
                    request.user, form.cleaned_data["year"], **values
                )
            else:
                saved = services.update_programme_year(request.user, instance, **values)
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(
                request,
                _("The settings of %(year)d have been saved.") % {"year": saved.year},
            )
            return redirect("compliance:year_list")
    return render(request, "compliance/year_form.html", {"form": form, "instance": instance})


# -- exemptions ---------------------------------------------------------------------------------


@back_office(*policies.MANAGE_ROLES)
def exemption_list(request: HttpRequest, year: int) -> HttpResponse:
    _require_manager(request)
    programme_year = _programme_year(year)
    candidates = (
        policies.exemption_agencies(request.user)
        .filter(rules.obliged_q(programme_year))
        .exclude(
            compliance_exemptions__programme_year=programme_year,
            compliance_exemptions__status__in=[ExemptionStatus.PENDING, ExemptionStatus.CONFIRMED],
        )
    )
    initial = {}
    if request.GET.get("agency", "").isdigit():
        initial["agency"] = request.GET["agency"]
    form = ExemptionRequestForm(request.POST or None, agencies=candidates, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.request_exemption(
                request.user,
                programme_year,
                form.cleaned_data["agency"],
                form.cleaned_data["reason"],
            )
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(
                request,
                _(
                    "The exemption has been requested. It takes effect when another member of "
                    "the secretariat or a system administrator confirms it."
                ),
            )
            return redirect("compliance:exemption_list", programme_year.year)
    exemptions = (
        policies.visible_exemptions(request.user)
        .filter(programme_year=programme_year)
        .select_related("agency__region", "requested_by", "decided_by", "revoked_by")
        .order_by("status", "-requested_at")
    )
    return render(
        request,
        "compliance/exemption_list.html",
        {"programme_year": programme_year, "exemptions": exemptions, "form": form},
    )


def _visible_exemption(request: HttpRequest, pk: int) -> Exemption:
    return get_object_or_404(
        policies.visible_exemptions(request.user).select_related(
            "agency__region", "programme_year", "requested_by", "decided_by", "revoked_by"
        ),
        pk=pk,
    )


@back_office(*policies.MANAGE_ROLES)
def exemption_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _require_manager(request)
    exemption = _visible_exemption(request, pk)
    return render(
        request,
        "compliance/exemption_detail.html",
        {
            "exemption": exemption,
            "form": DecisionForm(),
            "can_decide": exemption.status == ExemptionStatus.PENDING
            and policies.can_decide_exemption(request.user, exemption),
            "is_requester": exemption.requested_by_id == request.user.pk,
        },
    )


ACTIONS = {
    "confirm": (services.confirm_exemption, gettext_lazy("The exemption is confirmed.")),
    "reject": (services.reject_exemption, gettext_lazy("The exemption is rejected.")),
    "revoke": (
        services.revoke_exemption,
        gettext_lazy("The exemption is revoked; the agency counts again."),
    ),
}


@require_POST
@back_office(*policies.MANAGE_ROLES)
def exemption_decide(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    _require_manager(request)
    exemption = _visible_exemption(request, pk)
    form = DecisionForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        if action == "withdraw":
            services.withdraw_exemption(request.user, exemption)
            messages.success(request, _("The request has been withdrawn."))
            return redirect("compliance:exemption_list", exemption.programme_year.year)
        if action not in ACTIONS:
            raise Http404
        service, message = ACTIONS[action]
        service(request.user, exemption, note)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, message)
    return redirect("compliance:exemption_detail", exemption.pk)
