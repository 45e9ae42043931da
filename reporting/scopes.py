"""What report scopes name: a scope is a recommendations filter (cluster=3&theme=education), so an undo
must not remove a cluster, theme, document… that a report's scope still names (nmirf.revert)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db import models
from django.http import QueryDict
from django.utils.translation import gettext as _

from focalpoints.models import Institution
from recommendations.models import Cluster, ConcernedGroup, Country, Mechanism, SourceDocument, Theme
from reporting.models import Report
from sdg.models import Goal, Target

# The query parameter that names each model in a scope, and the field its values are.
SCOPE_PARAMETERS: dict[type[models.Model], tuple[str, str]] = {
    Country: ("state", "code"),
    Mechanism: ("mechanism", "code"),
    SourceDocument: ("document", "symbol"),
    Theme: ("theme", "code"),
    ConcernedGroup: ("group", "code"),
    Goal: ("goal", "code"),
    Target: ("target", "code"),
    Cluster: ("cluster", "pk"),
    Institution: ("institution", "pk"),
}


def scope_uses(model: type[models.Model], pks: list[Any]) -> dict[Any, dict[str, int]]:
    """For each of `pks`, how many report scopes name it."""
    if model not in SCOPE_PARAMETERS or not pks:
        return {}
    parameter, field = SCOPE_PARAMETERS[model]
    columns = ("pk",) if field == "pk" else ("pk", field)  # a row is (pk,) or (pk, value)
    rows = model._default_manager.filter(pk__in=pks).values_list(*columns)
    by_value = {str(row[-1]): row[0] for row in rows}
    uses: dict[Any, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    label = _("report scopes")
    for scope in Report.objects.exclude(scope="").values_list("scope", flat=True).iterator():
        for value in set(QueryDict(scope).getlist(parameter)):
            pk = by_value.get(value.strip().upper() if parameter == "state" else value.strip())
            if pk is not None:
                uses[pk][label] += 1
    return uses
