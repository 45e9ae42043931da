from django.contrib import admin
from import_export.admin import ImportExportModelAdmin
from modeltranslation.admin import TranslationAdmin

from nmirf.admin import ReadOnlyAdmin
from recommendations.models import (
    Cluster,
    ConcernedGroup,
    Country,
    ImportBatch,
    ImportProfile,
    Mechanism,
    Recommendation,
    SourceDocument,
    Theme,
)


class TaxonomyAdmin(ImportExportModelAdmin, TranslationAdmin):
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
class SourceDocumentAdmin(admin.ModelAdmin):
    list_display = ("symbol", "mechanism", "state", "date", "session", "cycle")
    list_filter = ("mechanism__type", "cycle")
    search_fields = ("symbol", "title")
    autocomplete_fields = ("mechanism", "state")


@admin.register(Cluster)
class ClusterAdmin(TranslationAdmin):
    list_display = ("name", "lead_institution")
    search_fields = ("name",)
    autocomplete_fields = ("lead_institution", "supporting_institutions")


@admin.register(Recommendation)
class RecommendationAdmin(TranslationAdmin):
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


@admin.register(ImportProfile)
class ImportProfileAdmin(admin.ModelAdmin):
    list_display = ("name", "created_by", "created_at")
    search_fields = ("name",)


@admin.register(ImportBatch)
class ImportBatchAdmin(ReadOnlyAdmin):
    """The import history; imports are run and undone from the workspace, not edited here."""

    list_display = ("file_name", "user", "created_at", "status", "format")
    list_filter = ("status", "format")
    search_fields = ("file_name", "checksum")

    deletable = True  # an administrator may clear old import records
