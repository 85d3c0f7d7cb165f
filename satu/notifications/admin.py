from django.contrib import admin

from .models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["recipient", "message", "created_at", "read_at"]
    search_fields = ["recipient__email", "message"]
    raw_id_fields = ["recipient"]
