"""Reads of the recommendations app: lists, facet counts, related recommendations, cluster figures."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property

from django.contrib.postgres.search import TrigramSimilarity
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Count, F, OrderBy, Q, QuerySet, prefetch_related_objects

from focalpoints.models import Institution
from recommendations.filters import RecommendationQuery
from recommendations.models import Cluster, ConcernedGroup, Mechanism, Recommendation, Theme
from recommendations.reference import rows_with_ids, small_tables, with_references
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


def _page(
    results: QuerySet[Recommendation], *, number: int, per_page: int, count: int | None, ids: list[int] | None
) -> Page:
    """The page `number` of `results`, whole rows with what a result row shows.

    `ids` are the page's ids if already known; if not (or if `number` was out of range and the
    paginator chose another page), the database sorts and cuts the ids alone, cheap even ranked by
    relevance over thousands of matches. Only the page's rows are then read with their relations.
    """
    paginator = _CountedPaginator(results.values_list("pk", flat=True), per_page, count=count)
    page = paginator.get_page(number)
    if ids is None or page.number != number:
        ids = list(page.object_list)
    rows = Recommendation.objects.filter(pk__in=ids).order_by().select_related("source_document")
    by_pk = {row.pk: row for row in with_references(list(rows))}
    page.object_list = [by_pk[pk] for pk in ids]
    prefetch_related_objects(page.object_list, "recommending_states")
    return page


def recommendation_search(
    results: QuerySet[Recommendation],
    *,
    number: int,
    per_page: int,
    facets: dict[str, list[FacetValue]] | None = None,
) -> tuple[Page, dict[str, list[FacetValue]]]:
    """A page of `results` and the facet counts (which give the page count).

    Given `facets` (a copy kept from an earlier request), only the page is read. Otherwise, on
    PostgreSQL, the facets and the page's ids come from one pass over the matches: a broad text
    search is not run twice.
    """
    ids = None
    if facets is None:
        rows = ((number - 1) * per_page, number * per_page) if number >= 1 else None
        counts, ids = _facet_counts(results, rows=rows)
        facets = _facets_from_counts(counts)
    total = sum(facet.count for facet in facets["status"])
    return _page(results, number=number, per_page=per_page, count=total, ids=ids), facets


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


def _facet_counts_at_once(
    queryset: QuerySet, *, rows: tuple[int, int] | None = None
) -> tuple[dict[str, dict], list[int] | None]:
    """Every facet's counts in one PostgreSQL query: the filter (often a text search) runs once.

    The matching rows are materialised in a CTE, then each facet is grouped from it, so a search that
    matches thousands of rows is not repeated ten times. With `rows` (first, last), the ids of the
    matches at those places in the queryset's order come too, in that order: the CTE keeps the values
    it is ordered by, and the database picks the page from them (top-N, without sorting every match).
    """
    matches = queryset.order_by()
    columns = ("pk", *_SCALAR_FACETS)
    order_by = []
    ordering = queryset.query.order_by or Recommendation._meta.ordering or ("pk",)
    for number, item in enumerate(ordering if rows is not None else ()):
        if isinstance(item, str):
            item = OrderBy(F(item.removeprefix("-")), descending=item.startswith("-"))
        matches = matches.annotate(**{f"order_{number}": item.expression})
        columns += (f"order_{number}",)
        nulls = " NULLS FIRST" if item.nulls_first else " NULLS LAST" if item.nulls_last else ""
        order_by.append(f"order_{number} {'DESC' if item.descending else 'ASC'}{nulls}")
    inner, params = matches.values_list(*columns).query.sql_with_params()
    # The columns' counts in one pass over the matches (grouping sets), each row saying its column.
    which = " ".join(f"WHEN GROUPING({column}) = 0 THEN '{column}'" for column in _SCALAR_FACETS)
    value = " ".join(f"WHEN GROUPING({column}) = 0 THEN {column}::text" for column in _SCALAR_FACETS)
    sets = ", ".join(f"({column})" for column in _SCALAR_FACETS)
    branches = [
        f"SELECT CASE {which} END, CASE {value} END, COUNT(*) FROM hits GROUP BY GROUPING SETS ({sets})"  # noqa: S608
    ]
    for name, relation in _M2M_FACETS.items():
        field = Recommendation._meta.get_field(relation)
        table = field.remote_field.through._meta.db_table
        column = field.m2m_reverse_field_name() + "_id"
        branches.append(
            f"SELECT '{name}', t.{column}::text, COUNT(*) FROM {table} t "  # noqa: S608 - from the models
            f"JOIN hits ON hits.pk = t.recommendation_id GROUP BY t.{column}"
        )
    if rows is not None:
        order = ", ".join(order_by)
        branches.append(
            f"SELECT 'row', pk::text, ROW_NUMBER() OVER (ORDER BY {order}) FROM "  # noqa: S608
            f"(SELECT * FROM hits ORDER BY {order} LIMIT %s OFFSET %s) page"
        )
        params = (*params, rows[1] - rows[0], rows[0])
    # The inner query names its columns after the fields ("pk" for the id), in an order of its own.
    sql = f"WITH hits AS MATERIALIZED ({inner}) " + " UNION ALL ".join(branches)
    counts: dict[str, dict] = {key: {} for key in (*_SCALAR_FACETS, *_M2M_FACETS)}
    integer_keys = {"mechanism_id", "cycle", "cluster_id", "lead_institution_id", *_M2M_FACETS}
    found: list[tuple[int, int]] = []
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for key, value, n in cursor.fetchall():
            if key == "row":
                found.append((n, int(value)))
                continue
            if value is not None and key in integer_keys:
                value = int(value)
            counts[key][value] = n
    return counts, None if rows is None else [pk for _row, pk in sorted(found)]


def _facet_counts(
    queryset: QuerySet, *, rows: tuple[int, int] | None = None
) -> tuple[dict[str, dict], list[int] | None]:
    """The facets' counts, and on PostgreSQL the ids of the matches at places `rows` (see above)."""
    if connection.vendor == "postgresql":
        return _facet_counts_at_once(queryset, rows=rows)
    return _facet_counts_grouped(queryset.order_by()), None


# A facet shows its most frequent values only: reading the labels of hundreds of clusters for every
# search would cost more than the search.
FACET_LIMIT = 12


def _most_frequent(counts: dict, limit: int = FACET_LIMIT) -> dict:
    """The `limit` values counted most often (ties by value, so the choice is stable), None left out."""
    ranked = sorted(
        ((value, n) for value, n in counts.items() if value is not None), key=lambda v: (-v[1], v[0])
    )
    return dict(ranked[:limit])


def _labelled(counts: dict, objects: Iterable, value: Callable, label: Callable) -> list[FacetValue]:
    """Facet values of `objects` (those `counts` names), most frequent first, ties by label."""
    return sorted(
        (FacetValue(value(obj), label(obj), counts[obj.pk]) for obj in objects),
        key=lambda facet: (-facet.count, facet.label),
    )


def recommendation_facets(queryset: QuerySet[Recommendation]) -> dict[str, list[FacetValue]]:
    """How many of the filtered recommendations fall under each value of each facet (the most frequent)."""
    return _facets_from_counts(_facet_counts(queryset)[0])


def _facets_from_counts(counts: dict[str, dict]) -> dict[str, list[FacetValue]]:
    """Facet values with their labels, from the small tables' copies (no query)."""
    tables = small_tables()
    facets: dict[str, list[FacetValue]] = {}
    mechanisms = [tables[Mechanism][pk] for pk in counts["mechanism_id"] if pk in tables[Mechanism]]
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
        key=lambda facet: (-facet.count, facet.label),
    )[:FACET_LIMIT]
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
        shown = _most_frequent(counts[name])
        facets[name] = _labelled(
            shown, rows_with_ids(tables[model], shown), lambda obj: obj.code, lambda obj: obj.name
        )
    shown = _most_frequent(counts["goal"])
    facets["goal"] = [
        FacetValue(goal.code, str(goal), shown[goal.pk]) for goal in rows_with_ids(tables[Goal], shown)
    ]
    shown = _most_frequent(counts["cluster_id"])
    facets["cluster"] = _labelled(
        shown, rows_with_ids(tables[Cluster], shown), lambda obj: str(obj.pk), lambda obj: obj.name
    )
    shown = _most_frequent(counts["lead_institution_id"])
    facets["institution"] = _labelled(
        shown, rows_with_ids(tables[Institution], shown), lambda obj: str(obj.pk), str
    )
    return facets


def recommendation_detail(pk: int) -> QuerySet[Recommendation]:
    # Archived recommendations too: the workspace shows them, with the way back from the archive.
    return (
        Recommendation.all_objects.filter(pk=pk)
        .select_related(*ROW_RELATIONS, "import_batch")
        .prefetch_related(*LINKS)
    )


# What a recommendation is linked to through many-to-many tables; every target is a small table.
LINKS = ("recommending_states", "themes", "groups", "sdg_goals", "sdg_targets", "supporting_institutions")


def recommendation_links(pk: int) -> dict[str, list]:
    """The recommendation's linked rows by relation (LINKS), each list in its model's default order.

    One query reads the ids from the six link tables; the rows come from the small tables' copies.
    """
    branches = []
    for relation in LINKS:
        field = Recommendation._meta.get_field(relation)
        table = field.remote_field.through._meta.db_table
        branches.append(
            f"SELECT '{relation}', {field.m2m_reverse_name()} FROM {table} "  # noqa: S608 - from the models
            f"WHERE {field.m2m_column_name()} = %s"
        )
    linked: dict[str, set[int]] = {relation: set() for relation in LINKS}
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(branches), [pk] * len(LINKS))
        for relation, target in cursor.fetchall():
            linked[relation].add(target)
    tables = small_tables()
    return {
        relation: rows_with_ids(tables[Recommendation._meta.get_field(relation).related_model], ids)
        for relation, ids in linked.items()
    }


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
        .order_by("mechanism__type", "mechanism__code", "-date", "paragraph_key", "pk")
    )
    groups: dict[int, tuple[Mechanism, list[Recommendation]]] = {}
    for recommendation in recommendations:
        groups.setdefault(recommendation.mechanism_id, (recommendation.mechanism, []))[1].append(
            recommendation
        )
    return list(groups.values())
