from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "satu.news"
    label = "news"
    verbose_name = _("News")

    def ready(self) -> None:
        from satu.audit.registry import register

        from . import home  # noqa: F401 - registers the home page section
        from .models import Article, Category

        register(Article, exclude={"body"})
        register(Category)
