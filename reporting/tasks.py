"""Celery tasks of reports: thin, by id. Rendering runs on its own queue, "reports" (CELERY_TASK_ROUTES).

A worker killed mid-report never acknowledged the message (acks_late, reject_on_worker_lost), so
another worker renders the version again; transient errors are retried; when the last try fails, the
version is marked failed with the reason (`on_failure`).
"""

from __future__ import annotations

from celery import Task, shared_task
from django.db import DatabaseError

from reporting import services


class RenderTask(Task):
    def on_failure(self, exc, task_id, args, kwargs, einfo) -> None:
        version_id = args[0] if args else kwargs.get("version_id")
        services.version_fail(version_id=version_id, reason=f"{type(exc).__name__}: {exc}")


@shared_task(
    base=RenderTask,
    autoretry_for=(OSError, DatabaseError),
    retry_backoff=True,
    retry_backoff_max=300,
    max_retries=3,
)
def render_version(version_id: int) -> str | None:
    version = services.version_render(version_id=version_id)
    return version.status if version is not None else None


@shared_task(autoretry_for=(OSError,), retry_backoff=True, retry_backoff_max=600, max_retries=5)
def notify_recipients(version_id: int) -> int:
    return services.version_notify(version_id=version_id)


@shared_task
def run_report_schedules() -> list[int]:
    return [report.pk for report in services.schedules_run()]
