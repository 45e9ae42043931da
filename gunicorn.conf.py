"""gunicorn's settings for NMIRF Tracker, read from the working directory (the project's root)."""

import gc


def post_worker_init(worker) -> None:
    """Once a worker has loaded Django, move everything loaded so far out of the garbage collector's
    sight: those objects live as long as the worker, and scanning them in every full collection showed
    as pauses in the slowest requests of the portal benchmark (bench/portal.py)."""
    gc.collect()
    gc.freeze()
