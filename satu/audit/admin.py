from django.contrib import admin

from .models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only: the audit log is append-only."""

    list_display = [
        "seq",
        "created_at",
        "actor_label",
        "source",
        "action",
        "object_type",
        "object_id",
    ]
    list_filter = ["source", "object_type"]
    search_fields = ["actor_label", "object_repr", "object_id", "action"]

    def has_add_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False
