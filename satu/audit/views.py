from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from satu.accounts.models import Role
from satu.core.decorators import back_office

from .forms import AuditFilterForm
from .models import AuditEntry


@back_office(Role.SECRETARIAT)
def entry_list(request: HttpRequest) -> HttpResponse:
    object_types = list(
        AuditEntry.objects.order_by("object_type").values_list("object_type", flat=True).distinct()
    )
    form = AuditFilterForm(request.GET or None, object_types=object_types)
    entries = AuditEntry.objects.all()
    if form.is_valid():
        data = form.cleaned_data
        if data["actor"]:
            entries = entries.filter(actor_label__icontains=data["actor"])
        if data["action"]:
            entries = entries.filter(action__icontains=data["action"])
        if data["object_type"]:
            entries = entries.filter(object_type=data["object_type"])
        if data["object_id"]:
            entries = entries.filter(object_id=data["object_id"])
        if data["date_from"]:
            entries = entries.filter(created_at__date__gte=data["date_from"])
        if data["date_to"]:
            entries = entries.filter(created_at__date__lte=data["date_to"])
    page = Paginator(entries.order_by("-seq"), 50).get_page(request.GET.get("page"))
    return render(request, "audit/entry_list.html", {"form": form, "page_obj": page})
