"""Lifecycle, roles, schedules, failures and dashboards of reports."""

import datetime

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reporting import services
from reporting.models import Report, ReportSchedule, ReportVersion
from reporting.tasks import run_report_schedules
from tests.reporting.conftest import pdf_pages, read

pytestmark = pytest.mark.django_db
LOGIN = "/en/accounts/login/"


def code(response) -> int:
    """The status code, a download read to the end (which closes its file)."""
    if response.streaming:
        b"".join(response.streaming_content)
    return response.status_code


@pytest.fixture
def report(data, secretariat, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return services.report_create(user=secretariat, values={"kind": "parliament"})


@pytest.fixture
def justice_report(data, justice, secretariat, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return services.report_create(
            user=secretariat, values={"kind": "institution", "institution": justice}
        )


def test_lifecycle_draft_approved_published(report, personas, admin_user, django_capture_on_commit_callbacks):
    version = report.versions.get()
    detail = reverse("workspace:report_detail", args=[report.pk])
    assert (
        personas["secretariat"]
        .post(reverse("workspace:report_approve", args=[report.pk]), {"version": version.pk})
        .status_code
        == 403
    )
    assert (
        personas["secretariat"].post(reverse("workspace:report_publish", args=[report.pk])).status_code == 403
    )
    assert (
        personas["admin"]
        .post(reverse("workspace:report_approve", args=[report.pk]), {"version": version.pk})
        .status_code
        == 302
    )
    report.refresh_from_db()
    assert (report.state, report.approved_version, report.approved_by) == ("approved", version, admin_user)
    assert (
        personas["secretariat"].post(reverse("workspace:report_generate", args=[report.pk])).status_code
        == 403
    )
    assert personas["public"].get(reverse("reports:download", args=[report.pk])).status_code == 404
    assert (
        personas["secretariat"].post(reverse("workspace:report_publish", args=[report.pk])).status_code == 302
    )
    report.refresh_from_db()
    assert report.state == "published"
    public = personas["public"].get(reverse("reports:list"))
    assert report.title in public.text
    download = personas["public"].get(reverse("reports:download", args=[report.pk]))
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    from reporting.selectors import report_published_list

    assert [item.pk for item in report_published_list(limit=5)] == [report.pk]
    assert personas["secretariat"].get(detail).status_code == 200


def test_versions_are_numbered(report, secretariat, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.report_generate(user=secretariat, report=report)
    assert list(report.versions.order_by("number").values_list("number", "status")) == [
        (1, "done"),
        (2, "done"),
    ]
    assert report.versions.get(number=2).parameters["kind"] == "parliament"


ROLES = {
    # persona: (list, detail, download, new form, generate POST, comment POST)
    "admin": (200, 200, 200, 200, 302, 302),
    "secretariat": (200, 200, 200, 200, 302, 302),
    "focal": (200, 404, 404, 404, 404, 404),
    "focal2": (200, 404, 404, 404, 404, 404),
    "consultative": (200, 404, 404, 404, 404, 404),
    "no_role": (404, 404, 404, 404, 404, 404),
}


@pytest.mark.parametrize("persona", [*ROLES, "public"])
def test_roles(persona, report, personas, django_capture_on_commit_callbacks):
    client = personas[persona]
    urls = [
        ("get", reverse("workspace:report_list"), {}),
        ("get", reverse("workspace:report_detail", args=[report.pk]), {}),
        ("get", reverse("workspace:report_version_download", args=[report.pk, 1, "pdf"]), {}),
        ("get", reverse("workspace:report_create"), {}),
        ("post", reverse("workspace:report_generate", args=[report.pk]), {}),
        ("post", reverse("workspace:report_comment", args=[report.pk]), {"text": "Looks good"}),
    ]
    with django_capture_on_commit_callbacks(execute=True):
        codes = tuple(code(getattr(client, method)(url, data)) for method, url, data in urls)
    if persona == "public":
        for method, url, _data in urls:
            response = getattr(client, method)(url)
            assert response.status_code == 302 and response.url.startswith(LOGIN)
    else:
        assert codes == ROLES[persona]
    assert (
        personas["secretariat"].get(reverse("workspace:report_generate", args=[report.pk])).status_code == 405
    )


def test_consultative_members_read_and_comment_on_shared_drafts(report, personas, consultative):
    detail = reverse("workspace:report_detail", args=[report.pk])
    assert personas["consultative"].get(detail).status_code == 404
    assert (
        personas["secretariat"]
        .post(reverse("workspace:report_share", args=[report.pk]), {"shared": "true"})
        .status_code
        == 302
    )
    assert personas["consultative"].get(detail).status_code == 200
    assert (
        code(
            personas["consultative"].get(
                reverse("workspace:report_version_download", args=[report.pk, 1, "pdf"])
            )
        )
        == 200
    )
    assert (
        personas["consultative"]
        .post(reverse("workspace:report_comment", args=[report.pk]), {"text": "Add the NHRI view"})
        .status_code
        == 302
    )
    assert report.comments.get().author == consultative
    assert (
        personas["consultative"]
        .post(reverse("workspace:report_share", args=[report.pk]), {"shared": "false"})
        .status_code
        == 403
    )
    assert (
        personas["consultative"]
        .post(reverse("workspace:report_approve", args=[report.pk]), {"version": 1})
        .status_code
        == 403
    )
    assert personas["focal"].get(detail).status_code == 404


def test_focal_points_read_their_own_institution_report_only(justice_report, personas):
    detail = reverse("workspace:report_detail", args=[justice_report.pk])
    assert personas["focal"].get(detail).status_code == 200
    assert (
        code(
            personas["focal"].get(
                reverse("workspace:report_version_download", args=[justice_report.pk, 1, "pdf"])
            )
        )
        == 200
    )
    assert personas["focal2"].get(detail).status_code == 404
    assert (
        personas["focal"].post(reverse("workspace:report_generate", args=[justice_report.pk])).status_code
        == 403
    )


def test_a_failed_render_leaves_no_file_and_shows_the_reason(
    data, secretariat, personas, monkeypatch, django_capture_on_commit_callbacks, settings
):
    def broken(*args, **kwargs):
        raise RuntimeError("the font cache is corrupt")

    monkeypatch.setattr("reporting.services.render_report", broken)
    with django_capture_on_commit_callbacks(execute=True):
        report = services.report_create(user=secretariat, values={"kind": "parliament"})
    version = report.versions.get()
    assert (version.status, version.pdf.name) == ("failed", "")
    assert "the font cache is corrupt" in version.error
    assert (
        not list((settings.PRIVATE_MEDIA_ROOT / "reports").glob(f"{report.pk}/*"))
        if (settings.PRIVATE_MEDIA_ROOT / "reports").exists()
        else True
    )
    page = personas["secretariat"].get(reverse("workspace:report_detail", args=[report.pk]))
    assert "the font cache is corrupt" in page.text


def test_a_failure_while_storing_removes_the_file(
    data, secretariat, monkeypatch, settings, django_capture_on_commit_callbacks
):
    def refuse(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr("nmirf.audit.audit_record", refuse)
    with pytest.raises(OSError), django_capture_on_commit_callbacks(execute=True):
        report = Report.objects.create(
            kind="parliament",
            title="T",
            period_start=datetime.date(2025, 1, 1),
            period_end=datetime.date(2025, 12, 31),
        )
        version = ReportVersion.objects.create(report=report, number=1, parameters={"kind": "parliament"})
        services.version_render(version_id=version.pk)
    version.refresh_from_db()
    assert version.status != "done" and version.pdf.name == ""
    folder = settings.PRIVATE_MEDIA_ROOT / "reports" / str(report.pk)
    assert not folder.exists() or not any(folder.iterdir())


def test_a_worker_killed_again_and_again_marks_the_version_failed(report):
    version = ReportVersion.objects.create(report=report, number=9, status="running", attempts=3)
    services.version_render(version_id=version.pk)
    version.refresh_from_db()
    assert version.status == "failed" and "3" in version.error


def test_a_schedule_runs_once_and_mails_the_link(
    data, secretariat, django_capture_on_commit_callbacks, settings
):
    settings.SITE_URL = "https://nmirf.example.gov"
    today = datetime.date.today()
    schedule = services.schedule_save(
        user=secretariat,
        values={
            "frequency": "quarterly",
            "language": "en",
            "scope": "",
            "recipients": "clerk@parliament.example, mp@parliament.example",
            "next_run": today,
            "active": True,
        },
    )
    with django_capture_on_commit_callbacks(execute=True):
        first = run_report_schedules.delay().get()
    with django_capture_on_commit_callbacks(execute=True):
        second = run_report_schedules.delay().get()
    assert len(first) == 1 and second == []
    schedule.refresh_from_db()
    assert schedule.next_run == services.add_months(today, 3)
    report = Report.objects.get(pk=first[0])
    assert report.period_end == today - datetime.timedelta(days=1)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["clerk@parliament.example", "mp@parliament.example"]
    assert f"https://nmirf.example.gov/en/workspace/reports/{report.pk}/" in mail.outbox[0].body
    assert report.versions.get().emailed_at is not None


def test_schedule_recipients_are_checked(secretariat):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.schedule_save(
            user=secretariat,
            values={
                "frequency": "monthly",
                "language": "en",
                "recipients": "not an address",
                "next_run": datetime.date.today(),
            },
        )
    assert not ReportSchedule.objects.exists()


def test_dashboards_in_a_fixed_number_of_queries(data, personas):
    url = reverse("workspace:dashboards")
    with CaptureQueriesContext(connection) as few:
        response = personas["secretariat"].get(url)
    assert response.status_code == 200
    assert "Progress by SDG goal" in response.text and 'role="img"' in response.text
    from tests.factories import RecommendationFactory

    for _n in range(15):
        RecommendationFactory(lead_institution=data["legislation"].lead_institution, cluster=data["cluster"])
    with CaptureQueriesContext(connection) as many:
        personas["secretariat"].get(url)
    assert len(many) == len(few) < 40
    assert personas["focal"].get(url).status_code == 404
    assert personas["consultative"].get(url).status_code == 404


def test_the_annex_quotes_the_latest_validated_update(data, secretariat, django_capture_on_commit_callbacks):
    from tests.factories import ProgressUpdateFactory

    ProgressUpdateFactory(
        recommendation=data["legislation"], institution=data["legislation"].lead_institution,
        narrative="<p>The law was adopted on second reading.</p>",
    )  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        report = services.report_create(user=secretariat, values={"kind": "parliament"})
    text = " ".join(pdf_pages(read(report.versions.get().pdf))).replace("\n", " ")
    assert "The law was adopted on second reading." in text
    assert "tabled in parliament in March" not in text  # the earlier update is not quoted


@pytest.mark.parametrize("kind", ["parliament", "mechanism", "institution"])
def test_report_content_reads_per_section_not_per_row(kind, data, justice):
    from django.utils import timezone

    from reporting.content import report_content
    from tests.factories import ProgressUpdateFactory, RecommendationFactory

    values = {"kind": kind, "institution": justice if kind == "institution" else None}
    report = services.report_prepare(values=values)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            report_content(report, today=timezone.localdate())
        return len(captured)

    before = queries()
    for _n in range(10):
        rec = RecommendationFactory(
            lead_institution=justice,
            cluster=data["cluster"],
            cycle=4,
            source_document=data["legislation"].source_document,
        )
        ProgressUpdateFactory(recommendation=rec, institution=justice)
    assert queries() == before


def test_when_the_last_retry_fails_the_version_fails_with_the_reason(data, secretariat, monkeypatch):
    from reporting.tasks import render_version

    calls = []

    def broken(*args, **kwargs):
        calls.append(1)
        raise OSError("no space left on device")

    monkeypatch.setattr("reporting.services.render_report", broken)
    report = Report.objects.create(
        kind="parliament",
        title="T",
        period_start=datetime.date(2025, 1, 1),
        period_end=datetime.date(2025, 12, 31),
    )
    version = ReportVersion.objects.create(report=report, number=1, parameters={"kind": "parliament"})
    result = render_version.apply(args=[version.pk], retries=render_version.max_retries, throw=False)
    version.refresh_from_db()
    assert result.failed() and len(calls) == 1  # the last try: no retry after it
    assert version.status == "failed" and "no space left on device" in version.error


def test_the_page_shows_the_progress_of_a_running_version_and_survives_a_reload(report, personas):
    ReportVersion.objects.create(
        report=report, number=2, status="running", progress=50, parameters={"kind": "x"}
    )
    detail = reverse("workspace:report_detail", args=[report.pk])
    for _reload in range(2):
        page = personas["secretariat"].get(detail)
        assert 'http-equiv="refresh"' in page.text and "report_progress.js" in page.text
        assert 'value="50"' in page.text and "Rendering" in page.text
    progress = personas["secretariat"].get(reverse("workspace:report_progress", args=[report.pk])).json()
    assert progress["running"] is True
    assert {"number": 2, "status": "running", "label": "Rendering", "progress": 50} in progress["versions"]
    assert personas["focal"].get(reverse("workspace:report_progress", args=[report.pk])).status_code == 404


@pytest.mark.parametrize(
    "name", ["report_generate", "report_approve", "report_publish", "report_share", "report_comment"]
)
def test_actions_refuse_get(name, report, personas):
    assert personas["admin"].get(reverse(f"workspace:{name}", args=[report.pk])).status_code == 405


def test_status_changes_count_real_changes_once_per_item(data, justice):
    from reporting.statistics import status_changes
    from tests.factories import ProgressUpdateFactory

    rec = data["english_only"]
    ProgressUpdateFactory(recommendation=rec, institution=justice, applied_status="in_progress")
    ProgressUpdateFactory(recommendation=rec, institution=justice, applied_status="in_progress")
    today = datetime.date.today()
    changes = status_changes(
        type(rec).objects.filter(pk=rec.pk), start=today - datetime.timedelta(days=1), end=today
    )
    assert [(c.recommendation_id, c.status) for c in changes] == [(rec.pk, "in_progress")]


def test_schedules_are_made_in_the_workspace(personas):
    url = reverse("workspace:report_schedule_create")
    assert personas["consultative"].get(url).status_code == 404
    assert personas["secretariat"].get(url).status_code == 200
    response = personas["secretariat"].post(
        url,
        {
            "frequency": "quarterly",
            "language": "fr",
            "recipients": "clerk@parliament.example",
            "next_run": "2027-01-01",
            "active": "on",
        },
    )
    assert response.status_code == 302
    schedule = ReportSchedule.objects.get()
    assert (schedule.frequency, schedule.language, schedule.recipient_list) == (
        "quarterly",
        "fr",
        ["clerk@parliament.example"],
    )
    edit = reverse("workspace:report_schedule_edit", args=[schedule.pk])
    assert personas["secretariat"].get(edit).status_code == 200
    assert "clerk@parliament.example" in personas["secretariat"].get(reverse("workspace:report_list")).text


def test_every_reporting_model_is_in_the_admin(admin_user, client):
    from django.apps import apps
    from django.contrib import admin

    admin_user.is_superuser = True
    admin_user.save()
    client.force_login(admin_user)
    for model in apps.get_app_config("reporting").get_models():
        assert model in admin.site._registry
        url = reverse(f"admin:reporting_{model._meta.model_name}_changelist")
        assert client.get(url).status_code == 200, url


def test_downloads_keep_the_title_in_its_own_script(
    data, secretariat, personas, django_capture_on_commit_callbacks
):
    from urllib.parse import quote

    with django_capture_on_commit_callbacks(execute=True):
        report = services.report_create(
            user=secretariat,
            values={"kind": "parliament", "language": "ar", "title": "تقرير إلى البرلمان 2026/1"},
        )
    response = personas["secretariat"].get(
        reverse("workspace:report_version_download", args=[report.pk, 1, "pdf"])
    )
    disposition = response["Content-Disposition"]
    assert f"filename*=utf-8''{quote('تقرير إلى البرلمان 2026 1-v1.pdf')}" in disposition, disposition
    assert b"".join(response.streaming_content).startswith(b"%PDF")
