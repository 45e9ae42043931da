"""The reminder task run by a real Celery worker against Redis: the expected e-mails, exactly once.

The worker is a separate process (`celery -A nmirf worker --pool=solo`) on the pytest test database
(PostgreSQL) with the file-based e-mail backend, so that what it sent can be read back here.
"""

import datetime
import os
import subprocess
import sys
import uuid
from email import message_from_bytes
from pathlib import Path

import pytest
from django.db import connection

from focalpoints.models import ReminderLog
from focalpoints.tasks import send_reminders
from nmirf.celery import app
from tests.factories import RecommendationFactory

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15")
ROOT = Path(__file__).resolve().parents[2]
SEPARATOR = b"\n" + b"-" * 79 + b"\n"


def database_url() -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def worker(tmp_path):
    """A Celery worker on its own queue, and this process sending to it through Redis."""
    if connection.vendor != "postgresql":
        pytest.skip("the worker test needs PostgreSQL (CI runs it)")
    queue = f"test-reminders-{uuid.uuid4().hex[:8]}"
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "nmirf.settings",
        "DEBUG": "false",
        "SECRET_KEY": "worker-test-secret-key",
        "ALLOWED_HOSTS": "localhost",
        "DATABASE_URL": database_url(),
        "DB_CONN_MAX_AGE": "0",
        "REDIS_URL": REDIS_URL,
        "SITE_URL": "https://nmirf.example.gov",
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(mail_dir),
        "PRIVATE_MEDIA_ROOT": str(tmp_path / "private"),
    }
    command = [sys.executable, "-m", "celery", "-A", "nmirf", "worker", "--pool=solo", "--loglevel=INFO",
               "--without-heartbeat", "--without-gossip", "--without-mingle", "-Q", queue, "-n", f"{queue}@%h"]  # fmt: skip
    log = (tmp_path / "worker.log").open("w")
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    saved = {key: app.conf[key] for key in ("task_always_eager", "broker_url", "result_backend")}
    app.conf.update(task_always_eager=False, broker_url=REDIS_URL, result_backend=REDIS_URL)
    app._pool = None  # forget any connection to the in-memory broker of the eager settings
    app.__dict__.pop("backend", None)
    app._local.__dict__.pop("backend", None)
    try:
        yield {"queue": queue, "mail": mail_dir, "log": tmp_path / "worker.log"}
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
        app.conf.update(saved)
        app._pool = None
        app._local.__dict__.pop("backend", None)


def sent_messages(mail_dir: Path) -> list:
    messages = []
    for path in sorted(mail_dir.iterdir()):
        for chunk in path.read_bytes().split(SEPARATOR):
            if chunk.strip():
                messages.append(message_from_bytes(chunk.lstrip(b"\n")))
    return messages


def run_task(worker) -> dict:
    result = send_reminders.apply_async(queue=worker["queue"])
    try:
        return result.get(timeout=90)
    except Exception:
        print(worker["log"].read_text())
        raise


def test_a_real_worker_sends_the_expected_reminders_once(worker, justice, focal, deputy, secretariat, focal2):
    today = datetime.date.today()
    due = RecommendationFactory(lead_institution=justice, update_deadline=today + datetime.timedelta(days=5))
    late = RecommendationFactory(
        lead_institution=justice, update_deadline=today - datetime.timedelta(days=20)
    )
    RecommendationFactory(
        lead_institution=justice, update_deadline=today - datetime.timedelta(days=20), status="implemented"
    )

    first = run_task(worker)

    assert first == {"emails": 3, "notifications": 3, "failed": 0}
    messages = sent_messages(worker["mail"])
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

    second = run_task(worker)

    assert second == {"emails": 0, "notifications": 0, "failed": 0}
    assert len(sent_messages(worker["mail"])) == 3
