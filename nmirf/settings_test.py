"""Fast, strict settings for the test suite; the database and Redis still come from the environment."""

import os
import tempfile
from pathlib import Path

os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SECRET_KEY", "test-only-secret-key-for-the-suite")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
# The State only as the environment names it, not a local .env (read by nmirf.settings), which names
# one for the trial: the tests set it where they need it; a process a benchmark starts is told.
_given_state = os.environ.get("NMIRF_STATE", "")

from nmirf.settings import *  # noqa: E402, F403 (after reading the environment as given)

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# In memory, except for a Celery worker a test starts, which writes files the test reads back.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
SECURE_SSL_REDIRECT = False
AXES_ENABLED = False
# Serve static files straight from the app and vendor folders (no collectstatic before tests).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Uploaded files of the tests go to a scratch folder (a worker started by a test is told where).
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT") or tempfile.mkdtemp(prefix="nmirf-tests-"))
# One process runs every test against 127.0.0.1: the limits are raised; tests of the limits lower them.
API_RATE_LIMIT = "100000/minute"
FEEDBACK_PER_HOUR = 100000
# Tests see every change at once; tests of the cache turn it on.
PORTAL_CACHE_SECONDS = 0
NMIRF_STATE = _given_state.strip().upper()
# A worker that a test kills mid-task pauses once at this point and says so in this file (nmirf/pause.py).
PAUSE_AT = os.environ.get("NMIRF_PAUSE_AT", "")
PAUSE_FILE = os.environ.get("NMIRF_PAUSE_FILE", "")
