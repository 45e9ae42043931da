"""Every change to recommendations, source documents and clusters goes through these functions.

Each validates with `full_clean`, writes, and records the change in the audit trail (nmirf.audit).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from focalpoints.models import Institution
from nmirf.audit import (
    Change,
    audit_record,
    audited,
    describe_changes,
    jsonable,
    save_with_history,
    snapshot_many,
)
from nmirf.models import AuditBatch, AuditEntry
from recommendations.models import Cluster, ConcernedGroup, Mechanism, Recommendation, SourceDocument, Theme
from recommendations.ordering import paragraph_key
from sdg.models import Goal, Target

Operation = AuditEntry.Operation


# Recommendations ----------------------------------------------------------------------------------


def _with_paragraph_key(values: dict[str, Any]) -> dict[str, Any]:
    """`values` with the sort key of the paragraph they set (recommendations.ordering)."""
    if "paragraph" not in values:
        return values
    return values | {"paragraph_key": paragraph_key(values["paragraph"] or "")}


@transaction.atomic
def recommendation_create(*, user, values: dict[str, Any]) -> Recommendation:
    return save_with_history(
        user=user,
        instance=Recommendation(),
        values=_with_paragraph_key(values),
        action="recommendation_create",
    )


@transaction.atomic
def recommendation_update(*, user, recommendation: Recommendation, values: dict[str, Any]) -> Recommendation:
    if "status" in values and values["status"] != recommendation.status and not values.get("status_date"):
        values = values | {"status_date": timezone.localdate()}
    return save_with_history(
        user=user,
        instance=recommendation,
        values=_with_paragraph_key(values),
        action="recommendation_update",
    )


class BulkAction(models.TextChoices):
    SET_CLUSTER = "set_cluster", gettext_lazy("Set cluster")
    ADD_THEME = "add_theme", gettext_lazy("Add theme")
    REMOVE_THEME = "remove_theme", gettext_lazy("Remove theme")
    ADD_GROUP = "add_group", gettext_lazy("Add concerned group")
    REMOVE_GROUP = "remove_group", gettext_lazy("Remove concerned group")
    ADD_GOAL = "add_goal", gettext_lazy("Add SDG goal")
    REMOVE_GOAL = "remove_goal", gettext_lazy("Remove SDG goal")
    ADD_TARGET = "add_target", gettext_lazy("Add SDG target")
    REMOVE_TARGET = "remove_target", gettext_lazy("Remove SDG target")
    SET_LEAD = "set_lead_institution", gettext_lazy("Set lead institution")
    ADD_SUPPORTING = "add_supporting_institution", gettext_lazy("Add supporting institution")
    REMOVE_SUPPORTING = "remove_supporting_institution", gettext_lazy("Remove supporting institution")
    SET_DEADLINE = "set_update_deadline", gettext_lazy("Set update deadline")
    SET_STATUS = "set_status", gettext_lazy("Set implementation status")
    REQUIRE_LEGISLATION = "require_legislation", gettext_lazy("Mark as requiring legislation")
    CLEAR_LEGISLATION = "clear_legislation", gettext_lazy("Clear “requires legislation”")
    PUBLISH = "publish", gettext_lazy("Publish")
    WITHHOLD = "withhold", gettext_lazy("Withhold from the public tracker")
    ARCHIVE = "archive", gettext_lazy("Archive (hide from lists, the public tracker, reports and exports)")


# Which object each action takes as its value, and the relation it edits.
BULK_VALUE_MODELS: dict[str, type[models.Model] | None] = {
    BulkAction.SET_CLUSTER: Cluster,
    BulkAction.ADD_THEME: Theme,
    BulkAction.REMOVE_THEME: Theme,
    BulkAction.ADD_GROUP: ConcernedGroup,
    BulkAction.REMOVE_GROUP: ConcernedGroup,
    BulkAction.ADD_GOAL: Goal,
    BulkAction.REMOVE_GOAL: Goal,
    BulkAction.ADD_TARGET: Target,
    BulkAction.REMOVE_TARGET: Target,
    BulkAction.SET_LEAD: Institution,
    BulkAction.ADD_SUPPORTING: Institution,
    BulkAction.REMOVE_SUPPORTING: Institution,
}
_M2M_ACTIONS = {
    BulkAction.ADD_THEME: ("themes", True),
    BulkAction.REMOVE_THEME: ("themes", False),
    BulkAction.ADD_GROUP: ("groups", True),
    BulkAction.REMOVE_GROUP: ("groups", False),
    BulkAction.ADD_GOAL: ("sdg_goals", True),
    BulkAction.REMOVE_GOAL: ("sdg_goals", False),
    BulkAction.ADD_TARGET: ("sdg_targets", True),
    BulkAction.REMOVE_TARGET: ("sdg_targets", False),
    BulkAction.ADD_SUPPORTING: ("supporting_institutions", True),
    BulkAction.REMOVE_SUPPORTING: ("supporting_institutions", False),
}


def _bulk_m2m(ids: list[int], relation: str, value: models.Model, add: bool) -> None:
    field = Recommendation._meta.get_field(relation)
    through = field.remote_field.through
    target_column = field.m2m_reverse_field_name() + "_id"
    if add:
        through.objects.bulk_create(
            [through(recommendation_id=pk, **{target_column: value.pk}) for pk in ids],
            ignore_conflicts=True,
            batch_size=2000,
        )
    else:
        through.objects.filter(recommendation_id__in=ids, **{target_column: value.pk}).delete()


@dataclass(frozen=True)
class BulkResult:
    changed: int
    batch: AuditBatch | None  # the recorded change, which History can undo; None when nothing changed


@transaction.atomic
def recommendations_bulk_change(
    *, user, recommendations: QuerySet[Recommendation], action: str, value: Any = None
) -> BulkResult:
    """Apply one action to many recommendations as one recorded change."""
    action = BulkAction(action)
    value_model = BULK_VALUE_MODELS.get(action)
    if (
        value_model is not None
        and value is None
        and action not in (BulkAction.SET_CLUSTER, BulkAction.SET_LEAD)
    ):
        raise ValidationError(_("Choose what to apply."))
    if action == BulkAction.SET_DEADLINE and not isinstance(value, datetime.date | None):
        raise ValidationError(_("Give the deadline as a date."))
    if action == BulkAction.SET_STATUS and value not in Recommendation.Status.values:
        raise ValidationError(_("Choose a valid status."))
    ids = list(recommendations.order_by().values_list("pk", flat=True))
    if not ids:
        return BulkResult(0, None)
    before = snapshot_many(Recommendation, ids)
    rows = Recommendation.objects.filter(pk__in=ids)
    now = timezone.now()
    # What each action writes, so that the state after is the state before with those values (the
    # rows are locked by the update until the transaction ends: nothing else can change them meanwhile).
    written: dict[str, Any] = {}
    if action in _M2M_ACTIONS:
        relation, add = _M2M_ACTIONS[action]
        _bulk_m2m(ids, relation, value, add)
    elif action == BulkAction.SET_CLUSTER:
        written = {"cluster_id": value.pk if value else None}
    elif action == BulkAction.SET_LEAD:
        written = {"lead_institution_id": value.pk if value else None}
    elif action == BulkAction.SET_DEADLINE:
        written = {"update_deadline": value}
    elif action == BulkAction.SET_STATUS:
        rows = rows.exclude(status=value)
        written = {"status": value, "status_date": timezone.localdate()}
    elif action in (BulkAction.REQUIRE_LEGISLATION, BulkAction.CLEAR_LEGISLATION):
        written = {"requires_legislation": action == BulkAction.REQUIRE_LEGISLATION}
    elif action in (BulkAction.PUBLISH, BulkAction.WITHHOLD):
        written = {"published": action == BulkAction.PUBLISH}
    elif action == BulkAction.ARCHIVE:
        written = {"archived": True}
    if written:
        touched = set(rows.values_list("pk", flat=True)) if action == BulkAction.SET_STATUS else set(ids)
        rows.update(**written, updated_at=now)
        patch = jsonable(written)
        after = {pk: before[pk] | patch if pk in touched else before[pk] for pk in ids}
    else:
        after = _m2m_after(before, action, value)
    changed = [pk for pk in ids if before[pk] != after[pk]]
    labels = _labels(changed)
    label = bulk_description(action, value)
    batch = audit_record(
        user=user,
        action=f"bulk_{action.value}",
        description=label,
        changes=[
            Change(None, Operation.UPDATE, before[pk], after[pk], labels[pk], ref=(Recommendation, pk))
            for pk in changed
        ],
    )
    return BulkResult(len(changed), batch)


def bulk_description(action: str, value: Any) -> str:
    """How a bulk action reads on its confirmation page and in History: "Set implementation status: In progress"."""
    action = BulkAction(action)
    if value is None:
        return str(action.label)
    shown = Recommendation.Status(value).label if action == BulkAction.SET_STATUS else value
    return f"{action.label}: {shown}"


def _m2m_after(
    before: dict[int, dict[str, Any]], action: BulkAction, value: models.Model
) -> dict[int, dict[str, Any]]:
    """The snapshots after adding or removing `value` in the action's relation."""
    relation, add = _M2M_ACTIONS[action]
    after = {}
    for pk, state in before.items():
        linked = set(state[relation])
        linked = linked | {value.pk} if add else linked - {value.pk}
        after[pk] = state | {relation: sorted(linked)}
    return after


def _labels(ids: list[int]) -> dict[int, str]:
    """How the audit trail names recommendations ("UPR 118.1"), read as values rather than objects."""
    codes = dict(Mechanism.objects.values_list("pk", "code"))
    return {
        pk: (f"{codes.get(mechanism, '')} {paragraph}".strip() or f"#{pk}")
        for pk, mechanism, paragraph in Recommendation.all_objects.filter(pk__in=ids).values_list(
            "pk", "mechanism_id", "paragraph"
        )
    }


def recommendations_bulk_apply(
    *, user, recommendations: QuerySet[Recommendation], action: str, value: Any = None
) -> int:
    """Apply one action to many recommendations; returns how many actually changed."""
    return recommendations_bulk_change(
        user=user, recommendations=recommendations, action=action, value=value
    ).changed


@dataclass(frozen=True)
class BulkPreview:
    matched: int
    changed: int
    sample: list[dict[str, Any]]  # the first changes, field by field (nmirf.audit.describe_changes)


class _DryRun(Exception):
    pass


def recommendations_bulk_preview(
    *, user, recommendations: QuerySet[Recommendation], action: str, value: Any = None, sample: int = 10
) -> BulkPreview:
    """What the action would change, worked out by doing it and rolling it back (so it cannot differ)."""
    preview = BulkPreview(0, 0, [])
    try:
        with transaction.atomic():
            result = recommendations_bulk_change(
                user=user, recommendations=recommendations, action=action, value=value
            )
            entries = list(result.batch.entries.order_by("pk")[:sample]) if result.batch else []
            preview = BulkPreview(
                recommendations.count(), result.changed, describe_changes(entries, Recommendation)
            )
            raise _DryRun
    except _DryRun:
        pass
    return preview


# Archive ------------------------------------------------------------------------------------------

ARCHIVABLE = (Recommendation, SourceDocument, Cluster)


@transaction.atomic
def archive_set(*, user, instance: Recommendation | SourceDocument | Cluster, archived: bool) -> bool:
    """Archive (hide everywhere but the workspace's archive) or bring back; False when already so."""
    if not isinstance(instance, ARCHIVABLE):
        raise ValidationError(_("Only recommendations, source documents and clusters are archived."))
    if instance.archived == archived:
        return False
    name = instance._meta.model_name
    save_with_history(
        user=user,
        instance=instance,
        values={"archived": archived},
        action=f"{name}_archive" if archived else f"{name}_unarchive",
    )
    return True


# Source documents ---------------------------------------------------------------------------------


@transaction.atomic
def source_document_create(*, user, values: dict[str, Any]) -> SourceDocument:
    return save_with_history(user=user, instance=SourceDocument(), values=values, action="document_create")


@transaction.atomic
def source_document_update(*, user, document: SourceDocument, values: dict[str, Any]) -> SourceDocument:
    return save_with_history(user=user, instance=document, values=values, action="document_update")


# Clusters -----------------------------------------------------------------------------------------


@transaction.atomic
def cluster_create(*, user, values: dict[str, Any]) -> Cluster:
    return save_with_history(user=user, instance=Cluster(), values=values, action="cluster_create")


@transaction.atomic
def cluster_update(*, user, cluster: Cluster, values: dict[str, Any]) -> Cluster:
    """Rename, describe or assign institutions; the cluster's recommendations are not touched."""
    return save_with_history(user=user, instance=cluster, values=values, action="cluster_update")


@transaction.atomic
def cluster_merge(*, user, source: Cluster, target: Cluster) -> int:
    """Move every recommendation of `source` into `target` and delete `source`; returns how many moved."""
    if source.pk == target.pk:
        raise ValidationError(_("A cluster cannot be merged into itself."))
    moved = recommendations_bulk_apply(
        user=user, recommendations=source.recommendations.all(), action=BulkAction.SET_CLUSTER, value=target
    )
    description = _("Merged “%(source)s” into “%(target)s”") % {"source": source, "target": target}
    with audited(user=user, action="cluster_merge", description=description) as trail:
        trail.deleted(source)
        source.delete()
    return moved


class ApplyMode(models.TextChoices):
    LEAD = "lead", gettext_lazy("Set the cluster's lead institution on every recommendation")
    SUPPORTING = (
        "supporting",
        gettext_lazy("Add the cluster's supporting institutions to every recommendation"),
    )
    BOTH = "both", gettext_lazy("Both")


@transaction.atomic
def cluster_apply_institutions(*, user, cluster: Cluster, mode: str) -> int:
    """Explicitly copy the cluster's institutions onto its recommendations; returns how many changed."""
    mode = ApplyMode(mode)
    recommendations = cluster.recommendations.all()
    if mode in (ApplyMode.LEAD, ApplyMode.BOTH) and cluster.lead_institution is None:
        raise ValidationError(_("This cluster has no lead institution to apply."))
    ids_before = snapshot_many(Recommendation, list(recommendations.values_list("pk", flat=True)))
    if mode in (ApplyMode.LEAD, ApplyMode.BOTH):
        recommendations_bulk_apply(
            user=user,
            recommendations=recommendations,
            action=BulkAction.SET_LEAD,
            value=cluster.lead_institution,
        )
    if mode in (ApplyMode.SUPPORTING, ApplyMode.BOTH):
        for institution in cluster.supporting_institutions.all():
            recommendations_bulk_apply(
                user=user,
                recommendations=recommendations,
                action=BulkAction.ADD_SUPPORTING,
                value=institution,
            )
    ids_after = snapshot_many(Recommendation, list(ids_before))
    changed = {pk for pk in ids_before if ids_before[pk] != ids_after.get(pk)}
    return len(changed)
