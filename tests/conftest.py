"""Personas for every test: one per role, two focal points of different ministries, and the public."""

import os
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.test import Client
from django.utils import translation

from tests.factories import FocalPointFactory, InstitutionFactory, UserFactory


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The shipped SDG framework, as `make run` loads it, in the test database once."""
    from sdg.services import sdg_load_shipped

    with django_db_blocker.unblock():
        sdg_load_shipped()


@pytest.fixture(autouse=True)
def english():
    """Each test starts in English (a request in another language leaves it active in the thread)."""
    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture
def admin_user(db):
    return UserFactory(username="admin", roles=["Administrator"], is_staff=True)


@pytest.fixture
def secretariat(db):
    return UserFactory(username="secretariat", roles=["Secretariat"])


@pytest.fixture
def justice(db):
    return InstitutionFactory(name="Ministry of Justice", acronym="MOJ")


@pytest.fixture
def health(db):
    return InstitutionFactory(name="Ministry of Health", acronym="MOH")


@pytest.fixture
def focal(db, justice):
    return FocalPointFactory(user__username="focal", institution=justice).user


@pytest.fixture
def focal2(db, health):
    return FocalPointFactory(user__username="focal2", institution=health).user


@pytest.fixture
def consultative(db):
    return UserFactory(username="consultative", roles=["Consultative member"])


@pytest.fixture
def no_role(db):
    return UserFactory(username="norole")


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def personas(admin_user, secretariat, focal, focal2, consultative, no_role):
    """Each persona with a logged-in client; 'public' is anonymous."""
    clients = {
        name: client_for(user)
        for name, user in {
            "admin": admin_user,
            "secretariat": secretariat,
            "focal": focal,
            "focal2": focal2,
            "consultative": consultative,
            "no_role": no_role,
        }.items()
    }
    clients["public"] = Client()
    return clients


def reset_connections(app) -> None:
    """Give the Celery app its own broker connections and result backend for its current configuration.

    kombu keeps connection pools in process-wide registries; fresh pools owned by the app avoid
    picking up one made (and closed) under the eager test configuration.
    """
    from kombu.pools import ProducerPool

    app._pool = app.connection_for_write().Pool(limit=app.conf.broker_pool_limit)
    app.amqp._producer_pool = ProducerPool(app._pool, limit=app._pool.limit, Producer=app.amqp.Producer)
    app.__dict__.pop("backend", None)
    app._local.__dict__.pop("backend", None)


@dataclass
class Worker:
    queue: str
    mail_dir: Path
    log_path: Path
    process: subprocess.Popen

    def wait_for(self, condition, timeout: float = 60) -> None:
        """Wait until `condition()` holds, failing with the worker's log if it stops or takes too long."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if condition():
                return
            if self.process.poll() is not None:
                pytest.fail("the worker stopped:\n" + self.log_path.read_text(errors="replace"))
            time.sleep(0.2)
        pytest.fail("the worker did not finish in time:\n" + self.log_path.read_text(errors="replace"))


@pytest.fixture
def celery_worker(transactional_db, settings, tmp_path):
    """A real Celery worker process against Redis, sharing this test's PostgreSQL database.

    Tasks sent while the fixture is active go through the broker to the worker (on a queue of its
    own), not eagerly; its e-mails are written as files to `mail_dir`.
    """
    from django.db import connection

    from nmirf.celery import app

    if connection.vendor != "postgresql":
        pytest.skip("a worker shares the test database only on PostgreSQL, which CI always uses")
    redis_url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15")
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    database_url = (
        f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    )
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "nmirf.settings_test",
        "DATABASE_URL": database_url,
        "DB_CONN_MAX_AGE": "0",
        "REDIS_URL": redis_url,
        "SITE_URL": settings.SITE_URL,
        "PRIVATE_MEDIA_ROOT": str(settings.PRIVATE_MEDIA_ROOT),
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(mail_dir),
    }
    queue = f"test-{uuid.uuid4().hex[:8]}"
    log_path = tmp_path / "worker.log"
    command = [sys.executable, "-m", "celery", "-A", "nmirf", "worker", "--pool=solo", "--loglevel=WARNING",
               "--without-heartbeat", "--without-gossip", "--without-mingle", "-Q", queue, "-n", f"{queue}@%h"]  # fmt: skip
    with log_path.open("wb") as log:
        process = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
        names = ("task_always_eager", "broker_url", "result_backend", "task_default_queue")
        saved = {key: app.conf[key] for key in names}
        app.conf.update(
            task_always_eager=False, broker_url=redis_url, result_backend=redis_url, task_default_queue=queue
        )
        reset_connections(app)
        try:
            yield Worker(queue=queue, mail_dir=mail_dir, log_path=log_path, process=process)
        finally:
            app.conf.update(saved)
            reset_connections(app)
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
