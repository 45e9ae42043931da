"""Import pages (administrators): upload, preview, decisions, progress, result, undo, history."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nmirf.access import require_view, workspace_view
from nmirf.history_views import undo_message
from nmirf.revert import RevertBlocked, plan_context
from recommendations.import_forms import DuplicatesForm, ImportUploadForm, MappingForm, ResolveForm
from recommendations.importing import service, undo
from recommendations.importing.base import import_progress
from recommendations.models import ImportBatch

PERMISSION = "recommendations.import_recommendations"


def _batch(request: HttpRequest, pk: int) -> ImportBatch:
    require_view(request.user, PERMISSION)
    return get_object_or_404(ImportBatch.objects.select_related("user", "profile"), pk=pk)


@workspace_view
def import_list(request: HttpRequest) -> HttpResponse:
    require_view(request.user, PERMISSION)
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if form.is_valid():
        data = form.cleaned_data
        try:
            batch = service.import_upload(
                user=request.user,
                upload=data["file"],
                **{
                    key: data[key]
                    for key in (
                        "requested_format",
                        "state_scope",
                        "language",
                        "translations_only",
                        "dayfirst",
                        "skip_invalid",
                    )
                },
            )
        except ValidationError as error:
            form.add_error("file", error)
        else:
            return redirect(batch)
    service.import_fail_stale()
    page = Paginator(ImportBatch.objects.select_related("user"), 25).get_page(request.GET.get("page"))
    return render(request, "recommendations/import_list.html", {"form": form, "page": page})


@workspace_view
def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    batch = _batch(request, pk)
    if service.import_fail_stale():
        batch.refresh_from_db()
    context = {"batch": batch, "progress": import_progress(batch)}
    if batch.status == ImportBatch.Status.NEEDS_MAPPING:
        context["mapping_form"] = MappingForm(headers=batch.headers)
    if batch.status == ImportBatch.Status.PREVIEWED:
        context["resolve_form"] = ResolveForm(batch=batch)
        if batch.report.get("duplicates"):
            context["duplicates_form"] = DuplicatesForm(batch=batch, page=request.GET.get("page"))
    return render(request, "recommendations/import_detail.html", context)


@workspace_view
@require_POST
def import_mapping(request: HttpRequest, pk: int) -> HttpResponse:
    batch = _batch(request, pk)
    form = MappingForm(request.POST, headers=batch.headers)
    if form.is_valid():
        try:
            service.import_set_mapping(
                user=request.user, batch=batch, mapping=form.mapping(), defaults=form.defaults(),
                profile_name=form.cleaned_data["profile_name"],
            )  # fmt: skip
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    return redirect(batch)


@workspace_view
@require_POST
def import_resolve(request: HttpRequest, pk: int) -> HttpResponse:
    batch = _batch(request, pk)
    form = ResolveForm(request.POST, batch=batch)
    if form.is_valid():
        _decide(request, batch, values=form.value_decisions())
    return redirect(batch)


@workspace_view
@require_POST
def import_duplicates(request: HttpRequest, pk: int) -> HttpResponse:
    """A bulk decision or the choices of one page of possible duplicates; then the page asked for."""
    batch = _batch(request, pk)
    form = DuplicatesForm(request.POST, batch=batch, page=request.POST.get("shown"))
    if not form.is_valid():
        return redirect(batch)
    _decide(request, batch, duplicates=form.decisions(), link_at=form.cleaned_data["link_at"])
    return redirect(f"{batch.get_absolute_url()}?page={form.next_page()}#duplicates-heading")


def _decide(request: HttpRequest, batch: ImportBatch, **decisions: Any) -> None:
    try:
        batch = service.import_resolve(user=request.user, batch=batch, **decisions)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if batch.status == ImportBatch.Status.PREVIEWING:
            messages.success(request, _("Your decisions are saved; the file is being checked again."))


@workspace_view
@require_POST
def import_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    batch = _batch(request, pk)
    try:
        service.import_confirm(batch=batch, skip_invalid=request.POST.get("skip_invalid") == "1")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(batch)


@workspace_view
@require_POST
def import_retry(request: HttpRequest, pk: int) -> HttpResponse:
    batch = _batch(request, pk)
    try:
        service.import_retry(batch=batch)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Trying again."))
    return redirect(batch)


@workspace_view
@require_POST
def import_discard(request: HttpRequest, pk: int) -> HttpResponse:
    batch = _batch(request, pk)
    try:
        undo.import_discard(user=request.user, batch=batch)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The file is discarded; nothing was imported."))
    return redirect(batch)


@workspace_view
def import_undo(request: HttpRequest, pk: int) -> HttpResponse:
    """GET shows what the undo would do; POST does it (keeping records changed since when confirmed)."""
    batch = _batch(request, pk)
    try:
        if request.method == "POST":
            plan = undo.import_undo(
                user=request.user, batch=batch, keep_changed=request.POST.get("keep_changed") == "1"
            )
            messages.success(request, undo_message(plan))
            return redirect(batch)
        plan = undo.import_undo_plan(batch=batch)
    except RevertBlocked as blocked:
        messages.warning(request, " ".join(blocked.messages))
        plan = blocked.plan
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(batch)
    return render(request, "recommendations/import_undo.html", {"batch": batch, **plan_context(plan)})
