"""One number that changes whenever recorded data changes, so that cached public pages never outlive it.

Every write of the services goes through the audit trail (`nmirf.audit.audit_open`), which calls
`data_changed` once the transaction commits. Cache keys of public pages include `data_generation()`:
a publication, a withdrawal or any other change is visible at the next request.
"""

import secrets
import time
from collections.abc import Callable
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

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
