"""axe-core on the reports pages and the dashboards, in English and in Arabic, with Chromium."""

import pytest

from reporting import services
from tests.browser.test_accessibility import assert_accessible
from tests.reporting.conftest import data  # noqa: F401 - the reports data set

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.mark.parametrize("language", ["en", "ar"])
def test_reports_pages_have_no_serious_violations(page, log_in, secretariat, admin_user, data, language):  # noqa: F811 - the imported fixture
    report = services.report_create(user=secretariat, values={"kind": "mechanism", "language": language})
    services.report_share(user=secretariat, report=report, shared=True)
    services.report_comment(user=secretariat, report=report, text="Please add the figures of 2025.")
    services.report_approve(user=admin_user, report=report, version=report.versions.get())
    services.report_publish(user=secretariat, report=report)
    log_in("secretariat", language=language)
    workspace = f"/{language}/workspace"
    paths = [
        f"{workspace}/reports/",
        f"{workspace}/reports/new/",
        f"{workspace}/reports/{report.pk}/",
        f"{workspace}/reports/schedules/new/",
        f"{workspace}/dashboards/",
        f"/{language}/reports/",
    ]
    assert_accessible(page, paths, language)
