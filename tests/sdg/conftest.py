"""Fixtures of the SDG tests: the shipped framework in the database and a small open-sdg source."""

from collections.abc import Callable
from pathlib import Path

import pytest

from sdg.services import sdg_load_shipped

# A few keys of each file, in four languages, with made-up texts; plus codes that do not exist.
OPEN_SDG_FILES = {
    "en/global_goals.yml": "16-short: EN short name of goal 16\n16-title: EN title of goal 16\n",
    "en/global_targets.yml": (
        "16-3-title: EN title of target 16.3\n"
        "16-10-title: EN title of target 16.10\n"
        "1-a-title: EN title of target 1.a,\n  folded over two lines\n"
        "99-1-title: EN title of a target that does not exist\n"
    ),
    "en/global_indicators.yml": (
        "1-a-3-title: EN title of indicator 1.a.3\n"
        "16-10-2-title: EN title of indicator 16.10.2\n"
        "18-1-1-title: EN title of an indicator that does not exist\n"
    ),
    "fr/global_goals.yml": "16-short: Nom court officiel FR\n16-title: Titre FR de l’objectif 16\n",
    "fr/global_targets.yml": "16-3-title: Titre FR de la cible 16.3\n",
    "ar/global_targets.yml": "16-3-title: عنوان الغاية 16.3\n",
    "zh-Hans/global_indicators.yml": "1-a-3-title: 指标 1.a.3 的标题\n",
    "pt/global_goals.yml": "16-title: not a configured language\n",
}


def _write_open_sdg(base: Path, files: dict[str, str]) -> Path:
    for name, content in files.items():
        path = base / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
    return base


@pytest.fixture
def write_open_sdg() -> Callable[[Path, dict[str, str]], Path]:
    """Writes files (name relative to a base folder -> content) and returns the base folder."""
    return _write_open_sdg


@pytest.fixture
def open_sdg_source(tmp_path: Path) -> Path:
    return _write_open_sdg(tmp_path / "translations-checkout", OPEN_SDG_FILES)


@pytest.fixture
def shipped(db):
    return sdg_load_shipped()


@pytest.fixture(autouse=True)
def empty_framework(db):
    """These tests start from empty SDG tables (the suite's database has the shipped framework)."""
    from sdg.models import Goal

    Goal.objects.all().delete()
