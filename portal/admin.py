"""The Django admin of the public's feedback; moderation happens in the workspace."""

from django.contrib import admin

from nmirf.admin_history import AdminHistoryMixin
from portal.models import Feedback


@admin.register(Feedback)
class FeedbackAdmin(AdminHistoryMixin, admin.ModelAdmin):
    list_display = ["pk", "recommendation", "state", "published", "created_at"]
    list_filter = ["state", "published", "language"]
    search_fields = ["message", "organisation"]
    raw_id_fields = ["recommendation", "reviewed_by"]
    readonly_fields = ["created_at"]
