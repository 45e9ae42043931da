"""The columns of the public lists as downloadable tables (CSV, XLSX, JSON)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.urls import reverse


def _url(name: str, *args: Any) -> str:
    return settings.SITE_URL + reverse(name, args=args)


@dataclass(frozen=True)
class Table:
    name: str
    columns: list[str]
    row: Callable[[Any], dict[str, Any]]

    def records(self, objects) -> Iterator[dict[str, Any]]:
        return (self.row(obj) for obj in objects)


CLUSTERS = Table(
    "clusters",
    ["id", "name", "objective", "published_recommendations", "url"],
    lambda cluster: {
        "id": cluster.pk,
        "name": cluster.name,
        "objective": cluster.objective,
        "published_recommendations": cluster.published_count,
        "url": _url("portal:cluster_detail", cluster.pk),
    },
)
MECHANISMS = Table(
    "mechanisms",
    ["id", "code", "name", "type", "published_recommendations", "url"],
    lambda mechanism: {
        "id": mechanism.pk,
        "code": mechanism.code,
        "name": mechanism.name,
        "type": mechanism.type,
        "published_recommendations": mechanism.published_count,
        "url": _url("portal:mechanism_detail", mechanism.pk),
    },
)
INSTITUTIONS = Table(
    "institutions",
    ["id", "name", "acronym", "kind", "website", "lead_recommendations", "url"],
    lambda institution: {
        "id": institution.pk,
        "name": institution.name,
        "acronym": institution.acronym,
        "kind": institution.kind,
        "website": institution.website,
        "lead_recommendations": institution.lead_count,
        "url": _url("portal:institution_detail", institution.pk),
    },
)
GOALS = Table(
    "sdg-goals",
    ["code", "title", "published_recommendations", "url"],
    lambda goal: {
        "code": goal.code,
        "title": goal.short_title,
        "published_recommendations": goal.published_count,
        "url": _url("portal:goal_detail", goal.code),
    },
)
