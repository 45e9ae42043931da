"""The audit trail: who changed what, when, with the state before and after, and restore.

Services take a snapshot of each object before they change it and hand both snapshots to
`audit_record`, which writes one batch for the user action and one entry per changed object.
A snapshot holds every concrete field (translations field by field) and the ids of every
many-to-many relation, so that an administrator can put any earlier version back.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _
from modeltranslation.translator import NotRegistered, translator

from nmirf.bulk import insert_rows
from nmirf.cache import data_changed
from nmirf.models import AuditBatch, AuditEntry

Snapshot = dict[str, Any]
_NOT_TRACKED = {"id", "created_at", "updated_at"}


@cache
def tracked_fields(model: type[models.Model]) -> tuple[list[models.Field], list[models.ManyToManyField]]:
    """Concrete fields and many-to-many fields kept in snapshots (translated originals excluded)."""
    try:
        translated = set(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        translated = set()
    concrete = [
        field
        for field in model._meta.concrete_fields
        if field.name not in _NOT_TRACKED and field.name not in translated
    ]
    many = [field for field in model._meta.many_to_many if isinstance(field, models.ManyToManyField)]
    return concrete, many


def _jsonable(value: Any) -> Any:
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def snapshot(instance: models.Model) -> Snapshot:
    return snapshot_many(type(instance), [instance.pk])[instance.pk]


def snapshot_many(model: type[models.Model], pks: Sequence[Any]) -> dict[Any, Snapshot]:
    """Snapshots of many objects in one query per relation (no N+1 on bulk actions)."""
    concrete, many = tracked_fields(model)
    attnames = [field.attname for field in concrete]
    result: dict[Any, Snapshot] = {}
    for row in model._base_manager.filter(pk__in=pks).values("pk", *attnames):
        pk = row.pop("pk")
        result[pk] = _jsonable(row)
    for field in many:
        through = field.remote_field.through
        source = field.m2m_field_name() + "_id"
        target = field.m2m_reverse_field_name() + "_id"
        for snap in result.values():
            snap[field.name] = []
        for source_id, target_id in through.objects.filter(**{f"{source}__in": pks}).values_list(
            source, target
        ):
            if source_id in result:
                result[source_id][field.name].append(target_id)
        for snap in result.values():
            snap[field.name].sort()
    return result


@dataclass(frozen=True)
class Change:
    instance: models.Model
    operation: str
    before: Snapshot | None
    after: Snapshot | None
    label: str = ""  # how to name the object; str(instance) when empty


def audit_record(*, user, action: str, changes: Iterable[Change], description: str = "") -> AuditBatch | None:
    """Write one batch and one entry per object that really changed; nothing when nothing changed."""
    changes = [c for c in changes if not (c.operation == AuditEntry.Operation.UPDATE and c.before == c.after)]
    if not changes:
        return None
    batch = audit_open(user=user, action=action, description=description)
    audit_write(batch=batch, changes=changes)
    return batch


def audit_open(*, user, action: str, description: str = "") -> AuditBatch:
    """Start a batch whose entries are written in several steps (imports of many rows)."""
    data_changed()
    return AuditBatch.objects.create(
        user=user if user is not None and user.is_authenticated else None,
        action=action,
        description=description[:500],
    )


def audit_write(*, batch: AuditBatch, changes: Iterable[Change]) -> None:
    """Add one entry per change to `batch`, at bulk speed."""
    changes = [c for c in changes if not (c.operation == AuditEntry.Operation.UPDATE and c.before == c.after)]
    # Everything is read before the rows go out: no query may run while they are being copied.
    types = {
        model: ContentType.objects.get_for_model(model).pk for model in {type(c.instance) for c in changes}
    }
    fields = ("batch_id", "content_type_id", "object_id", "object_repr", "operation", "before", "after")
    rows = [
        (
            batch.pk,
            types[type(change.instance)],
            str(change.instance.pk),
            (change.label or str(change.instance))[:300],
            change.operation,
            change.before,
            change.after,
        )
        for change in changes
    ]
    insert_rows(AuditEntry, fields, rows)


def save_with_history(
    *, user, instance: models.Model, values: dict[str, Any], action: str, description: str = ""
) -> models.Model:
    """Create or change one object from field values (many-to-many included), validated and audited."""
    many = {field.name for field in type(instance)._meta.many_to_many}
    creating = instance.pk is None
    before = None if creating else snapshot(instance)
    for key, value in values.items():
        if key not in many:
            setattr(instance, key, value)
    instance.full_clean()
    instance.save()
    for key, value in values.items():
        if key in many:
            getattr(instance, key).set(value)
    operation = AuditEntry.Operation.CREATE if creating else AuditEntry.Operation.UPDATE
    audit_record(
        user=user,
        action=action,
        description=description,
        changes=[Change(instance, operation, before, snapshot(instance))],
    )
    return instance


def history_for(instance: models.Model) -> models.QuerySet[AuditEntry]:
    return (
        AuditEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(type(instance)), object_id=str(instance.pk)
        )
        .select_related("batch", "batch__user")
        .order_by("-batch__created_at", "-pk")
    )


def restorable_state(entry: AuditEntry) -> Snapshot | None:
    """The version an entry lets one put back: the state it saved, or for a deletion what was deleted."""
    return entry.before if entry.operation == AuditEntry.Operation.DELETE else entry.after


@transaction.atomic
def audit_restore(*, entry: AuditEntry, user) -> models.Model:
    """Put the object back as it was in `entry`, recording the restore itself in the trail."""
    state = restorable_state(entry)
    if state is None:
        raise ValidationError(_("This entry holds no version to restore."))
    model = entry.content_type.model_class()
    concrete, many = tracked_fields(model)
    instance = model._base_manager.filter(pk=entry.object_id).first()
    before = snapshot(instance) if instance is not None else None
    if instance is None:
        instance = model(pk=model._meta.pk.to_python(entry.object_id))
    for field in concrete:
        if field.attname in state:
            setattr(instance, field.attname, field.to_python(state[field.attname]))
    try:
        with transaction.atomic():
            instance.save()
    except IntegrityError as error:
        raise ValidationError(
            _("This version refers to records that no longer exist or clash with current data (%(error)s).")
            % {"error": error}
        ) from error
    for field in many:
        related = field.remote_field.model
        wanted = state.get(field.name, [])
        existing = list(related._base_manager.filter(pk__in=wanted).values_list("pk", flat=True))
        getattr(instance, field.name).set(existing)
    audit_record(
        user=user,
        action="restore",
        description=_("Restored the version of %(when)s") % {"when": entry.batch.created_at.isoformat()},
        changes=[Change(instance, AuditEntry.Operation.RESTORE, before, snapshot(instance))],
    )
    return instance


def describe_changes(entries: Sequence[AuditEntry], model: type[models.Model]) -> list[dict[str, Any]]:
    """Human-readable field changes for a page of entries, resolving related names in bulk."""
    concrete, many = tracked_fields(model)
    fields = {field.attname: field for field in concrete} | {field.name: field for field in many}
    wanted: dict[type[models.Model], set[Any]] = {}
    rows = []
    for entry in entries:
        before, after = entry.before or {}, entry.after or {}
        changed = [key for key in fields if key in before or key in after]
        changed = [key for key in changed if before.get(key) != after.get(key)]
        for key in changed:
            field = fields[key]
            if field.is_relation:
                ids = wanted.setdefault(field.related_model, set())
                for value in (before.get(key), after.get(key)):
                    ids.update(value if isinstance(value, list) else [value] if value is not None else [])
        rows.append((entry, changed))
    names = {
        related: {obj.pk: str(obj) for obj in related._base_manager.filter(pk__in=ids)}
        for related, ids in wanted.items()
    }

    def show(field: models.Field, value: Any) -> str:
        if value is None or value == "" or value == []:
            return "—"
        if field.is_relation:
            values = value if isinstance(value, list) else [value]
            return "; ".join(names[field.related_model].get(item, f"#{item}") for item in values)
        if field.choices:
            return str(dict(field.flatchoices).get(value, value))
        if isinstance(value, bool):
            return _("yes") if value else _("no")
        return str(value)

    result = []
    for entry, changed in rows:
        before, after = entry.before or {}, entry.after or {}
        result.append(
            {
                "entry": entry,
                "changes": [
                    {
                        "field": fields[key].verbose_name,
                        "before": show(fields[key], before.get(key)),
                        "after": show(fields[key], after.get(key)),
                    }
                    for key in changed
                ],
            }
        )
    return result


@transaction.atomic
def audit_revert(*, batch: AuditBatch, user, action: str, description: str = "") -> AuditBatch | None:
    """Undo a whole batch: objects it created are deleted, objects it changed get their earlier state.

    Works in bulk (for imports of many rows) and is itself recorded, so it can be restored in turn.
    """
    entries = list(batch.entries.select_related("content_type").order_by("-pk"))
    changes: list[Change] = []
    by_model: dict[type[models.Model], list[AuditEntry]] = {}
    for entry in entries:
        by_model.setdefault(entry.content_type.model_class(), []).append(entry)
    for model, model_entries in by_model.items():
        concrete, many = tracked_fields(model)
        updated = [
            e
            for e in model_entries
            if e.operation in (AuditEntry.Operation.UPDATE, AuditEntry.Operation.RESTORE)
        ]
        ids = [model._meta.pk.to_python(e.object_id) for e in updated]
        current = snapshot_many(model, ids)
        objects = model._base_manager.in_bulk(ids)
        for entry, pk in zip(updated, ids, strict=True):
            instance = objects.get(pk)
            if instance is None or entry.before is None:
                continue
            for field in concrete:
                if field.attname in entry.before:
                    setattr(instance, field.attname, field.to_python(entry.before[field.attname]))
        if objects:
            model._base_manager.bulk_update(
                list(objects.values()), [f.attname for f in concrete], batch_size=1000
            )
        for field in many:
            through = field.remote_field.through
            source = field.m2m_field_name() + "_id"
            target = field.m2m_reverse_field_name() + "_id"
            through.objects.filter(**{f"{source}__in": list(objects)}).delete()
            through.objects.bulk_create(
                [
                    through(**{source: pk, target: value})
                    for entry, pk in zip(updated, ids, strict=True)
                    if pk in objects and entry.before
                    for value in entry.before.get(field.name, [])
                ],
                ignore_conflicts=True,
                batch_size=5000,
            )
        after = snapshot_many(model, list(objects))
        labels = {model._meta.pk.to_python(e.object_id): e.object_repr for e in updated}
        changes += [
            Change(objects[pk], AuditEntry.Operation.UPDATE, current[pk], after[pk], labels[pk])
            for pk in objects
        ]
    for model, model_entries in by_model.items():
        labels = {
            model._meta.pk.to_python(e.object_id): e.object_repr
            for e in model_entries
            if e.operation == AuditEntry.Operation.CREATE
        }
        if not labels:
            continue
        before = snapshot_many(model, list(labels))
        doomed = model._base_manager.in_bulk(list(before))
        changes += [
            Change(obj, AuditEntry.Operation.DELETE, before[pk], None, labels[pk])
            for pk, obj in doomed.items()
        ]
        model._base_manager.filter(pk__in=list(doomed)).delete()
    return audit_record(user=user, action=action, changes=changes, description=description)
