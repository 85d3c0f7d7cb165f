from django.contrib import admin

from .models import Comment, Rating, Report


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["__str__", "innovation", "article", "is_hidden", "created_at"]
    list_filter = ["is_hidden"]
    raw_id_fields = ["innovation", "article", "parent", "author", "hidden_by"]


@admin.register(Rating)
class RatingAdmin(admin.ModelAdmin):
    list_display = ["innovation", "stars", "updated_at"]
    raw_id_fields = ["innovation", "user"]


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["comment", "reason", "created_at", "resolved_at"]
    raw_id_fields = ["comment", "reporter", "resolved_by"]
