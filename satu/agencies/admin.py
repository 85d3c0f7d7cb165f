from django.contrib import admin

from .models import Agency, ServiceUnit


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["name", "abbreviation", "type", "region", "valid_from", "valid_until"]
    list_filter = ["type", "region__kind"]
    search_fields = ["name", "abbreviation", "region__name"]
    list_select_related = ["region"]
    raw_id_fields = ["region", "parent", "successor"]


@admin.register(ServiceUnit)
class ServiceUnitAdmin(admin.ModelAdmin):
    list_display = ["name", "agency", "is_active"]
    search_fields = ["name", "agency__name"]
    raw_id_fields = ["agency"]
