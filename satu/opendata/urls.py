from django.urls import path, register_converter

from satu.core.exporters import FORMATS

from . import views


class FormatConverter:
    regex = "|".join(FORMATS)

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(FormatConverter, "datafmt")

app_name = "opendata"
urlpatterns = [
    path("data/", views.index, name="index"),
    # Before the files: "catalog.json" would otherwise read as a dataset called "catalog".
    path("data/catalog.json", views.catalog, name="catalog"),
    path("data/<slug:slug>.<datafmt:fmt>", views.download, name="download"),
    path("data/<slug:slug>/", views.dataset, name="dataset"),
]
