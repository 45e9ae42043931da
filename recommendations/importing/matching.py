"""Values in files matched to the database's rows: countries, mechanisms, themes, groups, SDG codes.

Matching ignores case, accents, spacing and punctuation, and knows every language's name of a row.
Values that match nothing are counted so the preview can list them; the administrator's decisions
(`resolutions`: map to an existing row, create a new one, or ignore) are applied here too.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable

from django.conf import settings
from django.db import models

from recommendations.models import ConcernedGroup, Country, Mechanism, Theme
from sdg.models import Goal, Target
from sdg.selectors import parse_sdg_code

_PUNCTUATION = re.compile(r"[\W_]+")

KINDS = ("state", "mechanism", "theme", "group", "sdg")
IGNORE = "ignore"
CREATE = "create"


def fold(value: str) -> str:
    """A value reduced for comparison: accents, case, punctuation and spacing removed."""
    decomposed = unicodedata.normalize("NFKD", value)
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _PUNCTUATION.sub(" ", stripped.casefold()).strip()


def _name_fields(model: type[models.Model]) -> list[str]:
    return [f"name_{code.replace('-', '_')}" for code, _label in settings.LANGUAGES]


def _lookup(model: type[models.Model], *, aliases: bool = False) -> dict[str, int]:
    table: dict[str, int] = {}
    short: dict[str, set[int]] = {}  # "Bolivia" for "Bolivia (Plurinational State of)", if only one State
    for row in model.objects.values("pk", "code", *_name_fields(model)):
        pk = row.pop("pk")
        for value in row.values():
            if not value:
                continue
            names = [value]
            if aliases and (forms := _aliases(value)):
                names += forms
                short.setdefault(fold(forms[0].split(" (")[0]), set()).add(pk)
            for name in names:
                table.setdefault(fold(name), pk)
    for name, pks in short.items():
        if len(pks) == 1:
            table.setdefault(name, pks.pop())
    return table


_PARENTHESIS = re.compile(r"^(?P<head>[^(]+?)\s*\((?P<tail>[^)]+)\)$")


def _aliases(name: str) -> list[str]:
    """Other ways lists write a State's name: "Bolivia (Plurinational State of)", "Bolivia, Plurinational
    State of" and "Plurinational State of Bolivia" are one State."""
    if ", " in name:
        head, tail = name.split(", ", 1)
    elif match := _PARENTHESIS.match(name):
        head, tail = match["head"], match["tail"]
    else:
        return []
    return [f"{head} ({tail})", f"{head}, {tail}", f"{tail} {head}"]


class Matcher:
    """Resolves raw values to ids; remembers those it could not resolve."""

    def __init__(self, resolutions: dict[str, dict[str, str]] | None = None) -> None:
        # Decisions are kept under the value as the file spells it; matched here ignoring case and accents.
        self.resolutions = resolutions or {}
        self._decisions = {
            kind: {fold(raw): decision for raw, decision in decisions.items()}
            for kind, decisions in self.resolutions.items()
        }
        self.tables = {
            "state": _lookup(Country, aliases=True),
            "mechanism": _lookup(Mechanism),
            "theme": _lookup(Theme),
            "group": _lookup(ConcernedGroup),
        }
        self.goals = dict(Goal.objects.values_list("code", "pk"))
        self.targets = dict(Target.objects.values_list("code", "pk"))
        self.unknown: dict[str, Counter[str]] = {kind: Counter() for kind in KINDS}

    def decision(self, kind: str, raw: str) -> str | None:
        return self._decisions.get(kind, {}).get(fold(raw))

    def one(self, kind: str, raw: str) -> int | None:
        """The id for `raw`, applying a decision of the administrator; None if unknown or ignored."""
        if not raw.strip():
            return None
        found = self.tables[kind].get(fold(raw))
        if found is not None:
            return found
        decision = self.decision(kind, raw)
        if decision and decision.isdigit():
            return int(decision)
        if decision not in (IGNORE, CREATE):
            self.unknown[kind][raw.strip()] += 1
        return None

    def many(self, kind: str, values: Iterable[str]) -> set[int]:
        return {pk for pk in (self.one(kind, value) for value in values) if pk is not None}

    def sdgs(self, labels: Iterable[str]) -> tuple[set[int], set[int]]:
        """Goals and targets named by SDG labels ("5", "SDG 5", "16.3 - …"); an indicator names its target."""
        goals, targets = set(), set()
        for label in labels:
            parsed = parse_sdg_code(label)
            if parsed is None:
                if label.strip():
                    self.unknown["sdg"][label.strip()] += 1
                continue
            level, code = parsed
            if level == "goal" and code in self.goals:
                goals.add(self.goals[code])
            elif level in ("target", "indicator"):
                target = code if level == "target" else code.rsplit(".", 1)[0]
                if target in self.targets:
                    targets.add(self.targets[target])
                    goals.add(self.goals[target.split(".")[0]])
                else:
                    self.unknown["sdg"][label.strip()] += 1
            else:
                self.unknown["sdg"][label.strip()] += 1
        return goals, targets

    def creations(self) -> dict[str, list[str]]:
        """Raw values the administrator chose to create, by kind."""
        return {
            kind: [raw for raw, decision in self.resolutions.get(kind, {}).items() if decision == CREATE]
            for kind in ("mechanism", "theme", "group")
        }
