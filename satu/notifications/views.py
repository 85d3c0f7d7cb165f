from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from satu.core.decorators import back_office

from . import services
from .models import Notification


def _own(request: HttpRequest, pk: int) -> Notification:
    return get_object_or_404(Notification.objects.filter(recipient=request.user), pk=pk)


@back_office()
def notification_list(request: HttpRequest) -> HttpResponse:
    notifications = Notification.objects.filter(recipient=request.user)
    if request.GET.get("show") == "unread":
        notifications = notifications.unread()
    page = Paginator(notifications, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "notifications/notification_list.html",
        {"page_obj": page, "show": request.GET.get("show", "")},
    )


@back_office()
def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Follow a notification's link, marking it read on the way."""
    notification = _own(request, pk)
    services.mark_read(request.user, notification)
    safe = url_has_allowed_host_and_scheme(
        notification.url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return redirect(notification.url if notification.url and safe else "notifications:list")


@require_POST
@back_office()
def notification_read(request: HttpRequest, pk: int) -> HttpResponse:
    notification = _own(request, pk)
    services.mark_read(request.user, notification)
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "notifications/_notification.html", {"notification": notification})
    return redirect("notifications:list")


@require_POST
@back_office()
def notification_read_all(request: HttpRequest) -> HttpResponse:
    services.mark_all_read(request.user)
    messages.success(request, _("All notifications are marked as read."))
    return redirect("notifications:list")
