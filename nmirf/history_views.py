"""History pages: every recorded change, an object's versions, restore and undo, each shown before done.

Restoring a version and undoing a change are offered to whoever may change every record concerned
(the secretariat for what it curates, administrators for everything); both show what will happen and
ask for confirmation first, and both are recorded, so they can be undone in turn.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from nmirf.access import require_view, workspace_view
from nmirf.audit import audit_restore, describe_changes, history_for, restorable_state, snapshot
from nmirf.models import AuditBatch, AuditEntry
from nmirf.revert import RevertBlocked, RevertPlan, plan_context, revert_apply, revert_plan

# Imports are undone from their own page, which also updates the import's status.
IMPORT_ACTIONS = ("import", "import_values", "import_undo", "import_discard")


def may_change(user, model: type[models.Model]) -> bool:
    meta = model._meta
    return user.has_perm("nmirf.restore_history") and user.has_perm(
        f"{meta.app_label}.change_{meta.model_name}"
    )


def undo_message(plan: RevertPlan) -> str:
    counts = plan.summary()
    text = (
        _(
            "Undone. Records removed: %(remove)d; put back to their earlier values: %(put_back)d; "
            "brought back: %(recreate)d."
        )
        % counts
    )
    if counts["kept"]:
        text += " " + _("Records changed since and kept as they are: %(kept)d.") % counts
    return text


def object_history(request: HttpRequest, obj: models.Model, back_url: str) -> HttpResponse:
    """The versions of one object, newest first; restore is offered on every version but the current one."""
    require_view(request.user, "nmirf.view_history")
    page = Paginator(history_for(obj), 50).get_page(request.GET.get("page"))
    rows = describe_changes(page.object_list, type(obj))
    current = snapshot(obj)
    for row in rows:
        state = restorable_state(row["entry"])
        row["current"] = state is not None and all(current.get(key) == value for key, value in state.items())
    context = {
        "object": obj,
        "back_url": back_url,
        "page": page,
        "rows": rows,
        "can_restore": may_change(request.user, type(obj)),
    }
    return render(request, "history.html", context)


@workspace_view
def history_restore(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the differences between the object now and the version to restore; POST: restore it."""
    require_view(request.user, "nmirf.view_history")
    entry = get_object_or_404(
        AuditEntry.objects.select_related("batch", "batch__user", "content_type"), pk=pk
    )
    model = entry.content_type.model_class()
    if model is None:
        raise Http404
    if not may_change(request.user, model):
        raise PermissionDenied
    instance = model._base_manager.filter(pk=entry.object_id).first()
    state = restorable_state(entry) or {}
    now = snapshot(instance) if instance is not None else {}
    differences = describe_changes(
        [AuditEntry(operation=AuditEntry.Operation.RESTORE, before=now, after=state)], model
    )[0]["changes"]
    if request.method == "POST":
        try:
            restored = audit_restore(entry=entry, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, _("The earlier version of “%(object)s” is restored.") % {"object": restored}
            )
            url = getattr(restored, "get_absolute_url", None)
            return redirect(url() if url else "workspace:history")
    context = {"entry": entry, "instance": instance, "differences": differences}
    return render(request, "history_restore.html", context)


@workspace_view
def history_list(request: HttpRequest) -> HttpResponse:
    """Every recorded change, newest first, with what it touched and whether it was undone."""
    require_view(request.user, "nmirf.view_history")
    batches = AuditBatch.objects.select_related("user", "reverted_by").order_by("-created_at", "-pk")
    page = Paginator(batches, 50).get_page(request.GET.get("page"))
    sizes = dict(
        AuditEntry.objects.filter(batch__in=list(page.object_list))
        .values_list("batch")
        .annotate(n=models.Count("pk"))
        .values_list("batch", "n")
    )
    for batch in page.object_list:
        batch.size = sizes.get(batch.pk, 0)
    return render(request, "history_list.html", {"page": page, "import_actions": IMPORT_ACTIONS})


def _plan_for(request: HttpRequest, batch: AuditBatch) -> RevertPlan | None:
    """The undo plan, or None (with the reason shown) when this person may not undo this change here."""
    if batch.action in IMPORT_ACTIONS:
        messages.error(request, _("An import is undone from its own page, under Imports."))
        return None
    if batch.reverted_by_id:
        messages.error(request, _("This change has already been undone."))
        return None
    plan = revert_plan([batch])
    if not all(may_change(request.user, item.model) for item in plan.items):
        messages.error(request, _("This change concerns records you may not change."))
        return None
    return plan


@workspace_view
def history_batch(request: HttpRequest, pk: int) -> HttpResponse:
    """One change: each record it touched, field by field; undo is offered unless already done."""
    require_view(request.user, "nmirf.view_history")
    batch = get_object_or_404(AuditBatch.objects.select_related("user", "reverted_by"), pk=pk)
    entries = batch.entries.select_related("content_type").order_by("pk")
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    by_model: dict[type[models.Model], list[AuditEntry]] = {}
    for entry in page.object_list:
        by_model.setdefault(entry.content_type.model_class(), []).append(entry)
    rows = [row for model, found in by_model.items() for row in describe_changes(found, model)]
    rows.sort(key=lambda row: row["entry"].pk)
    context = {"batch": batch, "page": page, "rows": rows, "import_actions": IMPORT_ACTIONS}
    return render(request, "history_batch.html", context)


@workspace_view
def history_undo(request: HttpRequest, pk: int) -> HttpResponse:
    """GET shows what undoing the change would do now; POST does it as one recorded change."""
    require_view(request.user, "nmirf.view_history")
    batch = get_object_or_404(AuditBatch.objects.select_related("user"), pk=pk)
    plan = _plan_for(request, batch)
    if plan is None:
        return redirect("workspace:history_batch", pk=batch.pk)
    if request.method == "POST":
        try:
            undo, plan = revert_apply(
                batches=[batch],
                user=request.user,
                keep_changed=request.POST.get("keep_changed") == "1",
                action="undo",
                description=_("Undo of “%(change)s”") % {"change": batch.description or batch.action},
            )
        except RevertBlocked as blocked:
            messages.warning(request, " ".join(blocked.messages))
            plan = blocked.plan
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("workspace:history_batch", pk=batch.pk)
        else:
            messages.success(request, undo_message(plan))
            return redirect(reverse("workspace:history_batch", args=[undo.pk]))
    return render(request, "history_undo.html", {"batch": batch, **plan_context(plan)})
