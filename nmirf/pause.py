"""A pause point for the tests that SIGKILL a Celery worker in the middle of a task.

`pause_point("import-commit")` does nothing, except in a worker that a test started with the settings
`PAUSE_AT` naming that point and `PAUSE_FILE` naming a file (nmirf/settings_test.py reads them from the
environment variables NMIRF_PAUSE_AT and NMIRF_PAUSE_FILE; the production settings have neither). There,
the first time the point is reached, it creates the file, which tells the test that the work stands
exactly there, and sleeps so that the test can kill the worker at that moment. A worker that reaches
the point again (the file exists: the task delivered again after the kill) carries on.
"""

import os
import time

from django.conf import settings

# Long enough for any test to kill the worker; short enough that a test that fails to do so ends.
PAUSE_SECONDS = 60


def pause_point(name: str) -> None:
    if getattr(settings, "PAUSE_AT", "") != name:
        return
    try:
        descriptor = os.open(settings.PAUSE_FILE, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
    except FileExistsError:
        return
    os.close(descriptor)
    time.sleep(PAUSE_SECONDS)
