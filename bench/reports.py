"""The parliamentary report over 3,000 recommendations (times BENCH_SCALE) with two validated progress
updates each: the annex quotes the latest of each.

The report is rendered by `manage.py generate_report` in a child process (started by a small wrapper
that reports the peak resident size of its own child only), then a plain HTML document of the same
page count is rendered with WeasyPrint in this process: the ratio is what our templates and queries
cost over the engine.
"""

import datetime
import logging
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from django.db import connection
from django.utils import timezone

from bench import data
from focalpoints.models import Institution, ProgressUpdate
from nmirf.models import User
from recommendations.models import Cluster, Country, Mechanism, Recommendation, SourceDocument
from recommendations.ordering import paragraph_key
from sdg.models import Goal

ROOT = Path(__file__).resolve().parent.parent
STATE = "NZL"  # a State of its own: the other benchmarks' recommendations stay out of the report
WRAPPER = (
    "import resource, subprocess, sys; code = subprocess.run(sys.argv[1:]).returncode; "
    "print('PEAK_KIB', resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); sys.exit(code)"
)
NARRATIVE = (
    "<p>The ministry reports progress on this recommendation: a working group met {n} times, a draft "
    "regulation was circulated to civil society, and training reached 120 officials in four regions.</p>"
)


def build(count: int, *, seed: int = 17) -> None:
    """`count` recommendations of a State no other benchmark uses, two validated updates each."""
    rng = random.Random(seed)
    state = Country.objects.get(code=STATE)
    mechanisms = list(Mechanism.objects.filter(code__in=["UPR", "CRC", "CEDAW", "CAT", "CCPR"]))
    documents = [
        SourceDocument.objects.create(symbol=f"BENCH-REPORTS/{m.code}/{i}", mechanism=m, state=state)
        for m in mechanisms
        for i in range(2)
    ]
    clusters = [Cluster.objects.create(name=f"Report bench cluster {i}") for i in range(20)]
    institutions = [Institution.objects.create(name=f"Report bench ministry {i}") for i in range(25)]
    goals = list(Goal.objects.all())
    today = timezone.localdate()
    rows = []
    for i in range(count):
        document = rng.choice(documents)
        upr = document.mechanism.code == "UPR"
        text = f"{rng.choice(data.VERBS)} {rng.choice(data.OBJECTS)}{rng.choice(data.ENDINGS)}"
        rows.append(
            Recommendation(
                state=state, text=text, text_en=text, mechanism=document.mechanism, source_document=document,
                paragraph=f"{100 + i // 300}.{i % 300}", date=datetime.date(2020, 1, 1),
                paragraph_key=paragraph_key(f"{100 + i // 300}.{i % 300}"),
                cycle=4 if upr else None, position=rng.choice(["supported", "noted"]) if upr else "",
                status=rng.choice(Recommendation.Status.values),
                status_date=today - datetime.timedelta(days=rng.randrange(700)),
                cluster=rng.choice(clusters) if rng.random() < 0.8 else None,
                lead_institution=rng.choice(institutions) if rng.random() < 0.8 else None,
                requires_legislation=rng.random() < 0.1,
                update_deadline=today + datetime.timedelta(days=rng.randrange(-200, 200)),
            )
        )  # fmt: skip
    created = Recommendation.objects.bulk_create(rows, batch_size=2000)
    Recommendation.sdg_goals.through.objects.bulk_create(
        [
            Recommendation.sdg_goals.through(recommendation_id=r.pk, goal_id=rng.choice(goals).pk)
            for r in created
            if goals
        ],
        batch_size=5000,
    )
    author = User.objects.create(username="bench-reports", email="bench-reports@example.org")
    now = timezone.now()
    updates = []
    for rec in created:
        for n in (1, 2):
            when = now - datetime.timedelta(days=30 * (3 - n))
            updates.append(
                ProgressUpdate(
                    recommendation_id=rec.pk, institution=rec.lead_institution or institutions[0],
                    created_by=author, owner=author, narrative=NARRATIVE.format(n=n),
                    proposed_status="in_progress", applied_status="in_progress", state="validated",
                    submitted_at=when, reviewed_at=when,
                )
            )  # fmt: skip
    ProgressUpdate.objects.bulk_create(updates, batch_size=2000)


def render_report(output: Path) -> tuple[float, float, int]:
    db = connection.settings_dict
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "nmirf.settings_test",
        "DATABASE_URL": f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
        "NMIRF_STATE": STATE,
    }
    today = timezone.localdate()
    period = f"{today - datetime.timedelta(days=365)}..{today}"
    command = [
        sys.executable,
        "manage.py",
        "generate_report",
        "parliament",
        "--period",
        period,
        "--output",
        str(output),
    ]
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", WRAPPER, *command],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"generate_report failed: {result.stderr[-2000:]}{result.stdout[-2000:]}")
    pages = int(re.search(r": (\d+) pages written", result.stdout).group(1))
    peak_mib = int(re.search(r"PEAK_KIB (\d+)", result.stdout).group(1)) / 1024
    return elapsed, peak_mib, pages


def plain_seconds(pages: int) -> float:
    """WeasyPrint alone: a plain HTML document of `pages` pages of running text."""
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    from weasyprint import HTML

    paragraph = (
        "<p>" + " ".join(["Plain running text for a benchmark page of the same length."] * 12) + "</p>"
    )
    body = "".join(
        f'<section style="break-after: page"><h2>Page {n}</h2>{paragraph * 2}</section>' for n in range(pages)
    )
    html = f'<html lang="en"><head><title>Plain</title><style>@page {{ size: A4; margin: 2cm }}</style></head><body>{body}</body></html>'
    start = time.perf_counter()
    document = HTML(string=html).render()
    document.write_pdf()
    elapsed = time.perf_counter() - start
    assert len(document.pages) == pages, (len(document.pages), pages)
    return elapsed


def run(*, scale: float) -> None:
    count = max(30, int(3000 * scale))
    build(count)
    with tempfile.TemporaryDirectory() as folder:
        seconds, peak_mib, pages = render_report(Path(folder) / "parliament.pdf")
    plain = plain_seconds(pages)
    print(f"BENCH report_3000_seconds {seconds:.1f} s", flush=True)
    print(f"BENCH report_3000_peak_mib {peak_mib:.0f} MiB", flush=True)
    print(f"BENCH report_3000_pages {pages} pages", flush=True)
    print(f"BENCH report_vs_plain_ratio {seconds / plain:.1f} x", flush=True)
