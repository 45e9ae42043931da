"""Reports: a definition (kind, parameters, lifecycle), its numbered versions (the rendered files),
comments during consultation, and schedules of periodic reports.

A report is a rendering of the database, never a copy: a version keeps only the files it produced
and the parameters it was rendered with. Business rules live in `reporting.services`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from focalpoints.storage import private_storage
from reporting.storage import report_upload_to


class Report(models.Model):
    class Kind(models.TextChoices):
        PARLIAMENT = "parliament", _("Progress report to parliament")
        MECHANISM = "mechanism", _("Report to a mechanism")
        INSTITUTION = "institution", _("Institution report")

    class Variant(models.TextChoices):
        NATIONAL = "national", _("UPR national report")
        MIDTERM = "midterm", _("UPR voluntary mid-term report")
        PERIODIC = "periodic", _("Treaty body periodic report")
        FOLLOWUP = "followup", _("Follow-up to concluding observations")

    class State(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("report state", "Draft")
        APPROVED = "approved", pgettext_lazy("report state", "Approved")
        PUBLISHED = "published", pgettext_lazy("report state", "Published")

    kind = models.CharField(_("kind of report"), max_length=12, choices=Kind.choices)
    variant = models.CharField(_("variant"), max_length=10, choices=Variant.choices, blank=True)
    title = models.CharField(_("title"), max_length=300)
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    mechanism = models.ForeignKey(
        "recommendations.Mechanism",
        verbose_name=_("mechanism"),
        null=True,
        blank=True,
        related_name="reports",
        on_delete=models.PROTECT,
    )
    cycle = models.PositiveSmallIntegerField(_("UPR cycle"), null=True, blank=True)
    institution = models.ForeignKey(
        "focalpoints.Institution",
        verbose_name=_("institution"),
        null=True,
        blank=True,
        related_name="reports",
        on_delete=models.PROTECT,
    )
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES, default="en")
    scope = models.CharField(
        _("scope"),
        max_length=1000,
        blank=True,
        help_text=_(
            "Filters of the recommendations list (its query string, e.g. cluster=3&theme=education); "
            "empty for every recommendation."
        ),
    )
    state = models.CharField(
        pgettext_lazy("workflow state", "state"), max_length=10, choices=State.choices, default=State.DRAFT
    )
    shared_with_consultative = models.BooleanField(
        _("shared with consultative members"),
        default=False,
        help_text=_("Consultative members can read its versions and comment on them while it is a draft."),
    )
    approved_version = models.ForeignKey(
        "ReportVersion",
        verbose_name=_("approved version"),
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.PROTECT,
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.PROTECT,
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.PROTECT,
    )
    published_at = models.DateTimeField(pgettext_lazy("report", "published"), null=True, blank=True)
    schedule = models.ForeignKey(
        "ReportSchedule",
        verbose_name=_("schedule"),
        null=True,
        blank=True,
        related_name="reports",
        on_delete=models.SET_NULL,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.PROTECT,
        help_text=_("Empty for scheduled reports."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-created_at", "-pk"]
        permissions = [
            ("approve_report", _("Can approve reports")),
            ("publish_report", _("Can publish approved reports")),
            ("comment_report", _("Can read and comment on report drafts shared for consultation")),
            ("view_institution_report", _("Can read the institution report of their own institution")),
            ("view_dashboards", _("Can see the statistics dashboards")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["parliament", "mechanism", "institution"]), name="report_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(kind="mechanism", variant__in=["national", "midterm", "periodic", "followup"])
                | (~Q(kind="mechanism") & Q(variant="")),
                name="report_variant_for_mechanism",
            ),
            models.CheckConstraint(
                condition=~Q(kind="mechanism") | Q(mechanism__isnull=False), name="report_mechanism_given"
            ),
            models.CheckConstraint(
                condition=~Q(kind="institution") | Q(institution__isnull=False),
                name="report_institution_given",
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")), name="report_period_ordered"
            ),
            models.CheckConstraint(
                condition=Q(state__in=["draft", "approved", "published"]), name="report_state_valid"
            ),
            models.CheckConstraint(
                condition=Q(state="draft") | Q(approved_version__isnull=False, approved_at__isnull=False),
                name="report_approved_has_version",
            ),
            models.CheckConstraint(
                condition=~Q(state="published") | Q(published_at__isnull=False),
                name="report_published_has_date",
            ),
            models.CheckConstraint(
                condition=Q(cycle__isnull=True) | Q(cycle__gte=1, cycle__lte=20), name="report_cycle_range"
            ),
        ]
        indexes = [models.Index(fields=["state", "published_at"], name="report_published_idx")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("workspace:report_detail", args=[self.pk])


class ReportVersion(models.Model):
    """One rendering of a report, numbered per report: who asked, when, with which parameters."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting for a worker")
        RUNNING = "running", _("Rendering")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    report = models.ForeignKey(
        Report, verbose_name=_("report"), related_name="versions", on_delete=models.CASCADE
    )
    number = models.PositiveIntegerField(_("version"))
    parameters = models.JSONField(_("parameters"), default=dict)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    error = models.TextField(_("reason for the failure"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    # Set when queued, started and at each step of the rendering: a queued or running version that no
    # worker has touched for WORKER_LOST_AFTER_MINUTES (and no transaction holds) has lost its worker.
    heartbeat_at = models.DateTimeField(_("last sign of a worker"), default=timezone.now)
    pdf = models.FileField(
        _("PDF"), storage=private_storage, upload_to=report_upload_to, max_length=300, blank=True
    )
    docx = models.FileField(
        _("DOCX"), storage=private_storage, upload_to=report_upload_to, max_length=300, blank=True
    )
    pages = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.PROTECT,
    )
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("sent to the recipients"), null=True, blank=True)

    class Meta:
        verbose_name = _("report version")
        verbose_name_plural = _("report versions")
        ordering = ["report", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="report_version_number_unique"),
            models.CheckConstraint(
                condition=Q(status__in=["queued", "running", "done", "failed"]),
                name="report_version_status_valid",
            ),
            models.CheckConstraint(condition=Q(progress__lte=100), name="report_version_progress_range"),
            models.CheckConstraint(
                condition=~Q(status="done") | (~Q(pdf="") & Q(pages__isnull=False)),
                name="report_version_done_has_file",
            ),
            models.CheckConstraint(
                condition=~Q(status="failed") | ~Q(error=""), name="report_version_failed_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return _("%(report)s, version %(number)s") % {"report": self.report, "number": self.number}

    @property
    def running(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)


class ReportComment(models.Model):
    """A comment on a draft, by the staff or by a consultative member it was shared with."""

    report = models.ForeignKey(
        Report, verbose_name=_("report"), related_name="comments", on_delete=models.CASCADE
    )
    version = models.ForeignKey(
        ReportVersion,
        verbose_name=_("version"),
        null=True,
        blank=True,
        related_name="comments",
        on_delete=models.SET_NULL,
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), related_name="+", on_delete=models.PROTECT
    )
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("report comment")
        verbose_name_plural = _("report comments")
        ordering = ["created_at", "pk"]
        constraints = [models.CheckConstraint(condition=~Q(text=""), name="report_comment_not_empty")]

    def __str__(self) -> str:
        return self.text[:60]


class ReportSchedule(models.Model):
    """A parliamentary report made by Celery beat every month, quarter or year and e-mailed as a link."""

    class Frequency(models.TextChoices):
        MONTHLY = "monthly", _("Every month")
        QUARTERLY = "quarterly", _("Every quarter")
        YEARLY = "yearly", _("Every year")

    kind = models.CharField(
        _("kind of report"), max_length=12, choices=[Report.Kind.choices[0]], default=Report.Kind.PARLIAMENT
    )
    frequency = models.CharField(
        _("frequency"), max_length=10, choices=Frequency.choices, default=Frequency.QUARTERLY
    )
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES, default="en")
    scope = models.CharField(_("scope"), max_length=1000, blank=True)
    recipients = models.TextField(
        _("recipients"), help_text=_("E-mail addresses, one a line or separated by commas.")
    )
    next_run = models.DateField(
        _("next run"), help_text=_("The report covers the period that ends the day before.")
    )
    active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.PROTECT,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("report schedule")
        verbose_name_plural = _("report schedules")
        ordering = ["next_run", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(kind="parliament"), name="report_schedule_kind_valid"),
            models.CheckConstraint(
                condition=Q(frequency__in=["monthly", "quarterly", "yearly"]),
                name="report_schedule_frequency_valid",
            ),
            models.CheckConstraint(condition=~Q(recipients=""), name="report_schedule_has_recipients"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.get_frequency_display()} ({self.language})"

    @property
    def recipient_list(self) -> list[str]:
        return [part.strip() for part in self.recipients.replace(",", "\n").splitlines() if part.strip()]
