"""The OHCHR UPR "thematic list of recommendations" (the matrix): one recommendation per table row.

Layouts, told apart by their column names (formats.md §3):
- cycle 4: Recommendation and recommending State | Position of the State under review |
  Human rights themes and groups of persons | Relevant SDGs;
- cycles 2–3: Recommendation | Position | Full list of themes | Assessment/comments on level of
  implementation, with coded themes (`A12 Acceptance of international norms`, `S16 SDG 16 - …`);
- older: Recommendation | Recommending state/s | Position | Full list of rights/affected persons.
One-cell rows are section headings (`Theme: …`, `Right or area: …`), kept in `extra["section"]`.
Each recommendation ends with `Source of position: A/HRC/59/15/Add.1 - Para.3` (spelled several
ways): the recommendation's document is that symbol without its `/Add.N` (the Working Group report
that holds the recommendation), its paragraph is the number it opens with (`140.7`), and the source
itself is kept in `extra["position_source"]`. The page header `UPR of Slovenia (4th Cycle - 48th
Session)` gives the State, cycle and session.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from django.utils.translation import gettext as _

from recommendations.importing.columns import header_key
from recommendations.importing.fields import add_sdgs, cell, require, set_position, set_text
from recommendations.importing.readers import ImportFileError, Row, Table
from recommendations.importing.rows import (
    Options,
    RawRecommendation,
    sdg_code,
    single,
    split_multi,
)

_SOURCE = re.compile(r"\s*Source\s+of\s+position\s*:?\s*(?P<source>.*)$", re.IGNORECASE | re.DOTALL)
_SYMBOL = re.compile(r"[A-Z][A-Za-z]*(?:/[A-Za-z0-9.\-]+)+")
_ADDENDUM = re.compile(r"/Add\.\d+$", re.IGNORECASE)
_HEADING = re.compile(r"^(?:theme|right or area|rights? or area|cluster|thematic area)\s*:\s*", re.IGNORECASE)
_NUMBERED = re.compile(r"^\d{1,3}\.\d{1,3}")
_THEME_CODE = re.compile(r"^[A-Z]\d{1,2}\s+")
_LIST_LABEL = re.compile(
    r"^(?P<label>affected persons|groups? of persons|persons affected|sdgs?)\s*:\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
_TITLE = re.compile(
    r"UPR of (?P<state>.+?)\s*\(\s*(?P<cycle>\d+)\w*\s+cycle\s*[-–—]\s*(?P<session>\d+)\w*\s+session\s*\)",
    re.IGNORECASE,
)


def _layout(headers: list[str]) -> dict[str, int | None]:
    """Column positions by role, found by the words of each layout's column names."""
    keys = [header_key(header) for header in headers]
    roles = {
        "text": lambda key: key.startswith("recommendation"),
        "states": lambda key: key.startswith("recommendingstate"),
        "position": lambda key: "position" in key,
        "themes": lambda key: "theme" in key or "rights" in key,
        "sdgs": lambda key: "sdg" in key,
        "assessment": lambda key: "assessment" in key or "comment" in key,
    }
    found: dict[str, int | None] = {}
    for role, matches in roles.items():
        taken = set(found.values())
        found[role] = next((i for i, key in enumerate(keys) if i not in taken and matches(key)), None)
    return found


def _is_heading(cells: Row) -> bool:
    filled = [value for value in cells if value]
    if len(filled) != 1 or not cells[0]:
        return False
    text = cells[0]
    return bool(_HEADING.match(text)) or not (_NUMBERED.match(text) or _SOURCE.search(text))


def _themes_cell(record: RawRecommendation, column: str, value: str | None) -> None:
    """Themes, then `Affected persons:` / `Groups of Persons:` and `SDGs:` lists, one item a line."""
    part = "themes"
    for line in (value or "").split("\n"):
        item = single(line)
        if label := _LIST_LABEL.match(item):
            part = "sdgs" if label["label"].lower().startswith("sdg") else "groups"
            item = single(label["rest"])
        if not item:
            continue
        if part == "themes":
            coded = _THEME_CODE.match(item)
            name = item[coded.end() :] if coded else item
            if coded and item.startswith("S") and sdg_code(name):
                add_sdgs(record, column, [name])
            elif name not in record.themes:
                record.themes.append(name)
        elif part == "groups":
            if item.casefold() != "general" and item not in record.groups:
                record.groups.append(item)
        else:
            add_sdgs(record, column, [item])


def parse_matrix(table: Table, options: Options) -> Iterator[RawRecommendation]:
    at = _layout(table.headers)
    if at["text"] is None:
        raise ImportFileError(
            _(
                "No column of this table holds the recommendations. A UPR thematic list has a column "
                "named “Recommendation” or “Recommendation and recommending State”."
            )
        )
    label = {role: table.headers[position] for role, position in at.items() if position is not None}
    title = _TITLE.search(table.title)
    section = ""

    def record(number: int, cells: Row) -> RawRecommendation:
        written = cell(cells, at["text"]) or ""
        source = _SOURCE.search(written)
        rec = RawRecommendation(
            row=number,
            states=[title["state"].strip()] if title else [],
            mechanism="UPR",
            language=options.language,
            # UN names have no commas: `Algeria, Egypt` is two States.
            recommending_states=[
                name.strip() for value in split_multi(cell(cells, at["states"])) for name in value.split(",")
            ],
            session=title["session"] if title else "",
            cycle=int(title["cycle"]) if title else None,
        )
        set_text(rec, written[: source.start()].strip() if source else written.strip())
        if source:
            rec.extra["position_source"] = " ".join(source["source"].split())
            if symbol := _SYMBOL.search(source["source"]):
                rec.document = _ADDENDUM.sub("", symbol[0].rstrip("/."))
        set_position(rec, label.get("position", ""), single(cell(cells, at["position"])))
        _themes_cell(rec, label.get("themes", ""), cell(cells, at["themes"]))
        add_sdgs(rec, label.get("sdgs", ""), split_multi(cell(cells, at["sdgs"])))
        if assessment := cell(cells, at["assessment"]):
            rec.extra["assessment"] = assessment
        if section:
            rec.extra["section"] = section
        require(rec, {"text": label["text"]})
        return rec

    def records() -> Iterator[RawRecommendation]:
        nonlocal section
        for number, cells in table.rows:
            if [value or "" for value in cells] == table.headers:
                continue  # the column names again, at the top of another table or page
            if _is_heading(cells):
                section = _HEADING.sub("", cells[0] or "")
                continue
            yield record(number, cells)

    return records()
