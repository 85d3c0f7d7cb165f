from django.contrib import admin

from .models import Evidence, ImportJob, Innovation, InnovationYear, ReviewEvent, Revision


class YearInline(admin.TabularInline):
    model = InnovationYear
    extra = 0


class EvidenceInline(admin.TabularInline):
    model = Evidence
    extra = 0
    fields = ["kind", "title", "file", "url", "is_public", "sha256"]
    readonly_fields = ["sha256"]


@admin.register(Innovation)
class InnovationAdmin(admin.ModelAdmin):
    list_display = ["name", "agency", "programme_year", "stage", "status", "updated_at"]
    list_filter = ["status", "stage", "programme_year", "is_digital"]
    search_fields = ["name", "agency__name", "agency__abbreviation"]
    list_select_related = ["agency"]
    raw_id_fields = ["agency", "service_unit", "replicated_from", "created_by", "main_urusan"]
    filter_horizontal = ["related_urusan"]
    readonly_fields = ["version", "submitted_at", "accepted_at"]
    inlines = [YearInline, EvidenceInline]


@admin.register(ReviewEvent)
class ReviewEventAdmin(admin.ModelAdmin):
    list_display = ["innovation", "action", "from_status", "to_status", "actor", "created_at"]
    list_filter = ["action"]
    raw_id_fields = ["innovation", "actor", "revision"]


@admin.register(Revision)
class RevisionAdmin(admin.ModelAdmin):
    list_display = ["innovation", "number", "version", "kind", "author", "created_at"]
    list_filter = ["kind"]
    raw_id_fields = ["innovation", "author"]


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    list_display = ["original_name", "status", "created_count", "created_by", "created_at"]
    list_filter = ["status"]
    raw_id_fields = ["created_by"]
