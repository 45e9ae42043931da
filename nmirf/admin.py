from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from nmirf.models import AuditBatch, AuditEntry, User


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records that are only ever written by the application (the audit trail, import history)."""

    deletable = False

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return self.deletable and super().has_delete_permission(request, obj)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = (*BaseUserAdmin.fieldsets, (None, {"fields": ("language",)}))


class AuditEntryInline(admin.TabularInline):
    model = AuditEntry
    fields = ("content_type", "object_id", "object_repr", "operation")
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(AuditBatch)
class AuditBatchAdmin(ReadOnlyAdmin):
    """The trail is read-only: restoring happens from an object's history page."""

    list_display = ("created_at", "user", "action", "description")
    list_filter = ("action",)
    search_fields = ("description", "user__username")
    inlines = [AuditEntryInline]


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ("object_repr", "operation", "content_type", "batch")
    list_filter = ("operation", "content_type")
    search_fields = ("object_repr", "object_id")
    list_select_related = ("batch", "content_type")
