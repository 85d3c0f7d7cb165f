from django.contrib import admin

from .models import Urusan


@admin.register(Urusan)
class UrusanAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "group", "basic_service"]
    list_filter = ["group", "basic_service"]
