"""Reports and dashboards under /<lang>/workspace/, and the published reports under /<lang>/reports/.

Every view goes through nmirf.access (404 for what the user may not see, 403 for what they may not
change) and reporting.rules (which reports a consultative member or a focal point may read).
"""

from __future__ import annotations

import re

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from nmirf.access import require_change, require_view, workspace_view
from nmirf.versioning import save_if_current
from reporting import rules, selectors, services
from reporting.forms import ApproveForm, CommentForm, ReportForm, ScheduleForm
from reporting.models import Report, ReportSchedule, ReportVersion

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def _errors(request: HttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def _visible_report(request: HttpRequest, pk: int) -> Report:
    if not rules.may_see_reports(request.user):
        raise Http404
    return get_object_or_404(
        rules.reports_visible_to(request.user).select_related("mechanism", "institution"), pk=pk
    )


_UNSAFE_IN_NAMES = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]+')


def _file_response(version: ReportVersion, kind: str) -> FileResponse:
    file = version.pdf if kind == "pdf" else version.docx
    if not file:
        raise Http404
    # The title in its own script (Arabic, Chinese…): Django sends it as RFC 6266 filename*, with an
    # ASCII fallback; only characters that file systems refuse are replaced.
    title = _UNSAFE_IN_NAMES.sub(" ", version.report.title).strip()[:80] or "report"
    name = f"{title}-v{version.number}.{kind}"
    response = FileResponse(
        file.open("rb"), as_attachment=True, filename=name, content_type=CONTENT_TYPES[kind]
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@workspace_view
@require_GET
def report_list(request: HttpRequest) -> HttpResponse:
    if not rules.may_see_reports(request.user):
        raise Http404
    context = {
        "reports": selectors.report_list(request.user),
        "schedules": ReportSchedule.objects.all()
        if request.user.has_perm("reporting.view_reportschedule")
        else None,
    }
    return render(request, "reporting/report_list.html", context)


@workspace_view
@require_http_methods(["GET", "POST"])
def report_create(request: HttpRequest) -> HttpResponse:
    require_view(request.user, "reporting.view_report")
    require_change(request.user, "reporting.add_report")
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        values = {key: value for key, value in form.cleaned_data.items() if value not in (None, "")}
        try:
            report = services.report_create(user=request.user, values=values)
        except ValidationError as error:
            _errors(request, error)
        else:
            messages.success(request, _("The report is being generated."))
            return redirect(report)
    return render(request, "reporting/report_form.html", {"form": form})


@workspace_view
@require_GET
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = _visible_report(request, pk)
    services.versions_fail_stale()
    versions = list(rules.versions_visible_to(request.user, report))
    user = request.user
    context = {
        "report": report,
        "versions": versions,
        "running": any(version.running for version in versions),
        "comments": report.comments.select_related("author") if rules.may_read_comments(user) else None,
        "comment_form": CommentForm() if not rules.why_cannot_comment(user, report) else None,
        "can_generate": not rules.why_cannot_generate(user, report),
        "can_approve": rules.may_approve(user, report),
        "can_publish": not rules.why_cannot_publish(user, report),
        "can_share": not rules.why_cannot_share(user, report),
    }
    return render(request, "reporting/report_detail.html", context)


@workspace_view
@require_GET
def report_progress(request: HttpRequest, pk: int) -> JsonResponse:
    """The versions' status for the page's polling script."""
    report = _visible_report(request, pk)
    services.versions_fail_stale()
    versions = rules.versions_visible_to(request.user, report)
    return JsonResponse(
        {
            "running": any(version.running for version in versions),
            "versions": [
                {
                    "number": v.number,
                    "status": v.status,
                    "label": v.get_status_display(),
                    "progress": v.progress,
                }
                for v in versions
            ],
        }
    )


@workspace_view
@require_POST
def report_generate(request: HttpRequest, pk: int) -> HttpResponse:
    report = _visible_report(request, pk)
    rules.require(rules.why_cannot_generate(request.user, report))
    services.report_generate(user=request.user, report=report)
    messages.success(request, _("A new version is being generated."))
    return redirect(report)


@workspace_view
@require_POST
def version_retry(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    report = _visible_report(request, pk)
    version = get_object_or_404(rules.versions_visible_to(request.user, report), number=number)
    try:
        services.version_retry(user=request.user, version=version)
    except ValidationError as error:
        _errors(request, error)
    else:
        messages.success(request, _("Version %(number)d is being generated again.") % {"number": number})
    return redirect(report)


@workspace_view
@require_POST
def report_approve(request: HttpRequest, pk: int) -> HttpResponse:
    report = _visible_report(request, pk)
    form = ApproveForm(request.POST)
    version = report.versions.filter(pk=form.cleaned_data["version"]).first() if form.is_valid() else None
    rules.require(rules.why_cannot_approve(request.user, report, version))
    services.report_approve(user=request.user, report=report, version=version)
    messages.success(request, _("The report is approved."))
    return redirect(report)


@workspace_view
@require_POST
def report_publish(request: HttpRequest, pk: int) -> HttpResponse:
    report = _visible_report(request, pk)
    rules.require(rules.why_cannot_publish(request.user, report))
    try:
        services.report_publish(user=request.user, report=report)
    except ValidationError as error:
        _errors(request, error)
    else:
        messages.success(request, _("The report is published on the public site."))
    return redirect(report)


@workspace_view
@require_POST
def report_share(request: HttpRequest, pk: int) -> HttpResponse:
    report = _visible_report(request, pk)
    rules.require(rules.why_cannot_share(request.user, report))
    shared = request.POST.get("shared") == "true"
    services.report_share(user=request.user, report=report, shared=shared)
    messages.success(
        request,
        _("Shared with the consultative members.")
        if shared
        else _("No longer shared with the consultative members."),
    )
    return redirect(report)


@workspace_view
@require_POST
def report_comment(request: HttpRequest, pk: int) -> HttpResponse:
    report = _visible_report(request, pk)
    rules.require(rules.why_cannot_comment(request.user, report))
    form = CommentForm(request.POST)
    if form.is_valid():
        services.report_comment(user=request.user, report=report, text=form.cleaned_data["text"])
        messages.success(request, _("Comment added."))
    else:
        messages.error(request, _("Write a comment."))
    return redirect(report)


@workspace_view
@require_GET
def version_download(request: HttpRequest, pk: int, number: int, kind: str) -> FileResponse:
    report = _visible_report(request, pk)
    version = get_object_or_404(rules.versions_visible_to(request.user, report), number=number, status="done")
    response = _file_response(version, kind)
    response["Cache-Control"] = "private, no-store"
    return response


@workspace_view
@require_http_methods(["GET", "POST"])
def schedule_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    require_view(request.user, "reporting.view_reportschedule")
    schedule = get_object_or_404(ReportSchedule, pk=pk) if pk else None
    require_change(
        request.user, "reporting.change_reportschedule" if schedule else "reporting.add_reportschedule"
    )
    form = ScheduleForm(request.POST or None, instance=schedule)
    if save_if_current(
        form, lambda data: services.schedule_save(user=request.user, values=data, schedule=schedule)
    ):
        messages.success(request, _("The schedule is saved."))
        return redirect("workspace:report_list")
    return render(request, "reporting/schedule_form.html", {"form": form, "schedule": schedule})


@workspace_view
@require_GET
def dashboards(request: HttpRequest) -> HttpResponse:
    require_view(request.user, "reporting.view_dashboards")
    context = selectors.dashboard_context(today=timezone.localdate())
    return render(request, "reporting/dashboards.html", context)


# Public pages ---------------------------------------------------------------------------------------


@require_GET
def public_list(request: HttpRequest) -> HttpResponse:
    return render(request, "reporting/public_list.html", {"reports": selectors.report_published_list()})


@require_GET
def public_download(request: HttpRequest, pk: int) -> FileResponse:
    report = get_object_or_404(
        Report.objects.select_related("approved_version"), pk=pk, state=Report.State.PUBLISHED
    )
    version = report.approved_version
    if version is None or version.status != ReportVersion.Status.DONE:
        raise Http404
    version.report = report
    return _file_response(version, "pdf")
