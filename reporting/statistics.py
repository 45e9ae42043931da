"""The figures behind the reports and the dashboards, each in a fixed number of queries.

Every function takes a queryset of recommendations (the scope) and groups it in the database; none
loops over rows to query again. `count_by`'s rule holds here too: `.order_by()` before grouping, since
modeltranslation and the model's default ordering would otherwise split the groups.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.db.models.functions import TruncQuarter
from django.utils import timezone
from django.utils.translation import gettext as _

from focalpoints.models import Action, ImpactIndicator, Institution, ProgressUpdate
from focalpoints.selectors import CLOSED_STATUSES
from recommendations.models import Cluster, Mechanism, Recommendation, RecommendationRepeat
from sdg.models import Goal

STATUSES = Recommendation.Status
RECENT_MONTHS = 6
DIMENSIONS = ("cluster", "mechanism", "goal", "institution")


@dataclass
class StatusRow:
    """One group (a cluster, a mechanism…) and how many of its recommendations are in each status."""

    key: object
    label: str
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def cells(self) -> list[int]:
        return [self.counts.get(status, 0) for status in STATUSES.values]

    @property
    def implemented(self) -> int:
        return self.counts.get(STATUSES.IMPLEMENTED, 0) + self.counts.get(STATUSES.PARTIALLY_IMPLEMENTED, 0)

    @property
    def implemented_percent(self) -> int:
        return round(100 * self.implemented / self.total) if self.total else 0


def _rows(pairs, labels: dict, *, none_label: str) -> list[StatusRow]:
    rows: dict[object, StatusRow] = {}
    for key, status, n in pairs:
        row = rows.setdefault(
            key, StatusRow(key, labels.get(key, none_label) if key is not None else none_label)
        )
        row.counts[status] = row.counts.get(status, 0) + n
    return sorted(rows.values(), key=lambda row: (row.key is None, -row.total, row.label))


def _by_field(queryset: QuerySet[Recommendation], name: str):
    return (
        queryset.order_by()
        .values_list(name, "status")
        .annotate(n=Count("pk"))
        .values_list(name, "status", "n")
    )


def progress_by(queryset: QuerySet[Recommendation], dimension: str) -> list[StatusRow]:
    """Recommendations per status for each cluster, mechanism, SDG goal or lead institution (2 queries)."""
    if dimension == "cluster":
        pairs = list(_by_field(queryset, "cluster_id"))
        labels = dict(Cluster.objects.filter(pk__in={p[0] for p in pairs}).values_list("pk", "name"))
        return _rows(pairs, labels, none_label=_("No cluster"))
    if dimension == "mechanism":
        pairs = list(_by_field(queryset, "mechanism_id"))
        labels = dict(Mechanism.objects.filter(pk__in={p[0] for p in pairs}).values_list("pk", "code"))
        return _rows(pairs, labels, none_label=_("No mechanism"))
    if dimension == "institution":
        pairs = list(_by_field(queryset, "lead_institution_id"))
        labels = {obj.pk: str(obj) for obj in Institution.objects.filter(pk__in={p[0] for p in pairs})}
        return _rows(pairs, labels, none_label=_("No lead institution"))
    if dimension == "goal":
        through = Recommendation.sdg_goals.through
        pairs = list(
            through.objects.filter(recommendation_id__in=queryset.order_by().values("pk"))
            .order_by()
            .values_list("goal_id", "recommendation__status")
            .annotate(n=Count("pk"))
            .values_list("goal_id", "recommendation__status", "n")
        )
        labels = {goal.pk: str(goal) for goal in Goal.objects.filter(pk__in={p[0] for p in pairs})}
        rows = _rows(pairs, labels, none_label="")
        numbers = dict(Goal.objects.filter(pk__in=labels).values_list("pk", "number"))
        return sorted(rows, key=lambda row: numbers.get(row.key, 99))
    raise ValueError(dimension)


def progress_over_time(
    queryset: QuerySet[Recommendation], *, until: datetime.date, quarters: int = 8
) -> list[StatusRow]:
    """Per quarter, the recommendations whose current status was recorded in it (1 query)."""
    start = _quarter_start(until)
    for _step in range(quarters - 1):
        start = _quarter_start(start - datetime.timedelta(days=1))
    pairs = (
        queryset.order_by()
        .filter(status_date__gte=start, status_date__lte=until)
        .annotate(quarter=TruncQuarter("status_date"))
        .values_list("quarter", "status")
        .annotate(n=Count("pk"))
        .values_list("quarter", "status", "n")
    )
    rows: dict[datetime.date, StatusRow] = {}
    current = start
    while current <= until:
        rows[current] = StatusRow(current, _quarter_label(current))
        current = _quarter_start(current + datetime.timedelta(days=92))
    for quarter, status, n in pairs:
        quarter = quarter.date() if isinstance(quarter, datetime.datetime) else quarter
        if quarter in rows:
            rows[quarter].counts[status] = n
    return list(rows.values())


def _quarter_start(day: datetime.date) -> datetime.date:
    return datetime.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def _quarter_label(day: datetime.date) -> str:
    return _("Q%(quarter)s %(year)s") % {"quarter": (day.month - 1) // 3 + 1, "year": day.year}


@dataclass
class Coverage:
    total: int
    with_lead: int
    with_recent_update: int
    with_indicator: int

    def percent(self, value: int) -> int:
        return round(100 * value / self.total) if self.total else 0

    @property
    def rows(self) -> list[tuple[str, int, int]]:
        """(label, count, percent) for each share."""
        return [
            (_("With a lead institution"), self.with_lead, self.percent(self.with_lead)),
            (
                _("With a progress update in the last 6 months"),
                self.with_recent_update,
                self.percent(self.with_recent_update),
            ),
            (_("With an impact indicator"), self.with_indicator, self.percent(self.with_indicator)),
        ]


def coverage(queryset: QuerySet[Recommendation], *, today: datetime.date) -> Coverage:
    """Shares of recommendations with a lead institution, a recent update, an indicator (1 query)."""
    since = today - datetime.timedelta(days=RECENT_MONTHS * 30)
    recent = ProgressUpdate.objects.filter(
        recommendation_id=OuterRef("pk"), submitted_at__date__gte=since
    ).exclude(state=ProgressUpdate.State.DRAFT)
    direct = ImpactIndicator.recommendations.through.objects.filter(recommendation_id=OuterRef("pk"))
    through_actions = ImpactIndicator.actions.through.objects.filter(action__recommendation_id=OuterRef("pk"))
    figures = (
        queryset.order_by()
        .annotate(has_recent=Exists(recent), has_direct=Exists(direct), has_action=Exists(through_actions))
        .aggregate(
            total=Count("pk"),
            with_lead=Count("pk", filter=Q(lead_institution__isnull=False)),
            with_recent_update=Count("pk", filter=Q(has_recent=True)),
            with_indicator=Count("pk", filter=Q(has_direct=True) | Q(has_action=True)),
        )
    )
    return Coverage(**figures)


@dataclass
class StatusChange:
    """The latest change of status of a recommendation or an action in a period, by a validated update."""

    recommendation_id: int | None
    action_id: int | None
    status: str
    date: datetime.date


def status_changes(
    queryset: QuerySet[Recommendation], *, start: datetime.date, end: datetime.date
) -> list[StatusChange]:
    """Items of the scope whose status a validated update changed in the period: a change is an applied
    status other than the one the item's previous validated update applied (1 query)."""
    in_scope = queryset.order_by().values("pk")
    rows = (
        ProgressUpdate.objects.filter(
            Q(recommendation_id__in=in_scope) | Q(action__recommendation_id__in=in_scope),
            state=ProgressUpdate.State.VALIDATED,
            reviewed_at__date__lte=end,
        )
        .exclude(applied_status="")
        .order_by("recommendation_id", "action_id", "reviewed_at", "pk")
        .values_list("recommendation_id", "action_id", "applied_status", "reviewed_at")
    )
    previous: dict[tuple, str] = {}
    latest: dict[tuple, StatusChange] = {}
    for recommendation_id, action_id, status, reviewed_at in rows.iterator(chunk_size=5000):
        key = (recommendation_id, action_id)
        day = timezone.localdate(reviewed_at)
        if previous.get(key) != status and start <= day <= end:
            latest[key] = StatusChange(recommendation_id, action_id, status, day)
        previous[key] = status
    return sorted(
        latest.values(),
        key=lambda change: (change.date, change.recommendation_id or 0, change.action_id or 0),
    )


@dataclass
class Headline:
    total: int
    by_status: list[tuple[str, str, int]]
    implemented: int
    requires_legislation: int
    overdue: int
    validated_updates: int
    status_changes: int

    @property
    def implemented_percent(self) -> int:
        return round(100 * self.implemented / self.total) if self.total else 0


def headline(
    queryset: QuerySet[Recommendation],
    *,
    start: datetime.date,
    end: datetime.date,
    today: datetime.date,
    changes: list[StatusChange] | None = None,
) -> Headline:
    """The summary figures of a report (3 queries, 2 when the status changes are given)."""
    counts = dict(
        queryset.order_by().values_list("status").annotate(n=Count("pk")).values_list("status", "n")
    )
    figures = queryset.order_by().aggregate(
        legislation=Count("pk", filter=Q(requires_legislation=True)),
        overdue=Count("pk", filter=Q(update_deadline__lt=today) & ~Q(status__in=CLOSED_STATUSES)),
    )
    if changes is None:
        changes = status_changes(queryset, start=start, end=end)
    total = sum(counts.values())
    return Headline(
        total=total,
        by_status=[(value, label, counts.get(value, 0)) for value, label in STATUSES.choices],
        implemented=counts.get(STATUSES.IMPLEMENTED, 0) + counts.get(STATUSES.PARTIALLY_IMPLEMENTED, 0),
        requires_legislation=figures["legislation"],
        overdue=figures["overdue"],
        validated_updates=validated_in_period(queryset, start=start, end=end).count(),
        status_changes=len(changes),
    )


def validated_in_period(
    queryset: QuerySet[Recommendation], *, start: datetime.date, end: datetime.date
) -> QuerySet[ProgressUpdate]:
    """Validated updates on the recommendations in scope or on their actions, reviewed in the period."""
    in_scope = queryset.order_by().values("pk")
    return ProgressUpdate.objects.filter(
        Q(recommendation_id__in=in_scope) | Q(action__recommendation_id__in=in_scope),
        state=ProgressUpdate.State.VALIDATED,
        reviewed_at__date__gte=start,
        reviewed_at__date__lte=end,
    ).order_by()


def overdue_by_institution(queryset: QuerySet[Recommendation], *, today: datetime.date) -> list[StatusRow]:
    """Open recommendations and actions past their update deadline, per lead institution (3 queries)."""
    recommendations = (
        queryset.order_by()
        .filter(update_deadline__lt=today)
        .exclude(status__in=CLOSED_STATUSES)
        .values_list("lead_institution_id")
        .annotate(n=Count("pk"))
    )
    actions = (
        Action.objects.filter(
            recommendation_id__in=queryset.order_by().values("pk"), update_deadline__lt=today
        )
        .exclude(status__in=CLOSED_STATUSES)
        .order_by()
        .values_list("lead_institution_id")
        .annotate(n=Count("pk"))
    )
    pairs = [(key, "recommendation", n) for key, n in recommendations]
    pairs += [(key, "action", n) for key, n in actions]
    labels = {obj.pk: str(obj) for obj in Institution.objects.filter(pk__in={p[0] for p in pairs})}
    return _rows(pairs, labels, none_label=_("No lead institution"))


def repeated_count(queryset: QuerySet[Recommendation]) -> int:
    """How many of these recommendations repeat an earlier one (recommendations.repeats), in one query."""
    repeats = RecommendationRepeat.objects.filter(recommendation_id=OuterRef("pk"))
    return queryset.order_by().filter(Exists(repeats)).count()
