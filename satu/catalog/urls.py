from django.contrib.sitemaps.views import sitemap
from django.urls import path
from django.views.decorators.cache import cache_page

from . import views
from .sitemaps import sitemaps

app_name = "catalog"
urlpatterns = [
    path("inovasi/", views.catalog, name="list"),
    path("inovasi/<int:pk>/", views.innovation_detail, name="detail"),
    path(
        "sitemap.xml",
        cache_page(600)(sitemap),
        {"sitemaps": sitemaps()},
        name="sitemap",
    ),
]
