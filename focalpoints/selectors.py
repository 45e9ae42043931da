"""Reads of the focal-point network: what an institution must do, the review queue, the gaps, the
directory and the timeline of a recommendation. Each list runs a fixed number of queries."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Exists, F, Max, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from focalpoints import rules
from focalpoints.models import Action, FocalPoint, Institution, ProgressUpdate, UpdateComment
from nmirf.audit import describe_changes, history_for
from nmirf.models import AuditEntry
from recommendations.models import Recommendation

# An update submitted this many days before a deadline (or later) counts as the report for it.
REPORTING_WINDOW_DAYS = 180
# Items in these statuses need no more updates and get no reminders.
CLOSED_STATUSES = ("implemented", "not_applicable")
REPORTED_STATES = (ProgressUpdate.State.SUBMITTED, ProgressUpdate.State.VALIDATED)
DUE_SOON_DAYS = 30


@dataclass
class WorkItem:
    """A recommendation or action as one institution sees it: its deadline and whether it reported."""

    obj: Recommendation | Action
    institution_id: int | None
    deadline: datetime.date | None
    last_report: datetime.datetime | None
    today: datetime.date

    @property
    def kind(self) -> str:
        return "recommendation" if isinstance(self.obj, Recommendation) else "action"

    @property
    def is_lead(self) -> bool:
        return self.obj.lead_institution_id == self.institution_id

    @property
    def closed(self) -> bool:
        return self.obj.status in CLOSED_STATUSES

    @property
    def reported(self) -> bool:
        if self.last_report is None or self.deadline is None:
            return False
        opens = self.deadline - datetime.timedelta(days=REPORTING_WINDOW_DAYS)
        return timezone.localtime(self.last_report).date() >= opens

    @property
    def days_left(self) -> int | None:
        return (self.deadline - self.today).days if self.deadline else None

    @property
    def days_late(self) -> int:
        return max(0, -(self.days_left or 0))

    @property
    def pending(self) -> bool:
        """An update is expected: a deadline is set, the item is open, and nothing was reported."""
        return self.deadline is not None and not self.closed and not self.reported

    @property
    def overdue(self) -> bool:
        return self.pending and self.days_left < 0

    @property
    def due_soon(self) -> bool:
        return self.pending and 0 <= self.days_left <= DUE_SOON_DAYS


def _last_report(model: type, institution: Any) -> Subquery:
    relation = "recommendation" if model is Recommendation else "action"
    return Subquery(
        ProgressUpdate.objects.filter(
            **{relation: OuterRef("pk")}, institution_id=institution, state__in=REPORTED_STATES
        )
        .order_by("-submitted_at")
        .values("submitted_at")[:1]
    )


def _assigned(model: type, institution_id: int) -> QuerySet:
    through = model._meta.get_field("supporting_institutions").remote_field.through
    source = model._meta.model_name + "_id"
    supporting = Exists(through.objects.filter(**{source: OuterRef("pk")}, institution_id=institution_id))
    return model.objects.filter(Q(lead_institution_id=institution_id) | Q(supporting))


def assigned_recommendations(institution_id: int) -> QuerySet[Recommendation]:
    return (
        _assigned(Recommendation, institution_id)
        .annotate(
            deadline=Coalesce("update_deadline", "cluster__update_deadline"),
            last_report=_last_report(Recommendation, institution_id),
        )
        .select_related("mechanism", "source_document", "cluster", "lead_institution")
        .order_by("deadline", "mechanism__code", "paragraph_key", "pk")
    )


def assigned_actions(institution_id: int) -> QuerySet[Action]:
    return (
        _assigned(Action, institution_id)
        .annotate(deadline=F("update_deadline"), last_report=_last_report(Action, institution_id))
        .select_related("recommendation__mechanism", "cluster", "lead_institution")
        .order_by("deadline", "pk")
    )


def as_work_items(objects, institution_id: int | None, today: datetime.date | None = None) -> list[WorkItem]:
    today = today or timezone.localdate()
    return [WorkItem(obj, institution_id, obj.deadline, obj.last_report, today) for obj in objects]


@dataclass
class InstitutionWork:
    institution: Institution
    due: list[WorkItem]
    returned: list[ProgressUpdate]
    drafts: list[ProgressUpdate]
    submitted: list[ProgressUpdate]
    actions: list[WorkItem]
    counts: dict[str, int] = field(default_factory=dict)


def institution_work(institution: Institution, today: datetime.date | None = None) -> InstitutionWork:
    """What an institution must do: items due or overdue, its updates by state, its actions."""
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=DUE_SOON_DAYS)
    recommendations = assigned_recommendations(institution.pk)
    due = [
        item
        for item in as_work_items(recommendations.filter(deadline__lte=horizon), institution.pk, today)
        if item.pending
    ]
    updates = (
        ProgressUpdate.objects.filter(institution=institution)
        .exclude(state=ProgressUpdate.State.VALIDATED)
        .select_related("institution", "recommendation__mechanism", "action", "owner")
        .order_by("updated_at")
    )
    by_state: dict[str, list[ProgressUpdate]] = {}
    for update in updates:
        by_state.setdefault(update.state, []).append(update)
    actions = as_work_items(assigned_actions(institution.pk), institution.pk, today)
    for item in actions:
        if item.pending and item.deadline <= horizon:
            due.append(item)
    # A stable sort: on a day, each kind keeps the order of its query (recommendations by paragraph).
    due.sort(key=lambda item: (item.deadline, item.kind))
    counts = recommendations.aggregate(
        total=Count("pk"), lead=Count("pk", filter=Q(lead_institution=institution))
    )
    return InstitutionWork(
        institution=institution,
        due=due,
        returned=by_state.get(ProgressUpdate.State.RETURNED, []),
        drafts=by_state.get(ProgressUpdate.State.DRAFT, []),
        submitted=by_state.get(ProgressUpdate.State.SUBMITTED, []),
        actions=actions,
        counts=counts,
    )


def deadline_items(*, until: datetime.date, today: datetime.date | None = None) -> list[WorkItem]:
    """Open items with a lead institution and a deadline on or before `until`, as their lead sees them."""
    today = today or timezone.localdate()
    recommendations = (
        Recommendation.objects.filter(lead_institution__isnull=False)
        .exclude(status__in=CLOSED_STATUSES)
        .annotate(
            deadline=Coalesce("update_deadline", "cluster__update_deadline"),
            last_report=_last_report(Recommendation, OuterRef("lead_institution_id")),
        )
        .filter(deadline__lte=until)
        .select_related("mechanism", "lead_institution")
        .order_by("deadline", "pk")
    )
    actions = (
        Action.objects.filter(lead_institution__isnull=False, update_deadline__lte=until)
        .exclude(status__in=CLOSED_STATUSES)
        .annotate(
            deadline=F("update_deadline"),
            last_report=_last_report(Action, OuterRef("lead_institution_id")),
        )
        .select_related("lead_institution")
        .order_by("deadline", "pk")
    )
    return [
        WorkItem(obj, obj.lead_institution_id, obj.deadline, obj.last_report, today)
        for obj in [*recommendations, *actions]
    ]


# People -------------------------------------------------------------------------------------------


def active_focal_points() -> QuerySet[FocalPoint]:
    return FocalPoint.objects.filter(end_date__isnull=True, user__is_active=True).select_related(
        "user", "institution"
    )


def directory(*, include_past: bool = False) -> QuerySet[FocalPoint]:
    """The focal points and deputies, for the staff directory and its export."""
    rows = FocalPoint.objects.select_related("user", "institution").order_by(
        "institution__name", "role", "-start_date", "pk"
    )
    return rows if include_past else rows.filter(end_date__isnull=True)


def institution_people(institution: Institution) -> QuerySet[FocalPoint]:
    return institution.focal_points.select_related("user", "successor__user").order_by(
        "end_date", "role", "-start_date"
    )


def institution_list() -> QuerySet[Institution]:
    active = FocalPoint.objects.filter(
        institution=OuterRef("pk"), end_date__isnull=True, user__is_active=True
    )
    return Institution.objects.select_related("parent").annotate(
        has_focal_point=Exists(active),
        n_lead=Subquery(
            Recommendation.objects.filter(lead_institution=OuterRef("pk"))
            .order_by()
            .values("lead_institution")
            .annotate(n=Count("pk"))
            .values("n")[:1]
        ),
    )


def institution_last_activity(institution: Institution) -> dict[str, Any]:
    people = FocalPoint.objects.filter(institution=institution)
    return {
        "last_update": ProgressUpdate.objects.filter(institution=institution).aggregate(at=Max("updated_at"))[
            "at"
        ],
        "last_sign_in": people.aggregate(at=Max("user__last_login"))["at"],
    }


# Progress updates ---------------------------------------------------------------------------------

UPDATE_LIST_RELATED = (
    "institution",
    "owner",
    "recommendation__mechanism",
    "recommendation__cluster",
    "action__cluster",
    "action__recommendation__mechanism",
)


def filter_updates(updates: QuerySet[ProgressUpdate], params) -> QuerySet[ProgressUpdate]:
    """The review filters: institution and cluster by id, mechanism by code, state by value."""
    institution = params.get("institution", "")
    if institution.isdigit():
        updates = updates.filter(institution_id=int(institution))
    cluster = params.get("cluster", "")
    if cluster.isdigit():
        cid = int(cluster)
        updates = updates.filter(
            Q(recommendation__cluster_id=cid)
            | Q(action__cluster_id=cid)
            | Q(action__recommendation__cluster_id=cid)
        )
    mechanism = params.get("mechanism", "").strip()
    if mechanism:
        updates = updates.filter(
            Q(recommendation__mechanism__code=mechanism)
            | Q(action__recommendation__mechanism__code=mechanism)
        )
    state = params.get("state", "")
    if state in ProgressUpdate.State.values:
        updates = updates.filter(state=state)
    return updates


def review_queue(params) -> QuerySet[ProgressUpdate]:
    """Submitted updates, oldest first."""
    submitted = ProgressUpdate.objects.filter(state=ProgressUpdate.State.SUBMITTED)
    return (
        filter_updates(submitted, {**{k: params.get(k, "") for k in ("institution", "cluster", "mechanism")}})
        .select_related(*UPDATE_LIST_RELATED)
        .order_by("submitted_at", "pk")
    )


def update_list(user, params) -> QuerySet[ProgressUpdate]:
    return (
        filter_updates(rules.updates_visible_to(user), params)
        .select_related(*UPDATE_LIST_RELATED)
        .order_by("-updated_at", "-pk")
    )


def update_detail(pk: int) -> QuerySet[ProgressUpdate]:
    return ProgressUpdate.objects.filter(pk=pk).select_related(
        "institution",
        "owner",
        "created_by",
        "submitted_by",
        "reviewed_by",
        "recommendation__mechanism",
        "recommendation__source_document",
        "action",
    )


def comments_visible_to(user, update: ProgressUpdate) -> list[UpdateComment]:
    """Review notes go to whoever sees the update; consultation comments to staff and their authors."""
    comments = update.comments.select_related("author")
    if not rules.is_reviewer(user):
        comments = comments.filter(~Q(kind=UpdateComment.Kind.CONSULTATION) | Q(author=user))
    return list(comments)


# Gaps ---------------------------------------------------------------------------------------------


def gaps(*, months: int = 6, today: datetime.date | None = None) -> dict[str, Any]:
    """What the secretariat should chase: no lead, no recent update, overdue, no focal point."""
    today = today or timezone.localdate()
    cutoff = timezone.now() - datetime.timedelta(days=round(months * 30.44))
    open_recommendations = Recommendation.objects.exclude(status__in=CLOSED_STATUSES)
    stale = (
        open_recommendations.filter(lead_institution__isnull=False)
        .annotate(
            last=Max("progress_updates__submitted_at", filter=Q(progress_updates__state__in=REPORTED_STATES))
        )
        .filter(Q(last__lt=cutoff) | Q(last__isnull=True))
    )
    stale_by_institution = dict(
        stale.order_by()
        .values_list("lead_institution")
        .annotate(n=Count("pk"))
        .values_list("lead_institution", "n")
    )
    overdue = [
        item for item in deadline_items(until=today - datetime.timedelta(days=1), today=today) if item.overdue
    ]
    overdue_by_institution = Counter(item.institution_id for item in overdue)
    institutions = {
        institution.pk: institution
        for institution in Institution.objects.filter(pk__in={*stale_by_institution, *overdue_by_institution})
    }
    without_focal_point = [
        institution
        for institution in institution_list().filter(active=True)
        if not institution.has_focal_point
    ]
    return {
        "months": months,
        "without_lead": open_recommendations.filter(lead_institution__isnull=True).count(),
        "actions_without_lead": Action.objects.filter(lead_institution__isnull=True)
        .exclude(status__in=CLOSED_STATUSES)
        .count(),
        "stale_total": sum(stale_by_institution.values()),
        "stale_by_institution": sorted(
            ((institutions[pk], n) for pk, n in stale_by_institution.items()),
            key=lambda row: (-row[1], str(row[0])),
        ),
        "overdue_total": len(overdue),
        "overdue_by_institution": sorted(
            ((institutions[pk], n) for pk, n in overdue_by_institution.items()),
            key=lambda row: (-row[1], str(row[0])),
        ),
        "without_focal_point": without_focal_point,
    }


# Timeline -----------------------------------------------------------------------------------------


@dataclass
class TimelineEvent:
    when: datetime.datetime
    who: Any
    kind: str
    text: str
    details: list[str] = field(default_factory=list)
    url: str = ""


# What each kind of audited change on a recommendation or progress update shows on the timeline.
_RECOMMENDATION_FIELDS = {
    "cluster": "cluster",
    "lead_institution": "assignment",
    "supporting_institutions": "assignment",
    "update_deadline": "assignment",
    "status": "status",
}
_FROM_TO = {
    "cluster": gettext_lazy("Cluster changed from %(before)s to %(after)s"),
    "status": gettext_lazy("Status changed from %(before)s to %(after)s"),
}
_UPDATE_EVENTS = {
    "update_create": ("update", gettext_lazy("Draft progress update #%(pk)s started by %(institution)s")),
    "update_submit": ("update", gettext_lazy("Progress update #%(pk)s submitted by %(institution)s")),
    "update_resubmit": (
        "update",
        gettext_lazy("Progress update #%(pk)s corrected and submitted again by %(institution)s"),
    ),
    "update_return": ("review", gettext_lazy("Progress update #%(pk)s returned to %(institution)s")),
    "update_validate": ("review", gettext_lazy("Progress update #%(pk)s validated")),
}


def _initial(row: dict[str, Any]) -> list[str]:
    """The cluster, institutions and status a recommendation came with (an import of our own export
    brings them), leaving out those at their default."""
    after = row["entry"].after or {}
    details = []
    for change in row["changes"]:
        if change["name"] not in _RECOMMENDATION_FIELDS:
            continue
        field = Recommendation._meta.get_field(change["name"])
        if after.get(field.attname) not in (None, "", [], field.get_default()):
            details.append(f"{change['field']}: {change['after']}")
    return details


def _recommendation_events(recommendation: Recommendation) -> list[TimelineEvent]:
    """Its creation and every change of cluster, institutions, deadline or status, whatever the door
    (form, bulk action, import, restore, undo), read from the audit trail in a fixed number of queries."""
    events = []
    for row in describe_changes(list(history_for(recommendation)[:300]), Recommendation):
        batch = row["entry"].batch
        if row["entry"].operation == AuditEntry.Operation.CREATE:
            events.append(
                TimelineEvent(
                    batch.created_at, batch.user, "created", _("Recommendation recorded"), _initial(row)
                )
            )
            continue
        assignment = [c for c in row["changes"] if _RECOMMENDATION_FIELDS.get(c["name"]) == "assignment"]
        if assignment:
            details = [f"{change['field']}: {change['before']} → {change['after']}" for change in assignment]
            events.append(
                TimelineEvent(batch.created_at, batch.user, "assignment", _("Assignment changed"), details)
            )
        for change in row["changes"]:
            kind = _RECOMMENDATION_FIELDS.get(change["name"])
            if kind in _FROM_TO:
                text = _FROM_TO[kind] % {"before": change["before"], "after": change["after"]}
                events.append(TimelineEvent(batch.created_at, batch.user, kind, text))
    return events


def _update_events(recommendation: Recommendation, user) -> list[TimelineEvent]:
    updates = {
        update.pk: update
        for update in rules.updates_visible_to(user)
        .filter(recommendation=recommendation)
        .select_related("institution")
    }
    if not updates:
        return []
    entries = (
        AuditEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(ProgressUpdate),
            object_id__in=[str(pk) for pk in updates],
            batch__action__in=list(_UPDATE_EVENTS),
        )
        .select_related("batch", "batch__user")
        .order_by("batch__created_at", "pk")
    )
    events = []
    for entry in entries:
        update, batch = updates[int(entry.object_id)], entry.batch
        kind, text = _UPDATE_EVENTS[batch.action]
        details = []
        if batch.action == "update_return" and batch.description:
            details.append(_("Comment: %(comment)s") % {"comment": batch.description})
        elif batch.action == "update_validate" and batch.description:
            details.append(batch.description)
        label = text % {"pk": update.pk, "institution": update.institution}
        events.append(
            TimelineEvent(batch.created_at, batch.user, kind, label, details, update.get_absolute_url())
        )
    return events


def recommendation_progress(recommendation: Recommendation, user) -> QuerySet[ProgressUpdate]:
    """The validated progress updates on the recommendation that `user` may read, newest first."""
    return (
        rules.updates_visible_to(user)
        .filter(recommendation=recommendation, state=ProgressUpdate.State.VALIDATED)
        .select_related("institution")
        .order_by("-reviewed_at", "-pk")
    )


def recommendation_timeline(recommendation: Recommendation, user) -> list[TimelineEvent]:
    """Assignments, status changes, updates and reviews, oldest first, as far as `user` may see."""
    events = _recommendation_events(recommendation) + _update_events(recommendation, user)
    events.sort(key=lambda event: event.when)
    return events
