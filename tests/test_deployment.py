"""The deployment files agree with the settings; the settings fail loudly on bad configuration."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from django.core.exceptions import ImproperlyConfigured

from nmirf.env import env_bool, env_int

ROOT = Path(__file__).resolve().parent.parent
SETTINGS_SOURCE = (ROOT / "nmirf" / "settings.py").read_text()


def settings_variables() -> set[str]:
    return set(re.findall(r'env_(?:str|bool|int|list)\("([A-Z_]+)"', SETTINGS_SOURCE))


def test_compose_has_the_production_services_and_volumes():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    assert set(services) == {"db", "redis", "web", "worker", "beat"}
    assert "gunicorn" in services["web"]["command"]
    assert "worker" in services["worker"]["command"] and "beat" in services["beat"]["command"]
    assert any(volume.startswith("db:") for volume in services["db"]["volumes"])
    for name in ("web", "worker", "beat"):
        assert "media:/data/media" in services[name]["volumes"]
        environment = services[name]["environment"]
        assert environment["MEDIA_ROOT"] == "/data/media"
        assert set(environment) <= settings_variables(), set(environment) - settings_variables()
        for required in ("DATABASE_URL", "REDIS_URL", "SECRET_KEY", "ALLOWED_HOSTS", "SITE_URL"):
            assert required in environment
        assert environment["DEBUG"] == "false"


def test_env_example_names_only_real_settings():
    names = {
        line.split("=", 1)[0]
        for line in (ROOT / ".env.example").read_text().splitlines()
        if line and not line.startswith("#")
    }
    assert names <= settings_variables(), names - settings_variables()
    assert {
        "DATABASE_URL",
        "REDIS_URL",
        "SECRET_KEY",
        "NMIRF_STATE",
        "UPLOAD_MAX_MB",
        "SDG_SOURCE_DIR",
    } <= names


def run_settings(env: dict[str, str], code: str) -> subprocess.CompletedProcess:
    clean = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DEBUG", "SECRET_KEY", "DATABASE_URL", "REDIS_URL"}
    }
    return subprocess.run(
        [sys.executable, "-c", f"import django; from django.conf import settings; {code}"],
        env=clean | {"DJANGO_SETTINGS_MODULE": "nmirf.settings"} | env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


def test_secret_key_is_required_without_debug():
    result = run_settings({"DEBUG": "false", "PYTHONPATH": str(ROOT)}, "settings.SECRET_KEY")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_trial_defaults_are_sqlite_and_eager_celery():
    code = "print(settings.DATABASES['default']['ENGINE'], settings.CELERY_TASK_ALWAYS_EAGER)"
    result = run_settings({"DEBUG": "true", "PYTHONPATH": str(ROOT)}, code)
    assert result.stdout.split() == ["django.db.backends.sqlite3", "True"], result.stderr


def test_production_stack_from_the_environment():
    code = "print(settings.DATABASES['default']['ENGINE'], settings.CELERY_TASK_ALWAYS_EAGER, settings.CELERY_BROKER_URL)"
    env = {
        "DEBUG": "false",
        "SECRET_KEY": "x" * 60,
        "DATABASE_URL": "postgres://u:p@db:5432/nmirf",
        "REDIS_URL": "redis://redis:6379/0",
        "PYTHONPATH": str(ROOT),
    }
    result = run_settings(env, code)
    assert result.stdout.split() == ["django.db.backends.postgresql", "False", "redis://redis:6379/0"], (
        result.stderr
    )


def test_typed_readers_refuse_nonsense(monkeypatch):
    monkeypatch.setenv("SOME_FLAG", "perhaps")
    with pytest.raises(ImproperlyConfigured):
        env_bool("SOME_FLAG")
    monkeypatch.setenv("SOME_NUMBER", "many")
    with pytest.raises(ImproperlyConfigured):
        env_int("SOME_NUMBER", 1)
    monkeypatch.setenv("SOME_FLAG", "yes")
    assert env_bool("SOME_FLAG") is True


def test_production_static_files_have_hashed_names():
    """Whitenoise then serves them compressed and cached for a year, so a second visit loads only HTML."""
    code = "print(settings.STORAGES['staticfiles']['BACKEND'])"
    result = run_settings({"DEBUG": "false", "SECRET_KEY": "x" * 60, "PYTHONPATH": str(ROOT)}, code)
    assert result.stdout.strip() == "whitenoise.storage.CompressedManifestStaticFilesStorage", result.stderr


def test_gunicorn_reads_its_settings_from_the_project_root():
    """Docker's working directory and the benchmark's are the project root, where gunicorn looks."""
    import gc
    import importlib.util

    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "WORKDIR /app" in dockerfile and "COPY . ." in dockerfile
    spec = importlib.util.spec_from_file_location("gunicorn_conf", ROOT / "gunicorn.conf.py")
    config = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(config)
    frozen = gc.get_freeze_count()
    try:
        config.post_worker_init(worker=None)
        assert gc.get_freeze_count() > frozen  # what the worker loaded is out of the collector's way
    finally:
        gc.unfreeze()


def test_test_settings_take_the_state_the_environment_names():
    """A benchmark tells the report command it starts which State to report on."""
    env = {"DJANGO_SETTINGS_MODULE": "nmirf.settings_test", "NMIRF_STATE": "nzl", "PYTHONPATH": str(ROOT)}
    result = run_settings(env, "print(settings.NMIRF_STATE)")
    assert result.stdout.split() == ["NZL"], result.stderr
