from django.contrib import admin

from .models import Assessment, Forwarding, Outcome, RuleSet


@admin.register(RuleSet)
class RuleSetAdmin(admin.ModelAdmin):
    list_display = ["year", "name", "confidence", "divisor_min", "coverage_min"]


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    list_display = ["year", "region", "status", "submitted_at", "published_at"]
    list_filter = ["year", "status"]
    readonly_fields = ["rules_snapshot"]


@admin.register(Outcome)
class OutcomeAdmin(admin.ModelAdmin):
    list_display = ["programme", "name", "is_award", "is_top_winner", "is_shortlisting", "order"]
    list_filter = ["programme"]


@admin.register(Forwarding)
class ForwardingAdmin(admin.ModelAdmin):
    list_display = ["year", "programme", "innovation", "outcome", "forwarded_on"]
    list_filter = ["year", "programme"]
    raw_id_fields = ["innovation", "entry", "award"]
