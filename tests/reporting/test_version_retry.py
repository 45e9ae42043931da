"""A version whose worker was lost shows as failed, with no file left behind, and can be rendered again
under the same number. (tests/reporting/test_worker_killed.py kills a real worker; these run eagerly.)"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from reporting import services
from reporting.models import ReportVersion

pytestmark = pytest.mark.django_db


@pytest.fixture
def queued(data, secretariat, settings, tmp_path) -> ReportVersion:
    """A report whose first version waits for a worker (its task is not run)."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    settings.WORKER_LOST_AFTER_MINUTES = 75
    return services.report_create(user=secretariat, values={"kind": "parliament"}).versions.get()


def lose_the_worker(version: ReportVersion, minutes: int = 80) -> None:
    ReportVersion.objects.filter(pk=version.pk).update(
        status="running", attempts=1, heartbeat_at=timezone.now() - datetime.timedelta(minutes=minutes)
    )


def test_a_recent_version_is_left_running_and_a_lost_one_is_failed(queued, personas, tmp_path):
    lose_the_worker(queued, minutes=10)
    assert services.versions_fail_stale() == 0
    lose_the_worker(queued)
    leftover = tmp_path / "reports" / str(queued.report_id) / f"{queued.number}-dead-worker.pdf"
    leftover.parent.mkdir(parents=True)
    leftover.write_bytes(b"%PDF-1.7 half")

    page = personas["secretariat"].get(reverse("workspace:report_detail", args=[queued.report_id])).text

    queued.refresh_from_db()
    assert (queued.status, queued.pdf.name) == ("failed", "") and not leftover.exists()
    assert "No worker has worked on this version for 75 minutes" in queued.error
    assert queued.error in page and "Try again" in page


def test_the_polling_address_finds_a_lost_version_too(queued, personas):
    lose_the_worker(queued)

    data = personas["secretariat"].get(reverse("workspace:report_progress", args=[queued.report_id])).json()

    assert data["running"] is False and data["versions"][0]["status"] == "failed"


def test_try_again_renders_the_version_under_its_number(queued, personas, django_capture_on_commit_callbacks):
    lose_the_worker(queued)
    services.versions_fail_stale()
    address = reverse("workspace:report_version_retry", args=[queued.report_id, queued.number])

    with django_capture_on_commit_callbacks(execute=True):
        response = personas["secretariat"].post(address)

    assert response.status_code == 302
    queued.refresh_from_db()
    assert (queued.status, queued.number, queued.error, queued.attempts) == ("done", 1, "", 1)
    assert queued.report.versions.count() == 1
    assert "Try again" not in personas["secretariat"].get(response["Location"]).text


def test_only_a_failed_version_is_tried_again(queued, personas):
    address = reverse("workspace:report_version_retry", args=[queued.report_id, queued.number])

    page = personas["secretariat"].post(address, follow=True).text

    assert "Only a failed version can be tried again." in page
    assert ReportVersion.objects.get(pk=queued.pk).status == "queued"


@pytest.mark.parametrize("role", ["focal", "consultative", "no_role"])
def test_only_the_secretariat_tries_again(queued, personas, role):
    lose_the_worker(queued)
    services.versions_fail_stale()
    address = reverse("workspace:report_version_retry", args=[queued.report_id, queued.number])

    assert personas[role].post(address).status_code == 404
    assert personas["public"].post(address).status_code == 302
    assert personas["secretariat"].get(address).status_code == 405
    assert ReportVersion.objects.get(pk=queued.pk).status == "failed"


def test_the_page_says_when_a_version_was_started_again(queued, personas):
    lose_the_worker(queued, minutes=1)
    ReportVersion.objects.filter(pk=queued.pk).update(attempts=2)

    page = personas["secretariat"].get(reverse("workspace:report_detail", args=[queued.report_id])).text

    assert "Rendering" in page and "Started again (attempt 2)." in page
