"""A real Celery worker SIGKILLed in the middle of an import's commit leaves nothing half-written.

The worker pauses once, after writing every recommendation and audit row of the import but before its
transaction commits (`nmirf.pause`, the point "import-commit"), and the test kills its whole process
group there. PostgreSQL rolls the open transaction back; then either the task is delivered again to a
new worker and the import completes, or (its task lost) the import's page shows it failed and "Try
again" runs it.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError, connection, transaction
from django.urls import reverse

from nmirf.models import AuditBatch
from recommendations.importing import service
from recommendations.models import ImportBatch, Recommendation
from tests.conftest import client_for, wait_until
from tests.imports.files import UHRI_HEADERS, uhri_row, write_xlsx

pytestmark = [
    pytest.mark.worker,
    # serialized_rollback keeps the countries and mechanisms that the migrations seeded
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def worker_env(tmp_path) -> dict[str, str]:
    return {"NMIRF_PAUSE_AT": "import-commit", "NMIRF_PAUSE_FILE": str(tmp_path / "paused")}


def last_id(table: str) -> int:
    """The last id the table's sequence gave out: sequences are not rolled back, rows are."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_sequence_last_value(pg_get_serial_sequence(%s, 'id'))", [table])
        return cursor.fetchone()[0] or 0


def unlocked(batch: ImportBatch) -> bool:
    """No transaction holds the batch's row: the killed worker's transaction is gone."""
    try:
        with transaction.atomic():
            ImportBatch.objects.select_for_update(nowait=True).get(pk=batch.pk)
    except OperationalError:
        return False
    return True


def kill_mid_commit(celery_worker, admin_user, tmp_path) -> ImportBatch:
    """Check a file of five recommendations here, commit it in the worker, and kill the worker just
    before its transaction commits; return the batch."""
    path = write_xlsx(tmp_path / "uhri.xlsx", UHRI_HEADERS, [uhri_row(n) for n in range(1, 6)])
    batch = service.import_upload(
        user=admin_user,
        upload=SimpleUploadedFile(path.name, path.read_bytes()),
        state_scope="FRA",
        enqueue=False,
    )
    batch = service.import_preview(batch_id=batch.pk)
    assert batch.status == ImportBatch.Status.PREVIEWED and batch.counts["new"] == 5, batch.error
    recommendations, entries = last_id("recommendations_recommendation"), last_id("nmirf_auditentry")
    service.import_confirm(batch=batch)
    celery_worker.wait_for((tmp_path / "paused").exists, timeout=60)
    # The rows and their audit entries are written, not committed.
    assert last_id("recommendations_recommendation") == recommendations + 5
    assert last_id("nmirf_auditentry") >= entries + 5
    celery_worker.kill()
    wait_until(lambda: unlocked(batch))
    assert not Recommendation.objects.exists()
    assert not AuditBatch.objects.filter(action="import").exists()
    batch.refresh_from_db()
    assert (batch.status, batch.attempts) == (ImportBatch.Status.IMPORTING, 1)
    return batch


def test_a_killed_commit_is_delivered_again_to_a_new_worker(celery_worker, admin_user, tmp_path):
    batch = kill_mid_commit(celery_worker, admin_user, tmp_path)

    # A visibility timeout of 0: the new worker takes back at once the message the dead one held.
    celery_worker.start(CELERY_VISIBILITY_TIMEOUT="0")
    celery_worker.wait_for(
        lambda: ImportBatch.objects.get(pk=batch.pk).status != ImportBatch.Status.IMPORTING, timeout=60
    )
    batch.refresh_from_db()
    assert (batch.status, batch.attempts) == (ImportBatch.Status.IMPORTED, 2), batch.error
    assert Recommendation.objects.filter(state__code="FRA").count() == 5
    audit = AuditBatch.objects.get(action="import")
    assert batch.audit_batch == audit and audit.entries.count() >= 5


def test_a_lost_commit_shows_failed_and_try_again_runs_it(celery_worker, admin_user, tmp_path, settings):
    settings.WORKER_LOST_AFTER_MINUTES = 0
    client = client_for(admin_user)
    batch = kill_mid_commit(celery_worker, admin_user, tmp_path)
    page = reverse("workspace:import_detail", args=[batch.pk])

    text = client.get(page).content.decode()
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.FAILED and batch.retry_step == ImportBatch.Step.COMMIT
    assert "No worker has worked on this file for 0 minutes" in text and "Try again" in text

    celery_worker.start()
    response = client.post(reverse("workspace:import_retry", args=[batch.pk]))
    assert response.status_code == 302
    celery_worker.wait_for(
        lambda: ImportBatch.objects.get(pk=batch.pk).status != ImportBatch.Status.IMPORTING, timeout=60
    )
    batch.refresh_from_db()
    assert (batch.status, batch.error, batch.retry_step) == (ImportBatch.Status.IMPORTED, "", "")
    assert Recommendation.objects.filter(state__code="FRA").count() == 5
    assert "Try again" not in client.get(page).content.decode()


def test_a_live_commit_is_not_taken_for_a_lost_one(celery_worker, admin_user, tmp_path, settings):
    """While the worker holds the batch's row, even a zero-minute limit leaves it running."""
    settings.WORKER_LOST_AFTER_MINUTES = 0
    path = write_xlsx(tmp_path / "uhri.xlsx", UHRI_HEADERS, [uhri_row(1)])
    batch = service.import_upload(
        user=admin_user, upload=SimpleUploadedFile(path.name, path.read_bytes()), enqueue=False
    )
    service.import_preview(batch_id=batch.pk)
    service.import_confirm(batch=ImportBatch.objects.get(pk=batch.pk))
    celery_worker.wait_for((tmp_path / "paused").exists, timeout=60)

    assert service.import_fail_stale() == 0
    assert ImportBatch.objects.get(pk=batch.pk).status == ImportBatch.Status.IMPORTING
    celery_worker.kill()
