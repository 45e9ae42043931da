"""One number that changes whenever recorded data changes, so that cached public pages never outlive it.

Every write of the services goes through the audit trail (`nmirf.audit.audit_open`), which calls
`data_changed` once the transaction commits; so does any save or deletion of a model the public pages
show, however it is made (the Django admin, a shell), through `watch` (portal.apps). Cache keys of public
pages include `data_generation()`: a publication, a withdrawal or any other change is visible at the
next request. Writes without Django's signals (bulk updates, SQL) must call `data_changed` themselves.
"""

import secrets
import time
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Model
from django.db.models.signals import m2m_changed, post_delete, post_save

T = TypeVar("T")

KEY = "nmirf:data-generation"


def data_generation() -> int:
    # A random first value: after the cache is emptied, no copy made before can match the number.
    return cache.get_or_set(KEY, lambda: secrets.randbits(48), timeout=None)


def _bump() -> None:
    try:
        cache.incr(KEY)
    except ValueError:  # not in the cache (evicted or never read): any new value will do
        cache.set(KEY, secrets.randbits(48), timeout=None)


def data_changed() -> None:
    """Call inside or outside a transaction: the number changes once the data is committed."""
    transaction.on_commit(_bump)


def _saved_or_deleted(**_kwargs: Any) -> None:
    data_changed()


def watch(models: Iterable[type[Model]]) -> None:
    """Move the data generation whenever a row of `models` (or of one of their many-to-many tables) is
    saved or deleted through the ORM."""
    for model in models:
        post_save.connect(
            _saved_or_deleted, sender=model, dispatch_uid=f"data-changed-save-{model._meta.label}"
        )
        post_delete.connect(
            _saved_or_deleted, sender=model, dispatch_uid=f"data-changed-delete-{model._meta.label}"
        )
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            m2m_changed.connect(
                _saved_or_deleted, sender=through, dispatch_uid=f"data-changed-m2m-{through._meta.label}"
            )


_kept: dict[str, tuple[int, float, Any]] = {}


def kept_in_process(name: str, build: Callable[[], T]) -> T:
    """`build()`'s result, kept in this process until the data changes and PORTAL_CACHE_SECONDS at most.

    For small tables read on every public page (themes, countries, SDG targets…): a worker reads
    them once instead of once per request. PORTAL_CACHE_SECONDS = 0 turns the copies off.
    """
    seconds = settings.PORTAL_CACHE_SECONDS
    if seconds <= 0:
        return build()
    generation, now = data_generation(), time.monotonic()
    kept = _kept.get(name)
    if kept is not None and kept[0] == generation and now - kept[1] < seconds:
        return kept[2]
    value = build()
    _kept[name] = (generation, now, value)
    return value
