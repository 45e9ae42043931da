"""One number that changes whenever recorded data changes, so that cached public pages never outlive it.

Every write of the services goes through the audit trail (`nmirf.audit.audit_open`), which calls
`data_changed` once the transaction commits. Cache keys of public pages include `data_generation()`:
a publication, a withdrawal or any other change is visible at the next request.
"""

from django.core.cache import cache
from django.db import transaction

KEY = "nmirf:data-generation"


def data_generation() -> int:
    return cache.get_or_set(KEY, 1, timeout=None)


def _bump() -> None:
    try:
        cache.incr(KEY)
    except ValueError:  # not in the cache (evicted or never read): any new value will do
        cache.set(KEY, 2, timeout=None)


def data_changed() -> None:
    """Call inside or outside a transaction: the number changes once the data is committed."""
    transaction.on_commit(_bump)
