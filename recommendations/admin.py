"""The Django admin of recommendations, taxonomies and import records; every write is recorded."""

from django.contrib import admin
from django.db import models
from django.forms import ModelForm
from django.http import HttpRequest
from import_export.admin import ImportExportModelAdmin
from modeltranslation.admin import TranslationAdmin

from nmirf.admin import ReadOnlyAdmin
from nmirf.admin_history import AdminHistoryMixin, ImportHistoryMixin
from recommendations.models import (
    Cluster,
    ConcernedGroup,
    Country,
    ImportBatch,
    ImportProfile,
    Mechanism,
    Recommendation,
    RecommendationRepeat,
    SourceDocument,
    Theme,
)
from recommendations.ordering import paragraph_key


class TaxonomyAdmin(ImportHistoryMixin, ImportExportModelAdmin, TranslationAdmin):
    list_display = ("code", "name")
    search_fields = ("code", "name")


@admin.register(Country)
class CountryAdmin(TaxonomyAdmin):
    pass


@admin.register(Theme)
class ThemeAdmin(TaxonomyAdmin):
    pass


@admin.register(ConcernedGroup)
class ConcernedGroupAdmin(TaxonomyAdmin):
    pass


@admin.register(Mechanism)
class MechanismAdmin(TaxonomyAdmin):
    list_display = ("code", "type", "name", "active")
    list_filter = ("type", "active")


@admin.register(SourceDocument)
class SourceDocumentAdmin(AdminHistoryMixin, admin.ModelAdmin):
    list_display = ("symbol", "mechanism", "state", "date", "session", "cycle")
    list_filter = ("mechanism__type", "cycle")
    search_fields = ("symbol", "title")
    autocomplete_fields = ("mechanism", "state")
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}  # as the workspace's form


@admin.register(Cluster)
class ClusterAdmin(AdminHistoryMixin, TranslationAdmin):
    list_display = ("name", "lead_institution")
    search_fields = ("name",)
    autocomplete_fields = ("lead_institution", "supporting_institutions")


@admin.register(Recommendation)
class RecommendationAdmin(AdminHistoryMixin, TranslationAdmin):
    list_display = ("__str__", "state", "mechanism", "status", "published")
    list_filter = ("mechanism__type", "status", "published", "kind")
    search_fields = ("text", "external_id", "paragraph")
    list_select_related = ("mechanism", "state")
    autocomplete_fields = (
        "state",
        "mechanism",
        "source_document",
        "recommending_states",
        "themes",
        "groups",
        "sdg_goals",
        "sdg_targets",
        "cluster",
        "lead_institution",
        "supporting_institutions",
    )

    def save_model(self, request: HttpRequest, obj: Recommendation, form: ModelForm, change: bool) -> None:
        """Saved with the sort key of its paragraph, as the services save it (recommendations.ordering)."""
        obj.paragraph_key = paragraph_key(obj.paragraph)
        super().save_model(request, obj, form, change)


@admin.register(ImportProfile)
class ImportProfileAdmin(AdminHistoryMixin, admin.ModelAdmin):
    list_display = ("name", "created_by", "created_at")
    search_fields = ("name",)


@admin.register(ImportBatch)
class ImportBatchAdmin(ReadOnlyAdmin):
    """The import history; imports are run and undone from the workspace, not edited here."""

    list_display = ("file_name", "user", "created_at", "status", "format")
    list_filter = ("status", "format")
    search_fields = ("file_name", "checksum")


@admin.register(RecommendationRepeat)
class RecommendationRepeatAdmin(ReadOnlyAdmin):
    """Repeats are found by `manage.py find_repeats` and after each import, not entered here."""

    list_display = ("recommendation", "repeats", "score", "found_at")
    list_select_related = ("recommendation__mechanism", "repeats__mechanism")
