"""A national language is added by one setting and modeltranslation's field sync (README)."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHECK = """
import django
django.setup()
from django.test import Client
from recommendations.models import Country, Mechanism, Recommendation
rec = Recommendation.objects.create(
    state=Country.objects.get(code="PRT"), mechanism=Mechanism.objects.get(code="UPR"),
    text_en="Protect the rights of older persons (Brazil);",
    text_pt="Proteger os direitos das pessoas idosas (Brasil);", original_language="en")
from django.utils import translation
with translation.override("pt"):
    print(Recommendation.objects.get(pk=rec.pk).text)
html = Client().get("/pt/").content.decode()
print('lang="pt"' in html, 'hreflang="pt"' in html)
"""


def test_adding_portuguese(tmp_path):
    env = {key: value for key, value in os.environ.items() if key not in {"DATABASE_URL", "REDIS_URL"}}
    env |= {
        "DJANGO_SETTINGS_MODULE": "nmirf.settings",
        "DEBUG": "true",
        "ALLOWED_HOSTS": "testserver",
        "SQLITE_PATH": str(tmp_path / "national.sqlite3"),
        "NMIRF_EXTRA_LANGUAGES": "pt:Português",
    }

    def run(*args: str) -> str:
        result = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
        assert result.returncode == 0, result.stderr[-2000:]
        return result.stdout

    run(sys.executable, "manage.py", "migrate", "--no-input", "-v0")
    run(sys.executable, "manage.py", "sync_translation_fields", "--noinput")
    output = run(sys.executable, "-c", CHECK).splitlines()
    assert output[-2:] == ["Proteger os direitos das pessoas idosas (Brasil);", "True True"]
