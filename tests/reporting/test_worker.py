"""A real Celery worker against Redis renders a version routed like the "reports" queue."""

from contextlib import contextmanager

import pytest

from nmirf.celery import app
from reporting import services
from reporting.models import ReportVersion
from tests.reporting.conftest import pdf_pages, read

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_the_reports_queue_is_routed():
    route = app.amqp.router.route({}, "reporting.tasks.render_version")
    assert route["queue"].name == "reports"


@contextmanager
def routed_to(queue: str):
    """Route the rendering task to `queue` (the test worker's own) instead of "reports", for a while."""

    def reroute(routes) -> None:
        app.conf.task_routes = routes
        app.amqp.flush_routes()
        app.amqp.__dict__.pop("router", None)

    saved = app.conf.task_routes
    reroute({"reporting.tasks.render_version": {"queue": queue}})
    try:
        yield
    finally:
        reroute(saved)


def test_a_real_worker_renders_a_version(celery_worker, data, secretariat):
    with routed_to(celery_worker.queue):
        report = services.report_create(user=secretariat, values={"kind": "parliament"})
        version = report.versions.get()

        celery_worker.wait_for(
            lambda: ReportVersion.objects.get(pk=version.pk).status in ("done", "failed"), timeout=120
        )

    version.refresh_from_db()
    assert version.status == "done", version.error
    assert version.pages and version.pages >= 4
    text = " ".join(pdf_pages(read(version.pdf))).replace("\n", " ")
    assert "Adopt a law protecting human rights defenders" in text
