"""Every interface string is translated into the five other UN languages (DESIGN.md, Languages)."""

import gettext
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ["ar", "es", "fr", "ru", "zh_Hans"]
PROBE = "xx"  # a scratch locale that collects every msgid of the source, then is removed


def catalog(po: Path, tmp_path: Path, *, check: bool = True) -> dict:
    mo = tmp_path / (po.stem + po.parent.parent.name + ".mo")
    subprocess.run(["msgfmt", *(["--check"] if check else []), "-o", str(mo), str(po)], check=True)
    with mo.open("rb") as handle:
        return gettext.GNUTranslations(handle)._catalog


def source_msgids(tmp_path: Path) -> set:
    probe_dir = ROOT / "locale" / PROBE
    try:
        subprocess.run(
            [sys.executable, "manage.py", "makemessages", "-l", PROBE, "--ignore=.venv", "--ignore=node_modules",
             "--ignore=tests", "--ignore=bench", "--settings=nmirf.settings_test", "-v0"],
            cwd=ROOT, check=True, capture_output=True,
        )  # fmt: skip
        po = probe_dir / "LC_MESSAGES" / "django.po"
        text = po.read_text(encoding="utf-8").replace("#, fuzzy\n", "", 1)
        text = text.replace("nplurals=INTEGER; plural=EXPRESSION;", "nplurals=2; plural=(n != 1);")
        (tmp_path / "probe.po").write_text(text, encoding="utf-8")
        subprocess.run(["msgen", "-o", str(tmp_path / "probe-en.po"), str(tmp_path / "probe.po")], check=True)
        return {
            key if isinstance(key, str) else key[0]
            for key in catalog(tmp_path / "probe-en.po", tmp_path, check=False)
        }
    finally:
        shutil.rmtree(probe_dir, ignore_errors=True)


def test_every_string_is_translated_in_every_language(tmp_path):
    wanted = source_msgids(tmp_path) - {""}
    assert len(wanted) > 100
    for language in LANGUAGES:
        translated = catalog(ROOT / "locale" / language / "LC_MESSAGES" / "django.po", tmp_path)
        present = {key if isinstance(key, str) else key[0] for key, value in translated.items() if value}
        missing = sorted(wanted - present)
        assert not missing, f"{language}: {len(missing)} untranslated, e.g. {missing[:5]}"
