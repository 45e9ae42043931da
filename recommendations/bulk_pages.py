"""The pages around a bulk action: the confirmation that shows what will change, and the result banner
with "Undo this change" that the recommendations list shows once after the action."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest
from django.utils.translation import gettext as _

from nmirf.models import AuditBatch
from recommendations.forms import BulkActionForm
from recommendations.services import BulkPreview, BulkResult, bulk_description

SESSION_KEY = "bulk_result"


def bulk_confirmation(
    request: HttpRequest, form: BulkActionForm, preview: BulkPreview, back: str
) -> dict[str, Any]:
    """The confirmation page's context: the action, its count and sample, and the form posted again."""
    data = form.cleaned_data
    if data.get("confirmed") is not None and data["confirmed"] != preview.matched:
        messages.warning(
            request,
            _(
                "The selection now holds %(now)d recommendations, not %(then)d as when you checked: check again."
            )
            % {"now": preview.matched, "then": data["confirmed"]},
        )
    hidden = [
        (name, value)
        for name, values in request.POST.lists()
        if name not in ("csrfmiddlewaretoken", "confirmed")
        for value in values
    ]
    return {
        "preview": preview,
        "hidden": hidden,
        "back": back,
        "description": bulk_description(data["action"], data["value"]),
        "whole_filter": data["scope"] == BulkActionForm.SCOPE_ALL,
        "query_string": request.GET.urlencode(),
    }


def remember_bulk_result(request: HttpRequest, result: BulkResult) -> None:
    if result.batch is None:
        messages.info(request, _("Nothing changed: the recommendations already had this value."))
        return
    request.session[SESSION_KEY] = {"batch": result.batch.pk, "changed": result.changed}


def last_bulk_result(request: HttpRequest) -> dict[str, Any] | None:
    """The bulk action just done (shown once): how many changed, and the recorded change to undo."""
    remembered = request.session.pop(SESSION_KEY, None)
    if not isinstance(remembered, dict):
        return None
    batch = AuditBatch.objects.filter(pk=remembered.get("batch"), reverted_by=None).first()
    return {"batch": batch, "changed": remembered.get("changed", 0)} if batch else None
