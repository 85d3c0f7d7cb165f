from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommentsConfig(AppConfig):
    name = "satu.comments"
    label = "comments"
    verbose_name = _("Comments and ratings")

    def ready(self) -> None:
        from satu.audit.registry import register

        from .models import Comment, Rating, Report

        register(Comment)
        register(Rating)
        register(Report)
