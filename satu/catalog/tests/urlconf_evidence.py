"""A URLconf with the innovation registry's evidence view, for the evidence link tests."""

from django.http import HttpResponse
from django.urls import include, path


def evidence_file(request, pk: int) -> HttpResponse:
    return HttpResponse(str(pk))


urlpatterns = [
    path(
        "",
        include(
            ([path("berkas/bukti/<int:pk>/", evidence_file, name="evidence_file")], "innovations")
        ),
    ),
]
