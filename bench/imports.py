"""Import and export at scale: a UHRI-format XLSX of 100,000 rows (times BENCH_SCALE).

The import runs as `manage.py import_recommendations` in a child process, so its time and peak
resident memory are those of the process doing the work; the same rows are also loaded with a plain
PostgreSQL COPY into a scratch table, to show what the importer costs over the database itself.
The first import is then undone with `manage.py import_undo` in a child process (nothing changed since,
so every imported row is removed, with its history), and a bulk action sets the lead institution of
20,000 recommendations (times BENCH_SCALE) through the service the workspace uses, history included.
"""

import io
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import openpyxl
from django.db import connection

from focalpoints.models import Institution
from recommendations.exporting import export_response
from recommendations.models import ImportBatch, Recommendation
from recommendations.services import BulkAction, recommendations_bulk_change

ROOT = Path(__file__).resolve().parent.parent
HEADERS = [
    "Text", "Countries Concerned", "Reccomending Body", "Document Symbol", "Themes", "Affected Persons", "Sdgs",
    "Document Publication Date", "UPR Reccomending States", "UPR Position", "Type", "OHCHR Annotation Id",
    "UPR Session", "Regions Concerned", "Recommending Regions", "Date of publication on UHRI",
]  # fmt: skip
COUNTRIES = ["France", "Spain", "Brazil", "Kenya", "India", "Mexico", "Norway", "Japan", "Chile", "Senegal"]
BODIES = ["UPR", "UPR", "UPR", "CRC", "CEDAW", "CAT", "CCPR", "CESCR", "SR Torture"]
THEMES = [
    "Death penalty",
    "Right to education",
    "Violence against women",
    "Conditions of detention",
    "Right to health",
]
GROUPS = ["Women & girls", "Children", "Persons with disabilities", "Migrants"]
SDGS = [
    "5 - GENDER EQUALITY",
    "16.3 - Promote the rule of law and access to justice for all",
    "4.1 - Free primary and secondary education",
]
VERBS = ["Adopt", "Strengthen", "Ensure", "Guarantee", "Consider", "Take measures to"]


def rows(count: int, seed: int = 11):
    rng = random.Random(seed)
    for n in range(count):
        body = rng.choice(BODIES)
        upr = body == "UPR"
        country = COUNTRIES[n % len(COUNTRIES)]
        text = f"{100 + n // 1000}.{n % 1000} {rng.choice(VERBS)} measure number {n} on {rng.choice(THEMES).lower()}"
        yield [
            text + (f" ({rng.choice(COUNTRIES)});" if upr else "."),
            f"- {country}",
            f"- {body}",
            f"- {'A/HRC' if upr else body}/{40 + n % 15}/{n % 50}",
            "\n".join(f"- {t}" for t in rng.sample(THEMES, 2)),
            f"- {rng.choice(GROUPS)}",
            f"- {rng.choice(SDGS)}",
            45047 - n % 3000,
            f"- {rng.choice(COUNTRIES)}" if upr else "",
            f"- {rng.choice(['Supported', 'Noted'])}" if upr else "",
            "- Recommendations",
            f"b{n:07d}-0000-4000-8000-000000000000",
            f"- {30 + n % 14}" if upr else "",
            "- WEOG",
            "",
            45100.5,
        ]


def write_xlsx(path: Path, count: int) -> None:
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("Export")
    sheet.append(HEADERS)
    for row in rows(count):
        sheet.append(row)
    workbook.save(path)


def manage(folder: Path, *args: str) -> float:
    """Run a management command against the benchmark database; its wall-clock seconds."""
    db = connection.settings_dict
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "nmirf.settings_test",
        "DATABASE_URL": f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
        "PRIVATE_MEDIA_ROOT": str(folder / "private"),
    }
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )  # fmt: skip
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"{args[0]} failed: {result.stderr[-2000:]}{result.stdout[-2000:]}")
    return elapsed


def run_import(path: Path) -> float:
    return manage(path.parent, "import_recommendations", str(path), "--state", "all")


def bulk_seconds(count: int) -> float:
    """Set the lead institution of `count` recommendations as the workspace's bulk action does."""
    institution = Institution.objects.create(name="Bench ministry", name_en="Bench ministry")
    ids = list(Recommendation.objects.order_by("pk").values_list("pk", flat=True)[:count])
    assert len(ids) == count, len(ids)
    start = time.perf_counter()
    result = recommendations_bulk_change(
        user=None,
        recommendations=Recommendation.objects.filter(pk__in=ids),
        action=BulkAction.SET_LEAD,
        value=institution,
    )
    elapsed = time.perf_counter() - start
    assert result.changed == count and result.batch.entries.count() == count
    return elapsed


def copy_seconds(count: int) -> float:
    buffer = io.StringIO()
    for row in rows(count):
        buffer.write(
            "\t".join(
                str(value).replace("\\", "\\\\").replace("\n", "\\n").replace("\t", " ") for value in row
            )
            + "\n"
        )
    data = buffer.getvalue()
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMPORARY TABLE bench_copy (" + ", ".join(f"c{i} text" for i in range(16)) + ")"
        )
        start = time.perf_counter()
        with cursor.copy("COPY bench_copy FROM STDIN") as copy:
            copy.write(data)
        elapsed = time.perf_counter() - start
        cursor.execute("DROP TABLE bench_copy")
    return elapsed


def run(*, scale: float) -> None:
    count = max(500, int(100_000 * scale))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "uhri-export.xlsx"
        write_xlsx(path, count)
        existing = Recommendation.objects.count()
        first = run_import(path)
        assert Recommendation.objects.count() == existing + count, Recommendation.objects.count()
        peak_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        again = run_import(path)
        copy = copy_seconds(count)
        start = time.perf_counter()
        for _chunk in export_response("csv", Recommendation.objects.all(), "bench").streaming_content:
            pass
        export = time.perf_counter() - start
        batch = ImportBatch.objects.filter(file_name=path.name).order_by("pk").first()
        undo = manage(path.parent, "import_undo", str(batch.pk))
        assert Recommendation.objects.count() == existing, Recommendation.objects.count()
    bulk = bulk_seconds(max(200, int(20_000 * scale)))
    print(f"BENCH import_100k_seconds {first:.1f} s", flush=True)
    print(f"BENCH import_100k_peak_mib {peak_mib:.0f} MiB", flush=True)
    print(f"BENCH import_vs_copy_ratio {first / copy:.0f} x", flush=True)
    print(f"BENCH reimport_100k_seconds {again:.1f} s", flush=True)
    print(f"BENCH export_100k_seconds {export:.1f} s", flush=True)
    print(f"BENCH import_undo_100k_seconds {undo:.1f} s", flush=True)
    print(f"BENCH bulk_20k_seconds {bulk:.1f} s", flush=True)
