"""The audit trail: who changed what, when, with the state before and after, and restore.

Services write inside `audited(...)`: the trail it yields snapshots each object registered with it
before the change and again at the end, and writes one batch for the user action with one entry per
object that changed (`audit_record` underneath).
A snapshot holds every concrete field (translations field by field) and the ids of every
many-to-many relation, so that an administrator can put any earlier version back.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
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


def jsonable(value: Any) -> Any:
    """`value` as a snapshot stores it (dates as ISO strings, decimals as strings…)."""
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def snapshot(instance: models.Model) -> Snapshot:
    return snapshot_many(type(instance), [instance.pk])[instance.pk]


def snapshot_many(model: type[models.Model], pks: Sequence[Any]) -> dict[Any, Snapshot]:
    """Snapshots of many objects in one query per relation (no N+1 on bulk actions)."""
    concrete, many = tracked_fields(model)
    attnames = [field.attname for field in concrete]
    rows = list(model._base_manager.filter(pk__in=pks).values_list("pk", *attnames))
    # One JSON round trip for all the rows, not one per row.
    values = jsonable([row[1:] for row in rows])
    result: dict[Any, Snapshot] = {
        row[0]: dict(zip(attnames, value, strict=True)) for row, value in zip(rows, values, strict=True)
    }
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
    instance: models.Model | None  # None for bulk writes that name the object by `ref` instead
    operation: str
    before: Snapshot | None
    after: Snapshot | None
    label: str = ""  # how to name the object; str(instance) when empty
    ref: tuple[type[models.Model], Any] | None = None  # (model, pk): no instance built per row

    @property
    def model(self) -> type[models.Model]:
        return self.ref[0] if self.ref else type(self.instance)

    @property
    def pk(self) -> Any:
        return self.ref[1] if self.ref else self.instance.pk


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
    types = {model: ContentType.objects.get_for_model(model).pk for model in {c.model for c in changes}}
    fields = ("batch_id", "content_type_id", "object_id", "object_repr", "operation", "before", "after")
    rows = [
        (
            batch.pk,
            types[change.model],
            str(change.pk),
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
    with audited(user=user, action=action, description=description) as trail:
        if instance.pk is None:
            trail.created(instance)
        else:
            trail.track(instance)
        for key, value in values.items():
            if key not in many:
                setattr(instance, key, value)
        instance.full_clean()
        instance.save()
        for key, value in values.items():
            if key in many:
                getattr(instance, key).set(value)
    return instance


StateOf = Callable[[models.Model], Snapshot]


@dataclass
class _Tracked:
    """One object registered with a trail: its state then, and (once the block ends) its state now."""

    model: type[models.Model]
    pk: Any
    before: Snapshot | None
    instance: models.Model | None = None
    state: StateOf | None = None
    created: bool = False
    label: str = ""
    after: Snapshot | None = None


class AuditTrail:
    """What one `audited` block creates, changes and deletes, registered as the block goes."""

    def __init__(self, *, user, action: str, description: str = "") -> None:
        self.user = user
        self.action = action
        self.description = description  # may be set inside the block, once it is known
        self.batch: AuditBatch | None = None  # written when the block ends; None when nothing changed
        self._items: list[_Tracked | Change] = []
        self._known: dict[tuple[type[models.Model], Any], _Tracked] = {}
        self._unsaved: list[_Tracked] = []  # registered as created before they were saved

    def _register(self, item: _Tracked) -> None:
        self._items.append(item)
        if item.pk is None:
            self._unsaved.append(item)
        else:
            self._known[(item.model, item.pk)] = item

    def _settle(self) -> None:
        """Know the objects registered before saving by the primary key they have since."""
        saved = [item for item in self._unsaved if item.instance is not None and item.instance.pk is not None]
        for item in saved:
            item.pk = item.instance.pk
            self._known[(item.model, item.pk)] = item
            self._unsaved.remove(item)

    def track(self, *instances: models.Model, state: StateOf | None = None) -> None:
        """Remember saved objects as they are, before they change (one query per model and relation).

        `state` replaces the snapshot where the trail keeps only some fields (an account, not its
        password hash); it is called again on the same instance when the block ends.
        """
        self._settle()
        fresh: dict[type[models.Model], dict[Any, models.Model]] = {}
        for instance in instances:
            if instance.pk is None:
                raise ValueError("track() takes saved objects; register new ones with created().")
            if (type(instance), instance.pk) not in self._known:
                fresh.setdefault(type(instance), {})[instance.pk] = instance
        for model, objects in fresh.items():
            if state is None:
                before = snapshot_many(model, list(objects))
            else:
                before = {pk: state(instance) for pk, instance in objects.items()}
            for pk, instance in objects.items():
                self._register(_Tracked(model, pk, before.get(pk), instance, state))

    def track_many(self, model: type[models.Model], pks: Iterable[Any]) -> None:
        """Remember many objects by primary key before a bulk change; only those that change are loaded."""
        wanted = [pk for pk in dict.fromkeys(pks) if (model, pk) not in self._known]
        before = snapshot_many(model, wanted)
        for pk in wanted:
            self._register(_Tracked(model, pk, before.get(pk)))

    def created(self, instance: models.Model, *, state: StateOf | None = None) -> None:
        """Register a new object, before or after saving it: its state when the block ends is recorded."""
        self._settle()
        if (type(instance), instance.pk) not in self._known and all(
            item.instance is not instance for item in self._unsaved
        ):
            self._register(_Tracked(type(instance), instance.pk, None, instance, state, created=True))

    def deleted(self, instance: models.Model) -> None:
        """Register an object just before deleting it; its entry keeps what it was, so it can be restored."""
        self.track(instance)
        self._known[(type(instance), instance.pk)].label = str(instance)

    def add(self, change: Change) -> None:
        """Record a change the caller worked out itself (a bulk upsert that also counts what changed)."""
        self._items.append(change)

    def changes(self) -> list[Change]:
        """What changed since each object was registered, in the order they were registered."""
        self._settle()
        items = [item for item in self._items if isinstance(item, _Tracked)]
        pks: dict[type[models.Model], list[Any]] = {}
        for item in items:
            if item.state is None and item.pk is not None:
                pks.setdefault(item.model, []).append(item.pk)
        now = {model: snapshot_many(model, ids) for model, ids in pks.items()}
        for item in items:
            if item.pk is None:
                item.after = None  # registered as created but never saved
            elif item.state is not None:
                item.after = item.state(item.instance)
            else:
                item.after = now[item.model].get(item.pk)
        unloaded: dict[type[models.Model], list[Any]] = {}
        for item in items:
            if item.instance is None and item.after is not None and item.after != item.before:
                unloaded.setdefault(item.model, []).append(item.pk)
        loaded = {model: model._base_manager.in_bulk(ids) for model, ids in unloaded.items()}
        result = []
        for item in self._items:
            if isinstance(item, Change):
                result.append(item)
            elif item.after is None:
                if item.before is not None:  # gone: deleted inside the block
                    label = item.label or (
                        str(item.instance)
                        if item.instance is not None
                        else f"{item.model._meta.verbose_name} #{item.pk}"
                    )
                    result.append(
                        Change(item.model(pk=item.pk), AuditEntry.Operation.DELETE, item.before, None, label)
                    )
            elif item.after != item.before:
                instance = item.instance if item.instance is not None else loaded[item.model][item.pk]
                operation = (
                    AuditEntry.Operation.CREATE if item.before is None else AuditEntry.Operation.UPDATE
                )
                result.append(Change(instance, operation, item.before, item.after))
        return result


@contextmanager
def audited(*, user, action: str, description: str = "") -> Iterator[AuditTrail]:
    """One user action, written in one transaction and recorded as one batch of the trail.

        with audited(user=user, action="update_validate") as trail:
            trail.track(update)  # before changing it
            ...  # change and save
            trail.created(comment)  # a new object; trail.deleted(obj) before deleting one

    When the block ends, every registered object is snapshotted again and one entry is written per
    object that changed (nothing at all when none did). An exception inside rolls everything back and
    records nothing.
    """
    trail = AuditTrail(user=user, action=action, description=description)
    with transaction.atomic():
        yield trail
        trail.batch = audit_record(
            user=trail.user, action=trail.action, description=trail.description, changes=trail.changes()
        )


def history_for(instance: models.Model) -> models.QuerySet[AuditEntry]:
    return (
        AuditEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(type(instance)), object_id=str(instance.pk)
        )
        .select_related("batch", "batch__user")
        .order_by("-batch__created_at", "-pk")
    )


def derive(instance: models.Model) -> list[str]:
    """Compute the fields a model derives from others (its DERIVED_FIELDS: name -> (source, function)),
    for writes that set fields from a recorded state; returns the names set."""
    derived = getattr(type(instance), "DERIVED_FIELDS", {})
    for name, (source, function) in derived.items():
        setattr(instance, name, function(getattr(instance, source) or ""))
    return list(derived)


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
    derive(instance)
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
    """Human-readable field changes for a page of entries, resolving related names in bulk. Fields that
    nobody edits (`editable=False`: values derived from others, such as a sort key) are left out."""
    concrete, many = tracked_fields(model)
    shown = [field for field in concrete if field.editable]
    fields = {field.attname: field for field in shown} | {field.name: field for field in many}
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
                        "name": fields[key].name,
                        "field": fields[key].verbose_name,
                        "before": show(fields[key], before.get(key)),
                        "after": show(fields[key], after.get(key)),
                    }
                    for key in changed
                ],
            }
        )
    return result
