"""The Django admin for administrators; everyday work happens in the workspace."""

from django.contrib import admin
from django.db import models
from modeltranslation.admin import TranslationAdmin

from focalpoints.models import (
    Action,
    DataPoint,
    Deadline,
    EvidenceFile,
    FocalPoint,
    ImpactIndicator,
    Institution,
    Notification,
    ProgressUpdate,
    ReminderLog,
    UpdateComment,
)
from nmirf.admin_history import AdminHistoryMixin


@admin.register(Institution)
class InstitutionAdmin(AdminHistoryMixin, TranslationAdmin):
    list_display = ("name", "acronym", "kind", "membership", "active")
    list_filter = ("kind", "membership", "active")
    search_fields = ("name", "acronym")
    autocomplete_fields = ("parent",)
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}  # as the workspace's form


@admin.register(FocalPoint)
class FocalPointAdmin(AdminHistoryMixin, admin.ModelAdmin):
    list_display = ("user", "institution", "role", "start_date", "end_date")
    list_filter = ("role", "institution")
    search_fields = ("user__username", "user__last_name", "institution__name")
    autocomplete_fields = ("user", "institution")
    raw_id_fields = ("successor",)


@admin.register(Action)
class ActionAdmin(AdminHistoryMixin, TranslationAdmin):
    list_display = ("title", "lead_institution", "status", "start_date", "end_date", "update_deadline")
    list_filter = ("status", "lead_institution")
    search_fields = ("title",)
    raw_id_fields = ("recommendation", "cluster")
    filter_horizontal = ("supporting_institutions",)


class DataPointInline(admin.TabularInline):
    model = DataPoint
    extra = 0
    raw_id_fields = ("update", "created_by")


@admin.register(ImpactIndicator)
class ImpactIndicatorAdmin(AdminHistoryMixin, TranslationAdmin):
    list_display = ("name", "unit", "baseline", "target", "sdg_indicator")
    search_fields = ("name",)
    raw_id_fields = ("sdg_indicator", "recommendations", "actions")
    inlines = [DataPointInline]


@admin.register(Deadline)
class DeadlineAdmin(AdminHistoryMixin, TranslationAdmin):
    list_display = ("title", "due_date", "updates_due", "mechanism", "applied_at")
    raw_id_fields = ("recommendations",)
    filter_horizontal = ("clusters",)


class EvidenceInline(admin.TabularInline):
    model = EvidenceFile
    extra = 0
    fields = ("name", "kind", "size", "uploaded_by", "created_at")
    readonly_fields = fields
    can_delete = False


class CommentInline(admin.TabularInline):
    model = UpdateComment
    extra = 0
    raw_id_fields = ("author",)


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(AdminHistoryMixin, admin.ModelAdmin):
    list_display = ("pk", "institution", "state", "proposed_status", "submitted_at", "published")
    list_filter = ("state", "institution", "published")
    raw_id_fields = ("recommendation", "action", "created_by", "owner", "submitted_by", "reviewed_by")
    inlines = [EvidenceInline, CommentInline]


@admin.register(Notification)
class NotificationAdmin(AdminHistoryMixin, admin.ModelAdmin):
    list_display = ("user", "subject", "created_at", "read_at")
    raw_id_fields = ("user",)


@admin.register(ReminderLog)
class ReminderLogAdmin(AdminHistoryMixin, admin.ModelAdmin):
    list_display = ("user", "event", "item_kind", "item_id", "period", "sent_at")
    list_filter = ("event", "item_kind")
    raw_id_fields = ("user",)


@admin.register(DataPoint)
class DataPointAdmin(AdminHistoryMixin, admin.ModelAdmin):
    list_display = ("indicator", "date", "value", "sex", "age", "region", "disability", "update")
    list_filter = ("sex", "disability")
    raw_id_fields = ("indicator", "update", "created_by")


@admin.register(UpdateComment)
class UpdateCommentAdmin(AdminHistoryMixin, admin.ModelAdmin):
    list_display = ("update", "kind", "author", "created_at")
    list_filter = ("kind",)
    raw_id_fields = ("update", "author")


@admin.register(EvidenceFile)
class EvidenceFileAdmin(admin.ModelAdmin):
    """Read-only: files are added and removed through the workspace, where their content is checked."""

    list_display = ("name", "kind", "size", "update", "uploaded_by", "created_at")
    list_filter = ("kind",)
    readonly_fields = ("update", "file", "name", "kind", "size", "sha256", "uploaded_by", "created_at")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
