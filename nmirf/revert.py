"""Undo of recorded changes that never deletes what people built since.

`revert_plan` reads one or more audit batches (an import, a bulk action, an earlier undo) and says,
object by object, what undoing them would do today:

- an object the batches created and that nobody changed or built on since is removed;
- an object they changed gets back the values they overwrote, field by field, as long as those fields
  still hold what the batches wrote (other fields changed since are left as they are);
- an object they deleted is created again from its recorded state;
- anything else is kept and listed with the reason: fields changed since (by people or by a later
  import), or other records that depend on it (progress updates, actions, recommendations of other
  imports…).

`revert_apply` works out the plan again inside its transaction (so nothing that changed between the
preview and the confirmation is lost) and carries it out as one audit batch, which can itself be
reverted the same way. Everything works a chunk at a time so that undoing 100,000 rows stays fast and
memory stays flat.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.urls import NoReverseMatch
from django.utils.translation import gettext as _
from modeltranslation.translator import NotRegistered, translator

from nmirf.audit import Change, audit_open, audit_write, derive, snapshot_many, tracked_fields
from nmirf.models import AuditBatch, AuditEntry

CHUNK = 2000
SHOWN = 200  # items of each kind listed on a confirmation page; the counts are always whole
Operation = AuditEntry.Operation


class Outcome(StrEnum):
    REMOVE = "remove"
    PUT_BACK = "put_back"
    RECREATE = "recreate"
    KEEP_CHANGED = "keep_changed"
    KEEP_USED = "keep_used"
    NOTHING = "nothing"


def _derived(model: type[models.Model]) -> bool:
    """Rows computed from others (repeat links): they go with what they refer to, and keep nothing."""
    return bool(getattr(model, "AUDIT_DERIVED", False))


def is_vocabulary(model: type[models.Model]) -> bool:
    """Themes, groups, documents, clusters…: values records refer to, kept while anything uses them."""
    return bool(getattr(model, "AUDIT_VOCABULARY", False))


@dataclass
class Item:
    entry_id: int
    model: type[models.Model]
    pk: Any
    label: str
    outcome: Outcome
    fields: tuple[str, ...] = ()  # put back: the fields restored; kept: the fields changed since
    uses: dict[str, int] = field(default_factory=dict)  # kept: what depends on it, and how many

    @property
    def vocabulary(self) -> bool:
        return is_vocabulary(self.model)

    @property
    def kind(self) -> str:
        return str(self.model._meta.verbose_name)

    @property
    def url(self) -> str:
        """The record's workspace page, when it has one that its id alone names."""
        try:
            return self.model(pk=self.pk).get_absolute_url()
        except (AttributeError, NoReverseMatch):
            return ""

    def field_labels(self) -> list[str]:
        concrete, many = tracked_fields(self.model)
        names = {f.attname: f.verbose_name for f in concrete} | {f.name: f.verbose_name for f in many}
        hidden = {f.attname for f in concrete if not f.editable}  # derived from fields that are listed
        return [str(names.get(name, name)) for name in self.fields if name not in hidden]


@dataclass
class RevertPlan:
    batches: list[AuditBatch]
    items: list[Item]
    later: dict[tuple[str, str], list[AuditBatch]] = field(default_factory=dict)

    def count(self, outcome: Outcome, *, vocabulary: bool | None = None) -> int:
        return sum(
            1
            for item in self.items
            if item.outcome == outcome and (vocabulary is None or item.vocabulary == vocabulary)
        )

    def shown(self, *outcomes: Outcome, vocabulary: bool | None = None) -> list[Item]:
        found = []
        for item in self.items:
            if item.outcome in outcomes and (vocabulary is None or item.vocabulary == vocabulary):
                found.append(item)
                if len(found) == SHOWN:
                    break
        return found

    @property
    def kept_records(self) -> int:
        """Records (not vocabulary) that the undo leaves as they are because of what happened since."""
        return sum(
            1
            for item in self.items
            if item.outcome in (Outcome.KEEP_CHANGED, Outcome.KEEP_USED) and not item.vocabulary
        )

    @property
    def does_something(self) -> bool:
        return any(
            item.outcome in (Outcome.REMOVE, Outcome.PUT_BACK, Outcome.RECREATE) for item in self.items
        )

    def changed_by(self, item: Item) -> list[AuditBatch]:
        """The later batches that touched a kept record (for the list on the confirmation page)."""
        return self.later.get((item.model._meta.label, str(item.pk)), [])

    def summary(self) -> dict[str, int]:
        return {
            "remove": self.count(Outcome.REMOVE, vocabulary=False),
            "put_back": self.count(Outcome.PUT_BACK),
            "recreate": self.count(Outcome.RECREATE),
            "vocabulary_removed": self.count(Outcome.REMOVE, vocabulary=True),
            "vocabulary_kept": self.count(Outcome.KEEP_USED, vocabulary=True)
            + self.count(Outcome.KEEP_CHANGED, vocabulary=True),
            "kept": self.kept_records,
        }


def plan_context(plan: RevertPlan) -> dict[str, Any]:
    """What the confirmation pages (fragment_revert_plan.html) show of a plan."""
    return {
        "plan": plan,
        "summary": plan.summary(),
        "kept": [
            {"item": item, "later": plan.changed_by(item)}
            for item in plan.shown(Outcome.KEEP_CHANGED, Outcome.KEEP_USED, vocabulary=False)
        ],
        "removed": plan.shown(Outcome.REMOVE, vocabulary=False),
        "put_back": plan.shown(Outcome.PUT_BACK),
        "recreated": plan.shown(Outcome.RECREATE),
        "vocabulary": plan.shown(Outcome.REMOVE, Outcome.KEEP_USED, Outcome.KEEP_CHANGED, vocabulary=True),
    }


class RevertBlocked(ValidationError):
    """Records changed since would be kept, and the caller did not accept that."""

    def __init__(self, plan: RevertPlan) -> None:
        self.plan = plan
        super().__init__(
            _(
                "%(n)d records were changed or built on since; they would be kept as they are. "
                "Confirm that the undo keeps them."
            )
            % {"n": plan.kept_records}
        )


# Planning -----------------------------------------------------------------------------------------


def _chunks(items: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _pk(model: type[models.Model], object_id: str) -> Any:
    return model._meta.pk.to_python(object_id)


def _entry_heads(batches: Sequence[AuditBatch]) -> Iterator[dict[str, Any]]:
    """The batches' entries without their snapshots, oldest first (snapshots are read a chunk at a time)."""
    return (
        AuditEntry.objects.filter(batch__in=list(batches))
        .order_by("batch_id", "pk")
        .values("pk", "content_type_id", "object_id", "object_repr", "operation")
        .iterator(chunk_size=CHUNK)
    )


def _model_for(content_type_id: int) -> type[models.Model]:
    return ContentType.objects.get_for_id(content_type_id).model_class()


def _differs(before: dict | None, after: dict | None) -> tuple[str, ...]:
    before, after = before or {}, after or {}
    return tuple(key for key in after if key in before and before[key] != after[key])


def revert_plan(batches: Sequence[AuditBatch]) -> RevertPlan:
    """What undoing `batches` would do now, object by object (read-only)."""
    batches = sorted(batches, key=lambda b: b.pk)
    # Per object, the first entry of the batches says what it was before them (and whether they created
    # it) and the last what they left; the object now is compared with that.
    first: dict[tuple[type[models.Model], Any], dict[str, Any]] = {}
    last: dict[tuple[type[models.Model], Any], dict[str, Any]] = {}
    for row in _entry_heads(batches):
        model = _model_for(row["content_type_id"])
        key = (model, _pk(model, row["object_id"]))
        first.setdefault(key, row)
        last[key] = row
    items: list[Item] = []
    by_model: dict[type[models.Model], list[Any]] = defaultdict(list)
    for model, pk in last:
        by_model[model].append(pk)
    for model, pks in by_model.items():
        for part in _chunks(pks):
            wanted = {first[(model, pk)]["pk"] for pk in part} | {last[(model, pk)]["pk"] for pk in part}
            states = {
                row["pk"]: row
                for row in AuditEntry.objects.filter(pk__in=list(wanted)).values("pk", "before", "after")
            }
            current = snapshot_many(model, list(part))
            for pk in part:
                head, tail = first[(model, pk)], last[(model, pk)]
                items.append(
                    _classify(
                        Item(tail["pk"], model, pk, tail["object_repr"], Outcome.NOTHING),
                        # A restore of a deleted object brought it into being, like a creation.
                        created=head["operation"] == Operation.CREATE
                        or (head["operation"] == Operation.RESTORE and states[head["pk"]]["before"] is None),
                        deleted=tail["operation"] == Operation.DELETE,
                        before=states[head["pk"]]["before"],
                        after=states[tail["pk"]]["after"],
                        now=current.get(pk),
                    )
                )
    plan = RevertPlan(batches=list(batches), items=sorted(items, key=lambda item: item.entry_id))
    _mark_used(plan)
    _note_later_batches(plan)
    return plan


def _classify(item: Item, *, created: bool, deleted: bool, before: Any, after: Any, now: Any) -> Item:
    if created:
        if now is None:
            return item  # removed since: nothing left to remove
        changed = _differs(after, now) if after is not None else tuple(now)
        item.outcome, item.fields = (Outcome.KEEP_CHANGED, changed) if changed else (Outcome.REMOVE, ())
        return item
    if deleted:
        if now is None and before is not None:
            item.outcome = Outcome.RECREATE
        return item
    if now is None or before is None:
        return item
    written = _differs(before, after)
    changed_since = tuple(key for key in written if now.get(key) != after.get(key))
    if changed_since:
        item.outcome, item.fields = Outcome.KEEP_CHANGED, changed_since
    elif any(now.get(key) != before.get(key) for key in written):
        item.outcome, item.fields = Outcome.PUT_BACK, written
    return item


def _references(
    model: type[models.Model], pks: list[Any]
) -> Iterator[tuple[str, type[models.Model], Any, Any]]:
    """(relation label, referring model, referring pk, referred pk) for every row that refers to `pks`."""
    for relation in model._meta.related_objects:
        referring = relation.related_model
        if _derived(referring):
            continue
        label = str(referring._meta.verbose_name_plural)
        for part in _chunks(pks):
            if relation.many_to_many:
                through = relation.field.remote_field.through
                source = relation.field.m2m_field_name() + "_id"
                target = relation.field.m2m_reverse_field_name() + "_id"
                pairs = through.objects.filter(**{f"{target}__in": list(part)}).values_list(source, target)
            else:
                attname = relation.field.attname
                pairs = referring._base_manager.filter(**{f"{attname}__in": list(part)}).values_list(
                    "pk", attname
                )
            for source_pk, target_pk in pairs.iterator(chunk_size=CHUNK):
                yield label, referring, source_pk, target_pk


UsesProvider = Callable[[type[models.Model], list[Any]], dict[Any, dict[str, int]]]
_USES: list[UsesProvider] = []


def register_uses(provider: UsesProvider) -> None:
    """Let an app say what else depends on objects an undo would remove, beyond foreign keys (for
    example report scopes that name a cluster): `provider(model, pks)` returns, per pk, a label and a
    count of each kind of use. Apps register in their AppConfig.ready()."""
    if provider not in _USES:
        _USES.append(provider)


def _mark_used(plan: RevertPlan) -> None:
    """Keep what the undo would remove but something outside the removal still refers to.

    Repeated until nothing more is kept: a kept recommendation keeps the document it cites.
    """
    removing: dict[type[models.Model], dict[Any, Item]] = defaultdict(dict)
    for item in plan.items:
        if item.outcome == Outcome.REMOVE:
            removing[item.model][item.pk] = item
    todo = set(removing)
    while todo:
        model = todo.pop()
        kept_now: dict[Any, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        for label, referring, source_pk, target_pk in _references(model, list(removing[model])):
            if source_pk not in removing.get(referring, {}):
                kept_now[target_pk][label] += 1
        for provider in _USES:
            for pk, uses in provider(model, list(removing[model])).items():
                for label, count in uses.items():
                    kept_now[pk][label] += count
        for pk, uses in kept_now.items():
            item = removing[model].pop(pk, None)
            if item is not None:
                item.outcome, item.uses = Outcome.KEEP_USED, dict(uses)
        if kept_now:
            # What this model refers to may now be used by a kept object.
            for field_ in model._meta.get_fields():
                forward = field_.concrete or (field_.many_to_many and not field_.auto_created)
                if field_.is_relation and forward and field_.related_model in removing:
                    todo.add(field_.related_model)


def _note_later_batches(plan: RevertPlan) -> None:
    """For kept records (the ones listed), the later changes that touched them: who, when, what."""
    kept = plan.shown(Outcome.KEEP_CHANGED, Outcome.KEEP_USED)
    if not kept:
        return
    newest = max(batch.pk for batch in plan.batches)
    wanted = defaultdict(list)
    for item in kept:
        wanted[ContentType.objects.get_for_model(item.model)].append(str(item.pk))
    query = models.Q()
    for content_type, ids in wanted.items():
        query |= models.Q(content_type=content_type, object_id__in=ids)
    entries = (
        AuditEntry.objects.filter(query, batch_id__gt=newest)
        .select_related("batch", "batch__user", "content_type")
        .order_by("batch_id")
    )
    for entry in entries:
        key = (entry.content_type.model_class()._meta.label, entry.object_id)
        known = plan.later.setdefault(key, [])
        if entry.batch not in known:
            known.append(entry.batch)


# Applying -----------------------------------------------------------------------------------------


def _translated_originals(model: type[models.Model]) -> list[str]:
    try:
        return list(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        return []


def _set_state(instance: models.Model, state: dict[str, Any], names: Iterable[str] | None = None) -> None:
    concrete, _many = tracked_fields(type(instance))
    wanted = None if names is None else set(names)
    for field_ in concrete:
        if field_.attname in state and (wanted is None or field_.attname in wanted):
            setattr(instance, field_.attname, field_.to_python(state[field_.attname]))


def _original_values(model: type[models.Model], state: dict[str, Any]) -> dict[str, Any]:
    """The untranslated column of each translated field, as the services fill it."""
    values = {}
    languages = [code.replace("-", "_") for code, _label in settings.LANGUAGES]
    for name in _translated_originals(model):
        first = state.get("original_language", settings.LANGUAGE_CODE).replace("-", "_")
        for language in [first, settings.LANGUAGE_CODE.replace("-", "_"), *languages]:
            if state.get(f"{name}_{language}"):
                values[name] = state[f"{name}_{language}"]
                break
        else:
            values[name] = ""
    return values


def _delete_order(models_: Iterable[type[models.Model]]) -> list[type[models.Model]]:
    """Models that refer to others first, so that nothing is removed while still referred to."""
    remaining = list(models_)
    ordered: list[type[models.Model]] = []
    while remaining:
        for model in remaining:
            referred_by_others = any(
                other is not model
                and any(
                    f.is_relation and f.related_model is model for f in other._meta.get_fields() if f.concrete
                )
                for other in remaining
            )
            if not referred_by_others:
                break
        else:
            model = remaining[0]  # a cycle: the database's own checks decide
        remaining.remove(model)
        ordered.append(model)
    return ordered


@transaction.atomic
def revert_apply(
    *, batches: Sequence[AuditBatch], user, keep_changed: bool, action: str, description: str = ""
) -> tuple[AuditBatch, RevertPlan]:
    """Carry out the undo of `batches` as one audit batch (always written, also when all was kept)."""
    locked = list(
        AuditBatch.objects.select_for_update().filter(pk__in=[b.pk for b in batches]).order_by("pk")
    )
    if len(locked) != len(batches):
        raise ValidationError(_("This change is no longer in the history."))
    if any(batch.reverted_by_id for batch in locked):
        raise ValidationError(_("This change has already been undone."))
    plan = revert_plan(locked)
    if plan.kept_records and not keep_changed:
        raise RevertBlocked(plan)
    undo = audit_open(user=user, action=action, description=description)
    by_outcome: dict[Outcome, dict[type[models.Model], list[Item]]] = defaultdict(lambda: defaultdict(list))
    for item in plan.items:
        by_outcome[item.outcome][item.model].append(item)
    for model, items in by_outcome[Outcome.RECREATE].items():
        _recreate(undo, model, items)
    batch_ids = [batch.pk for batch in locked]
    for model, items in by_outcome[Outcome.PUT_BACK].items():
        _put_back(undo, model, items, batch_ids)
    removals = by_outcome[Outcome.REMOVE]
    for model in _delete_order(removals):
        _remove(undo, model, removals[model])
    AuditBatch.objects.filter(pk__in=[b.pk for b in locked]).update(reverted_by=undo)
    return undo, plan


def _entry_states(items: Sequence[Item], column: str) -> dict[Any, dict[str, Any]]:
    by_entry = dict(
        AuditEntry.objects.filter(pk__in=[item.entry_id for item in items]).values_list("pk", column)
    )
    return {item.pk: by_entry[item.entry_id] for item in items}


def _first_before(items: Sequence[Item], batch_ids: Sequence[int]) -> dict[Any, dict[str, Any]]:
    """The state before the first of the batches touched each object (what the undo puts back)."""
    model = items[0].model
    rows = (
        AuditEntry.objects.filter(
            batch_id__in=list(batch_ids),
            content_type=ContentType.objects.get_for_model(model),
            object_id__in=[str(item.pk) for item in items],
        )
        .order_by("-batch_id", "-pk")
        .values_list("object_id", "before")
    )
    found: dict[Any, dict[str, Any]] = {}
    for object_id, before in rows:
        found[_pk(model, object_id)] = before  # the oldest comes last and wins
    return found


def _write_m2m(model: type[models.Model], states: dict[Any, dict[str, Any]]) -> None:
    """Set each many-to-many relation named in a state to the ids it lists (ids gone since are skipped)."""
    _concrete, many = tracked_fields(model)
    for relation in many:
        pks = [pk for pk, state in states.items() if relation.name in state]
        if not pks:
            continue
        through = relation.remote_field.through
        source = relation.m2m_field_name() + "_id"
        target = relation.m2m_reverse_field_name() + "_id"
        wanted = {value for pk in pks for value in states[pk][relation.name]}
        existing = set(
            relation.remote_field.model._base_manager.filter(pk__in=list(wanted)).values_list("pk", flat=True)
        )
        through.objects.filter(**{f"{source}__in": pks}).delete()
        through.objects.bulk_create(
            [
                through(**{source: pk, target: value})
                for pk in pks
                for value in states[pk][relation.name]
                if value in existing
            ],
            ignore_conflicts=True,
            batch_size=5000,
        )


def _put_back(undo: AuditBatch, model: type[models.Model], items: list[Item], batch_ids: list[int]) -> None:
    concrete, _many = tracked_fields(model)
    attnames = {f.attname for f in concrete}
    for part in _chunks(items):
        pks = [item.pk for item in part]
        restored = _first_before(part, batch_ids)
        current = snapshot_many(model, pks)
        objects = model._base_manager.in_bulk(pks)
        names: set[str] = set()
        for item in part:
            _set_state(objects[item.pk], restored[item.pk], item.fields)
            names.update(name for name in item.fields if name in attnames)
            names.update(derive(objects[item.pk]))
        if names:
            model._base_manager.bulk_update(list(objects.values()), sorted(names), batch_size=1000)
        _write_m2m(
            model,
            {
                item.pk: {name: restored[item.pk][name] for name in item.fields if name not in attnames}
                for item in part
            },
        )
        after = snapshot_many(model, pks)
        audit_write(
            batch=undo,
            changes=[
                Change(objects[item.pk], Operation.UPDATE, current[item.pk], after[item.pk], item.label)
                for item in part
            ],
        )


def _recreate(undo: AuditBatch, model: type[models.Model], items: list[Item]) -> None:
    for part in _chunks(items):
        states = _entry_states(part, "before")
        objects = []
        for item in part:
            instance = model(pk=item.pk, **_original_values(model, states[item.pk]))
            _set_state(instance, states[item.pk])
            derive(instance)
            objects.append(instance)
        model._base_manager.bulk_create(objects, batch_size=1000)
        _write_m2m(model, states)
        after = snapshot_many(model, [item.pk for item in part])
        audit_write(
            batch=undo,
            changes=[
                Change(obj, Operation.CREATE, None, after[obj.pk], item.label)
                for obj, item in zip(objects, part, strict=True)
            ],
        )


def _remove(undo: AuditBatch, model: type[models.Model], items: list[Item]) -> None:
    """Delete objects nothing refers to any more (the plan kept every other one), at bulk speed.

    The plan found them unchanged since the batch, so what the batch recorded is what is deleted.
    """
    _concrete, many = tracked_fields(model)
    for part in _chunks(items):
        pks = [item.pk for item in part]
        recorded = _entry_states(part, "after")
        audit_write(
            batch=undo,
            changes=[
                Change(None, Operation.DELETE, recorded[item.pk], None, item.label, ref=(model, item.pk))
                for item in part
            ],
        )
        for relation in many:
            through = relation.remote_field.through
            through.objects.filter(**{f"{relation.m2m_field_name()}_id__in": pks}).delete()
        for relation in model._meta.related_objects:
            if _derived(relation.related_model) and not relation.many_to_many:
                relation.related_model._base_manager.filter(**{f"{relation.field.attname}__in": pks}).delete()
        model._base_manager.filter(pk__in=pks)._raw_delete(model._base_manager.db)
