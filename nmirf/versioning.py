"""Edit-conflict protection: an edit form remembers the version of the object it was opened on.

The form carries, in a hidden field, the object's audit snapshot as it was when the form was drawn,
signed so that it cannot be forged (`version_token`). `save_if_current` compares it with the object
as it is now, with the object's row locked in the transaction that saves: when someone else changed
the object meanwhile, nothing is saved, the person's input stays in the form, and the other person's
changes are listed field by field (templates/fragment_conflict.html). The refused form carries the
current version, so saving it again after reading the changes keeps the person's input, while the
stale form sent again unchanged is refused again.

The token is signed, not encrypted: it holds the object's own values, which the person editing it
may read.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from django import forms
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from nmirf.audit import Snapshot, snapshot, tracked_fields

SALT = "nmirf.version"
FIELD = "version"
Result = TypeVar("Result")


def _object_key(instance: models.Model) -> str:
    return f"{instance._meta.label_lower}:{instance.pk}"


def version_token(instance: models.Model, state: Snapshot | None = None) -> str:
    """The signed version of `instance`, bound to it: its snapshot now, or `state` when given."""
    state = snapshot(instance) if state is None else state
    return signing.dumps({"object": _object_key(instance), "state": state}, compress=True, salt=SALT)


def version_read(instance: models.Model, token: str) -> Snapshot | None:
    """The state signed into `token` for `instance`; None when it is missing, forged or another object's."""
    try:
        payload = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    if not isinstance(payload, dict) or payload.get("object") != _object_key(instance):
        return None
    state = payload.get("state")
    return state if isinstance(state, dict) else None


def _plain(value: Any) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list):
        return "; ".join(str(item) for item in value)
    return str(value)


def readable_changes(
    model: type[models.Model], pairs: Sequence[tuple[Snapshot | None, Snapshot | None]]
) -> list[list[dict[str, str]]]:
    """For each (before, after) pair of snapshots of `model`, its fields that differ, readably.

    Each difference gives the field's `name` and verbose name (`field`) and both values, with related
    objects named (one query per related model for all the pairs) and choices shown by their label.
    """
    concrete, many = tracked_fields(model)
    fields = {field.attname: field for field in concrete} | {field.name: field for field in many}
    wanted: dict[type[models.Model], set[Any]] = {}
    differing = []
    for before, after in pairs:
        before, after = before or {}, after or {}
        keys = [
            key for key in fields if (key in before or key in after) and before.get(key) != after.get(key)
        ]
        for key in keys:
            if fields[key].is_relation:
                ids = wanted.setdefault(fields[key].related_model, set())
                for value in (before.get(key), after.get(key)):
                    ids.update(value if isinstance(value, list) else [] if value is None else [value])
        differing.append((before, after, keys))
    names = {
        related: {obj.pk: str(obj) for obj in related._base_manager.filter(pk__in=ids)}
        for related, ids in wanted.items()
    }

    def show(field: models.Field, value: Any) -> str:
        if value in (None, "", []):
            return _plain(value)
        if field.is_relation:
            values = value if isinstance(value, list) else [value]
            return "; ".join(names[field.related_model].get(item, f"#{item}") for item in values)
        if field.choices:
            return str(dict(field.flatchoices).get(value, value))
        return _plain(value)

    return [
        [
            {
                "name": fields[key].name,
                "field": str(fields[key].verbose_name),
                "before": show(fields[key], before.get(key)),
                "after": show(fields[key], after.get(key)),
            }
            for key in keys
        ]
        for before, after, keys in differing
    ]


@dataclass(frozen=True)
class Conflict:
    """Why a save was refused, and the other person's changes (empty when the version was unreadable)."""

    message: str
    changes: list[dict[str, str]]


class VersionedFormMixin:
    """An edit form that carries the version of its object in a hidden `version` field.

    The object is the model form's instance, or `versioned=` for a form that acts on an object without
    being its model form. Forms that create an object have no version. The version is never part of
    `cleaned_data`: it is checked (`check_version`), not saved.
    """

    conflict: Conflict | None = None

    def __init__(self, *args: Any, versioned: models.Model | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.versioned = versioned if versioned is not None else getattr(self, "instance", None)
        if self.versioned is not None and self.versioned.pk is not None:
            self.fields[FIELD] = forms.CharField(
                widget=forms.HiddenInput, required=False, initial=self.current_version
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        data.pop(FIELD, None)
        return data

    def version_state(self) -> Snapshot:
        """What the version covers: the object's snapshot; a form that edits more adds it here."""
        return snapshot(self.versioned)

    def current_version(self) -> str:
        return version_token(self.versioned, self.version_state())

    def check_version(self, *, lock: bool = False) -> bool:
        """Whether the object is as it was when the form was opened.

        When it is not, the form records the conflict, carries the current version from now on, and
        asks again for any file chosen (a browser does not send it twice). Call after `is_valid()`;
        with `lock`, inside a transaction, the object's row stays locked until it ends.
        """
        if FIELD not in self.fields:
            return True
        if lock:
            rows = type(self.versioned)._base_manager.select_for_update().filter(pk=self.versioned.pk)
            list(rows.values_list("pk"))
        key = self.add_prefix(FIELD)
        now = self.version_state()
        then = version_read(self.versioned, self.data.get(key) or "")
        if then == now:
            return True
        names = {"object": self.versioned._meta.verbose_name}
        if then is None:
            message = _(
                "This form does not carry a valid version of the %(object)s, so your changes are not "
                "saved. Save again to keep them, or reload the page to start from the %(object)s as it is now."
            )
            changes = []
        else:
            message = _(
                "Someone else changed this %(object)s since you opened it; your changes are not saved. "
                "Their changes are shown below; check them, then save again to keep yours."
            )
            changes = self._changes(then, now)
        self.conflict = Conflict(message % names, changes)
        self.data = self.data.copy()
        self.data[key] = version_token(self.versioned, now)
        for name, field in self.fields.items():
            if isinstance(field, forms.FileField) and self.files.get(self.add_prefix(name)):
                self.add_error(name, _("Choose the file again: a file is not kept when a save is refused."))
        return False

    def _changes(self, then: Snapshot, now: Snapshot) -> list[dict[str, str]]:
        """The differences, named as the form names them where its fields are the object's fields.

        A model form's fields are its object's; another form's fields may only share a name with them.
        Keys that are no field of the model come from `version_state`, for fields of the form itself.
        """
        model = type(self.versioned)
        concrete, many = tracked_fields(model)
        model_keys = {field.attname for field in concrete} | {field.name for field in many}
        model_names = {field.name for field in [*concrete, *many]}
        changes = readable_changes(model, [(then, now)])[0] + [
            {"name": key, "field": key, "before": _plain(then.get(key)), "after": _plain(now.get(key))}
            for key in sorted((then.keys() | now.keys()) - model_keys)
            if then.get(key) != now.get(key)
        ]
        own = getattr(self, "instance", None) is self.versioned
        for change in changes:
            field = self.fields.get(change["name"])
            named_by_form = field is not None and field.label and (own or change["name"] not in model_names)
            change["field"] = str(field.label) if named_by_form else capfirst(change["field"])
        return changes


def save_if_current(form: forms.BaseForm, save: Callable[[dict[str, Any]], Result]) -> Result | None:
    """Call `save` with the form's data, unless the form is not valid or its object changed since.

    The version check and `save` run in one transaction with the object's row locked, so that two
    people saving at once cannot both pass it. A validation error from `save` goes onto the form.
    Returns what `save` returned, or None when nothing was saved.
    """
    if not form.is_bound:
        return None
    valid = form.is_valid()
    try:
        with transaction.atomic():
            if isinstance(form, VersionedFormMixin) and not form.check_version(lock=True):
                return None
            return save(form.cleaned_data) if valid else None
    except ValidationError as error:
        form.add_error(None, error)
        return None
