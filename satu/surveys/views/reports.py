"""Back office: report downloads, QR codes, roll-ups and the before/after comparison."""

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from satu.core.decorators import back_office
from satu.core.exporters import export_response
from satu.regions.models import Region

from .. import policies
from ..comparison import compare_before_after
from ..forms import RollupForm
from ..qr import form_url, qr_png, qr_svg
from ..reports import ResponseExporter, RollupExporter, render_report_pdf
from ..results import default_window, rollup, scoped_periods
from .manage import manager_only, period_or_404


@manager_only
def report_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    period = period_or_404(request, pk)
    response = HttpResponse(render_report_pdf(period), content_type="application/pdf")
    name = slugify(f"laporan-skm-{period.unit.name}-{period.name}")
    response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
    return response


@manager_only
def responses_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    period = period_or_404(request, pk)
    return export_response(ResponseExporter(period), fmt)  # type: ignore[return-value]


@manager_only
def qr_code(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    period = period_or_404(request, pk)
    url = form_url(period)
    name = f"qr-skm-{period.code}.{fmt}"
    if fmt == "png":
        response = HttpResponse(qr_png(url), content_type="image/png")
    else:
        response = HttpResponse(qr_svg(url, title=period.unit.name), content_type="image/svg+xml")
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


@manager_only
def poster(request: HttpRequest, pk: int) -> HttpResponse:
    """An A4 poster for the counter: the unit, a large QR code and the short address."""
    period = period_or_404(request, pk)
    url = form_url(period)
    return render(
        request,
        "surveys/manage/poster.html",
        {"period": period, "form_url": url, "qr": qr_svg(url, title=period.unit.name, inline=True)},
    )


@back_office(*policies.ROLLUP_ROLES)
def rollup_page(request: HttpRequest) -> HttpResponse:
    """The respondent-weighted index per kabupaten/kota, agency or unit of a region."""
    regions = policies.rollup_regions(request.user).order_by("code")
    start, end = default_window(timezone.localdate())
    region: Region | None = regions.filter(code=settings.SATU_HOME_REGION_CODE).first()
    region = region or regions.first()
    level = "region"
    initial = {"region": region, "level": level, "start": start, "end": end}
    form = RollupForm(request.GET or None, regions=regions, initial=initial)
    if form.is_valid():
        region = form.cleaned_data["region"] or region
        level = form.cleaned_data["level"]
        start = form.cleaned_data["start"] or start
        end = form.cleaned_data["end"] or end
    if region is None:
        raise Http404
    if level == "region" and not region.is_province:
        level = "agency"
    periods = scoped_periods(region=region, start=start, end=end)
    rows = rollup(level, periods)
    total = rollup("province" if region.is_province else "region", periods)
    if request.GET.get("format") in ("xlsx", "csv"):
        exporter = RollupExporter(rows, f"skm-{region.code}-{level}-{start}-{end}")
        return export_response(exporter, request.GET["format"])  # type: ignore[return-value]
    return render(
        request,
        "surveys/manage/rollup.html",
        {
            "form": form,
            "rows": rows,
            "total": total[0] if total else None,
            "region": region,
            "level": level,
            "start": start,
            "end": end,
        },
    )


@manager_only
def innovation_comparison(request: HttpRequest, pk: int) -> HttpResponse:
    """The SKM before and after an innovation's launch, as evidence for IID and KIPP."""
    innovation = get_object_or_404(
        policies.visible_innovations(request.user).select_related("agency", "service_unit__agency"),
        pk=pk,
    )
    comparison = compare_before_after(innovation)
    return render(
        request,
        "surveys/manage/innovation.html",
        {"innovation": innovation, "comparison": comparison, "title": _("Before and after")},
    )
