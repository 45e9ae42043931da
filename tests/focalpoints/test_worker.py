"""The reminder task run by a real Celery worker against Redis: the expected e-mails, exactly once.

The worker is a separate process (`celery -A nmirf worker --pool=solo`) on the pytest test database
(PostgreSQL) with the file-based e-mail backend, so that what it sent can be read back here.
"""

import datetime
from email import message_from_bytes
from pathlib import Path

import pytest

from focalpoints.models import ReminderLog
from focalpoints.tasks import send_reminders
from tests.factories import RecommendationFactory

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
SEPARATOR = b"\n" + b"-" * 79 + b"\n"


def sent_messages(mail_dir: Path) -> list:
    messages = []
    for path in sorted(mail_dir.iterdir()):
        for chunk in path.read_bytes().split(SEPARATOR):
            if chunk.strip():
                messages.append(message_from_bytes(chunk.lstrip(b"\n")))
    return messages


def run_task(worker) -> dict:
    result = send_reminders.apply_async(queue=worker.queue)
    try:
        return result.get(timeout=90)
    except Exception:
        print(worker.log_path.read_text())
        raise


def test_a_real_worker_sends_the_expected_reminders_once(
    celery_worker, justice, focal, deputy, secretariat, focal2
):
    today = datetime.date.today()
    due = RecommendationFactory(lead_institution=justice, update_deadline=today + datetime.timedelta(days=5))
    late = RecommendationFactory(
        lead_institution=justice, update_deadline=today - datetime.timedelta(days=20)
    )
    RecommendationFactory(
        lead_institution=justice, update_deadline=today - datetime.timedelta(days=20), status="implemented"
    )

    first = run_task(celery_worker)

    assert first == {"emails": 3, "notifications": 3, "failed": 0}
    messages = sent_messages(celery_worker.mail_dir)
    assert sorted(message["To"] for message in messages) == sorted(
        [focal.email, deputy.email, secretariat.email]
    )
    by_recipient = {message["To"]: message.get_payload(decode=True).decode() for message in messages}
    assert f"https://nmirf.example.gov/en/workspace/recommendations/{due.pk}/" in by_recipient[focal.email]
    assert f"https://nmirf.example.gov/en/workspace/recommendations/{late.pk}/" in by_recipient[deputy.email]
    assert set(ReminderLog.objects.filter(user=focal).values_list("event", flat=True)) == {
        "assigned",
        "due_14",
        "overdue",
    }
    assert ReminderLog.objects.filter(user=secretariat, event="overdue_copy", item_id=late.pk).count() == 1
    assert not ReminderLog.objects.filter(user=focal2).exists()

    second = run_task(celery_worker)

    assert second == {"emails": 0, "notifications": 0, "failed": 0}
    assert len(sent_messages(celery_worker.mail_dir)) == 3
