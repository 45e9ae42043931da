"""The small tables that pages name recommendations' links by, kept by each worker.

Mechanisms, countries, clusters, institutions, themes, concerned groups, SDG goals and targets: a few
hundred rows each. Joining them to every query, or reading them again for every page, costs more than
the rows themselves, so each process keeps a copy until the data changes (nmirf.cache.kept_in_process).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Model

from focalpoints.models import Institution
from nmirf.cache import kept_in_process
from recommendations.models import Cluster, ConcernedGroup, Country, Mechanism, Recommendation, Theme
from sdg.models import Goal, Target

SMALL_TABLES = (Mechanism, Country, Cluster, Institution, Theme, ConcernedGroup, Goal, Target)


def small_tables() -> dict[type[Model], dict[int, Model]]:
    """Each small table's rows by id, in the model's default order."""
    return kept_in_process(
        "small-tables",
        lambda: {model: {row.pk: row for row in model._default_manager.all()} for model in SMALL_TABLES},
    )


def ids_where(model: type[Model], field: str, values: Iterable[Any]) -> list[int]:
    """The ids of `model`'s rows whose `field` is one of `values`: from the copy for a small table,
    from the database otherwise (source documents)."""
    wanted = set(values)
    if model in SMALL_TABLES:
        return [pk for pk, row in small_tables()[model].items() if getattr(row, field) in wanted]
    return list(model.objects.filter(**{f"{field}__in": wanted}).values_list("pk", flat=True))


def rows_with_ids(table: dict[int, Model], ids: Iterable[int]) -> list[Model]:
    """The rows of a small table's copy with these ids, in the table's order."""
    wanted = set(ids)
    return [row for pk, row in table.items() if pk in wanted]


_REFERENCES = {"mechanism": Mechanism, "state": Country, "cluster": Cluster, "lead_institution": Institution}


def with_references(rows: list[Recommendation]) -> list[Recommendation]:
    """Each row's mechanism, State, cluster and lead institution, from the small tables' copies."""
    tables = small_tables()
    for row in rows:
        for name, model in _REFERENCES.items():
            target = tables[model].get(getattr(row, f"{name}_id"))
            if target is not None:  # none, or newer than the copy: read when first used
                setattr(row, name, target)
    return rows
