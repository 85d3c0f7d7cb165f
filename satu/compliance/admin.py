from django.contrib import admin

from .models import Exemption, ProgrammeYear, ReminderLog


@admin.register(ProgrammeYear)
class ProgrammeYearAdmin(admin.ModelAdmin):
    list_display = ["year", "registration_deadline", "counting_rule", "updated_by"]
    raw_id_fields = ["updated_by"]


@admin.register(Exemption)
class ExemptionAdmin(admin.ModelAdmin):
    """Read-only: exemptions are decided in the back office, with four eyes."""

    list_display = ["agency", "programme_year", "status", "requested_by", "decided_by"]
    list_filter = ["status", "programme_year"]
    search_fields = ["agency__name", "reason"]
    list_select_related = ["agency", "programme_year", "requested_by", "decided_by"]

    def has_add_permission(self, request) -> bool:  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False


@admin.register(ReminderLog)
class ReminderLogAdmin(admin.ModelAdmin):
    list_display = ["programme_year", "step", "agency", "recipient", "sent_at"]
    list_filter = ["programme_year", "step"]
    search_fields = ["agency__name", "recipient__email"]
    list_select_related = ["programme_year", "agency", "recipient"]

    def has_add_permission(self, request) -> bool:  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False
