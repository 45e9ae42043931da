"""Loading the 2030 Agenda framework: the shipped codes and short titles, and the official texts.

`sdg_load_shipped` upserts every goal, target and indicator from `sdg/data/framework.json` with the
project's own short titles. `sdg_load_official_texts` reads a checkout of the official texts in the
open-sdg translations layout (`<lang>/global_goals.yml`, `global_targets.yml`, `global_indicators.yml`)
and sets the official titles in every language it finds. Both are idempotent and never blank a text
that is already there.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from django.db import models, transaction
from modeltranslation.settings import AVAILABLE_LANGUAGES
from modeltranslation.utils import build_localized_fieldname

from sdg.models import Goal, Indicator, Target

FRAMEWORK_PATH = Path(__file__).resolve().parent / "data" / "framework.json"

# The project's own short titles are written in this language; the official short goal names of the
# other languages replace the shipped translations, never the English ones.
SHIPPED_LANGUAGE = "en"

SOURCE_FILES: dict[str, str] = {
    "goal": "global_goals.yml",
    "target": "global_targets.yml",
    "indicator": "global_indicators.yml",
}
MODELS: dict[str, type[models.Model]] = {"goal": Goal, "target": Target, "indicator": Indicator}
# Key suffix in the open-sdg files -> model field it fills.
SOURCE_ATTRIBUTES = {"title": "title", "short": "short_title"}


class SdgSourceError(Exception):
    """The official texts cannot be read; the message says why in one line."""


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def __str__(self) -> str:
        return f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged"


@dataclass
class LoadResult:
    """What one loading step did: counts per kind or per language, and what it skipped."""

    step: str
    counts: dict[str, Counts] = field(default_factory=dict)
    unknown_codes: list[str] = field(default_factory=list)
    missing_files: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return any(c.created or c.updated for c in self.counts.values())

    def summary(self) -> str:
        line = f"{self.step}: " + "; ".join(f"{key} {counts}" for key, counts in self.counts.items())
        if self.unknown_codes:
            shown = ", ".join(self.unknown_codes[:10])
            more = f" and {len(self.unknown_codes) - 10} more" if len(self.unknown_codes) > 10 else ""
            line += f"; {len(self.unknown_codes)} unknown codes skipped ({shown}{more})"
        if self.missing_files:
            line += f"; missing files: {', '.join(self.missing_files)}"
        return line

    def __str__(self) -> str:
        return self.summary()


# Shipped framework --------------------------------------------------------------------------------


def _upsert(
    model: type[models.Model],
    *,
    rows: dict[str, dict[str, Any]],
    fill_blank_only: Iterable[str] = (),
) -> Counts:
    """Create missing rows by code and update changed values, in bulk.

    Fields named in `fill_blank_only` are written only where the row has no value yet, so that texts
    loaded from the official source are kept.
    """
    keep_existing = set(fill_blank_only)
    existing = {obj.code: obj for obj in model.objects.filter(code__in=rows)}
    counts = Counts()
    new: list[models.Model] = []
    changed: list[models.Model] = []
    for code, values in rows.items():
        obj = existing.get(code)
        if obj is None:
            new.append(model(code=code, **values))
            counts.created += 1
            continue
        dirty = False
        for name, value in values.items():
            current = getattr(obj, name)
            if current == value or (name in keep_existing and current):
                continue
            setattr(obj, name, value)
            dirty = True
        if dirty:
            changed.append(obj)
            counts.updated += 1
        else:
            counts.unchanged += 1
    model.objects.bulk_create(new, batch_size=500)
    if changed:
        field_names = sorted({name for values in rows.values() for name in values})
        model.objects.bulk_update(changed, field_names, batch_size=500)
    return counts


def _codes_to_pk(model: type[models.Model]) -> dict[str, int]:
    return dict(model.objects.values_list("code", "pk"))


@transaction.atomic
def sdg_load_shipped(*, path: Path = FRAMEWORK_PATH) -> LoadResult:
    """Upsert the 17 goals, 169 targets and every indicator with their codes, order and short titles.

    Official titles are never touched; translated goal short titles are only filled where empty.
    """
    data = json.loads(path.read_text(encoding="utf-8"))
    result = LoadResult(step="shipped framework")

    goal_rows: dict[str, dict[str, Any]] = {}
    for goal in data["goals"]:
        values: dict[str, Any] = {"number": goal["number"]}
        for lang, text in goal["short_title"].items():
            values[build_localized_fieldname("short_title", lang)] = text
        goal_rows[goal["code"]] = values
    other_languages = [
        build_localized_fieldname("short_title", lang)
        for lang in AVAILABLE_LANGUAGES
        if lang != SHIPPED_LANGUAGE
    ]
    result.counts["goals"] = _upsert(Goal, rows=goal_rows, fill_blank_only=other_languages)

    goal_pks = _codes_to_pk(Goal)
    english = build_localized_fieldname("short_title", SHIPPED_LANGUAGE)
    result.counts["targets"] = _upsert(
        Target,
        rows={
            t["code"]: {"goal_id": goal_pks[t["goal"]], "order": t["order"], english: t["short_title"]}
            for t in data["targets"]
        },
    )

    target_pks = _codes_to_pk(Target)
    result.counts["indicators"] = _upsert(
        Indicator,
        rows={
            i["code"]: {"target_id": target_pks[i["target"]], "order": i["order"], english: i["short_title"]}
            for i in data["indicators"]
        },
    )
    return result


# Official texts (open-sdg translations layout) -----------------------------------------------------


def _language_folders(source_dir: Path) -> dict[str, Path]:
    """The folder of each configured language in `source_dir` (or in its `translations/` folder)."""
    if not source_dir.is_dir():
        raise SdgSourceError(f"SDG source directory not found: {source_dir}")
    for base in (source_dir, source_dir / "translations"):
        if not base.is_dir():
            continue
        folders = {path.name.casefold(): path for path in base.iterdir() if path.is_dir()}
        found = {lang: folders[lang.casefold()] for lang in AVAILABLE_LANGUAGES if lang.casefold() in folders}
        if found:
            return found
    expected = ", ".join(AVAILABLE_LANGUAGES)
    raise SdgSourceError(f"no language folder ({expected}) found in {source_dir}")


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        content = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or type(exc).__name__
        raise SdgSourceError(f"bad YAML in {path}{where}: {problem}") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise SdgSourceError(f"cannot read {path}: {exc}") from exc
    if content is None:
        return {}
    if not isinstance(content, dict):
        raise SdgSourceError(f"bad YAML in {path}: expected keys such as '1-title', not a list or text")
    return content


def _read_source(folders: dict[str, Path]) -> tuple[dict[str, dict[str, dict[str, Any]]], list[str]]:
    """Every file's content by language and kind, read before anything is written; and the missing."""
    texts: dict[str, dict[str, dict[str, Any]]] = {}
    missing: list[str] = []
    for lang, folder in folders.items():
        for kind, filename in SOURCE_FILES.items():
            path = folder / filename
            if path.is_file():
                texts.setdefault(lang, {})[kind] = _read_yaml(path)
            else:
                missing.append(f"{folder.name}/{filename}")
    if not texts:
        raise SdgSourceError(f"no {', '.join(SOURCE_FILES.values())} in the language folders")
    return texts, missing


def _entries(content: dict[str, Any]) -> Iterable[tuple[str, str, str]]:
    """(code, attribute, text) for each key such as `16-3-title` with a non-empty text."""
    for key, value in content.items():
        stem, _sep, suffix = str(key).rpartition("-")
        text = "" if value is None else str(value).strip()
        if stem and suffix in SOURCE_ATTRIBUTES and text:
            yield stem.replace("-", "."), SOURCE_ATTRIBUTES[suffix], text


@transaction.atomic
def sdg_load_official_texts(*, source_dir: Path) -> LoadResult:
    """Set the official titles (and the goals' official short names) in every language found.

    Counts are per language and per text: `created` when the text was empty, `updated` when it
    differed. Codes that are not in the database are reported in `unknown_codes`, not created.
    """
    texts, missing = _read_source(_language_folders(source_dir))
    result = LoadResult(step=f"official texts from {source_dir}", missing_files=missing)
    objects = {kind: {obj.code: obj for obj in model.objects.all()} for kind, model in MODELS.items()}
    unknown: set[tuple[str, str]] = set()
    for lang, contents in texts.items():
        counts = result.counts.setdefault(lang, Counts())
        for kind, content in contents.items():
            changed: dict[str, models.Model] = {}
            fields: set[str] = set()
            for code, attribute, text in _entries(content):
                if attribute == "short_title" and (kind != "goal" or lang == SHIPPED_LANGUAGE):
                    continue
                obj = objects[kind].get(code)
                if obj is None:
                    unknown.add((kind, code))
                    continue
                name = build_localized_fieldname(attribute, lang)
                current = getattr(obj, name)
                if current == text:
                    counts.unchanged += 1
                    continue
                if current:
                    counts.updated += 1
                else:
                    counts.created += 1
                setattr(obj, name, text)
                changed[code] = obj
                fields.add(name)
            if changed:
                MODELS[kind].objects.bulk_update(list(changed.values()), sorted(fields), batch_size=500)
    result.unknown_codes = [f"{kind} {code}" for kind, code in sorted(unknown, key=_unknown_sort_key)]
    return result


def _unknown_sort_key(item: tuple[str, str]) -> tuple[int, list[tuple[int, int, str]]]:
    """Goals, then targets, then indicators; codes in official order (16.9 before 16.10 before 16.a)."""
    kind, code = item
    parts = [(0, int(part), "") if part.isdigit() else (1, 0, part) for part in code.split(".")]
    return list(MODELS).index(kind), parts
