from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommentsConfig(AppConfig):
    name = "satu.comments"
    label = "comments"
    verbose_name = _("Comments and ratings")

    def ready(self) -> None:
        from satu.audit.registry import register
        from satu.core import pagecache

        from .models import Comment, Rating, Report

        register(Comment)
        register(Rating)
        register(Report)
        # A comment or a rating shows on the page of its innovation or article only.
        pagecache.register_local(Comment, _page_of_comment)
        pagecache.register_local(Rating, _page_of_rating)


def _page_of_comment(comment: object) -> tuple[str, object] | None:
    if getattr(comment, "innovation_id", None):
        return ("innovations.innovation", comment.innovation_id)  # type: ignore[attr-defined]
    if getattr(comment, "article_id", None):
        return ("news.article", comment.article_id)  # type: ignore[attr-defined]
    return None


def _page_of_rating(rating: object) -> tuple[str, object] | None:
    return ("innovations.innovation", rating.innovation_id)  # type: ignore[attr-defined]
