"""Every change to reports, their versions, comments and schedules goes through here.

Functions are keyword-only, validate with `full_clean`, write, and record the change in the audit
trail. Rendering runs in a Celery task (reporting.tasks) that calls `version_render`: the files are
written only once rendering is complete, and the version is marked done in the same transaction that
records them, so a worker killed mid-report leaves no half-written version (the files it wrote before
it died are removed when the version is rendered again or marked failed). A version whose worker
stopped giving signs of life is marked failed when its report's page is viewed (`versions_fail_stale`),
and a failed version can be rendered again (`version_retry`).
"""

from __future__ import annotations

import calendar
import datetime
import logging
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db import DatabaseError, transaction
from django.db.models import F, Max
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from nmirf.audit import audited, save_with_history
from nmirf.pause import pause_point
from recommendations.models import Mechanism
from reporting import content, rules
from reporting.models import Report, ReportComment, ReportSchedule, ReportVersion
from reporting.rendering import render_report

logger = logging.getLogger(__name__)
Status = ReportVersion.Status
# A version whose worker died this many times (out of memory, killed) is marked failed.
MAX_ATTEMPTS = 3
UPR_VARIANTS = (Report.Variant.NATIONAL, Report.Variant.MIDTERM)
TREATY_VARIANTS = (Report.Variant.PERIODIC, Report.Variant.FOLLOWUP)


def add_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def default_period(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The last twelve months, today included."""
    return add_months(today, -12) + datetime.timedelta(days=1), today


def default_title(report: Report) -> str:
    """A title in the report's language from its kind and parameters."""
    with translation.override(report.language):
        period = {"start": date_format(report.period_start), "end": date_format(report.period_end)}
        if report.kind == Report.Kind.PARLIAMENT:
            return _("Progress report to parliament, %(start)s – %(end)s") % period
        if report.kind == Report.Kind.INSTITUTION:
            return _("Institution report: %(institution)s, %(start)s – %(end)s") % {
                "institution": report.institution,
                **period,
            }
        title = f"{report.get_variant_display()}: {report.mechanism.code}"
        if report.cycle:
            title += " – " + _("cycle %(cycle)s") % {"cycle": report.cycle}
        return title


def report_prepare(*, values: dict[str, Any], today: datetime.date | None = None) -> Report:
    """An unsaved, validated report from parameters, with the defaults of the issue filled in: the UPR
    and its latest cycle for a report to a mechanism, the last twelve months, English."""
    today = today or timezone.localdate()
    report = Report(**{key: value for key, value in values.items() if key != "title" and value is not None})
    if not report.period_start or not report.period_end:
        start, end = default_period(today)
        report.period_start = report.period_start or start
        report.period_end = report.period_end or end
    report.language = report.language or "en"
    errors: dict[str, str] = {}
    if report.kind == Report.Kind.MECHANISM:
        if report.mechanism_id is None:
            report.mechanism = Mechanism.objects.filter(code="UPR").first()
        if report.mechanism is None:
            errors["mechanism"] = _("Choose the mechanism the report is for.")
        elif report.mechanism.type == Mechanism.Type.UPR:
            report.variant = report.variant or Report.Variant.NATIONAL
            report.cycle = report.cycle or content.latest_cycle(report.mechanism)
            if report.variant not in UPR_VARIANTS:
                errors["variant"] = _("A report to the UPR is a national report or a mid-term report.")
        else:
            report.variant = report.variant or Report.Variant.PERIODIC
            if report.variant not in TREATY_VARIANTS:
                errors["variant"] = _("A report to a treaty body is a periodic report or a follow-up report.")
            if report.cycle:
                errors["cycle"] = _("Only the UPR has cycles.")
    else:
        if report.variant:
            errors["variant"] = _("Only a report to a mechanism has a variant.")
        report.mechanism, report.cycle = None, None
    if report.kind == Report.Kind.INSTITUTION and report.institution_id is None:
        errors["institution"] = _("Choose the institution.")
    if report.kind != Report.Kind.INSTITUTION:
        report.institution = None
    if errors:
        raise ValidationError(errors)
    report.title = (values.get("title") or "").strip() or default_title(report)
    report.full_clean(exclude=["created_by"])
    return report


def parameters_of(report: Report) -> dict[str, Any]:
    """The parameters a version was rendered with, as JSON."""
    return {
        "kind": report.kind,
        "variant": report.variant,
        "title": report.title,
        "period_start": report.period_start.isoformat(),
        "period_end": report.period_end.isoformat(),
        "mechanism": report.mechanism.code if report.mechanism_id else None,
        "cycle": report.cycle,
        "institution": report.institution_id,
        "language": report.language,
        "scope": report.scope,
    }


@transaction.atomic
def report_create(*, user, values: dict[str, Any], schedule: ReportSchedule | None = None) -> Report:
    """A new draft report and its first version, queued for rendering."""
    report = report_prepare(values=values)
    report.created_by = user if user is not None and user.is_authenticated else None
    report.schedule = schedule
    with audited(user=user, action="report_create") as trail:
        report.save()
        trail.created(report)
    report_generate(user=user, report=report)
    return report


@transaction.atomic
def report_generate(*, user, report: Report) -> ReportVersion:
    """A new numbered version of a draft report, rendered by the reports queue after the commit."""
    if user is not None:
        rules.require(rules.why_cannot_generate(user, report))
    elif report.state != Report.State.DRAFT:
        raise ValidationError(
            _("An approved or published report is final; create a new report for a new version.")
        )
    Report.objects.select_for_update().get(pk=report.pk)  # one numbering at a time
    number = (report.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = ReportVersion(
        report=report,
        number=number,
        parameters=parameters_of(report),
        created_by=user if user is not None and user.is_authenticated else None,
    )
    with audited(user=user, action="report_generate") as trail:
        version.full_clean()
        version.save()
        trail.created(version)
    from reporting.tasks import render_version

    transaction.on_commit(lambda: render_version.delay(version.pk))
    return version


def _progress(version_id: int, percent: int) -> None:
    ReportVersion.objects.filter(pk=version_id, status=Status.RUNNING).update(
        progress=percent, heartbeat_at=timezone.now()
    )


def version_render(*, version_id: int, today: datetime.date | None = None) -> ReportVersion | None:
    """Render one version (the task's work). Transient errors (files, database) propagate so the task
    retries; any other error marks the version failed with its reason."""
    version = ReportVersion.objects.filter(pk=version_id).first()
    if version is None or version.status in (Status.DONE, Status.FAILED):
        return version
    if version.attempts >= MAX_ATTEMPTS:
        return version_fail(
            version_id=version_id,
            reason=_("The worker stopped %(n)s times while rendering this version.")
            % {"n": version.attempts},
        )
    started = ReportVersion.objects.filter(pk=version_id, status__in=(Status.QUEUED, Status.RUNNING)).update(
        status=Status.RUNNING, attempts=F("attempts") + 1, progress=5, heartbeat_at=timezone.now()
    )
    if not started:
        return ReportVersion.objects.get(pk=version_id)
    report = Report.objects.select_related("mechanism", "institution").get(pk=version.report_id)
    try:
        rendered = render_report(
            report,
            today=today or timezone.localdate(),
            progress=lambda percent: _progress(version_id, percent),
        )
    except (OSError, DatabaseError):
        raise
    except Exception as error:
        logger.exception("Report version %s could not be rendered", version_id)
        return version_fail(version_id=version_id, reason=f"{type(error).__name__}: {error}")
    return _store(version_id, rendered)


def _store(version_id: int, rendered) -> ReportVersion:
    """Write the files and mark the version done in one step; on any failure no file stays behind."""
    written: list = []
    try:
        with audited(user=None, action="report_render") as trail:
            version = (
                ReportVersion.objects.select_for_update(of=("self",))
                .select_related("report")
                .get(pk=version_id)
            )
            if version.status != Status.RUNNING:
                return version
            _remove_leftovers(version)
            trail.track(version)
            name = slugify(version.report.title)[:80] or "report"
            version.pdf.save(f"{name}-v{version.number}.pdf", ContentFile(rendered.pdf), save=False)
            written.append(version.pdf)
            if rendered.docx is not None:
                version.docx.save(f"{name}-v{version.number}.docx", ContentFile(rendered.docx), save=False)
                written.append(version.docx)
            pause_point("report-store")
            version.status, version.progress, version.pages = Status.DONE, 100, rendered.pages
            version.error, version.finished_at = "", timezone.now()
            version.full_clean()
            version.save()
            if version.report.schedule_id:
                from reporting.tasks import notify_recipients

                transaction.on_commit(lambda: notify_recipients.delay(version.pk))
    except BaseException:
        for file in written:
            file.storage.delete(file.name)
        raise
    return version


def _remove_leftovers(version: ReportVersion) -> None:
    """Delete the files of this version that a worker killed before the end of `_store` wrote: while the
    version is not done, every file of its number in its report's folder is such a leftover."""
    storage, folder = version.pdf.storage, f"reports/{version.report_id}"
    if not storage.exists(folder):
        return
    for name in storage.listdir(folder)[1]:
        if name.startswith(f"{version.number}-"):
            storage.delete(f"{folder}/{name}")


@transaction.atomic
def version_fail(*, version_id: int, reason: str) -> ReportVersion | None:
    """Mark a version failed with the reason shown on its page (never a finished one)."""
    version = ReportVersion.objects.select_for_update().filter(pk=version_id).first()
    if version is None or version.status == Status.DONE:
        return version
    _remove_leftovers(version)
    with audited(user=None, action="report_render_failed") as trail:
        trail.track(version)
        version.status, version.error = Status.FAILED, reason[:2000] or "?"
        version.finished_at = timezone.now()
        version.save()
    return version


def versions_fail_stale() -> int:
    """Mark failed each queued or running version that no worker has touched for
    WORKER_LOST_AFTER_MINUTES and that no transaction holds: its task was lost, or will not come back.
    Run when a report's page is viewed; returns how many."""
    minutes = settings.WORKER_LOST_AFTER_MINUTES
    cutoff = timezone.now() - datetime.timedelta(minutes=minutes)
    with transaction.atomic():
        stale = list(
            ReportVersion.objects.select_for_update(skip_locked=True)
            .filter(status__in=(Status.QUEUED, Status.RUNNING), heartbeat_at__lt=cutoff)
            .values_list("pk", flat=True)
        )
        for version_id in stale:
            version_fail(
                version_id=version_id,
                reason=_(
                    "No worker has worked on this version for %(minutes)d minutes: the worker stopped, or "
                    "its task was lost. Nothing was published."
                )
                % {"minutes": minutes},
            )
    return len(stale)


@transaction.atomic
def version_retry(*, user, version: ReportVersion) -> ReportVersion:
    """Render a failed version again, under the same number."""
    rules.require(rules.why_cannot_generate(user, version.report))
    locked = ReportVersion.objects.select_for_update().get(pk=version.pk)
    if locked.status != Status.FAILED:
        raise ValidationError(_("Only a failed version can be tried again."))
    with audited(user=user, action="report_retry") as trail:
        trail.track(locked)
        locked.status, locked.error, locked.progress, locked.attempts = Status.QUEUED, "", 0, 0
        locked.finished_at, locked.heartbeat_at = None, timezone.now()
        locked.full_clean()
        locked.save()
    from reporting.tasks import render_version

    transaction.on_commit(lambda: render_version.delay(locked.pk))
    return locked


# Lifecycle -----------------------------------------------------------------------------------------


@transaction.atomic
def report_approve(*, user, report: Report, version: ReportVersion | None) -> Report:
    rules.require(rules.why_cannot_approve(user, report, version))
    values = {
        "state": Report.State.APPROVED,
        "approved_version": version,
        "approved_by": user,
        "approved_at": timezone.now(),
    }
    return save_with_history(user=user, instance=report, values=values, action="report_approve")


@transaction.atomic
def report_publish(*, user, report: Report) -> Report:
    """Put the approved version on the public site; refused while it covers withheld recommendations."""
    rules.require(rules.why_cannot_publish(user, report))
    withheld = content.scope_queryset(report).filter(published=False).count()
    if withheld:
        raise ValidationError(
            ngettext(
                "This report covers %(n)d recommendation withheld from the public tracker. Publish it "
                "first, or add published=true to the report's scope and generate the report again.",
                "This report covers %(n)d recommendations withheld from the public tracker. Publish them "
                "first, or add published=true to the report's scope and generate the report again.",
                withheld,
            )
            % {"n": withheld}
        )
    values = {"state": Report.State.PUBLISHED, "published_by": user, "published_at": timezone.now()}
    return save_with_history(user=user, instance=report, values=values, action="report_publish")


@transaction.atomic
def report_share(*, user, report: Report, shared: bool) -> Report:
    rules.require(rules.why_cannot_share(user, report))
    return save_with_history(
        user=user, instance=report, values={"shared_with_consultative": shared}, action="report_share"
    )


@transaction.atomic
def report_comment(*, user, report: Report, text: str) -> ReportComment:
    rules.require(rules.why_cannot_comment(user, report))
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Write a comment.")})
    version = report.versions.filter(status=Status.DONE).order_by("-number").first()
    comment = ReportComment(report=report, version=version, author=user)
    return save_with_history(user=user, instance=comment, values={"text": text}, action="report_comment")


# Schedules -----------------------------------------------------------------------------------------

MONTHS = {
    ReportSchedule.Frequency.MONTHLY: 1,
    ReportSchedule.Frequency.QUARTERLY: 3,
    ReportSchedule.Frequency.YEARLY: 12,
}


def _clean_recipients(raw: str) -> str:
    from django.core.validators import validate_email

    addresses = [part.strip() for part in (raw or "").replace(",", "\n").splitlines() if part.strip()]
    if not addresses:
        raise ValidationError({"recipients": _("Give at least one e-mail address.")})
    for address in addresses:
        try:
            validate_email(address)
        except ValidationError as error:
            raise ValidationError(
                {"recipients": _("Not an e-mail address: %(address)s") % {"address": address}}
            ) from error
    return "\n".join(addresses)


@transaction.atomic
def schedule_save(*, user, values: dict[str, Any], schedule: ReportSchedule | None = None) -> ReportSchedule:
    values = dict(values, recipients=_clean_recipients(values.get("recipients", "")))
    creating = schedule is None
    schedule = schedule or ReportSchedule(created_by=user)
    return save_with_history(
        user=user,
        instance=schedule,
        values=values,
        action="schedule_create" if creating else "schedule_update",
    )


def schedules_run(*, today: datetime.date | None = None) -> list[Report]:
    """Make the report of every active schedule that is due, once: the schedule moves on in the same
    transaction. The recipients get the link when the version is rendered (`version_notify`)."""
    today = today or timezone.localdate()
    made = []
    due = ReportSchedule.objects.filter(active=True, next_run__lte=today).values_list("pk", flat=True)
    for pk in list(due):
        with audited(user=None, action="schedule_run") as trail:
            schedule = (
                ReportSchedule.objects.select_for_update(skip_locked=True)
                .filter(pk=pk, next_run__lte=today)
                .first()
            )
            if schedule is None:
                continue
            trail.track(schedule)
            months = MONTHS[schedule.frequency]
            values = {
                "kind": schedule.kind,
                "language": schedule.language,
                "scope": schedule.scope,
                "period_start": add_months(schedule.next_run, -months),
                "period_end": schedule.next_run - datetime.timedelta(days=1),
            }
            made.append(report_create(user=None, values=values, schedule=schedule))
            while schedule.next_run <= today:
                schedule.next_run = add_months(schedule.next_run, months)
            schedule.save()
    return made


def version_notify(*, version_id: int) -> int:
    """E-mail the schedule's recipients a link to a finished scheduled version, once (the version stays
    locked while the message goes out, and records that it went)."""
    with transaction.atomic():
        version = (
            ReportVersion.objects.select_for_update(of=("self",))
            .select_related("report__schedule")
            .filter(pk=version_id, status=Status.DONE, emailed_at__isnull=True)
            .first()
        )
        if version is None or version.report.schedule is None:
            return 0
        schedule = version.report.schedule
        with translation.override(schedule.language):
            link = settings.SITE_URL + reverse("workspace:report_detail", args=[version.report_id])
            context = {"report": version.report, "version": version, "link": link}
            subject = _("Report ready: %(title)s") % {"title": version.report.title}
            body = render_to_string("reporting/emails/report_ready.txt", context)
        sent = send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, schedule.recipient_list)
        ReportVersion.objects.filter(pk=version_id).update(emailed_at=timezone.now())
    return sent
