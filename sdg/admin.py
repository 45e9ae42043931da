"""The Django admin of the SDG framework; every change is recorded in the audit trail."""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from nmirf.admin_history import AdminHistoryMixin
from sdg.models import Goal, Indicator, Target


@admin.register(Goal)
class GoalAdmin(AdminHistoryMixin, TranslationAdmin):
    list_display = ("code", "short_title")
    list_display_links = ("code", "short_title")
    search_fields = ("code", "short_title", "title")
    ordering = ("number",)


@admin.register(Target)
class TargetAdmin(AdminHistoryMixin, TranslationAdmin):
    list_display = ("code", "short_title", "goal")
    list_display_links = ("code", "short_title")
    list_filter = ("goal",)
    list_select_related = ("goal",)
    search_fields = ("code", "short_title", "title")
    autocomplete_fields = ("goal",)
    ordering = ("order",)


@admin.register(Indicator)
class IndicatorAdmin(AdminHistoryMixin, TranslationAdmin):
    list_display = ("code", "short_title", "target")
    list_display_links = ("code", "short_title")
    list_filter = ("target__goal",)
    list_select_related = ("target",)
    search_fields = ("code", "short_title", "title")
    autocomplete_fields = ("target",)
    ordering = ("order",)
