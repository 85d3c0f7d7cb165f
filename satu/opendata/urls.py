from django.urls import path

from . import views

app_name = "opendata"
urlpatterns = [
    path("data/", views.index, name="index"),
    # Before the files: "catalog.json" would otherwise read as a dataset called "catalog".
    path("data/catalog.json", views.catalog, name="catalog"),
    # A slug holds no dot, so "inovasi.csv" splits one way only; the view refuses other formats.
    path("data/<slug:slug>.<str:fmt>", views.download, name="download"),
    path("data/<slug:slug>/", views.dataset, name="dataset"),
]
