"""Values in files matched to the database's rows: countries, mechanisms, themes, groups, SDG codes.

Matching ignores case, accents, spacing and punctuation, and knows every language's name of a row.
States are also known by a shipped alias table (`state_names`): ISO and M49 codes, UN and ISO names in
the six languages, former names and UPR Info's spellings, read with "&" as "and" and in either word
order of "Republic of X" / "X, Republic of".
Values that match nothing are counted so the preview can list them; the administrator's decisions
(`resolutions`: map to an existing row, create a new one, or ignore) are applied here too.
"""

from __future__ import annotations

import csv
import functools
import gettext
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pycountry
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models

from recommendations.models import ConcernedGroup, Country, Mechanism, Theme
from recommendations.seed import DATA_DIR
from sdg.models import Goal, Target
from sdg.selectors import parse_sdg_code

_PUNCTUATION = re.compile(r"[\W_]+")

KINDS = ("state", "mechanism", "theme", "group", "sdg")
IGNORE = "ignore"
CREATE = "create"


@functools.lru_cache(maxsize=8192)
def fold(value: str) -> str:
    """A value reduced for comparison: accents, case, punctuation and spacing removed (cached: a file
    repeats its States, mechanisms and themes on every row)."""
    decomposed = unicodedata.normalize("NFKD", value)
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _PUNCTUATION.sub(" ", stripped.casefold()).strip()


def _name_fields(model: type[models.Model]) -> list[str]:
    return [f"name_{code.replace('-', '_')}" for code, _label in settings.LANGUAGES]


def _lookup(model: type[models.Model]) -> dict[str, int]:
    table: dict[str, int] = {}
    for row in model.objects.values("pk", "code", *_name_fields(model)):
        pk = row.pop("pk")
        for value in row.values():
            if value:
                table.setdefault(fold(value), pk)
    return table


class Matcher:
    """Resolves raw values to ids; remembers those it could not resolve."""

    def __init__(self, resolutions: dict[str, dict[str, str]] | None = None) -> None:
        # Decisions are kept under the value as the file spells it; matched here ignoring case and accents.
        self.resolutions = resolutions or {}
        self._decisions = {
            kind: {fold(raw): decision for raw, decision in decisions.items()}
            for kind, decisions in self.resolutions.items()
        }
        self.countries = dict(Country.objects.values_list("code", "pk"))
        self.tables = {
            "state": _lookup(Country),  # names only this database knows; the shipped ones: state_names()
            "mechanism": _lookup(Mechanism),
            "theme": _lookup(Theme),
            "group": _lookup(ConcernedGroup),
        }
        self.goals = dict(Goal.objects.values_list("code", "pk"))
        self.targets = dict(Target.objects.values_list("code", "pk"))
        self.unknown: dict[str, Counter[str]] = {kind: Counter() for kind in KINDS}
        # Up to two rows where each unknown value occurs; `row` is the row being read.
        self.samples: dict[str, dict[str, list[int]]] = {kind: {} for kind in KINDS}
        self.row = 0
        # What the import decides without asking (vocabulary.matching.Vocabulary), set once the format is known.
        self.vocabulary: Any = None

    def _unknown(self, kind: str, raw: str) -> None:
        value = raw.strip()
        self.unknown[kind][value] += 1
        rows = self.samples[kind].setdefault(value, [])
        if len(rows) < 2 and self.row and self.row not in rows:
            rows.append(self.row)

    def decision(self, kind: str, raw: str) -> str | None:
        return self._decisions.get(kind, {}).get(fold(raw))

    def one(self, kind: str, raw: str) -> int | None:
        """The id for `raw`, applying a decision of the administrator; None if unknown or ignored."""
        if not raw.strip() or (kind == "state" and no_state(raw)):
            return None
        found = self._state(raw) if kind == "state" else self.tables[kind].get(fold(raw))
        if found is not None:
            return found
        decision = (self.vocabulary and self.vocabulary.decision(kind, raw)) or self.decision(kind, raw)
        if decision and decision.isdigit():
            return int(decision)
        if decision not in (IGNORE, CREATE):
            self._unknown(kind, raw)
        return None

    def _state(self, raw: str) -> int | None:
        """A State by any of its shipped names or codes, else by a name only this database knows."""
        code = state_names().find(raw)
        found = self.countries.get(code) if code else None
        return found if found is not None else self.tables["state"].get(fold(raw))

    def many(self, kind: str, values: Iterable[str]) -> set[int]:
        return {pk for pk in (self.one(kind, value) for value in values) if pk is not None}

    def implied_groups(self, themes: list[str]) -> set[int]:
        """Concerned groups that a source's themes name (UPR Info's "Women's rights": women & girls)."""
        return self.vocabulary.groups(themes) if self.vocabulary else set()

    def sdgs(self, labels: Iterable[str]) -> tuple[set[int], set[int]]:
        """Goals and targets named by SDG labels ("5", "SDG 5", "16.3 - …"); an indicator names its target."""
        goals, targets = set(), set()
        for label in labels:
            parsed = parse_sdg_code(label)
            if parsed is None:
                if label.strip():
                    self._unknown("sdg", label)
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
                    self._unknown("sdg", label)
            else:
                self._unknown("sdg", label)
        return goals, targets

    def creations(self) -> dict[str, list[str]]:
        """Raw values the administrator chose to create, by kind."""
        return {
            kind: [raw for raw, decision in self.resolutions.get(kind, {}).items() if decision == CREATE]
            for kind in ("mechanism", "theme", "group")
        }


# --- States by any name ------------------------------------------------------------------------

STATE_ALIASES = DATA_DIR / "state_aliases.csv"
_PYCOUNTRY_LOCALES = ("ar", "es", "fr", "ru", "zh_CN")  # the other UN languages, as pycountry names them
_CODE = re.compile(r"[A-Za-z]{2,3}|[0-9]{1,3}")
_TAIL = re.compile(r"^(?P<head>[^,(]+?)\s*(?:,\s*(?P<comma>.+)|\((?P<paren>[^()]+)\))$")
_CONNECTORS = frozenset({"of", "de", "d", "du", "des", "del"})  # "Korea, Republic of", "Corée, République de"
_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "rep": "republic", "dem": "democratic"}
_NO_STATE = frozenset({"", "unknown", "n a", "none"})  # UPR Info writes "(Unknown)" for a missing State
_LONGEST_NAME = 200


def _state_words(text: str) -> list[str]:
    words = [_ABBREVIATIONS.get(word, word) for word in fold(text.replace("&", " and ")).split()]
    while words and words[0] == "the":
        words.pop(0)
    while words and words[-1] == "the":
        words.pop()
    return words


def _ends_with_connector(words: list[str]) -> bool:
    return bool(words) and (words[-1] in _CONNECTORS or words[-2:] in (["of", "the"], ["de", "la"]))


def state_key(name: str) -> str:
    """A State's name reduced for comparison: as `fold`, and "&" reads "and", "St." "Saint", a leading or
    trailing "the" goes, and "Korea, Republic of" or "Korea (Republic of)" reads "Republic of Korea"."""
    text = name.strip()
    match = _TAIL.match(text)
    if match and _ends_with_connector(_state_words(tail := match["comma"] or match["paren"])):
        text = f"{tail} {match['head']}"
    return " ".join(_state_words(text))


@functools.lru_cache(maxsize=4096)
def _state_keys(value: str) -> tuple[str, ...]:
    """The keys a written State name may have: its `state_key`, and for "Korea Republic of" (the comma
    lost) each turn of its words, since where the head ends is not known."""
    if len(value) > _LONGEST_NAME:
        return ()
    words = state_key(value).split()
    if not _ends_with_connector(words) or len(words) > 12:
        return (" ".join(words),)
    return tuple(" ".join(words[turn:] + words[:turn]) for turn in range(len(words)))


def _head(name: str) -> str:
    """The head of a name with a tail: "Bolivia" for "Bolivia (Plurinational State of)"."""
    match = _TAIL.match(name.strip())
    return state_key(match["head"]) if match else ""


@dataclass(frozen=True)
class StateNames:
    """Every shipped name and code of every State, each to one ISO 3166 alpha-3 code.

    `names` holds, by `state_key`: the UN names in the six languages (countries.json) and the hand-written
    aliases (state_aliases.csv: former names, common forms, UPR Info's spellings), which must never name two
    States; then pycountry's ISO names (short, official, common) in the UN languages, and the head of a
    name such as "Bolivia (Plurinational State of)", each only where no shipped name has the key and only
    one State claims it. `ambiguous` lists pycountry's keys that two States claim (matched to neither).
    `codes` holds alpha-3 and alpha-2 codes (upper case) and M49 numeric codes (without leading zeros).
    """

    codes: dict[str, str]
    names: dict[str, str]
    ambiguous: frozenset[str]

    def find(self, value: str) -> str | None:
        """The alpha-3 code of the State `value` names, or None."""
        text = value.strip()
        if _CODE.fullmatch(text):
            found = self.codes.get(str(int(text)) if text.isdigit() else text.upper())
            if found:
                return found
        return next((self.names[key] for key in _state_keys(text) if key in self.names), None)


def _alias_rows(path: Path) -> Iterator[tuple[int, str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        if next(reader, None) != ["alias", "alpha_3"]:
            raise ImproperlyConfigured(f"{path.name}: the first row must be the header “alias,alpha_3”.")
        for line, row in enumerate(reader, start=2):
            if len(row) != 2 or not row[0].strip():
                raise ImproperlyConfigured(f"{path.name}, row {line}: expected an alias and an alpha-3 code.")
            yield line, row[0], row[1].strip()


def _pycountry_names(country: Any, translations: list[gettext.NullTranslations]) -> Iterator[str]:
    """pycountry's English names of a country (short, official, common) and their translations."""
    english = [
        name
        for attribute in ("name", "official_name", "common_name")
        if (name := getattr(country, attribute, ""))
    ]
    yield from english
    for translation in translations:
        yield from (translation.gettext(name) for name in english)


def load_state_names(aliases: Path = STATE_ALIASES) -> StateNames:
    """The State alias table; ImproperlyConfigured, naming the rows, if a shipped name names two States."""
    countries = json.loads((DATA_DIR / "countries.json").read_text(encoding="utf-8"))
    known = {row["code"] for row in countries}
    names: dict[str, str] = {}
    origins: dict[str, str] = {}

    def claim(name: str, code: str, origin: str) -> None:
        key = state_key(name)
        if key and names.setdefault(key, code) != code:
            raise ImproperlyConfigured(
                f"{origin}: “{name}” would name {code}, but {origins[key]} gives the same name to {names[key]}."
            )
        origins.setdefault(key, origin)

    for row in countries:
        for language, name in row["name"].items():
            claim(name, row["code"], f"countries.json, {row['code']} ({language})")
    for line, alias, code in _alias_rows(aliases):
        if code not in known:
            raise ImproperlyConfigured(f"{aliases.name}, row {line}: “{code}” is no State's alpha-3 code.")
        claim(alias, code, f"{aliases.name}, row {line}")

    translations = [
        gettext.translation("iso3166-1", pycountry.LOCALES_DIR, [locale], fallback=True)
        for locale in _PYCOUNTRY_LOCALES
    ]
    codes = {code: code for code in known}
    library: dict[str, set[str]] = {}
    heads: dict[str, set[str]] = {}
    for row in countries:
        for name in row["name"].values():
            heads.setdefault(_head(name), set()).add(row["code"])
    for country in pycountry.countries:
        if country.alpha_3 not in known:
            continue
        codes[country.alpha_2] = codes[str(int(country.numeric))] = country.alpha_3
        for name in _pycountry_names(country, translations):
            library.setdefault(state_key(name), set()).add(country.alpha_3)
            heads.setdefault(_head(name), set()).add(country.alpha_3)
    ambiguous = frozenset(key for key, found in library.items() if len(found) > 1 and key not in names)
    for candidates in (library, heads):
        for key, found in candidates.items():
            if key and key not in names and len(found) == 1:
                names[key] = next(iter(found))
    return StateNames(codes=codes, names=names, ambiguous=ambiguous)


@functools.cache
def state_names() -> StateNames:
    """The shipped State alias table, loaded once per process."""
    return load_state_names()


def no_state(value: str) -> bool:
    """Whether `value` only says that no State is named: "(Unknown)", "N/A", "-"."""
    keys = _state_keys(value)
    return bool(keys) and keys[0] in _NO_STATE
