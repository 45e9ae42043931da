"""A real Celery worker SIGKILLed while it stores a rendered report leaves nothing half-written.

The worker pauses once, after writing the version's PDF but before the transaction that marks it done
commits (`nmirf.pause`, the point "report-store"), and the test kills its whole process group there.
The version is not done and no file is published; then either the task is delivered again to a new
worker, which removes the dead worker's file and finishes the version, or (its task lost) the report's
page shows the version failed and "Try again" renders it.
"""

from pathlib import Path

import pytest
from django.db import transaction
from django.urls import reverse

from reporting import services
from reporting.models import ReportVersion
from tests.conftest import client_for, wait_until
from tests.reporting.test_worker import routed_to

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def worker_env(tmp_path) -> dict[str, str]:
    return {"NMIRF_PAUSE_AT": "report-store", "NMIRF_PAUSE_FILE": str(tmp_path / "paused")}


def files_of(version: ReportVersion) -> list[str]:
    folder = Path(version.pdf.storage.path(f"reports/{version.report_id}"))
    return sorted(path.name for path in folder.iterdir()) if folder.exists() else []


def unlocked(version: ReportVersion) -> bool:
    """No transaction holds the version's row: the killed worker's transaction is gone."""
    with transaction.atomic():
        return ReportVersion.objects.select_for_update(skip_locked=True).filter(pk=version.pk).exists()


def kill_while_storing(celery_worker, secretariat, tmp_path) -> ReportVersion:
    """Request a report whose worker is killed after writing the PDF, before the version is done."""
    report = services.report_create(user=secretariat, values={"kind": "parliament"})
    version = report.versions.get()
    celery_worker.wait_for((tmp_path / "paused").exists, timeout=120)
    assert len(files_of(version)) == 1  # the PDF is written, the version not yet done
    celery_worker.kill()
    wait_until(lambda: unlocked(version))
    version.refresh_from_db()
    assert (version.status, version.pdf.name, version.attempts) == ("running", "", 1)
    return version


def test_a_killed_render_is_delivered_again_to_a_new_worker(celery_worker, data, secretariat, tmp_path):
    with routed_to(celery_worker.queue):
        version = kill_while_storing(celery_worker, secretariat, tmp_path)
        # A visibility timeout of 0: the new worker takes back at once the message the dead one held.
        celery_worker.start(CELERY_VISIBILITY_TIMEOUT="0")
        celery_worker.wait_for(
            lambda: ReportVersion.objects.get(pk=version.pk).status in ("done", "failed"), timeout=120
        )

    version.refresh_from_db()
    assert (version.status, version.attempts) == ("done", 2), version.error
    assert files_of(version) == [Path(version.pdf.name).name]  # the dead worker's file is gone


def test_a_lost_render_shows_failed_and_try_again_renders_it(
    celery_worker, data, secretariat, tmp_path, settings
):
    settings.WORKER_LOST_AFTER_MINUTES = 0
    client = client_for(secretariat)
    with routed_to(celery_worker.queue):
        version = kill_while_storing(celery_worker, secretariat, tmp_path)
        page = reverse("workspace:report_detail", args=[version.report_id])

        text = client.get(page).content.decode()
        version.refresh_from_db()
        assert version.status == "failed" and not files_of(version)
        assert "No worker has worked on this version for 0 minutes" in text and "Try again" in text

        celery_worker.start()
        retry = reverse("workspace:report_version_retry", args=[version.report_id, version.number])
        assert client.post(retry).status_code == 302
        celery_worker.wait_for(
            lambda: ReportVersion.objects.get(pk=version.pk).status in ("done", "failed"), timeout=120
        )

    version.refresh_from_db()
    assert (version.status, version.number, version.error) == ("done", 1, "")
    assert files_of(version) == [Path(version.pdf.name).name]
    assert "Try again" not in client.get(page).content.decode()
