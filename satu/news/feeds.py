from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext_lazy as _

from .models import Article
from .richtext import plain_text

FEED_SIZE = 30


class ArticleFeed(Feed):
    feed_type = Rss201rev2Feed
    title = _("News of the innovation programme")
    description = _("The latest news of the public-service innovation programme.")

    def link(self) -> str:
        return f"{settings.SATU_BASE_URL}/berita/"

    def items(self):  # type: ignore[no-untyped-def]
        return Article.objects.published().select_related("category")[:FEED_SIZE]

    def item_title(self, item: Article) -> str:
        return item.title

    def item_description(self, item: Article) -> str:
        return item.summary or plain_text(item.body)[:400]

    def item_link(self, item: Article) -> str:
        return f"{settings.SATU_BASE_URL}{item.get_absolute_url()}"

    def item_pubdate(self, item: Article):  # type: ignore[no-untyped-def]
        return item.published_at

    def item_updateddate(self, item: Article):  # type: ignore[no-untyped-def]
        return item.updated_at

    def item_categories(self, item: Article) -> list[str]:
        return [item.category.name]
