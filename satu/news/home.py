"""The news section of the home page."""

from satu.core.home import register_home_section

from .models import Article

HOME_ARTICLES = 3


@register_home_section(20)
def latest_news(request, province):  # type: ignore[no-untyped-def]
    articles = list(Article.objects.published().select_related("category")[:HOME_ARTICLES])
    if not articles:
        return None
    return "news/_home_section.html", {"articles": articles}
