"""The public portal under load: 250,000 published recommendations (times BENCH_SCALE), the size of the UHRI.

The data (bench.data.build_index) is served by gunicorn with the production settings (DEBUG off, static
files collected for whitenoise) from the benchmark's database, and loaded by Locust in a process of its
own (bench/portal_load.py):

1. 20 visitors who each wait 1 s between requests; one request in three asks for the search page (a
   text query, two filters and the facet counts; the words and filters vary), the others for a random
   published recommendation: the 95th percentile of each page (`portal_search_p95_ms`,
   `portal_detail_p95_ms`), warm-up excluded;
2. the same mix from visitors who never wait, in growing numbers: the highest request rate of a step
   whose search-page 95th percentile stays under 500 ms (`portal_max_rps`);
3. the search page's median time, one request at a time and made afresh (PORTAL_CACHE_SECONDS=0), over
   the median time of its main SQL query (the one that selects the page of recommendations, with the
   facet counts) run alone (`portal_search_vs_sql_ratio`).

The benchmark needs the recommendations table to itself, so it runs first, and truncates the table
afterwards so that the other benchmarks find the database as it was.
"""

import itertools
import json
import os
import random
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

from bench.data import build_index

ROOT = Path(__file__).resolve().parent.parent
SEARCH_URL = "/en/recommendations/?q=women&mechanism_type=upr&status=in_progress"
WORDS = ["women", "torture", "children", "journalists", "detention", "discrimination", "education",
         "migrant workers", "death penalty", "indigenous peoples"]  # fmt: skip
MECHANISM_TYPES = ["upr", "treaty_body"]
STATUSES = ["in_progress", "not_started", "partially_implemented", "no_information"]
SEARCH_P95_LIMIT_MS = 500


def _search_urls() -> list[str]:
    return [
        f"/en/recommendations/?q={quote(word)}&mechanism_type={kind}&status={status}"
        for word, kind, status in itertools.product(WORDS, MECHANISM_TYPES, STATUSES)
    ]


def _database_url() -> str:
    db = connection.settings_dict
    user, password = quote(db["USER"] or ""), quote(db["PASSWORD"] or "")
    return f"postgres://{user}:{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str) -> float:
    """One request; its time in milliseconds."""
    start = time.perf_counter()
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 (our own server on 127.0.0.1)
        response.read()
        assert response.status == 200, (url, response.status)
    return (time.perf_counter() - start) * 1000


def _collect_static(root: Path) -> None:
    """The files and the manifest that the production storage reads, without its compressed copies.

    Whitenoise's CompressedManifestStaticFilesStorage writes the same manifest as Django's
    ManifestStaticFilesStorage, plus gzip and Brotli copies of every file, which take minutes and which
    the benchmark never asks for (it loads pages, not their assets).
    """
    storages = settings.STORAGES | {
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"}
    }
    with override_settings(STATIC_ROOT=root, STORAGES=storages):
        call_command("collectstatic", interactive=False, verbosity=0)


@contextmanager
def _gunicorn(folder: Path, *, cache_seconds: int | None = None) -> Iterator[str]:
    """The site with the production settings (static files collected in `folder`) on a free local port;
    yields its address. `cache_seconds` sets PORTAL_CACHE_SECONDS (0: every page made afresh)."""
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "nmirf.settings",
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(40),
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": _database_url(),
        "STATIC_ROOT": str(folder / "static"),
        "SECURE_SSL_REDIRECT": "false",  # plain http on the loopback; no proxy in front
        "LOG_LEVEL": "WARNING",
    }
    if cache_seconds is not None:
        env["PORTAL_CACHE_SECONDS"] = str(cache_seconds)
    host = f"http://127.0.0.1:{_free_port()}"
    log = folder / "gunicorn.log"
    workers = 2 * (os.cpu_count() or 1)
    with log.open("w") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "nmirf.wsgi:application", "--bind", host.removeprefix("http://"),
             "--workers", str(workers), "--preload", "--timeout", "120"],
            cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT,
        )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                _get(f"{host}/health/")
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit(f"gunicorn did not start:\n{log.read_text()[-3000:]}") from None
                time.sleep(0.2)
        yield host
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def _load(host: str, published_ids: list[int], scale: float) -> dict:
    rng = random.Random(5)
    plan = {
        "host": host,
        "urls": {
            "search": _search_urls(),
            "detail": [
                f"/en/recommendations/{pk}/"
                for pk in rng.sample(published_ids, min(5000, len(published_ids)))
            ],
        },
        "weights": {"search": 1, "detail": 2},
        "visitors": {"users": 20, "wait": 1, "warmup": max(5, 10 * scale), "duration": max(10, 60 * scale)},
        "capacity": {
            "users": [1, 2, 3, 4, 6, 8, 12, 16, 24, 32],
            "warmup": max(1, 5 * scale),
            "duration": max(3, 20 * scale),
            "watch": "search",
            "limit_ms": SEARCH_P95_LIMIT_MS,
        },
    }
    result = subprocess.run(
        [sys.executable, "-m", "bench.portal_load"],
        cwd=ROOT, input=json.dumps(plan), capture_output=True, text=True, check=False,
    )  # fmt: skip
    if result.returncode != 0:
        raise SystemExit(f"the load generator failed: {result.stderr[-3000:]}")
    measured = json.loads(result.stdout)
    for step in [measured["visitors"], *measured["capacity"]]:
        failures = sum(page["failures"] for page in step["pages"].values())
        if failures:
            raise SystemExit(
                f"{failures} requests failed with {step['users']} visitors: {result.stderr[-3000:]}"
            )
    return measured


def _main_query(url: str) -> str:
    """The SQL that selects the page of recommendations of the search page at `url`.

    It is one query with the facet counts: both are read in one pass over the matches.
    """
    with CaptureQueriesContext(connection) as captured:
        assert Client().get(url).status_code == 200
    page_queries = [
        query["sql"]
        for query in captured.captured_queries
        if query["sql"].startswith("WITH hits AS MATERIALIZED")
    ]
    assert len(page_queries) == 1, [query["sql"][:200] for query in captured.captured_queries]
    return page_queries[0]


def _sql_ms(sql: str) -> float:
    with connection.cursor() as cursor:
        start = time.perf_counter()
        cursor.execute(sql)
        cursor.fetchall()
    return (time.perf_counter() - start) * 1000


def run(*, scale: float) -> None:
    index = build_index(max(2_500, int(250_000 * scale)))
    try:
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
        sql = _main_query(SEARCH_URL)
        repeats = 30 if scale >= 0.1 else 10
        with tempfile.TemporaryDirectory() as folder:
            _collect_static(Path(folder) / "static")
            with _gunicorn(Path(folder)) as host:
                measured = _load(host, index.published_ids, scale)
            # The ratio compares the page as it is made, not a copy from the cache, with its query.
            with _gunicorn(Path(folder), cache_seconds=0) as host:
                page_ms = statistics.median(_get(host + SEARCH_URL) for _ in range(repeats))
        sql_ms = statistics.median(_sql_ms(sql) for _ in range(repeats))
    finally:
        index.remove()
    visitors = measured["visitors"]["pages"]
    print(f"BENCH portal_search_p95_ms {visitors['search']['p95']:.0f} ms", flush=True)
    print(f"BENCH portal_detail_p95_ms {visitors['detail']['p95']:.0f} ms", flush=True)
    for step in measured["capacity"]:
        search = step["pages"]["search"]
        print(
            f"portal: {step['users']} visitors without waiting: {step['rps']:.1f} requests/s, "
            f"search p50 {search['p50']:.0f} ms p95 {search['p95']:.0f} ms",
            file=sys.stderr,
        )
    sustained = [
        step["rps"] for step in measured["capacity"] if step["pages"]["search"]["p95"] < SEARCH_P95_LIMIT_MS
    ]
    print(f"BENCH portal_max_rps {max(sustained, default=0):.1f} rps", flush=True)
    print(f"BENCH portal_search_vs_sql_ratio {page_ms / sql_ms:.2f} x", flush=True)
