"""History for the Django admin: every write an administrator makes there lands in the audit trail.

`AdminHistoryMixin` goes first in the bases of the ModelAdmin of every project record
(`ImportHistoryMixin` where django-import-export's import is offered). Each admin request that writes
(a form saved with its inlines, a deletion, the "delete selected" action, a password set, an import)
becomes one `AuditBatch`, written in the same transaction as the writes, with one entry per object
whose state changed: the state before is read from the database before the write, the state after
once the many-to-many relations and the inlines are saved. So `history_for` shows admin changes and
`audit_restore` puts back any earlier version, deleted objects included.

A deletion also records what it takes with it: the objects deleted in cascade, the references set to
null and the many-to-many links that disappear from the objects holding the relation. The audit trail
itself is never recorded (its admin is read-only), and the trail never keeps a password hash: it notes
only that the password changed.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.contrib import admin
from django.contrib.admin.utils import NestedObjects
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import models, router, transaction
from django.forms import BaseFormSet, ModelForm
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from nmirf.audit import Change, Snapshot, audit_record, snapshot_many
from nmirf.models import AuditBatch, AuditEntry

Operation = AuditEntry.Operation


def is_audited(model: type[models.Model]) -> bool:
    """Whether writes to `model` belong in the trail: every record but the trail and link tables."""
    return model not in (AuditBatch, AuditEntry) and not model._meta.auto_created


def _secret_fields(model: type[models.Model]) -> tuple[str, ...]:
    return ("password",) if issubclass(model, AbstractBaseUser) else ()


def _states(model: type[models.Model], pks: list[Any]) -> dict[Any, Snapshot]:
    """Snapshots without the secret fields (a password hash never enters the trail)."""
    states = snapshot_many(model, pks)
    for state in states.values():
        for name in _secret_fields(model):
            state.pop(name, None)
    return states


def _secrets(model: type[models.Model], pks: list[Any]) -> dict[Any, dict[str, Any]]:
    """The secret fields' values, kept in memory only, to tell whether they changed."""
    names = _secret_fields(model)
    if not names:
        return {}
    return {row.pop("pk"): row for row in model._base_manager.filter(pk__in=pks).values("pk", *names)}


class HistoryRecorder:
    """The objects one admin request writes, each with its state before; written out as one batch."""

    def __init__(self) -> None:
        self.action = "admin_change"
        self.description = ""
        self._before: dict[type[models.Model], dict[Any, Snapshot | None]] = {}
        self._secrets: dict[type[models.Model], dict[Any, dict[str, Any]]] = {}
        self._labels: dict[type[models.Model], dict[Any, str]] = {}

    def note(self, action: str, description: str) -> None:
        """Name the batch after the request's main write (the last one noted)."""
        self.action, self.description = action, description

    def watch(self, instances: Iterable[models.Model]) -> None:
        """Read the stored state of objects about to be written; an object's first state is kept."""
        pending: dict[type[models.Model], list[Any]] = {}
        for instance in instances:
            model = instance._meta.concrete_model
            if (
                is_audited(model)
                and instance.pk is not None
                and instance.pk not in self._before.get(model, {})
            ):
                pending.setdefault(model, []).append(instance.pk)
        for model, pks in pending.items():
            states = _states(model, pks)
            before = self._before.setdefault(model, {})
            for pk in pks:
                before[pk] = states.get(pk)
            self._secrets.setdefault(model, {}).update(_secrets(model, pks))

    def created(self, instances: Iterable[models.Model]) -> None:
        """Objects the request has just created: they had no state before."""
        for instance in instances:
            model = instance._meta.concrete_model
            if is_audited(model):
                self._before.setdefault(model, {}).setdefault(instance.pk, None)

    def watch_deletion(self, instances: Iterable[models.Model]) -> None:
        """Objects about to be deleted, with the objects their deletion deletes or changes."""
        instances = list(instances)
        if not instances:
            return
        collector = NestedObjects(using=router.db_for_write(type(instances[0])))
        collector.collect(instances)
        for model, objects in collector.model_objs.items():
            if is_audited(model):
                self._labels.setdefault(model, {}).update((obj.pk, str(obj)) for obj in objects)
                self.watch(objects)
            for relation in model._meta.related_objects:
                holder = relation.related_model
                if relation.many_to_many and is_audited(holder):
                    self.watch(holder._base_manager.filter(**{f"{relation.field.name}__in": list(objects)}))
        self.watch(obj for batches in collector.field_updates.values() for objs in batches for obj in objs)

    def write(self, *, user: Any) -> AuditBatch | None:
        """One batch with an entry per watched object whose state is not what it was before."""
        changes: list[Change] = []
        for model, states in self._before.items():
            pks = list(states)
            after = _states(model, pks)
            secrets = _secrets(model, pks)
            current = model._base_manager.select_related().in_bulk(list(after))
            for pk, before in states.items():
                now = after.get(pk)
                if now is None:
                    if before is not None:
                        label = self._labels.get(model, {}).get(pk, f"#{pk}")
                        changes.append(Change(model(pk=pk), Operation.DELETE, before, None, label))
                    continue
                old = self._secrets.get(model, {}).get(pk, {})
                now |= {f"{name}_changed": True for name, value in old.items() if secrets[pk][name] != value}
                operation = Operation.CREATE if before is None else Operation.UPDATE
                changes.append(Change(current[pk], operation, before, now))
        return audit_record(user=user, action=self.action, changes=changes, description=self.description)


_recording: ContextVar[HistoryRecorder | None] = ContextVar("admin_history", default=None)


def _recorder() -> HistoryRecorder:
    recorder = _recording.get()
    if recorder is None:
        raise RuntimeError("An admin write ran outside a recorded admin view (AdminHistoryMixin.recording).")
    return recorder


class AdminHistoryMixin(admin.ModelAdmin):
    """Put first in a ModelAdmin's bases: every write its views make is recorded in the audit trail."""

    @contextmanager
    def recording(self, request: HttpRequest) -> Iterator[None]:
        """Record the writes of one request as one batch, in the same transaction as the writes."""
        if request.method != "POST":
            yield
            return
        recorder = HistoryRecorder()
        token = _recording.set(recorder)
        try:
            with transaction.atomic(using=router.db_for_write(self.model)):
                yield
                recorder.write(user=request.user)
        finally:
            _recording.reset(token)

    def changeform_view(
        self,
        request: HttpRequest,
        object_id: str | None = None,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        with self.recording(request):
            return super().changeform_view(request, object_id, form_url, extra_context)

    def delete_view(
        self, request: HttpRequest, object_id: str, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        with self.recording(request):
            return super().delete_view(request, object_id, extra_context)

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        """Actions (such as "delete selected") and list-editable rows write from the list."""
        with self.recording(request):
            return super().changelist_view(request, extra_context)

    def get_object(self, request: HttpRequest, object_id: str, from_field: str | None = None) -> Any:
        """The object a view works on; while a request records, its state before is read here."""
        obj = super().get_object(request, object_id, from_field)
        recorder = _recording.get()
        if recorder is not None and obj is not None:
            recorder.watch([obj])
            recorder.note("admin_change", _("Changed in the Django admin: %(object)s") % {"object": obj})
        return obj

    def save_model(self, request: HttpRequest, obj: Any, form: ModelForm, change: bool) -> None:
        recorder = _recorder()
        if change:
            recorder.watch([obj])
            recorder.note("admin_change", _("Changed in the Django admin: %(object)s") % {"object": obj})
        super().save_model(request, obj, form, change)
        if not change:
            recorder.created([obj])
            recorder.note("admin_create", _("Added in the Django admin: %(object)s") % {"object": obj})

    def save_formset(self, request: HttpRequest, form: ModelForm, formset: BaseFormSet, change: bool) -> None:
        """Inline objects: changed, added and deleted ones are recorded with the main object."""
        recorder = _recorder()
        recorder.watch(inline.instance for inline in formset.initial_forms)
        recorder.watch_deletion(inline.instance for inline in formset.deleted_forms)
        super().save_formset(request, form, formset, change)
        recorder.created(formset.new_objects)

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        recorder = _recorder()
        recorder.watch_deletion([obj])
        recorder.note("admin_delete", _("Deleted in the Django admin: %(object)s") % {"object": obj})
        super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: models.QuerySet) -> None:
        """The "delete selected" action."""
        recorder = _recorder()
        doomed = list(queryset)
        recorder.watch_deletion(doomed)
        names = "; ".join(str(obj) for obj in doomed)
        recorder.note("admin_delete", _("Deleted in the Django admin: %(object)s") % {"object": names})
        super().delete_queryset(request, queryset)


def _import_recorder(kwargs: dict[str, Any]) -> HistoryRecorder | None:
    """The recording an import row writes into; none for the preview's dry run, which is rolled back."""
    return None if kwargs.get("dry_run") else _recording.get()


class HistoryResourceMixin:
    """django-import-export resource hooks that feed the recording of the admin's import request."""

    def before_import(self, dataset: Any, **kwargs: Any) -> None:
        super().before_import(dataset, **kwargs)
        recorder = _recording.get()
        if recorder is not None:
            name = kwargs.get("file_name") or ""
            recorder.note("admin_import", _("Imported in the Django admin from %(file)s") % {"file": name})

    def before_save_instance(self, instance: models.Model, row: Any, **kwargs: Any) -> None:
        super().before_save_instance(instance, row, **kwargs)
        if (recorder := _import_recorder(kwargs)) is not None:
            recorder.watch([instance])

    def after_save_instance(self, instance: models.Model, row: Any, **kwargs: Any) -> None:
        super().after_save_instance(instance, row, **kwargs)
        if (recorder := _import_recorder(kwargs)) is not None:
            recorder.created([instance])

    def before_delete_instance(self, instance: models.Model, row: Any, **kwargs: Any) -> None:
        super().before_delete_instance(instance, row, **kwargs)
        if (recorder := _import_recorder(kwargs)) is not None:
            recorder.watch_deletion([instance])


def recorded_resource(resource_class: type) -> type:
    """`resource_class` with the hooks of `HistoryResourceMixin`.

    Made per request, as django-import-export makes its default resource classes.
    """
    if issubclass(resource_class, HistoryResourceMixin):
        return resource_class
    return type(resource_class)(
        resource_class.__name__,
        (HistoryResourceMixin, resource_class),
        {"__module__": resource_class.__module__},
    )


class ImportHistoryMixin(AdminHistoryMixin):
    """For admins with django-import-export's import: one import is one batch, one entry per object."""

    def import_action(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        """The upload: a preview, or the import itself when the confirmation step is turned off."""
        with self.recording(request):
            return super().import_action(request, **kwargs)

    def process_import(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        with self.recording(request):
            return super().process_import(request, **kwargs)

    def get_import_resource_classes(self, request: HttpRequest) -> list[type]:
        classes = super().get_import_resource_classes(request)
        return [recorded_resource(resource_class) for resource_class in classes]
