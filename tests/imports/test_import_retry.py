"""An import whose worker was lost shows as failed and can be tried again; one whose file is at fault
cannot. (tests/imports/test_worker_killed.py kills a real worker; these run the tasks eagerly.)"""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from recommendations.importing import service
from recommendations.models import ImportBatch, Recommendation
from tests.imports.files import UHRI_HEADERS, uhri_row, write_xlsx

pytestmark = pytest.mark.django_db
Status = ImportBatch.Status


@pytest.fixture
def checked(admin_user, tmp_path) -> ImportBatch:
    """A file of two recommendations, checked and waiting for confirmation."""
    path = write_xlsx(tmp_path / "uhri.xlsx", UHRI_HEADERS, [uhri_row(1), uhri_row(2)])
    batch = service.import_upload(
        user=admin_user,
        upload=SimpleUploadedFile(path.name, path.read_bytes()),
        state_scope="FRA",
        enqueue=False,
    )
    return service.import_preview(batch_id=batch.pk)


def lose_the_worker(batch: ImportBatch, minutes: int = 80) -> None:
    """The commit was queued, and no worker has touched it for `minutes`."""
    service.import_confirm(batch=batch, enqueue=False)
    ImportBatch.objects.filter(pk=batch.pk).update(
        heartbeat_at=timezone.now() - datetime.timedelta(minutes=minutes)
    )


def test_a_recent_step_is_left_running_and_a_lost_one_is_failed(checked, personas, settings):
    settings.WORKER_LOST_AFTER_MINUTES = 75
    lose_the_worker(checked, minutes=10)
    assert service.import_fail_stale() == 0
    ImportBatch.objects.filter(pk=checked.pk).update(
        heartbeat_at=timezone.now() - datetime.timedelta(minutes=80)
    )

    page = personas["admin"].get(checked.get_absolute_url()).content.decode()

    checked.refresh_from_db()
    assert (checked.status, checked.retry_step) == (Status.FAILED, ImportBatch.Step.COMMIT)
    assert "No worker has worked on this file for 75 minutes" in checked.error
    assert checked.error in page and "Try again" in page and "Nothing was changed in the database" in page


def test_try_again_runs_the_commit(checked, personas, django_capture_on_commit_callbacks):
    lose_the_worker(checked)
    personas["admin"].get(reverse("workspace:import_list"))  # the list finds it lost too

    with django_capture_on_commit_callbacks(execute=True):
        response = personas["admin"].post(reverse("workspace:import_retry", args=[checked.pk]))

    assert response.status_code == 302
    checked.refresh_from_db()
    assert (checked.status, checked.error, checked.retry_step) == (Status.IMPORTED, "", "")
    assert Recommendation.objects.filter(state__code="FRA").count() == 2


def test_a_worker_killed_too_often_fails_the_step_which_can_be_tried_again(
    checked, django_capture_on_commit_callbacks
):
    service.import_confirm(batch=checked, enqueue=False)
    ImportBatch.objects.filter(pk=checked.pk).update(attempts=service.MAX_ATTEMPTS)

    service.import_commit(batch_id=checked.pk)

    checked.refresh_from_db()
    assert (checked.status, checked.retry_step) == (Status.FAILED, ImportBatch.Step.COMMIT)
    assert f"stopped {service.MAX_ATTEMPTS} times" in checked.error
    assert not Recommendation.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        service.import_retry(batch=checked)
    checked.refresh_from_db()
    assert (checked.status, checked.attempts) == (Status.IMPORTED, 1)


def test_a_lost_preview_is_checked_again(admin_user, tmp_path, django_capture_on_commit_callbacks):
    path = write_xlsx(tmp_path / "uhri.xlsx", UHRI_HEADERS, [uhri_row(1)])
    batch = service.import_upload(
        user=admin_user, upload=SimpleUploadedFile(path.name, path.read_bytes()), enqueue=False
    )
    service.import_fail(batch_id=batch.pk, reason="WorkerLostError: the worker exited prematurely")
    batch.refresh_from_db()
    assert (batch.status, batch.retry_step) == (Status.FAILED, ImportBatch.Step.PREVIEW)

    with django_capture_on_commit_callbacks(execute=True):
        service.import_retry(batch=batch)

    batch.refresh_from_db()
    assert (batch.status, batch.counts["new"]) == (Status.PREVIEWED, 1)


def test_a_file_at_fault_is_not_tried_again(
    admin_user, personas, tmp_path, django_capture_on_commit_callbacks
):
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"not a spreadsheet")
    with django_capture_on_commit_callbacks(execute=True):
        batch = service.import_upload(
            user=admin_user, upload=SimpleUploadedFile(path.name, path.read_bytes())
        )
    batch.refresh_from_db()
    assert (batch.status, batch.retry_step) == (Status.FAILED, "")
    assert "Try again" not in personas["admin"].get(batch.get_absolute_url()).content.decode()

    response = personas["admin"].post(reverse("workspace:import_retry", args=[batch.pk]), follow=True)

    assert "Only an import that failed for a reason other than its file" in response.content.decode()
    assert ImportBatch.objects.get(pk=batch.pk).status == Status.FAILED


def test_a_duplicate_delivery_does_nothing_once_the_step_is_done(checked):
    service.import_confirm(batch=checked, enqueue=False)
    done = service.import_commit(batch_id=checked.pk)

    again = service.import_commit(batch_id=checked.pk)

    assert (again.status, again.attempts) == (Status.IMPORTED, done.attempts)
    assert service.import_preview(batch_id=checked.pk).status == Status.IMPORTED
    assert Recommendation.objects.count() == 2


@pytest.mark.parametrize("role", ["secretariat", "focal", "consultative", "no_role"])
def test_only_administrators_try_again(checked, personas, role):
    lose_the_worker(checked)
    service.import_fail_stale()
    address = reverse("workspace:import_retry", args=[checked.pk])

    assert personas[role].post(address).status_code == 404
    assert personas["admin"].get(address).status_code == 405
    assert personas["public"].post(address).status_code == 302
    assert ImportBatch.objects.get(pk=checked.pk).status == Status.FAILED


def test_the_page_says_when_a_step_was_started_again(checked, personas):
    lose_the_worker(checked, minutes=1)
    ImportBatch.objects.filter(pk=checked.pk).update(attempts=2)

    page = personas["admin"].get(checked.get_absolute_url()).content.decode()

    assert "Importing" in page and "Started again (attempt 2)." in page
