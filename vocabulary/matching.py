"""What an import knows beyond the database's exact names, for one source format.

In this order: the decisions remembered for the format (`VocabularyMapping`), the shipped crosswalk
(UPR Info's issues to UHRI themes and groups, `data/uprinfo_crosswalk.csv`), and the UHRI names
written another way ("&" or "and", punctuation, case, a trailing "- general"). Values still unknown get
a suggestion: the nearest name of their list with its similarity (rapidfuzz), or none.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from rapidfuzz import fuzz, process

from recommendations.importing.matching import IGNORE, fold, state_key, state_names
from recommendations.models import ConcernedGroup, Country, Mechanism, Theme
from sdg.models import Target
from vocabulary.models import VocabularyMapping

CROSSWALK = Path(__file__).resolve().parent / "data" / "uprinfo_crosswalk.csv"
CROSSWALK_FORMAT = "uprinfo"
NEAR = 80  # the least similarity (%) at which a name is offered as the default decision
TARGET_MODELS: dict[str, type[models.Model]] = {
    "state": Country,
    "mechanism": Mechanism,
    "theme": Theme,
    "group": ConcernedGroup,
    "sdg": Target,
}
_GENERAL = re.compile(r"(?:\s+general)+$")

# How a value was matched, as the preview says it.
REMEMBERED = "remembered"
CROSSWALK_ORIGIN = "crosswalk"
SAME_NAME = "same_name"
GROUP_AS_THEME = "group_as_theme"


def vocabulary_key(value: str) -> str:
    """A value reduced for comparison: as `fold`, with "&" read as "and" and a trailing "- general" gone."""
    key = fold(value.replace("&", " and "))
    return _GENERAL.sub("", key) or key


def kind_key(kind: str, value: str) -> str:
    """The key of a value in its list: States also read "Korea, Republic of" as "Republic of Korea"."""
    return state_key(value) if kind == "state" else vocabulary_key(value)


def target_label(kind: str, target_id: int | None) -> str:
    obj = TARGET_MODELS[kind]._default_manager.filter(pk=target_id).first() if target_id else None
    return str(obj) if obj else ""


def _name_fields() -> list[str]:
    return [f"name_{code.replace('-', '_')}" for code, _label in settings.LANGUAGES]


def names_by_key(kind: str) -> dict[str, int]:
    """Every name (in every language) and code of the rows of a list, by `vocabulary_key`."""
    if kind == "state":
        ids = dict(Country.objects.values_list("code", "pk"))
        return {key: ids[code] for key, code in state_names().names.items() if code in ids}
    model = TARGET_MODELS[kind]
    fields = ["code", *_name_fields()] if kind != "sdg" else ["code"]
    table: dict[str, int] = {}
    for row in model._default_manager.values("pk", *fields):
        pk = row.pop("pk")
        for value in row.values():
            if value:
                table.setdefault(vocabulary_key(value), pk)
    return table


@dataclass(frozen=True)
class CrosswalkEntry:
    theme: int | None
    group: int | None


def _crosswalk_rows(path: Path) -> list[tuple[int, str, str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        if next(reader, None) != ["issue", "theme", "group"]:
            raise ImproperlyConfigured(f"{path.name}: the first row must be the header “issue,theme,group”.")
        return [(line, *row) for line, row in enumerate(reader, start=2)]  # type: ignore[misc]


def load_crosswalk(path: Path = CROSSWALK) -> dict[str, CrosswalkEntry]:
    """UPR Info's issues (by `vocabulary_key`) to theme and group ids.

    A code this database no longer has reads as nothing (the issue is then asked about); the shipped
    file's codes are checked against the seeded vocabulary by the tests.
    """
    themes = dict(Theme.objects.values_list("code", "pk"))
    groups = dict(ConcernedGroup.objects.values_list("code", "pk"))
    table: dict[str, CrosswalkEntry] = {}
    for line, issue, theme, group in _crosswalk_rows(path):
        key = vocabulary_key(issue)
        if key in table:
            raise ImproperlyConfigured(f"{path.name}, row {line}: “{issue}” is listed twice.")
        table[key] = CrosswalkEntry(themes.get(theme), groups.get(group))
    return table


class Vocabulary:
    """The decisions an import takes without asking, for one source format; it notes those it took."""

    def __init__(self, source_format: str) -> None:
        self.source_format = source_format
        self.remembered: dict[tuple[str, str], VocabularyMapping] = {
            (mapping.kind, mapping.key): mapping
            for mapping in VocabularyMapping.objects.filter(source_format=source_format)
        }
        self.crosswalk = load_crosswalk() if source_format == CROSSWALK_FORMAT else {}
        self.names = {kind: names_by_key(kind) for kind in ("mechanism", "theme", "group")}
        self.applied: Counter[tuple[str, str, str, str]] = Counter()

    def decision(self, kind: str, raw: str) -> str | None:
        """The id (as text) or "ignore" that `raw` takes without asking, else None (it is asked)."""
        key = kind_key(kind, raw)
        found: tuple[str, str] | None = None
        mapping = self.remembered.get((kind, key))
        if mapping is not None and mapping.decision != VocabularyMapping.Decision.CREATE:
            target = str(mapping.target_id) if mapping.decision == VocabularyMapping.Decision.MAP else IGNORE
            found = (REMEMBERED, target)
        elif kind == "theme" and (entry := self.crosswalk.get(key)) and (entry.theme or entry.group):
            # An issue that names a group only ("Migrants") is read as that group, and as no theme.
            found = (CROSSWALK_ORIGIN, str(entry.theme) if entry.theme else IGNORE)
        elif kind in self.names and key in self.names[kind]:
            found = (SAME_NAME, str(self.names[kind][key]))
        elif kind == "theme" and key in self.names["group"]:
            # OHCHR matrices list concerned groups among their themes ("Migrants", "Members of
            # minorities"): read as that group (see `groups`), and as no theme.
            self.applied[("group", raw.strip(), GROUP_AS_THEME, str(self.names["group"][key]))] += 1
            return IGNORE
        if found is None:
            return None
        self.applied[(kind, raw.strip(), *found)] += 1
        return found[1]

    def groups(self, themes: list[str]) -> set[int]:
        """The concerned groups a row's themes name: through the crosswalk ("Women's rights": women) or
        by a group's own name given as a theme (matrices: "Migrants")."""
        keys = [vocabulary_key(value) for value in themes]
        entries = (self.crosswalk.get(key) for key in keys)
        found = {entry.group for entry in entries if entry and entry.group}
        # A group named among the themes (matrices), unless a theme of that name exists.
        return found | {
            self.names["group"][key]
            for key in keys
            if key in self.names["group"] and key not in self.names["theme"]
        }

    def to_create(self, kind: str, raw: str) -> bool:
        """Whether an earlier decision says to create this value (the preview then defaults to it)."""
        mapping = self.remembered.get((kind, kind_key(kind, raw)))
        return mapping is not None and mapping.decision == VocabularyMapping.Decision.CREATE


def nearest(kind: str, raw: str, table: dict[str, int] | None = None) -> tuple[int, int] | None:
    """The id of the name of the list nearest to `raw` and its similarity in %, if at least `NEAR`."""
    table = table if table is not None else names_by_key(kind)
    if not table:
        return None
    found = process.extractOne(kind_key(kind, raw), list(table), scorer=fuzz.ratio, score_cutoff=NEAR)
    if found is None:
        return None
    key, score, _index = found
    return table[key], int(score)


def vocabulary_report(
    vocabulary: Vocabulary | None, unknown: dict[str, Counter[str]], samples: dict[str, dict[str, list[int]]]
) -> dict:
    """What the preview shows of the vocabulary: the values decided without asking (how, and to what),
    and for each unknown value its sample rows and default decision (the nearest name, or create)."""
    applied = []
    if vocabulary is not None:
        for (kind, raw, origin, target), count in sorted(vocabulary.applied.items()):
            label = "" if target == IGNORE else target_label(kind, int(target))
            applied.append(
                {
                    "kind": kind,
                    "value": raw,
                    "origin": origin,
                    "target": target,
                    "label": label,
                    "count": count,
                }
            )
    suggested: dict[str, dict[str, dict]] = {}
    for kind, counter in unknown.items():
        if not counter:
            continue
        table = names_by_key(kind) if kind in TARGET_MODELS else {}
        for raw in counter:
            near = None if vocabulary and vocabulary.to_create(kind, raw) else nearest(kind, raw, table)
            suggested.setdefault(kind, {})[raw] = {
                "samples": samples.get(kind, {}).get(raw, []),
                "target": near[0] if near else None,
                "label": target_label(kind, near[0]) if near else "",
                "score": near[1] if near else None,
            }
    return {"applied": applied, "suggested": suggested}
