"""The query parameters of DESIGN.md, parsed once and applied the same way everywhere.

The workspace, the portal, the API and the exports all hand the request's query string to
`RecommendationQuery.from_params` and then call `apply`, so a URL means the same thing in each.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django.db import connection
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import QueryDict
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from recommendations.models import (
    ConcernedGroup,
    Country,
    Mechanism,
    Recommendation,
    RecommendationRepeat,
    SourceDocument,
    Theme,
)
from recommendations.reference import ids_where
from recommendations.search import search_filter
from sdg.models import Goal, Target

# Paragraphs sort by their natural key (recommendations.ordering): 28.2 before 28.10. The default
# order is what the index rec_date_paragraph_idx holds, so a page of it is read from the index.
SORTS = {
    "-date": ("-date", "paragraph_key", "pk"),
    "date": ("date", "paragraph_key", "pk"),
    "paragraph": ("source_document__symbol", "paragraph_key", "pk"),
    "mechanism": ("mechanism__code", "-date", "paragraph_key", "pk"),
    "status": ("status", "-date", "paragraph_key", "pk"),
    "-updated": ("-updated_at", "-pk"),
}
DEFAULT_SORT = "-date"
RELEVANCE = "relevance"
DEFAULT_PAGE_SIZE = 25
MAX_PAGE_SIZE = 200
NONE = "none"  # cluster=none, institution=none: recommendations without one

_ENUMS = {
    "mechanism_type": {choice for choice, _label in Mechanism.Type.choices},
    "kind": set(Recommendation.Kind.values),
    "status": set(Recommendation.Status.values),
    "position": set(Recommendation.Position.values),
}


def _m2m_exists(relation: str, column: str, ids: list[int]) -> Exists:
    through = Recommendation._meta.get_field(relation).remote_field.through
    return Exists(through.objects.filter(recommendation_id=OuterRef("pk"), **{f"{column}__in": ids}))


@dataclass
class RecommendationQuery:
    q: str = ""
    state: list[str] = field(default_factory=list)
    mechanism_type: list[str] = field(default_factory=list)
    mechanism: list[str] = field(default_factory=list)
    document: list[str] = field(default_factory=list)
    cycle: list[int] = field(default_factory=list)
    kind: list[str] = field(default_factory=list)
    theme: list[str] = field(default_factory=list)
    group: list[str] = field(default_factory=list)
    goal: list[str] = field(default_factory=list)
    target: list[str] = field(default_factory=list)
    cluster: list[str] = field(default_factory=list)
    institution: list[str] = field(default_factory=list)
    status: list[str] = field(default_factory=list)
    position: list[str] = field(default_factory=list)
    published: bool | None = None
    repeated: bool | None = None  # staff only: repeats an earlier recommendation (repeats.py)
    sort: str = ""
    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE
    errors: list[str] = field(default_factory=list)

    @classmethod
    def from_params(cls, params: QueryDict, *, staff: bool) -> RecommendationQuery:
        """Read the query string; values that cannot mean anything are dropped with a message."""
        query = cls()
        query.q = params.get("q", "").strip()[:500]

        def values(name: str) -> list[str]:
            return [value.strip() for value in params.getlist(name) if value.strip()]

        for name in ("state", "mechanism", "document", "theme", "group", "goal", "target"):
            setattr(query, name, values(name))
        query.state = [code.upper() for code in query.state]
        for name, allowed in _ENUMS.items():
            given = values(name)
            bad = [value for value in given if value not in allowed]
            if bad:
                query.errors.append(
                    _("Unknown value for %(param)s ignored: %(values)s")
                    % {"param": name, "values": ", ".join(bad)}
                )
            setattr(query, name, [value for value in given if value in allowed])
        for name in ("cycle", "cluster", "institution"):
            given = values(name)
            good = [value for value in given if value.isdigit() or (name != "cycle" and value == NONE)]
            if len(good) != len(given):
                query.errors.append(_("Unknown value for %(param)s ignored.") % {"param": name})
            setattr(query, name, [int(value) for value in good] if name == "cycle" else good)
        if staff and params.get("published") in ("true", "false"):
            query.published = params["published"] == "true"
        if staff and params.get("repeated") in ("true", "false"):
            query.repeated = params["repeated"] == "true"
        sort = params.get("sort", "")
        if sort and sort not in SORTS and sort != RELEVANCE:
            query.errors.append(_("Unknown sort order ignored."))
            sort = ""
        query.sort = sort
        query.page = _positive_int(params.get("page"), 1)
        query.page_size = min(_positive_int(params.get("page_size"), DEFAULT_PAGE_SIZE), MAX_PAGE_SIZE)
        return query

    @property
    def effective_sort(self) -> str:
        if self.sort:
            return self.sort if self.sort != RELEVANCE or self.q else DEFAULT_SORT
        return RELEVANCE if self.q else DEFAULT_SORT

    def apply(
        self, queryset: QuerySet[Recommendation], *, language: str | None = None
    ) -> QuerySet[Recommendation]:
        """Filter and order; each parameter narrows the result, values of one parameter widen it."""
        # Codes and symbols become ids first (recommendations.reference), so that the database's planner
        # sees the values it filters on: through a join it guesses, and mechanism type "upr" is two thirds
        # of the rows, not one in a hundred.
        conditions = Q()
        if self.state:
            conditions &= Q(state_id__in=ids_where(Country, "code", self.state))
        if self.mechanism_type:
            conditions &= Q(mechanism_id__in=ids_where(Mechanism, "type", self.mechanism_type))
        if self.mechanism:
            conditions &= Q(mechanism_id__in=ids_where(Mechanism, "code", self.mechanism))
        if self.document:
            conditions &= Q(source_document_id__in=ids_where(SourceDocument, "symbol", self.document))
        if self.cycle:
            conditions &= Q(cycle__in=self.cycle)
        for name in ("kind", "status", "position"):
            if getattr(self, name):
                conditions &= Q(**{f"{name}__in": getattr(self, name)})
        if self.published is not None:
            conditions &= Q(published=self.published)
        if self.repeated is not None:
            repeats = Exists(RecommendationRepeat.objects.filter(recommendation_id=OuterRef("pk")))
            conditions &= repeats if self.repeated else ~repeats
        if self.cluster:
            ids = [int(value) for value in self.cluster if value != NONE]
            either = Q(cluster_id__in=ids)
            if NONE in self.cluster:
                either |= Q(cluster__isnull=True)
            conditions &= either
        if self.institution:
            ids = [int(value) for value in self.institution if value != NONE]
            either = Q(lead_institution_id__in=ids) | _m2m_exists(
                "supporting_institutions", "institution_id", ids
            )
            if NONE in self.institution:
                either |= Q(lead_institution__isnull=True)
            conditions &= either
        queryset = queryset.filter(conditions)
        for name, relation, column, model in (
            ("theme", "themes", "theme_id", Theme),
            ("group", "groups", "concernedgroup_id", ConcernedGroup),
            ("goal", "sdg_goals", "goal_id", Goal),
            ("target", "sdg_targets", "target_id", Target),
        ):
            if getattr(self, name):
                ids = ids_where(model, "code", getattr(self, name))
                queryset = queryset.filter(_m2m_exists(relation, column, ids))
        language = language or get_language() or "en"
        if self.q:
            queryset = search_filter(
                queryset, self.q, language=language, rank=self.effective_sort == RELEVANCE
            )
        if self.effective_sort == RELEVANCE:
            if connection.vendor == "postgresql":
                return queryset.order_by("-rank", "-date", "pk")
            return queryset.order_by(*SORTS[DEFAULT_SORT])
        return queryset.order_by(*SORTS[self.effective_sort])

    def as_params(self, **overrides: Any) -> QueryDict:
        """This query as a query string, optionally changed, for links (pages, sorts, facets)."""
        params = QueryDict(mutable=True)
        for name, values in self._pairs(overrides):
            params.setlist(name, values)
        return params

    def query_string(self, **overrides: Any) -> str:
        """as_params(...).urlencode(), without building a QueryDict (a results page makes a hundred)."""
        return urlencode([(name, value) for name, values in self._pairs(overrides) for value in values])

    def _pairs(self, overrides: dict[str, Any]) -> list[tuple[str, list[str]]]:
        pairs = []
        for name in _PARAM_NAMES:
            value = overrides[name] if name in overrides else getattr(self, name)
            if value in (None, "", []) or (name == "page" and value == 1):
                continue
            if name == "page_size" and value == DEFAULT_PAGE_SIZE:
                continue
            if isinstance(value, bool):
                value = "true" if value else "false"
            pairs.append((name, [str(item) for item in value] if isinstance(value, list) else [str(value)]))
        return pairs

    @property
    def is_filtered(self) -> bool:
        return any(getattr(self, name) not in (None, "", []) for name in _FILTER_NAMES)


_FILTER_NAMES = (
    "q", "state", "mechanism_type", "mechanism", "document", "cycle", "kind", "theme", "group", "goal",
    "target", "cluster", "institution", "status", "position", "published", "repeated",
)  # fmt: skip
_PARAM_NAMES = (*_FILTER_NAMES, "sort", "page", "page_size")


def _positive_int(raw: str | None, default: int) -> int:
    try:
        value = int(raw or default)
    except ValueError:
        return default
    return value if value >= 1 else default
