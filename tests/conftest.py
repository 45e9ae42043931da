"""Personas for every test: one per role, two focal points of different ministries, and the public."""

import os
import re
import signal
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


def opened_version(client: Client, address: str) -> str:
    """The version an edit page's form carries (nmirf.versioning), as a browser would send it back."""
    response = client.get(address)
    assert response.status_code == 200, address
    return re.search(r'name="version" value="([^"]*)"', response.content.decode())[1]


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
    command: list[str]
    env: dict[str, str]

    def kill(self) -> None:
        """SIGKILL the worker's whole process group, as the out-of-memory killer or a lost machine would."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def start(self, **env: str) -> None:
        """Start a new worker process on the same queue (after `kill`), with more environment variables."""
        self.process = _start_worker(self.command, self.env | env, self.log_path)

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


def wait_until(condition, timeout: float = 20) -> None:
    """Wait until `condition()` holds (with no worker to watch, for example after `Worker.kill`)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail("the condition did not hold in time")
        time.sleep(0.1)


def _start_worker(command: list[str], env: dict[str, str], log_path: Path) -> subprocess.Popen:
    """A worker in a process group of its own (so that `Worker.kill` reaches it and nothing else)."""
    with log_path.open("ab") as log:
        return subprocess.Popen(
            command, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )


@pytest.fixture
def worker_env() -> dict[str, str]:
    """More environment variables for the `celery_worker` process; a test module overrides it."""
    return {}


@pytest.fixture
def celery_worker(transactional_db, settings, tmp_path, worker_env):
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
        **worker_env,
    }
    queue = f"test-{uuid.uuid4().hex[:8]}"
    log_path = tmp_path / "worker.log"
    command = [sys.executable, "-m", "celery", "-A", "nmirf", "worker", "--pool=solo", "--loglevel=WARNING",
               "--without-heartbeat", "--without-gossip", "--without-mingle", "-Q", queue, "-n", f"{queue}@%h"]  # fmt: skip
    worker = Worker(queue, mail_dir, log_path, _start_worker(command, env, log_path), command, env)
    names = ("task_always_eager", "broker_url", "result_backend", "task_default_queue")
    saved = {key: app.conf[key] for key in names}
    app.conf.update(
        task_always_eager=False, broker_url=redis_url, result_backend=redis_url, task_default_queue=queue
    )
    reset_connections(app)
    try:
        yield worker
    finally:
        app.conf.update(saved)
        reset_connections(app)
        worker.process.terminate()
        try:
            worker.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            worker.process.kill()
            worker.process.wait()


@pytest.fixture
def act(django_capture_on_commit_callbacks):
    """POST as a browser does, let the queued task run (it waits for the commit), then follow the redirect."""

    def post(client, url, data=None):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url, data or {})
        return client.get(response["Location"]) if response.status_code == 302 else response

    return post
