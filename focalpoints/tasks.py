"""Celery tasks: thin, by id, each calling one function of focalpoints (the schedule is in settings)."""

from __future__ import annotations

from celery import shared_task
from django.contrib.auth import get_user_model

from focalpoints import people, reminders

# E-mail servers fail now and then: try again later (the reminder log keeps a retry from sending twice).
RETRY = {"autoretry_for": (OSError,), "retry_backoff": True, "retry_backoff_max": 600, "max_retries": 5}


@shared_task(**RETRY)
def send_reminders() -> dict:
    result = reminders.send_reminders()
    return {"emails": result.emails, "notifications": result.notifications, "failed": result.failed}


@shared_task(**RETRY)
def notify_update_reviewed(update_id: int) -> dict:
    result = reminders.notify_update_reviewed(update_id=update_id)
    return {"emails": result.emails, "notifications": result.notifications, "failed": result.failed}


@shared_task(**RETRY)
def send_invitation(person_id: int, inviter_id: int | None = None) -> bool:
    users = get_user_model().objects.in_bulk([pk for pk in (person_id, inviter_id) if pk])
    person = users.get(person_id)
    if person is None:
        return False
    return people.invitation_send(person=person, inviter=users.get(inviter_id))
