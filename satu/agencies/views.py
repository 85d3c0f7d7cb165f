from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from satu.accounts.models import Role
from satu.core.decorators import back_office
from satu.core.errors import DomainError
from satu.regions.models import Region

from . import policies, services
from .forms import AgencyFilterForm, AgencyForm, ServiceUnitForm
from .models import Agency, ServiceUnit


@back_office()
def agency_list(request: HttpRequest) -> HttpResponse:
    agencies = policies.visible_agencies(request.user)
    region_ids = agencies.values("region_id").distinct()
    form = AgencyFilterForm(request.GET or None, regions=Region.objects.filter(pk__in=region_ids))
    today = timezone.localdate()
    status = ""
    if form.is_valid():
        data = form.cleaned_data
        if q := data["q"]:
            agencies = agencies.filter(Q(name__icontains=q) | Q(abbreviation__icontains=q))
        if data["region"]:
            agencies = agencies.filter(region=data["region"])
        if data["type"]:
            agencies = agencies.filter(type=data["type"])
        status = data["status"]
    if status == "ended":
        agencies = agencies.filter(valid_until__lt=today)
    elif status != "all":
        agencies = agencies.active_on(today)
    agencies = (
        agencies.select_related("region")
        .annotate(units=Count("service_units"))
        .order_by("region__code", "name")
    )
    page = Paginator(agencies, 30).get_page(request.GET.get("page"))
    can_create = policies.regions_for_new_agencies(request.user).exists()
    return render(
        request,
        "agencies/agency_list.html",
        {"form": form, "page_obj": page, "can_create": can_create},
    )


def _visible_agency(request: HttpRequest, pk: int) -> Agency:
    # 404, not 403: an outsider learns nothing about another agency's existence.
    return get_object_or_404(
        policies.visible_agencies(request.user).select_related("region", "parent"), pk=pk
    )


@back_office()
def agency_detail(request: HttpRequest, pk: int) -> HttpResponse:
    agency = _visible_agency(request, pk)
    units = agency.service_units.order_by("-is_active", "name")
    members = agency.memberships.select_related("user").order_by("role", "user__full_name")
    return render(
        request,
        "agencies/agency_detail.html",
        {
            "agency": agency,
            "units": units,
            "members": members,
            "children": agency.children.order_by("name"),
            "can_manage": policies.can_manage_agency(request.user, agency),
            "can_manage_units": policies.can_manage_service_units_of(request.user, agency),
        },
    )


@back_office(Role.SECRETARIAT, Role.REGIONAL_ADMIN)
def agency_create(request: HttpRequest) -> HttpResponse:
    form = AgencyForm(request.POST or None, manager=request.user)
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in services.AGENCY_FIELDS}
        try:
            agency = services.create_agency(request.user, **values)
        except DomainError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, _("The agency has been created."))
            return redirect("agencies:detail", agency.pk)
    return render(request, "agencies/agency_form.html", {"form": form, "agency": None})


@back_office(Role.SECRETARIAT, Role.REGIONAL_ADMIN)
def agency_update(request: HttpRequest, pk: int) -> HttpResponse:
    agency = get_object_or_404(policies.manageable_agencies(request.user), pk=pk)
    form = AgencyForm(request.POST or None, instance=agency, manager=request.user)
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in services.AGENCY_FIELDS}
        try:
            services.update_agency(request.user, Agency.objects.get(pk=agency.pk), **values)
        except DomainError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, _("The agency has been saved."))
            return redirect("agencies:detail", agency.pk)
    return render(request, "agencies/agency_form.html", {"form": form, "agency": agency})


@back_office()
def service_unit_form(request: HttpRequest, agency_pk: int, pk: int | None = None) -> HttpResponse:
    agency = _visible_agency(request, agency_pk)
    if not policies.can_manage_service_units_of(request.user, agency):
        raise Http404
    unit = (
        get_object_or_404(ServiceUnit, pk=pk, agency=agency) if pk else ServiceUnit(agency=agency)
    )
    form = ServiceUnitForm(request.POST or None, instance=unit)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_service_unit(request.user, form.instance)
        except DomainError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, _("The service unit has been saved."))
            return redirect("agencies:detail", agency.pk)
    return render(
        request, "agencies/service_unit_form.html", {"form": form, "agency": agency, "unit": unit}
    )
