from django.contrib import admin
from django.urls import include, path

from satu.api.api import api
from satu.core import views as core_views

handler403 = "satu.core.views.permission_denied"
handler404 = "satu.core.views.page_not_found"
handler500 = "satu.core.views.server_error"

urlpatterns = [
    path("", include("satu.core.urls")),
    path("", include("satu.accounts.urls")),
    path("", include("satu.agencies.urls")),
    path("", include("satu.audit.urls")),
    path("", include("satu.api.urls")),
    path("", include("satu.competitions.urls")),
    path("", include("satu.catalog.urls")),
    path("", include("satu.news.urls")),
    path("", include("satu.comments.urls")),
    path("", include("satu.compliance.urls")),
    path("", include("satu.innovations.urls")),
    path("", include("satu.notifications.urls")),
    path("", include("satu.surveys.urls")),
    path("", include("satu.national.urls")),
    path("", include("satu.jury.urls")),
    path("", include("satu.opendata.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("robots.txt", core_views.robots_txt),
    path("healthz", core_views.healthz),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
]
