"""The Django admin of the shared models: accounts, roles (groups) and the read-only audit trail."""

from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin as BaseGroupAdmin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.models import Group
from django.http import HttpRequest, HttpResponse

from nmirf.admin_history import AdminHistoryMixin
from nmirf.models import AuditBatch, AuditEntry, User


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records that are only ever written by the application (the audit trail, import history)."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(User)
class UserAdmin(AdminHistoryMixin, BaseUserAdmin):
    fieldsets = (*BaseUserAdmin.fieldsets, (None, {"fields": ("language",)}))

    def user_change_password(self, request: HttpRequest, id: str, form_url: str = "") -> HttpResponse:
        with self.recording(request):
            return super().user_change_password(request, id, form_url)


admin.site.unregister(Group)


@admin.register(Group)
class GroupAdmin(AdminHistoryMixin, BaseGroupAdmin):
    """Roles: what a group may do is a record like any other, with its history."""


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
