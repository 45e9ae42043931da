"""The Django admin for administrators; reports are made and approved in the workspace."""

from django.contrib import admin

from nmirf.admin_history import AdminHistoryMixin
from reporting.models import Report, ReportComment, ReportSchedule, ReportVersion


class ReportVersionInline(admin.TabularInline):
    model = ReportVersion
    extra = 0
    fields = ("number", "status", "progress", "pages", "created_by", "created_at", "finished_at", "error")
    readonly_fields = fields
    can_delete = False
    show_change_link = True


@admin.register(Report)
class ReportAdmin(AdminHistoryMixin, admin.ModelAdmin):
    list_display = ("title", "kind", "variant", "language", "state", "created_at")
    list_filter = ("kind", "state", "language")
    search_fields = ("title",)
    raw_id_fields = ("mechanism", "institution", "approved_version", "schedule")
    readonly_fields = (
        "approved_by",
        "approved_at",
        "published_by",
        "published_at",
        "created_by",
        "created_at",
    )
    inlines = [ReportVersionInline]


@admin.register(ReportVersion)
class ReportVersionAdmin(AdminHistoryMixin, admin.ModelAdmin):
    list_display = ("report", "number", "status", "pages", "created_by", "created_at")
    list_filter = ("status",)
    search_fields = ("report__title",)
    raw_id_fields = ("report",)
    readonly_fields = ("created_by", "created_at", "finished_at", "emailed_at")


@admin.register(ReportComment)
class ReportCommentAdmin(AdminHistoryMixin, admin.ModelAdmin):
    list_display = ("report", "author", "created_at")
    search_fields = ("text", "report__title")
    raw_id_fields = ("report", "version")


@admin.register(ReportSchedule)
class ReportScheduleAdmin(AdminHistoryMixin, admin.ModelAdmin):
    list_display = ("kind", "frequency", "language", "next_run", "active")
    list_filter = ("frequency", "active", "language")
