"""Celery tasks of the recommendations app: thin, take ids, call the import service.

Acknowledged late: a worker killed in the middle leaves the transaction uncommitted (the database as
it was) and the task is delivered again; after the last retry the import is marked failed with the reason.
The service counts the deliveries and marks failed a step whose workers died too often, or whose task
was lost (import_fail_stale); the import's page then offers to try it again.
"""

from collections.abc import Callable

from celery import Task, shared_task
from django.db import DatabaseError

from recommendations import repeats
from recommendations.importing import service

RETRIES = 3


def _run(task: Task, work: Callable[..., object], batch_id: int) -> None:
    try:
        work(batch_id=batch_id)
    except DatabaseError as error:
        if task.request.retries < RETRIES:
            raise task.retry(exc=error, countdown=2**task.request.retries) from error
        service.import_fail(batch_id=batch_id, reason=f"{type(error).__name__}: {error}")
        raise
    except Exception as error:
        service.import_fail(batch_id=batch_id, reason=f"{type(error).__name__}: {error}")
        raise


@shared_task(bind=True, acks_late=True, max_retries=RETRIES)
def import_preview_task(self: Task, batch_id: int) -> None:
    _run(self, service.import_preview, batch_id)


@shared_task(bind=True, acks_late=True, max_retries=RETRIES)
def import_commit_task(self: Task, batch_id: int) -> None:
    _run(self, service.import_commit, batch_id)


@shared_task(autoretry_for=(DatabaseError,), retry_backoff=True, max_retries=RETRIES)
def repeats_find_task(batch_id: int) -> int:
    """Find repeats again for the States whose recommendations an import brought or changed."""
    return repeats.repeats_find(state_ids=repeats.import_state_ids(batch_id=batch_id))
