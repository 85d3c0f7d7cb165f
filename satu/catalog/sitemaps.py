"""sitemap.xml: the home page, the catalog, every public innovation and article."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from satu.innovations.models import Innovation


class PublicSitemap(Sitemap):
    """Addresses from SATU_BASE_URL, never from the Host header of the request."""

    limit = 5000

    def get_protocol(self, protocol: str | None = None) -> str:
        return urlsplit(settings.SATU_BASE_URL).scheme or "https"

    def get_domain(self, site: object = None) -> str:
        return urlsplit(settings.SATU_BASE_URL).netloc


class PageSitemap(PublicSitemap):
    changefreq = "daily"
    priority = 0.8

    def items(self) -> list[str]:
        return ["core:home", "catalog:list", "news:list"]

    def location(self, item: str) -> str:
        return reverse(item)


class InnovationSitemap(PublicSitemap):
    changefreq = "weekly"
    priority = 0.7

    def items(self):  # type: ignore[no-untyped-def]
        return Innovation.objects.public().order_by("pk").only("pk", "updated_at")

    def location(self, item: Innovation) -> str:
        return reverse("catalog:detail", args=[item.pk])

    def lastmod(self, item: Innovation):  # type: ignore[no-untyped-def]
        return item.updated_at


def sitemaps() -> dict[str, type[Sitemap]]:
    from satu.news.sitemaps import ArticleSitemap

    return {"halaman": PageSitemap, "inovasi": InnovationSitemap, "berita": ArticleSitemap}
