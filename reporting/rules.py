"""Who may see and do what with reports: predicates that return the reason for a refusal.

- Secretariat and administrators see every report, create reports and generate versions.
- Only an administrator approves a version of a draft; an approved report is published by an
  administrator or by the secretariat (approval is the decision, publication its execution).
- Consultative members read the reports shared with them and comment on them while they are drafts.
- A focal point reads the institution reports of their own institution, nothing else.
- The public sees published reports only (the public pages, not these rules).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from focalpoints.rules import institution_id_of
from nmirf.roles import ADMINISTRATOR, has_role
from reporting.models import Report, ReportVersion


def reports_visible_to(user) -> QuerySet[Report]:
    if not user.is_authenticated:
        return Report.objects.none()
    if user.has_perm("reporting.view_report"):
        return Report.objects.all()
    condition = Q(pk__in=[])
    if user.has_perm("reporting.comment_report"):
        condition |= Q(shared_with_consultative=True)
    institution_id = institution_id_of(user)
    if institution_id and user.has_perm("reporting.view_institution_report"):
        condition |= Q(kind=Report.Kind.INSTITUTION, institution_id=institution_id)
    return Report.objects.filter(condition)


def may_see_reports(user) -> bool:
    return any(
        user.has_perm(name)
        for name in ("reporting.view_report", "reporting.comment_report", "reporting.view_institution_report")
    )


def versions_visible_to(user, report: Report) -> QuerySet[ReportVersion]:
    """Staff see every version with its progress; the others only the finished ones."""
    versions = report.versions.select_related("created_by").order_by("-number")
    if user.has_perm("reporting.view_report"):
        return versions
    return versions.filter(status=ReportVersion.Status.DONE)


def why_cannot_generate(user, report: Report) -> str | None:
    if not user.has_perm("reporting.change_report"):
        return _("Your role does not generate reports.")
    if report.state != Report.State.DRAFT:
        return _("An approved or published report is final; create a new report for a new version.")
    return None


def may_approve(user, report: Report) -> bool:
    """An administrator, and a draft (which version is checked when one is chosen)."""
    return (
        has_role(user, ADMINISTRATOR)
        and user.has_perm("reporting.approve_report")
        and report.state == Report.State.DRAFT
    )


def why_cannot_approve(user, report: Report, version: ReportVersion | None) -> str | None:
    if not (has_role(user, ADMINISTRATOR) and user.has_perm("reporting.approve_report")):
        return _("Only an administrator approves reports.")
    if report.state != Report.State.DRAFT:
        return _("This report is already approved.")
    if version is None or version.report_id != report.pk or version.status != ReportVersion.Status.DONE:
        return _("Choose a finished version to approve.")
    return None


def why_cannot_publish(user, report: Report) -> str | None:
    if not user.has_perm("reporting.publish_report"):
        return _("Your role does not publish reports.")
    if report.state != Report.State.APPROVED:
        return _("Only an approved report can be published.")
    return None


def why_cannot_share(user, report: Report) -> str | None:
    if not user.has_perm("reporting.change_report"):
        return _("Your role does not share reports.")
    return None


def why_cannot_comment(user, report: Report) -> str | None:
    if not user.has_perm("reporting.comment_report"):
        return _("Your role does not comment on reports.")
    if report.state != Report.State.DRAFT:
        return _("Comments are closed once a report is approved.")
    if not user.has_perm("reporting.view_report") and not report.shared_with_consultative:
        return _("This report is not shared with you.")
    return None


def may_read_comments(user) -> bool:
    return user.has_perm("reporting.comment_report")


def require(reason: str | None) -> None:
    if reason:
        raise PermissionDenied(reason)
