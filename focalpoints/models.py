"""Institutions and their focal points; actions, indicators and the reporting calendar; progress
updates with their evidence, reviews and comments; notifications and the log that keeps reminders
from being sent twice.

Business rules live in `focalpoints.services`, `focalpoints.people` and `focalpoints.reminders`;
the models carry the constraints the database can enforce.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from focalpoints.storage import evidence_upload_to, private_storage
from recommendations.models import Recommendation

# Actions and progress updates use the one agreed implementation scale of recommendations.
STATUS_CHOICES = Recommendation.Status.choices
STATUS_VALUES = Recommendation.Status.values


class Institution(models.Model):
    AUDIT_VOCABULARY = True  # undo keeps it while any record uses it (nmirf.revert)

    class Kind(models.TextChoices):
        MINISTRY = "ministry", _("Ministry")
        DEPARTMENT = "department", _("Government department")
        STATE_AGENCY = "state_agency", _("State agency")
        PARLIAMENT = "parliament", _("Parliament")
        JUDICIARY = "judiciary", _("Judiciary")
        STATISTICS = "statistics_office", _("Statistics office")
        REGIONAL_GOVERNMENT = "regional_government", _("Regional government")
        LOCAL_GOVERNMENT = "local_government", _("Local government")
        NHRI = "nhri", _("National human rights institution")
        CIVIL_SOCIETY = "civil_society", _("Civil-society organisation")
        ACADEMIA = "academia", _("Academia")
        UN_ENTITY = "un_entity", _("UN entity")
        OTHER = "other", _("Other")

    class Membership(models.TextChoices):
        FULL = "full", _("Full (permanent) member")
        OBSERVER = "observer", _("Observer (consultative) member")

    name = models.CharField(_("name"), max_length=255)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices, default=Kind.MINISTRY)
    membership = models.CharField(
        _("membership"), max_length=10, choices=Membership.choices, default=Membership.FULL
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent institution"),
        null=True,
        blank=True,
        related_name="children",
        on_delete=models.PROTECT,
    )
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telephone"), max_length=50, blank=True)
    website = models.URLField(_("website"), blank=True)
    address = models.TextField(_("address"), blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    kind__in=[
                        "ministry",
                        "department",
                        "state_agency",
                        "parliament",
                        "judiciary",
                        "statistics_office",
                        "regional_government",
                        "local_government",
                        "nhri",
                        "civil_society",
                        "academia",
                        "un_entity",
                        "other",
                    ]
                ),
                name="institution_kind_valid",
            ),
            models.CheckConstraint(
                condition=Q(membership__in=["full", "observer"]), name="institution_membership_valid"
            ),
            models.CheckConstraint(condition=~Q(parent=models.F("pk")), name="institution_not_own_parent"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def get_absolute_url(self) -> str:
        return reverse("workspace:institution_detail", args=[self.pk])


class FocalPoint(models.Model):
    """A user answering for one institution, as focal point or deputy, for a period of service."""

    class Role(models.TextChoices):
        FOCAL_POINT = "focal_point", _("Focal point")
        DEPUTY = "deputy", _("Deputy focal point")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        related_name="focal_points",
        on_delete=models.PROTECT,
    )
    institution = models.ForeignKey(
        Institution, verbose_name=_("institution"), related_name="focal_points", on_delete=models.PROTECT
    )
    role = models.CharField(_("role"), max_length=12, choices=Role.choices, default=Role.FOCAL_POINT)
    title = models.CharField(_("job title"), max_length=200, blank=True)
    phone = models.CharField(_("telephone"), max_length=50, blank=True)
    email = models.EmailField(_("work e-mail"), blank=True)
    start_date = models.DateField(_("service start"))
    end_date = models.DateField(_("service end"), null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        verbose_name=_("succeeded by"),
        null=True,
        blank=True,
        related_name="predecessors",
        on_delete=models.PROTECT,
    )

    class Meta:
        verbose_name = _("focal point")
        verbose_name_plural = _("focal points")
        ordering = ["institution__name", "role", "-start_date"]
        permissions = [
            ("manage_people", _("Can invite, deactivate and replace users and focal points")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="focalpoint_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(role__in=["focal_point", "deputy"]), name="focalpoint_role_valid"
            ),
            # A person serves one institution at a time.
            models.UniqueConstraint(
                fields=["user"], condition=Q(end_date__isnull=True), name="focalpoint_one_active_per_user"
            ),
            # An institution has one focal point at a time (and any number of deputies).
            models.UniqueConstraint(
                fields=["institution"],
                condition=Q(end_date__isnull=True, role="focal_point"),
                name="focalpoint_one_active_per_institution",
            ),
            models.CheckConstraint(
                condition=~Q(successor=models.F("pk")), name="focalpoint_not_own_successor"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.institution} ({self.get_role_display()})"

    @property
    def is_active(self) -> bool:
        return self.end_date is None


class Action(models.Model):
    """An implementation measure for a recommendation or a cluster (the living action plan)."""

    recommendation = models.ForeignKey(
        "recommendations.Recommendation",
        verbose_name=_("recommendation"),
        null=True,
        blank=True,
        related_name="actions",
        on_delete=models.PROTECT,
    )
    cluster = models.ForeignKey(
        "recommendations.Cluster",
        verbose_name=_("cluster"),
        null=True,
        blank=True,
        related_name="actions",
        on_delete=models.PROTECT,
    )
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    lead_institution = models.ForeignKey(
        Institution,
        verbose_name=_("lead institution"),
        null=True,
        blank=True,
        related_name="led_actions",
        on_delete=models.PROTECT,
    )
    supporting_institutions = models.ManyToManyField(
        Institution, verbose_name=_("supporting institutions"), related_name="supported_actions", blank=True
    )
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=24, choices=STATUS_CHOICES, default="not_started")
    budget_line = models.CharField(_("budget line"), max_length=200, blank=True)
    update_deadline = models.DateField(
        _("update deadline"), null=True, blank=True, help_text=_("When the next progress update is due.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = pgettext_lazy("implementation measure", "action")
        verbose_name_plural = pgettext_lazy("implementation measures", "actions")
        ordering = ["end_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(recommendation__isnull=False, cluster__isnull=True)
                | Q(recommendation__isnull=True, cluster__isnull=False),
                name="action_for_recommendation_or_cluster",
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="action_end_after_start",
            ),
            models.CheckConstraint(condition=Q(status__in=STATUS_VALUES), name="action_status_valid"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("workspace:action_detail", args=[self.pk])

    @property
    def item(self):
        return self.recommendation or self.cluster


class ImpactIndicator(models.Model):
    """A national measure of impact (MGF §4d, §10), optionally tied to a global SDG indicator."""

    name = models.CharField(_("name"), max_length=300)
    unit = models.CharField(_("unit"), max_length=60, blank=True, help_text=_("For example: %, cases, days."))
    baseline = models.DecimalField(_("baseline"), max_digits=18, decimal_places=4, null=True, blank=True)
    baseline_date = models.DateField(_("baseline date"), null=True, blank=True)
    target = models.DecimalField(
        pgettext_lazy("indicator value", "target"), max_digits=18, decimal_places=4, null=True, blank=True
    )
    target_date = models.DateField(_("target date"), null=True, blank=True)
    sdg_indicator = models.ForeignKey(
        "sdg.Indicator",
        verbose_name=_("SDG indicator"),
        null=True,
        blank=True,
        related_name="impact_indicators",
        on_delete=models.PROTECT,
    )
    recommendations = models.ManyToManyField(
        "recommendations.Recommendation",
        verbose_name=_("recommendations"),
        related_name="impact_indicators",
        blank=True,
    )
    actions = models.ManyToManyField(
        Action,
        verbose_name=pgettext_lazy("implementation measures", "actions"),
        related_name="indicators",
        blank=True,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("impact indicator")
        verbose_name_plural = _("impact indicators")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(target_date__isnull=True)
                | Q(baseline_date__isnull=True)
                | Q(target_date__gte=models.F("baseline_date")),
                name="indicator_target_after_baseline",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.unit})" if self.unit else self.name

    def get_absolute_url(self) -> str:
        return reverse("workspace:indicator_detail", args=[self.pk])


class DataPoint(models.Model):
    """A dated value of an indicator, for everyone or for one disaggregation."""

    class Sex(models.TextChoices):
        FEMALE = "female", _("Female")
        MALE = "male", _("Male")
        OTHER = "other", pgettext_lazy("sex", "Other")

    class Disability(models.TextChoices):
        WITH = "with", _("With disability")
        WITHOUT = "without", _("Without disability")

    indicator = models.ForeignKey(
        ImpactIndicator, verbose_name=_("indicator"), related_name="data_points", on_delete=models.CASCADE
    )
    date = models.DateField(_("date"))
    value = models.DecimalField(_("value"), max_digits=18, decimal_places=4)
    sex = models.CharField(_("sex"), max_length=10, choices=Sex.choices, blank=True)
    age = models.CharField(_("age group"), max_length=40, blank=True, help_text=_("For example: 0-17."))
    region = models.CharField(_("region"), max_length=120, blank=True)
    disability = models.CharField(_("disability"), max_length=10, choices=Disability.choices, blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    update = models.ForeignKey(
        "ProgressUpdate",
        verbose_name=_("progress update"),
        null=True,
        blank=True,
        related_name="data_points",
        on_delete=models.CASCADE,
        help_text=_("The progress update that reported it; official once the update is validated."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.PROTECT,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("data point")
        verbose_name_plural = _("data points")
        ordering = ["indicator", "-date", "sex", "age", "region", "disability"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "date", "sex", "age", "region", "disability", "update"],
                nulls_distinct=False,
                name="datapoint_unique_per_breakdown",
            ),
            models.CheckConstraint(
                condition=Q(sex__in=["", "female", "male", "other"]), name="datapoint_sex_valid"
            ),
            models.CheckConstraint(
                condition=Q(disability__in=["", "with", "without"]), name="datapoint_disability_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value} ({self.date:%Y-%m-%d})"

    @property
    def breakdown(self) -> str:
        parts = [self.get_sex_display() if self.sex else "", self.age, self.region]
        parts.append(self.get_disability_display() if self.disability else "")
        return ", ".join(part for part in parts if part)


class Deadline(models.Model):
    """A reporting-calendar entry; applying it sets the update deadline of the items it concerns."""

    title = models.CharField(_("title"), max_length=255, help_text=_("For example: CRC follow-up report."))
    due_date = models.DateField(_("report due"))
    updates_due = models.DateField(
        _("progress updates due"), help_text=_("The update deadline set on the items concerned.")
    )
    mechanism = models.ForeignKey(
        "recommendations.Mechanism",
        verbose_name=_("mechanism"),
        null=True,
        blank=True,
        related_name="deadlines",
        on_delete=models.PROTECT,
        help_text=_("Every recommendation of this mechanism is concerned."),
    )
    clusters = models.ManyToManyField(
        "recommendations.Cluster",
        verbose_name=_("clusters"),
        related_name="deadlines",
        blank=True,
        help_text=_("These clusters and every recommendation in them are concerned."),
    )
    recommendations = models.ManyToManyField(
        "recommendations.Recommendation",
        verbose_name=_("recommendations"),
        related_name="deadlines",
        blank=True,
    )
    notes = models.TextField(_("notes"), blank=True)
    applied_at = models.DateTimeField(_("applied"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("deadline")
        verbose_name_plural = _("deadlines")
        ordering = ["due_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(updates_due__lte=models.F("due_date")), name="deadline_updates_before_report"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.due_date:%Y-%m-%d})"


class ProgressUpdate(models.Model):
    """A dated submission by a focal point on a recommendation or an action."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        RETURNED = "returned", _("Returned for changes")
        VALIDATED = "validated", _("Validated")

    recommendation = models.ForeignKey(
        "recommendations.Recommendation",
        verbose_name=_("recommendation"),
        null=True,
        blank=True,
        related_name="progress_updates",
        on_delete=models.PROTECT,
    )
    action = models.ForeignKey(
        Action,
        verbose_name=pgettext_lazy("implementation measure", "action"),
        null=True,
        blank=True,
        related_name="progress_updates",
        on_delete=models.PROTECT,
    )
    institution = models.ForeignKey(
        Institution, verbose_name=_("institution"), related_name="progress_updates", on_delete=models.PROTECT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("written by"), related_name="+", on_delete=models.PROTECT
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible person"),
        related_name="owned_updates",
        on_delete=models.PROTECT,
        help_text=_("Passes to the successor when a focal point leaves."),
    )
    narrative = models.TextField(_("narrative"), blank=True)
    proposed_status = models.CharField(
        _("proposed status"), max_length=24, choices=STATUS_CHOICES, default="in_progress"
    )
    period_start = models.DateField(_("period covered from"), null=True, blank=True)
    period_end = models.DateField(_("period covered to"), null=True, blank=True)
    links = models.JSONField(_("links"), default=list, blank=True)
    state = models.CharField(
        pgettext_lazy("workflow state", "state"), max_length=10, choices=State.choices, default=State.DRAFT
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.PROTECT,
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.PROTECT,
    )
    applied_status = models.CharField(_("status applied"), max_length=24, choices=STATUS_CHOICES, blank=True)
    shared_with_consultative = models.BooleanField(
        _("shared with consultative members"),
        default=False,
        help_text=_("Consultative members can read it and comment on it."),
    )
    published = models.BooleanField(pgettext_lazy("progress update", "published"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")
        ordering = ["-updated_at", "-pk"]
        permissions = [
            ("review_progressupdate", _("Can validate or return progress updates")),
            ("comment_progressupdate", _("Can comment on progress updates shared for consultation")),
        ]
        indexes = [models.Index(fields=["state", "submitted_at"], name="update_queue_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(recommendation__isnull=False, action__isnull=True)
                | Q(recommendation__isnull=True, action__isnull=False),
                name="update_for_recommendation_or_action",
            ),
            models.CheckConstraint(
                condition=Q(state__in=["draft", "submitted", "returned", "validated"]),
                name="update_state_valid",
            ),
            models.CheckConstraint(
                condition=Q(proposed_status__in=STATUS_VALUES), name="update_proposed_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(applied_status__in=["", *STATUS_VALUES]), name="update_applied_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(period_end__isnull=True)
                | Q(period_start__isnull=True)
                | Q(period_end__gte=models.F("period_start")),
                name="update_period_ordered",
            ),
            models.CheckConstraint(
                condition=Q(state="draft") | Q(submitted_at__isnull=False), name="update_submitted_has_date"
            ),
            models.CheckConstraint(
                condition=Q(published=False) | Q(state="validated"), name="update_published_only_validated"
            ),
        ]

    def __str__(self) -> str:
        return _("Update #%(pk)s on %(item)s") % {"pk": self.pk, "item": self.item}

    def get_absolute_url(self) -> str:
        return reverse("workspace:update_detail", args=[self.pk])

    @property
    def item(self):
        return self.recommendation if self.recommendation_id else self.action

    @property
    def is_editable(self) -> bool:
        return self.state in (self.State.DRAFT, self.State.RETURNED)


class UpdateComment(models.Model):
    """A reviewer's note (shown to the institution) or a consultative member's comment (staff only)."""

    class Kind(models.TextChoices):
        RETURN = "return", _("Returned with comment")
        VALIDATION = "validation", _("Validation note")
        CONSULTATION = "consultation", _("Consultation comment")

    update = models.ForeignKey(
        ProgressUpdate, verbose_name=_("progress update"), related_name="comments", on_delete=models.CASCADE
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), related_name="+", on_delete=models.PROTECT
    )
    kind = models.CharField(_("kind"), max_length=14, choices=Kind.choices)
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["return", "validation", "consultation"]), name="comment_kind_valid"
            ),
            models.CheckConstraint(condition=~Q(text=""), name="comment_not_empty"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text[:60]}"


class EvidenceFile(models.Model):
    """A file attached to a progress update, stored outside the public paths."""

    class Kind(models.TextChoices):
        PDF = "pdf", "PDF"
        DOCX = "docx", "Word (DOCX)"
        XLSX = "xlsx", "Excel (XLSX)"
        ODT = "odt", "OpenDocument (ODT)"
        PNG = "png", "PNG"
        JPEG = "jpeg", "JPEG"
        GIF = "gif", "GIF"
        WEBP = "webp", "WebP"

    update = models.ForeignKey(
        ProgressUpdate, verbose_name=_("progress update"), related_name="evidence", on_delete=models.CASCADE
    )
    file = models.FileField(_("file"), storage=private_storage, upload_to=evidence_upload_to, max_length=300)
    name = models.CharField(_("file name"), max_length=255)
    kind = models.CharField(_("type"), max_length=5, choices=Kind.choices)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), related_name="+", on_delete=models.PROTECT
    )
    published = models.BooleanField(
        pgettext_lazy("evidence file", "published"),
        default=False,
        help_text=_("Shown on the public tracker while its progress update is published."),
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["pdf", "docx", "xlsx", "odt", "png", "jpeg", "gif", "webp"]),
                name="evidence_kind_valid",
            ),
            models.UniqueConstraint(fields=["update", "sha256"], name="evidence_once_per_update"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("workspace:evidence_download", args=[self.update_id, self.pk])


class Notification(models.Model):
    """What a person sees in the workspace; the same text as the e-mail they were sent."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        related_name="notifications",
        on_delete=models.CASCADE,
    )
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("message"))
    url = models.CharField(_("link"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "read_at"], name="notification_unread_idx")]

    def __str__(self) -> str:
        return self.subject


class ReminderLog(models.Model):
    """One row per person, event, item and period: the reason a reminder is never sent twice."""

    class Event(models.TextChoices):
        ASSIGNED = "assigned", _("Assignment made")
        DUE_14 = "due_14", _("Deadline in 14 days")
        DUE_3 = "due_3", _("Deadline in 3 days")
        OVERDUE = "overdue", _("Overdue")
        OVERDUE_COPY = "overdue_copy", _("Overdue by 14 days or more (copy)")
        RETURNED = "returned", _("Update returned")
        VALIDATED = "validated", _("Update validated")

    class ItemKind(models.TextChoices):
        RECOMMENDATION = "recommendation", _("recommendation")
        ACTION = "action", pgettext_lazy("implementation measure", "action")
        UPDATE = "update", _("progress update")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        related_name="reminder_logs",
        on_delete=models.CASCADE,
    )
    event = models.CharField(_("event"), max_length=14, choices=Event.choices)
    item_kind = models.CharField(_("item type"), max_length=14, choices=ItemKind.choices)
    item_id = models.PositiveBigIntegerField(_("item"))
    period = models.CharField(
        _("period"), max_length=40, help_text=_("The deadline, week or review the reminder was about.")
    )
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        ordering = ["-sent_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "event", "item_kind", "item_id", "period"], name="reminder_sent_once"
            ),
            models.CheckConstraint(
                condition=Q(
                    event__in=[
                        "assigned",
                        "due_14",
                        "due_3",
                        "overdue",
                        "overdue_copy",
                        "returned",
                        "validated",
                    ]
                ),
                name="reminder_event_valid",
            ),
            models.CheckConstraint(
                condition=Q(item_kind__in=["recommendation", "action", "update"]),
                name="reminder_item_kind_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.event} {self.item_kind}#{self.item_id} {self.period}"
