"""Reads of the recommendations app: lists, facet counts, related recommendations, cluster figures."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from django.contrib.postgres.search import TrigramSimilarity
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Count, Q, QuerySet, prefetch_related_objects

from focalpoints.models import Institution
from recommendations.filters import RecommendationQuery
from recommendations.models import Cluster, ConcernedGroup, Mechanism, Recommendation, Theme
from sdg.models import Goal

ROW_RELATIONS = ("mechanism", "source_document", "state", "cluster", "lead_institution")


def recommendation_list(
    *, query: RecommendationQuery, base: QuerySet | None = None
) -> QuerySet[Recommendation]:
    """The filtered, ordered list with what a result row shows, in a fixed number of queries."""
    base = base if base is not None else Recommendation.objects.all()
    return query.apply(base).select_related(*ROW_RELATIONS)


class _CountedPaginator(Paginator):
    """A paginator that can be told its count (the facets have just counted the same rows)."""

    def __init__(self, object_list, per_page: int, *, count: int | None = None) -> None:
        super().__init__(object_list, per_page)
        self._known_count = count

    @cached_property
    def count(self) -> int:
        return self._known_count if self._known_count is not None else super().count


def recommendation_page(
    results: QuerySet[Recommendation], *, number: int, per_page: int, count: int | None = None
) -> Page:
    """One page of `results`, whole rows with what a result row shows.

    The database sorts and cuts the ids alone (cheap, even ranked by relevance over thousands of
    matches); only the page's rows are then read with their related objects.
    """
    paginator = _CountedPaginator(results.values_list("pk", flat=True), per_page, count=count)
    page = paginator.get_page(number)
    ids = list(page.object_list)
    rows = Recommendation.objects.filter(pk__in=ids).select_related(*ROW_RELATIONS)
    by_pk = {row.pk: row for row in rows}
    page.object_list = with_row_relations([by_pk[pk] for pk in ids])
    return page


def with_row_relations(page: list[Recommendation]) -> list[Recommendation]:
    """Themes and recommending States for one page of results (two queries)."""
    prefetch_related_objects(page, "themes", "recommending_states")
    return page


@dataclass
class FacetValue:
    value: str
    label: str
    count: int


def count_by(queryset: QuerySet, field: str) -> dict:
    """How many rows of `queryset` have each value of `field` (ordering dropped so it cannot split groups)."""
    return dict(queryset.order_by().values_list(field).annotate(n=Count("pk")).values_list(field, "n"))


def _m2m_counts(queryset: QuerySet, relation: str) -> dict:
    field = Recommendation._meta.get_field(relation)
    through = field.remote_field.through
    column = field.m2m_reverse_field_name() + "_id"
    return dict(
        through.objects.filter(recommendation_id__in=queryset.order_by().values("pk"))
        .values_list(column)
        .annotate(n=Count("pk"))
        .values_list(column, "n")
    )


# Facets counted on a column of the recommendation, and through a many-to-many table.
_SCALAR_FACETS = ("mechanism_id", "status", "position", "kind", "cycle", "cluster_id", "lead_institution_id")
_M2M_FACETS = {"theme": "themes", "group": "groups", "goal": "sdg_goals"}


def _facet_counts_grouped(queryset: QuerySet) -> dict[str, dict]:
    """Every facet's counts, one GROUP BY query per facet (any database)."""
    counts = {column: count_by(queryset, column) for column in _SCALAR_FACETS}
    counts |= {name: _m2m_counts(queryset, relation) for name, relation in _M2M_FACETS.items()}
    return counts


def _facet_counts_at_once(queryset: QuerySet) -> dict[str, dict]:
    """Every facet's counts in one PostgreSQL query: the filter (often a text search) runs once.

    The matching rows are materialised in a CTE, then each facet is grouped from it, so a search that
    matches thousands of rows is not repeated ten times.
    """
    inner, params = queryset.order_by().values_list("pk", *_SCALAR_FACETS).query.sql_with_params()
    branches = [
        f"SELECT '{column}', {column}::text, COUNT(*) FROM hits GROUP BY {column}"  # noqa: S608 - constants
        for column in _SCALAR_FACETS
    ]
    for name, relation in _M2M_FACETS.items():
        field = Recommendation._meta.get_field(relation)
        table = field.remote_field.through._meta.db_table
        column = field.m2m_reverse_field_name() + "_id"
        branches.append(
            f"SELECT '{name}', t.{column}::text, COUNT(*) FROM {table} t "  # noqa: S608 - from the models
            f"JOIN hits ON hits.pk = t.recommendation_id GROUP BY t.{column}"
        )
    # The inner query names its columns after the fields ("pk" for the id), in an order of its own.
    sql = f"WITH hits AS MATERIALIZED ({inner}) " + " UNION ALL ".join(branches)
    counts: dict[str, dict] = {key: {} for key in (*_SCALAR_FACETS, *_M2M_FACETS)}
    integer_keys = {"mechanism_id", "cycle", "cluster_id", "lead_institution_id", *_M2M_FACETS}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for key, value, n in cursor.fetchall():
            if value is not None and key in integer_keys:
                value = int(value)
            counts[key][value] = n
    return counts


def recommendation_facets(queryset: QuerySet[Recommendation]) -> dict[str, list[FacetValue]]:
    """How many of the filtered recommendations fall under each value of each facet."""
    queryset = queryset.order_by()
    if connection.vendor == "postgresql":
        counts = _facet_counts_at_once(queryset)
    else:
        counts = _facet_counts_grouped(queryset)
    facets: dict[str, list[FacetValue]] = {}

    mechanisms = list(Mechanism.objects.filter(pk__in=counts["mechanism_id"]))
    by_type: dict[str, int] = {}
    for mechanism in mechanisms:
        by_type[mechanism.type] = by_type.get(mechanism.type, 0) + counts["mechanism_id"][mechanism.pk]
    facets["mechanism_type"] = [
        FacetValue(value, label, by_type[value])
        for value, label in Mechanism.Type.choices
        if value in by_type
    ]
    facets["mechanism"] = sorted(
        (FacetValue(m.code, m.code, counts["mechanism_id"][m.pk]) for m in mechanisms),
        key=lambda facet: -facet.count,
    )
    for name, choices in (
        ("status", Recommendation.Status.choices),
        ("position", Recommendation.Position.choices),
        ("kind", Recommendation.Kind.choices),
    ):
        facets[name] = [
            FacetValue(value, label, counts[name][value]) for value, label in choices if value in counts[name]
        ]
    facets["cycle"] = [
        FacetValue(str(cycle), str(cycle), counts["cycle"][cycle])
        for cycle in sorted(c for c in counts["cycle"] if c)
    ]
    for name, model in (("theme", Theme), ("group", ConcernedGroup)):
        facets[name] = sorted(
            (
                FacetValue(obj.code, obj.name, counts[name][obj.pk])
                for obj in model.objects.filter(pk__in=counts[name])
            ),
            key=lambda facet: (-facet.count, facet.label),
        )
    facets["goal"] = [
        FacetValue(goal.code, str(goal), counts["goal"][goal.pk])
        for goal in Goal.objects.filter(pk__in=counts["goal"])
    ]
    clusters = counts["cluster_id"]
    facets["cluster"] = sorted(
        (FacetValue(str(c.pk), c.name, clusters[c.pk]) for c in Cluster.objects.filter(pk__in=clusters)),
        key=lambda facet: (-facet.count, facet.label),
    )
    leads = counts["lead_institution_id"]
    facets["institution"] = sorted(
        (FacetValue(str(i.pk), str(i), leads[i.pk]) for i in Institution.objects.filter(pk__in=leads)),
        key=lambda facet: (-facet.count, facet.label),
    )
    return facets


def recommendation_detail(pk: int) -> QuerySet[Recommendation]:
    return (
        Recommendation.objects.filter(pk=pk)
        .select_related("mechanism", "source_document", "state", "cluster", "lead_institution")
        .prefetch_related(
            "recommending_states", "themes", "groups", "sdg_goals", "sdg_targets", "supporting_institutions"
        )
    )


def related_recommendations(
    recommendation: Recommendation, *, limit: int = 8
) -> dict[str, list[Recommendation]]:
    """Same cluster, most shared themes, and most similar text (trigram similarity on PostgreSQL)."""
    base = Recommendation.objects.exclude(pk=recommendation.pk).select_related("mechanism", "source_document")
    related: dict[str, list[Recommendation]] = {"cluster": [], "themes": [], "similar": []}
    if recommendation.cluster_id:
        related["cluster"] = list(
            base.filter(cluster_id=recommendation.cluster_id).order_by("-date", "pk")[:limit]
        )
    theme_ids = [theme.pk for theme in recommendation.themes.all()]
    if theme_ids:
        related["themes"] = list(
            base.filter(themes__in=theme_ids)
            .annotate(shared=Count("themes", filter=Q(themes__in=theme_ids)))
            .order_by("-shared", "-date", "pk")[:limit]
        )
    text = recommendation.text_en or ""
    if text and connection.vendor == "postgresql":
        related["similar"] = list(
            base.filter(state_id=recommendation.state_id)
            .annotate(similarity=TrigramSimilarity("text_en", text))
            .filter(similarity__gte=0.3)
            .order_by("-similarity", "pk")[:limit]
        )
    return related


def cluster_list() -> QuerySet[Cluster]:
    """Clusters with their number of recommendations in each status."""
    status_counts = {
        f"n_{status}": Count("recommendations", filter=Q(recommendations__status=status))
        for status in Recommendation.Status.values
    }
    return Cluster.objects.select_related("lead_institution").annotate(
        n_total=Count("recommendations"), **status_counts
    )


def cluster_recommendations_by_mechanism(cluster: Cluster) -> list[tuple[Mechanism, list[Recommendation]]]:
    recommendations = (
        cluster.recommendations.select_related("mechanism", "source_document", "lead_institution")
        .prefetch_related("themes")
        .order_by("mechanism__type", "mechanism__code", "-date", "paragraph")
    )
    groups: dict[int, tuple[Mechanism, list[Recommendation]]] = {}
    for recommendation in recommendations:
        groups.setdefault(recommendation.mechanism_id, (recommendation.mechanism, []))[1].append(
            recommendation
        )
    return list(groups.values())
