"""What the public may see, and nothing else: every public page, download and API call reads through here.

Recommendations are public when `published`; progress updates when validated and published; evidence when
both the file and its update are published; clusters, mechanisms, SDG goals and targets and institutions
only with their published recommendations and never with personal contact data.
"""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.paginator import Page
from django.db import connection
from django.db.models import (
    BooleanField,
    Count,
    Exists,
    Model,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    prefetch_related_objects,
)
from django.db.models.expressions import RawSQL
from django.http import Http404
from django.utils import timezone
from django.utils.translation import get_language

from focalpoints.models import Deadline, EvidenceFile, Institution, ProgressUpdate
from nmirf.cache import data_generation
from nmirf.models import AuditEntry
from portal.models import Feedback
from recommendations.filters import DEFAULT_PAGE_SIZE, RecommendationQuery
from recommendations.models import Cluster, Mechanism, Recommendation
from recommendations.provenance import recommendation_source
from recommendations.reference import with_references
from recommendations.selectors import (
    FacetValue,
    recommendation_links,
    recommendation_list,
    recommendation_search,
)
from sdg.models import Goal, Target


def public_recommendations() -> QuerySet[Recommendation]:
    return Recommendation.objects.filter(published=True)


def public_recommendation_list(*, query: RecommendationQuery) -> QuerySet[Recommendation]:
    """The filtered, ordered published recommendations (the `published` parameter is never honoured)."""
    query.published = None
    return recommendation_list(query=query, base=public_recommendations())


def public_search(*, query: RecommendationQuery) -> tuple[Page, dict[str, list[FacetValue]]]:
    """A page of the published recommendations `query` finds, and its facets.

    Counting facets over a broad search is the costly part of a page, so the facets of a query (in a
    language) are kept for PORTAL_CACHE_SECONDS at most, keyed by the data generation (nmirf.cache):
    the next page or another sort of the same search only reads its page.
    """
    results = public_recommendation_list(query=query)
    params = query.as_params(page=1, sort="", page_size=DEFAULT_PAGE_SIZE).urlencode()
    signature = f"{data_generation()}:{get_language()}?{params}"
    key = "portal:facets:" + hashlib.sha256(signature.encode()).hexdigest()
    kept = cache.get(key)
    page, facets = recommendation_search(results, number=query.page, per_page=query.page_size, facets=kept)
    if kept is None:
        cache.set(key, facets, settings.PORTAL_CACHE_SECONDS)
    return page, facets


def _has_rows(model: type[Model], condition: str, params: list) -> RawSQL:
    """Whether `model` has rows for the recommendation of the outer query that meet `condition` (in which
    `{table}` names the model's table).

    Written out rather than built as Exists(...): the page reads one recommendation, and compiling two
    subqueries cost more than running them.
    """
    table = connection.ops.quote_name(model._meta.db_table)
    outer = connection.ops.quote_name(Recommendation._meta.db_table)
    condition = condition.format(table=table)
    sql = f"EXISTS (SELECT 1 FROM {table} WHERE {table}.recommendation_id = {outer}.id AND {condition})"  # noqa: S608
    return RawSQL(sql, params, output_field=BooleanField())  # noqa: S611 - names from the models, values as parameters


def public_recommendation(pk: int) -> Recommendation:
    """A published recommendation; `has_updates` and `has_feedback` say whether it has published ones
    (most have neither, and the same query answers both)."""
    found = list(
        public_recommendations()
        .filter(pk=pk)
        .order_by()
        .select_related("source_document")
        .annotate(
            has_updates=_has_rows(
                ProgressUpdate,
                "{table}.published AND {table}.state = %s",
                [ProgressUpdate.State.VALIDATED.value],
            ),
            has_feedback=_has_rows(Feedback, "{table}.published", []),
        )
    )
    if not found:
        raise Http404
    return with_references(found)[0]


def public_recommendation_page(pk: int) -> dict:
    """What a recommendation's public page shows, cached until the data changes (nmirf.cache)."""
    key = f"portal:recommendation:{data_generation()}:{pk}"
    data = cache.get(key)
    if data is None:
        recommendation = public_recommendation(pk)
        data = {
            "recommendation": recommendation,
            "links": recommendation_links(pk),
            "source": recommendation_source(recommendation),
            "updates": recommendation_public_updates(recommendation) if recommendation.has_updates else [],
            "history": status_history(recommendation),
            "public_feedback": list(feedback_published(recommendation))
            if recommendation.has_feedback
            else [],
        }
        cache.set(key, data, settings.PORTAL_CACHE_SECONDS)
    return data


def public_updates() -> QuerySet[ProgressUpdate]:
    return ProgressUpdate.objects.filter(
        published=True,
        state=ProgressUpdate.State.VALIDATED,
        recommendation__published=True,
        recommendation__archived=False,
    )


def public_evidence() -> QuerySet[EvidenceFile]:
    return EvidenceFile.objects.filter(published=True, update__in=public_updates())


def public_updates_with_evidence() -> QuerySet[ProgressUpdate]:
    """Published progress updates, newest first, each with its published evidence files only."""
    return (
        public_updates()
        .select_related("institution")
        .prefetch_related(Prefetch("evidence", queryset=EvidenceFile.objects.filter(published=True)))
        .order_by("-reviewed_at", "-pk")
    )


def recommendation_public_updates(recommendation: Recommendation) -> list[ProgressUpdate]:
    """The published updates of a recommendation, none if it is withheld (read without a join)."""
    if not recommendation.published:
        return []
    updates = list(
        ProgressUpdate.objects.filter(
            recommendation_id=recommendation.pk, published=True, state=ProgressUpdate.State.VALIDATED
        ).order_by("-reviewed_at", "-pk")
    )
    if updates:  # most recommendations have none: nothing more to prepare or read
        evidence = Prefetch("evidence", queryset=EvidenceFile.objects.filter(published=True))
        prefetch_related_objects(updates, "institution", evidence)
    return updates


@dataclass
class StatusChange:
    date: datetime.datetime
    status: str
    label: str


def status_history(recommendation: Recommendation) -> list[StatusChange]:
    """Each change of status recorded in the audit trail, oldest first (who made it is not public)."""
    labels = dict(Recommendation.Status.choices)
    entries = (
        AuditEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Recommendation), object_id=str(recommendation.pk)
        )
        .order_by("batch__created_at", "pk")
        .values_list("batch__created_at", "before", "after")
    )
    changes: list[StatusChange] = []
    for created_at, before_values, after_values in entries:
        before = (before_values or {}).get("status")
        after = (after_values or {}).get("status")
        if before_values is None and after == Recommendation.Status.NO_INFORMATION:
            continue  # recorded without a status: not a change anyone reported
        if after and after != before and after in labels:
            changes.append(StatusChange(created_at, after, labels[after]))
    return changes


def feedback_published(recommendation: Recommendation) -> QuerySet:
    return recommendation.feedback.filter(published=True).only("message", "organisation", "reviewed_at")


# Clusters, mechanisms, institutions, SDG -----------------------------------------------------------


def _published_count(relation: str) -> Count:
    """Published recommendations only (not withheld, not archived)."""
    return Count(
        relation, filter=Q(**{f"{relation}__published": True, f"{relation}__archived": False}), distinct=True
    )


def public_clusters() -> QuerySet[Cluster]:
    return (
        Cluster.objects.annotate(published_count=_published_count("recommendations"))
        .filter(published_count__gt=0)
        .order_by("name", "pk")
    )


def public_cluster(pk: int) -> Cluster:
    cluster = public_clusters().filter(pk=pk).first()
    if cluster is None:
        raise Http404
    return cluster


def public_mechanisms() -> QuerySet[Mechanism]:
    return (
        Mechanism.objects.annotate(published_count=_published_count("recommendations"))
        .filter(published_count__gt=0)
        .order_by("type", "code")
    )


def public_mechanism(pk: int) -> Mechanism:
    mechanism = public_mechanisms().filter(pk=pk).first()
    if mechanism is None:
        raise Http404
    return mechanism


def public_institutions() -> QuerySet[Institution]:
    """Active institutions leading or supporting published recommendations (names only, no contacts)."""
    supporting = Recommendation.supporting_institutions.through.objects.filter(
        institution_id=OuterRef("pk"), recommendation__published=True, recommendation__archived=False
    )
    return (
        Institution.objects.filter(active=True)
        .annotate(
            lead_count=Count(
                "led_recommendations",
                filter=Q(led_recommendations__published=True, led_recommendations__archived=False),
                distinct=True,
            ),
            supports=Exists(supporting),
        )
        .filter(Q(lead_count__gt=0) | Q(supports=True))
        .only("name", "acronym", "kind", "website", "parent")
        .order_by("name", "pk")
    )


def public_institution(pk: int) -> Institution:
    institution = public_institutions().filter(pk=pk).first()
    if institution is None:
        raise Http404
    return institution


def public_goals() -> QuerySet[Goal]:
    return Goal.objects.annotate(published_count=_published_count("recommendations")).order_by("pk")


def public_goal(code: str) -> Goal:
    goal = public_goals().filter(code=code).first()
    if goal is None:
        raise Http404
    return goal


def goal_targets(goal: Goal) -> QuerySet[Target]:
    return goal.targets.annotate(published_count=_published_count("recommendations")).order_by("pk")


def public_targets() -> QuerySet[Target]:
    return (
        Target.objects.select_related("goal")
        .annotate(published_count=_published_count("recommendations"))
        .order_by("pk")
    )


def public_target(code: str) -> Target:
    target = public_targets().filter(code=code).first()
    if target is None:
        raise Http404
    return target


# The home page -------------------------------------------------------------------------------------


def latest_updates(*, limit: int = 5) -> list[ProgressUpdate]:
    return list(
        public_updates()
        .select_related("recommendation__mechanism", "institution")
        .order_by("-reviewed_at", "-pk")[:limit]
    )


def upcoming_deadlines(*, limit: int = 5) -> list[Deadline]:
    return list(
        Deadline.objects.filter(due_date__gte=timezone.localdate())
        .select_related("mechanism")
        .order_by("due_date", "pk")[:limit]
    )
