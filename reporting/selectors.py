"""Reads of reports: the lists of the workspace and of the public site, and the dashboards."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Max, QuerySet

from recommendations.models import Recommendation
from reporting import content, rules, statistics
from reporting.models import Report, ReportVersion


def report_list(user) -> QuerySet[Report]:
    """The reports `user` may see, with their number of versions and latest version number."""
    return (
        rules.reports_visible_to(user)
        .select_related("mechanism", "institution", "created_by")
        .annotate(n_versions=Count("versions"), latest=Max("versions__number"))
        .order_by("-created_at", "-pk")
    )


@dataclass
class PublishedReport:
    pk: int
    title: str
    kind: str
    kind_label: str
    language: str
    published_at: datetime.datetime
    version: ReportVersion


def report_published_list(*, limit: int | None = None) -> list[PublishedReport]:
    """Published reports, newest first, each with the version the public downloads (one query)."""
    reports = (
        Report.objects.filter(
            state=Report.State.PUBLISHED, approved_version__status=ReportVersion.Status.DONE
        )
        .select_related("approved_version")
        .order_by("-published_at", "-pk")
    )
    if limit is not None:
        reports = reports[:limit]
    return [
        PublishedReport(
            pk=report.pk,
            title=report.title,
            kind=report.kind,
            kind_label=report.get_kind_display(),
            language=report.language,
            published_at=report.published_at,
            version=report.approved_version,
        )
        for report in reports
    ]


def dashboard_context(*, today: datetime.date) -> dict:
    """The dashboards: the statistics of the reports over every recommendation, charts beside tables."""
    queryset = Recommendation.objects.all()
    if settings.NMIRF_STATE:
        queryset = queryset.filter(state__code=settings.NMIRF_STATE)
    return {
        "headline": statistics.headline(
            queryset, start=today - datetime.timedelta(days=365), end=today, today=today
        ),
        "sections": content.progress_sections(queryset, until=today),
        "coverage": content.coverage_section(queryset, today),
        "status_headers": [str(label) for _value, label in Recommendation.Status.choices],
    }
