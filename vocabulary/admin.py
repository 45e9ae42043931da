"""Django admin of the vocabulary mappings, recorded in the audit trail like every project admin.

Mappings are made by imports and the Vocabulary mappings page (which set the comparison key), so the
admin changes or deletes them but does not add them.
"""

from django.contrib import admin
from django.http import HttpRequest

from nmirf.admin_history import AdminHistoryMixin
from vocabulary.models import VocabularyMapping


@admin.register(VocabularyMapping)
class VocabularyMappingAdmin(AdminHistoryMixin, admin.ModelAdmin):
    list_display = ("value", "kind", "source_format", "decision", "target_id", "updated_at")
    list_filter = ("source_format", "kind", "decision")
    search_fields = ("value",)
    fields = ("source_format", "kind", "value", "key", "decision", "target_id", "updated_by")
    readonly_fields = ("source_format", "kind", "value", "key", "updated_by")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
