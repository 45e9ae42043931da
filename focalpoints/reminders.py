"""Reminders and notifications: by e-mail and in the workspace, in each person's language, never twice.

`send_reminders` finds every event that is due (an assignment made, a deadline in 14 or 3 days, an
item overdue, an update returned or validated), leaves out those already in the `ReminderLog`, and
sends each person one message listing their new events. The log rows, the in-app notification and
the e-mail of a person are written in one transaction, so an event is either sent and logged, or
neither: running the job again (by Celery beat, or `manage.py send_reminders`) sends nothing twice.

Who hears about an institution's items: its active focal point, or its deputies while it has none.
Items overdue by 14 days or more are copied to the deputies and to the secretariat.
"""

from __future__ import annotations

import datetime
import logging
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from focalpoints.models import Action, FocalPoint, Notification, ProgressUpdate, ReminderLog
from focalpoints.selectors import CLOSED_STATUSES, deadline_items
from nmirf.roles import SECRETARIAT
from recommendations.models import Recommendation

logger = logging.getLogger(__name__)
User = get_user_model()
Event = ReminderLog.Event
ItemKind = ReminderLog.ItemKind

DUE_FIRST, DUE_LAST = 14, 3  # reminders this many days before the deadline
COPY_AFTER_DAYS = 14  # overdue this long: the deputies and the secretariat are copied
REVIEW_LOOKBACK_DAYS = 30  # review notices the job still sends if their immediate sending failed
SECTION_LIMIT = 25  # items listed per kind of event in one message
# The sections of a message, most urgent first.
SECTION_TITLES = {
    Event.RETURNED: gettext_lazy("Updates returned to you for changes"),
    Event.VALIDATED: gettext_lazy("Updates validated by the secretariat"),
    Event.OVERDUE_COPY: gettext_lazy("Overdue by 14 days or more (copied to you for follow-up)"),
    Event.OVERDUE: gettext_lazy("Overdue updates"),
    Event.DUE_3: gettext_lazy("Updates due within 3 days"),
    Event.DUE_14: gettext_lazy("Updates due within 14 days"),
    Event.ASSIGNED: gettext_lazy("Newly assigned to your institution"),
}


@dataclass(frozen=True)
class Pending:
    user_id: int
    event: str
    item_kind: str
    item_id: int
    period: str
    institution_id: int | None = None
    deadline: datetime.date | None = None

    @property
    def key(self) -> tuple:
        return (self.user_id, self.event, self.item_kind, self.item_id, self.period)


@dataclass
class RunResult:
    emails: int = 0
    notifications: int = 0
    events: Counter = field(default_factory=Counter)
    failed: int = 0

    def summary(self) -> str:
        details = ", ".join(f"{name} {count}" for name, count in sorted(self.events.items()))
        return f"{self.emails} e-mails, {self.notifications} notifications" + (
            f" ({details})" if details else ""
        )


# Who hears about what ------------------------------------------------------------------------------


def _services(institution_ids: Iterable[int]) -> list[FocalPoint]:
    return list(
        FocalPoint.objects.filter(
            institution_id__in=set(institution_ids), end_date__isnull=True, user__is_active=True
        ).order_by("institution_id", "role", "start_date", "pk")
    )


def _recipients(services: list[FocalPoint]) -> dict[int, list[int]]:
    """Per institution: its focal point, or its deputies while it has no focal point."""
    focal: dict[int, list[int]] = defaultdict(list)
    deputies: dict[int, list[int]] = defaultdict(list)
    for service in services:
        (focal if service.role == FocalPoint.Role.FOCAL_POINT else deputies)[service.institution_id].append(
            service.user_id
        )
    return {pk: focal.get(pk) or deputies.get(pk, []) for pk in {*focal, *deputies}}


def _deputies(services: list[FocalPoint]) -> dict[int, list[int]]:
    result: dict[int, list[int]] = defaultdict(list)
    for service in services:
        if service.role == FocalPoint.Role.DEPUTY:
            result[service.institution_id].append(service.user_id)
    return result


def _secretariat_ids() -> list[int]:
    return list(
        User.objects.filter(is_active=True, groups__name=SECRETARIAT)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


# Events -------------------------------------------------------------------------------------------


def _assignment_events(recipients: dict[int, list[int]]) -> list[Pending]:
    institution_ids = list(recipients)
    events = []
    for model, kind in ((Recommendation, ItemKind.RECOMMENDATION), (Action, ItemKind.ACTION)):
        open_items = model.objects.exclude(status__in=CLOSED_STATUSES)
        pairs = [
            (pk, institution_id, "lead")
            for pk, institution_id in open_items.filter(lead_institution_id__in=institution_ids).values_list(
                "pk", "lead_institution_id"
            )
        ]
        through = model._meta.get_field("supporting_institutions").remote_field.through
        source = model._meta.model_name + "_id"
        pairs += [
            (pk, institution_id, "supporting")
            for pk, institution_id in through.objects.filter(
                institution_id__in=institution_ids, **{f"{source}__in": open_items.values("pk")}
            ).values_list(source, "institution_id")
        ]
        for pk, institution_id, role in pairs:
            for user_id in recipients[institution_id]:
                events.append(
                    Pending(user_id, Event.ASSIGNED, kind, pk, f"{role}-{institution_id}", institution_id)
                )
    return events


def _deadline_events(
    today: datetime.date, services: list[FocalPoint], secretariat: list[int]
) -> list[Pending]:
    until = today + datetime.timedelta(days=DUE_FIRST)
    items = [item for item in deadline_items(until=until, today=today) if item.pending]
    recipients = _recipients(services)
    deputies = _deputies(services)
    year, week, _weekday = today.isocalendar()
    this_week = f"{year}-W{week:02d}"
    events = []
    for item in items:
        kind = ItemKind.RECOMMENDATION if item.kind == "recommendation" else ItemKind.ACTION
        institution_id, days = item.institution_id, item.days_left
        if days > DUE_LAST:
            event, period = Event.DUE_14, item.deadline.isoformat()
        elif days >= 0:
            event, period = Event.DUE_3, item.deadline.isoformat()
        else:
            event, period = Event.OVERDUE, this_week
        leads = recipients.get(institution_id, [])
        for user_id in leads:
            events.append(Pending(user_id, event, kind, item.obj.pk, period, institution_id, item.deadline))
        if days <= -COPY_AFTER_DAYS:
            copied = [pk for pk in [*deputies.get(institution_id, []), *secretariat] if pk not in leads]
            for user_id in dict.fromkeys(copied):
                events.append(
                    Pending(
                        user_id,
                        Event.OVERDUE_COPY,
                        kind,
                        item.obj.pk,
                        this_week,
                        institution_id,
                        item.deadline,
                    )
                )
    return events


def _review_events(updates: Iterable[ProgressUpdate]) -> list[Pending]:
    """The people who hear that an update was returned or validated: its owner and the focal points."""
    updates = list(updates)
    services = _services(update.institution_id for update in updates)
    people: dict[int, list[int]] = defaultdict(list)
    for service in services:
        people[service.institution_id].append(service.user_id)
    events = []
    for update in updates:
        event = Event.RETURNED if update.state == ProgressUpdate.State.RETURNED else Event.VALIDATED
        period = update.reviewed_at.isoformat(timespec="seconds")
        users = [update.owner_id, *people.get(update.institution_id, [])]
        for user_id in dict.fromkeys(users):
            events.append(Pending(user_id, event, ItemKind.UPDATE, update.pk, period, update.institution_id))
    return events


def _reviewed_recently(now: datetime.datetime) -> list[ProgressUpdate]:
    return list(
        ProgressUpdate.objects.filter(
            state__in=[ProgressUpdate.State.RETURNED, ProgressUpdate.State.VALIDATED],
            reviewed_at__gte=now - datetime.timedelta(days=REVIEW_LOOKBACK_DAYS),
        )
    )


def collect(today: datetime.date | None = None) -> list[Pending]:
    """Every event due today, whether or not it was sent already."""
    today = today or timezone.localdate()
    institutions_with_items = set(
        Recommendation.objects.filter(lead_institution__isnull=False)
        .values_list("lead_institution_id", flat=True)
        .distinct()
    )
    institutions_with_items |= set(
        Recommendation.supporting_institutions.through.objects.values_list(
            "institution_id", flat=True
        ).distinct()
    )
    institutions_with_items |= set(
        Action.objects.values_list("lead_institution_id", flat=True).distinct()
    ) - {None}
    institutions_with_items |= set(
        Action.supporting_institutions.through.objects.values_list("institution_id", flat=True).distinct()
    )
    services = _services(institutions_with_items)
    events = _assignment_events(_recipients(services))
    events += _deadline_events(today, services, _secretariat_ids())
    events += _review_events(_reviewed_recently(timezone.now()))
    return events


# Sending ------------------------------------------------------------------------------------------


def _unsent(events: list[Pending]) -> list[Pending]:
    periods = {event.period for event in events}
    sent = set(
        ReminderLog.objects.filter(period__in=periods, user_id__in={e.user_id for e in events}).values_list(
            "user_id", "event", "item_kind", "item_id", "period"
        )
    )
    unique = {event.key: event for event in events if event.key not in sent}
    return list(unique.values())


def _link(name: str, *args) -> str:
    return settings.SITE_URL + reverse(name, args=args)


@dataclass
class _Line:
    label: str
    institution: str
    deadline: datetime.date | None
    url: str


def _lines(events: list[Pending], objects: dict[str, dict[int, object]]) -> list[_Line]:
    lines = []
    for event in events:
        obj = objects[event.item_kind].get(event.item_id)
        if obj is None:
            continue
        if event.item_kind == ItemKind.RECOMMENDATION:
            url = _link("workspace:recommendation_detail", obj.pk)
            label = str(obj)
        elif event.item_kind == ItemKind.ACTION:
            url, label = (
                _link("workspace:action_detail", obj.pk),
                _("Action: %(title)s") % {"title": obj.title},
            )
        else:
            url, label = _link("workspace:update_detail", obj.pk), str(obj)
        institution = objects["institution"].get(event.institution_id, "")
        lines.append(_Line(label, str(institution), event.deadline, url))
    return lines


def _subject(events: list[Pending], objects) -> str:
    if len(events) == 1 and events[0].item_kind == ItemKind.UPDATE:
        update = objects[ItemKind.UPDATE].get(events[0].item_id)
        if events[0].event == Event.RETURNED:
            return _("Progress update #%(pk)s was returned: please fix it") % {"pk": update.pk}
        return _("Progress update #%(pk)s was validated") % {"pk": update.pk}
    return ngettext(
        "NMIRF Tracker: %(n)d new reminder", "NMIRF Tracker: %(n)d new reminders", len(events)
    ) % {"n": len(events)}


def _message(user, events: list[Pending], objects) -> tuple[str, str, str]:
    """Subject, body and link of one person's message, in their language."""
    sections = []
    by_event: dict[str, list[Pending]] = defaultdict(list)
    for event in events:
        by_event[event.event].append(event)
    for name, title in SECTION_TITLES.items():
        chosen = sorted(by_event.get(name, []), key=lambda e: (e.deadline or datetime.date.max, e.item_id))
        if chosen:
            lines = _lines(chosen[:SECTION_LIMIT], objects)
            sections.append({"title": title, "lines": lines, "more": max(0, len(chosen) - SECTION_LIMIT)})
    comments = {}
    for event in by_event.get(Event.RETURNED, []):
        update = objects[ItemKind.UPDATE].get(event.item_id)
        latest = getattr(update, "return_comment", None)
        if latest:
            comments[event.item_id] = latest
    home = _link("workspace:home")
    context = {"user": user, "sections": sections, "home": home, "comments": list(comments.values())}
    body = render_to_string("focalpoints/emails/reminders.txt", context)
    return _subject(events, objects), body, home


def _load_objects(events: list[Pending]) -> dict[str, dict[int, object]]:
    from focalpoints.models import Institution, UpdateComment

    ids: dict[str, set[int]] = defaultdict(set)
    for event in events:
        ids[event.item_kind].add(event.item_id)
    updates = ProgressUpdate.objects.select_related("recommendation__mechanism", "action").in_bulk(
        ids[ItemKind.UPDATE]
    )
    returns = UpdateComment.objects.filter(update__in=updates, kind=UpdateComment.Kind.RETURN).order_by(
        "created_at"
    )
    for comment in returns:
        updates[comment.update_id].return_comment = comment.text
    return {
        ItemKind.RECOMMENDATION: Recommendation.objects.select_related("mechanism").in_bulk(
            ids[ItemKind.RECOMMENDATION]
        ),
        ItemKind.ACTION: Action.objects.in_bulk(ids[ItemKind.ACTION]),
        ItemKind.UPDATE: updates,
        "institution": Institution.objects.in_bulk({e.institution_id for e in events if e.institution_id}),
    }


def send(events: list[Pending]) -> RunResult:
    """Send each person one message with their events not sent before, and log them."""
    result = RunResult()
    events = _unsent(events)
    if not events:
        return result
    by_user: dict[int, list[Pending]] = defaultdict(list)
    for event in events:
        by_user[event.user_id].append(event)
    users = User.objects.filter(is_active=True).in_bulk(list(by_user))
    connection = get_connection()
    for user_id, user_events in sorted(by_user.items()):
        user = users.get(user_id)
        if user is None:
            continue
        try:
            with transaction.atomic():
                ReminderLog.objects.bulk_create(
                    [ReminderLog(user_id=user_id, event=e.event, item_kind=e.item_kind, item_id=e.item_id, period=e.period) for e in user_events]
                )  # fmt: skip
                with translation.override(user.language or settings.LANGUAGE_CODE):
                    objects = _load_objects(user_events)
                    subject, body, url = _message(user, user_events, objects)
                Notification.objects.create(user=user, subject=subject[:300], body=body, url=url)
                if user.email:
                    EmailMessage(
                        subject, body, settings.DEFAULT_FROM_EMAIL, [user.email], connection=connection
                    ).send()
                    result.emails += 1
        except IntegrityError:
            logger.info("Reminders for user %s were sent by another run meanwhile", user_id)
            continue
        except Exception:
            logger.exception("Reminders for user %s could not be sent; they will be tried again", user_id)
            result.failed += 1
            continue
        result.notifications += 1
        result.events.update(e.event for e in user_events)
    return result


def send_reminders(*, today: datetime.date | None = None) -> RunResult:
    """The periodic job: every due event not yet sent."""
    return send(collect(today))


def notify_update_reviewed(*, update_id: int) -> RunResult:
    """At once after a review: the update's owner and its institution's focal points hear of it."""
    updates = ProgressUpdate.objects.filter(
        pk=update_id, state__in=[ProgressUpdate.State.RETURNED, ProgressUpdate.State.VALIDATED]
    )
    return send(_review_events(updates))


def notification_list(user) -> list[Notification]:
    return list(Notification.objects.filter(user=user).order_by("-created_at", "-pk")[:100])


def notifications_mark_read(*, user, ids: Iterable[int] | None = None) -> int:
    unread = Notification.objects.filter(user=user, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=list(ids))
    return unread.update(read_at=timezone.now())
