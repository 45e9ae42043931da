"""manage.py generate_report: each kind on the demo data gives a report of several pages; bad arguments
are refused with a one-line reason."""

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from docx import Document
from pypdf import PdfReader

from focalpoints.models import Institution
from nmirf.demo.loader import demo_load

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent.parent


def test_each_kind_on_the_demo_data(tmp_path, settings):
    settings.NMIRF_STATE = "XVD"
    demo_load(password="a-demo-password-for-tests")
    justice = Institution.objects.get(acronym="MOJ")
    runs = {
        "parliament.pdf": ["parliament"],
        "upr.pdf": ["mechanism"],
        "upr-fr.docx": ["mechanism", "--language", "fr"],
        "crc.pdf": ["mechanism", "--mechanism", "CRC", "--variant", "followup", "--language", "ar"],
        "justice.pdf": [
            "institution",
            "--institution",
            str(justice.pk),
            "--period",
            "2024-01-01..2026-12-31",
        ],
    }
    for name, arguments in runs.items():
        out = io.StringIO()
        call_command("generate_report", *arguments, "--output", str(tmp_path / name), stdout=out)
        assert "pages written to" in out.getvalue()
    for name in ("parliament.pdf", "upr.pdf", "crc.pdf", "justice.pdf"):
        pages = PdfReader(tmp_path / name).pages
        assert len(pages) >= 4, name
    assert len(PdfReader(tmp_path / "parliament.pdf").pages) >= 20
    upr = " ".join(page.extract_text() for page in PdfReader(tmp_path / "upr.pdf").pages)
    assert "A/HRC/54/15, para. 118." in upr
    document = Document(tmp_path / "upr-fr.docx")
    assert sum(p.style.name.startswith("Heading") for p in document.paragraphs) > 10


@pytest.mark.parametrize(
    ("arguments", "reason"),
    [
        (["mechanism", "--mechanism", "NOPE"], "unknown mechanism 'NOPE'"),
        (["parliament", "--period", "2025-13-01..2025-12-31"], "--period must look like"),
        (["parliament", "--period", "2025-12-31..2025-01-01"], "--period ends before it starts"),
        (["institution"], "an institution report needs --institution ID"),
        (["institution", "--institution", "999999"], "unknown institution 999999"),
        (["parliament", "--language", "xx"], "unknown language 'xx'"),
        (["parliament", "--output", "report.txt"], "--output must end in .pdf or .docx"),
        (["parliament", "--output", "report.docx"], "only a report to a mechanism is written as DOCX"),
        (["mechanism", "--mechanism", "CRC", "--cycle", "2"], "Only the UPR has cycles."),
    ],
)
def test_bad_arguments_are_refused(arguments, reason):
    with pytest.raises(CommandError, match=reason.replace("(", r"\(").replace("?", r"\?")):
        call_command("generate_report", *arguments)


def test_a_refusal_is_one_line_without_traceback():
    result = subprocess.run(
        [sys.executable, "manage.py", "generate_report", "parliament", "--period", "yesterday"],
        cwd=ROOT, capture_output=True, text=True, check=False,
        env=os.environ | {"DJANGO_SETTINGS_MODULE": "nmirf.settings_test"},
    )  # fmt: skip
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [
        "CommandError: --period must look like 2025-01-01..2025-12-31, not 'yesterday'"
    ]
