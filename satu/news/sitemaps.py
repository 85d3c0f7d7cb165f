from satu.catalog.sitemaps import PublicSitemap

from .models import Article


class ArticleSitemap(PublicSitemap):
    changefreq = "weekly"
    priority = 0.6

    def items(self):  # type: ignore[no-untyped-def]
        return Article.objects.published().order_by("-published_at", "pk")

    def lastmod(self, item: Article):  # type: ignore[no-untyped-def]
        return item.updated_at
