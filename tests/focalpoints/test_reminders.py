"""Reminders: who gets which, in their language, with links to the site, and never twice."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from focalpoints import reminders, services
from focalpoints.models import Notification, ReminderLog
from tests.factories import RecommendationFactory

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 6, 1)  # a Monday, ISO week 2026-W23


def days(n: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=n)


@pytest.fixture
def calendar(justice, health, focal, focal2, deputy, secretariat):
    health.name_fr = "Ministère de la Santé"
    health.save()
    focal2.language = "fr"
    focal2.save()
    recs = {
        "due_14": RecommendationFactory(paragraph="1", lead_institution=justice, update_deadline=days(10)),
        "due_3": RecommendationFactory(paragraph="2", lead_institution=justice, update_deadline=days(2)),
        "overdue": RecommendationFactory(paragraph="3", lead_institution=justice, update_deadline=days(-5)),
        "long_overdue": RecommendationFactory(
            paragraph="4", lead_institution=justice, update_deadline=days(-20)
        ),
        "health": RecommendationFactory(paragraph="5", lead_institution=health, update_deadline=days(30)),
        "closed": RecommendationFactory(
            paragraph="6", lead_institution=justice, update_deadline=days(-20), status="implemented"
        ),
        "reported": RecommendationFactory(paragraph="7", lead_institution=justice, update_deadline=days(10)),
        "unassigned": RecommendationFactory(paragraph="8", update_deadline=days(-20)),
    }
    recs["health"].supporting_institutions.set([justice])
    update = services.update_create(user=focal, item=recs["reported"])
    services.update_save(
        user=focal,
        update=update,
        values={"narrative": "Done", "period_start": days(-90), "period_end": days(-1)},
    )
    services.update_submit(user=focal, update=update)
    return recs


def logged(user, event):
    return set(ReminderLog.objects.filter(user=user, event=event).values_list("item_id", flat=True))


def test_each_person_gets_one_message_with_their_events(calendar, focal, focal2, deputy, secretariat):
    result = reminders.send_reminders(today=TODAY)
    by_recipient = {tuple(message.to): message for message in mail.outbox}
    assert set(by_recipient) == {(focal.email,), (focal2.email,), (deputy.email,), (secretariat.email,)}
    assert result.emails == 4 and result.notifications == 4
    pk = {name: rec.pk for name, rec in calendar.items()}
    assert logged(focal, "due_14") == {pk["due_14"]}
    assert logged(focal, "due_3") == {pk["due_3"]}
    assert logged(focal, "overdue") == {pk["overdue"], pk["long_overdue"]}
    assert logged(focal, "assigned") == {
        pk[n] for n in ("due_14", "due_3", "overdue", "long_overdue", "reported", "health")
    }
    assert logged(focal2, "assigned") == {pk["health"]}
    assert not logged(focal2, "due_14")
    # Overdue by 14 days or more: copied to the deputy and to the secretariat; the deputy gets nothing else.
    assert logged(deputy, "overdue_copy") == logged(secretariat, "overdue_copy") == {pk["long_overdue"]}
    assert set(ReminderLog.objects.filter(user=deputy).values_list("event", flat=True)) == {"overdue_copy"}
    assert ReminderLog.objects.get(user=deputy).period == "2026-W23"
    body = by_recipient[(focal.email,)].body
    assert f"https://nmirf.example.gov/en/workspace/recommendations/{pk['due_3']}/" in body
    assert "update due 2026-06-03" in body and "Ministry of Justice" in body
    assert by_recipient[(focal.email,)].subject == "NMIRF Tracker: 10 new reminders"
    assert Notification.objects.get(user=focal).body == body


def test_messages_are_in_each_persons_language(calendar, focal2):
    reminders.send_reminders(today=TODAY)
    message = next(m for m in mail.outbox if m.to == [focal2.email])
    assert "Ministère de la Santé" in message.body
    assert "https://nmirf.example.gov/fr/workspace/" in message.body


def test_a_second_run_sends_nothing_and_a_new_week_repeats_only_overdue(calendar, focal, secretariat):
    reminders.send_reminders(today=TODAY)
    sent = len(mail.outbox)
    assert reminders.send_reminders(today=TODAY).emails == 0
    assert reminders.send_reminders(today=days(2)).emails == 0  # same week, same deadlines
    assert len(mail.outbox) == sent
    mail.outbox.clear()
    result = reminders.send_reminders(today=days(7))
    pk = {name: rec.pk for name, rec in calendar.items()}
    assert result.events == {"overdue": 3, "due_3": 1, "overdue_copy": 2}
    assert logged(focal, "due_3") == {pk["due_3"], pk["due_14"]}  # 10 days became 3
    assert logged(secretariat, "overdue_copy") == {pk["long_overdue"]}  # the same item, a new week
    assert ReminderLog.objects.filter(user=secretariat, period="2026-W24").count() == 1


def test_a_reminder_is_not_sent_when_the_log_already_has_it(calendar, focal):
    events = reminders.collect(TODAY)
    first = reminders.send(events)
    assert first.emails == 4
    assert reminders.send(events).emails == 0
    assert ReminderLog.objects.count() == sum(first.events.values())


def test_the_successor_gets_the_reminders_of_the_institution(calendar, focal, secretariat):
    from focalpoints.models import FocalPoint
    from focalpoints.people import focal_point_replace
    from tests.factories import UserFactory

    successor = UserFactory(username="successor")
    focal_point_replace(user=secretariat, focal_point=FocalPoint.objects.get(user=focal), successor=successor)
    reminders.send_reminders(today=TODAY)
    assert [m for m in mail.outbox if m.to == [successor.email]]
    assert not [m for m in mail.outbox if m.to == [focal.email]]


def test_reviews_are_notified_at_once_and_only_once(
    django_capture_on_commit_callbacks, focal, deputy, secretariat, assigned
):
    update = services.update_create(user=focal, item=assigned["justice"])
    services.update_save(
        user=focal,
        update=update,
        values={"narrative": "Done", "period_start": days(-90), "period_end": days(-1)},
    )
    services.update_submit(user=focal, update=update)
    with django_capture_on_commit_callbacks(execute=True):
        services.update_return(user=secretariat, update=update, comment="Add the figures")
    returned = [m for m in mail.outbox if "returned" in m.subject]
    assert sorted(m.to[0] for m in returned) == sorted([focal.email, deputy.email])
    assert "Add the figures" in returned[0].body
    assert f"/en/workspace/updates/{update.pk}/" in returned[0].body
    mail.outbox.clear()
    reminders.notify_update_reviewed(update_id=update.pk)
    assert not [m for m in mail.outbox if "returned" in m.subject]
    services.update_submit(user=focal, update=update)
    with django_capture_on_commit_callbacks(execute=True):
        services.update_validate(user=secretariat, update=update, status="in_progress")
    assert any(
        m.subject == f"Progress update #{update.pk} was validated" and m.to == [focal.email]
        for m in mail.outbox
    )


def test_people_without_an_email_address_still_see_it_in_the_workspace(calendar, focal):
    focal.email = ""
    focal.save()
    result = reminders.send_reminders(today=TODAY)
    assert result.emails == 3 and result.notifications == 4
    assert Notification.objects.filter(user=focal).count() == 1


def test_deactivated_people_get_nothing(calendar, secretariat):
    secretariat.is_active = False
    secretariat.save()
    reminders.send_reminders(today=TODAY)
    assert not [m for m in mail.outbox if m.to == [secretariat.email]]


def test_the_command_runs_the_same_job(calendar):
    out = StringIO()
    call_command("send_reminders", "--today", TODAY.isoformat(), stdout=out)
    assert out.getvalue().startswith("Reminders: 4 e-mails, 4 notifications")
    out = StringIO()
    call_command("send_reminders", "--today", TODAY.isoformat(), stdout=out)
    assert out.getvalue().strip() == "Reminders: 0 e-mails, 0 notifications"
    with pytest.raises(CommandError, match="--today must be a date"):
        call_command("send_reminders", "--today", "June")


def test_notifications_page_and_marking_read(personas, calendar, focal):
    reminders.send_reminders(today=TODAY)
    page = personas["focal"].get("/en/workspace/notifications/").content.decode()
    assert "NMIRF Tracker: 10 new reminders" in page
    assert '1<span class="visually-hidden"> unread</span>' in page
    personas["focal"].post("/en/workspace/notifications/read/")
    assert not Notification.objects.filter(user=focal, read_at__isnull=True).exists()
    assert not Notification.objects.filter(read_at__isnull=False).exclude(user=focal).exists()
