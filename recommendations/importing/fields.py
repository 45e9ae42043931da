"""Setting the fields of a RawRecommendation from cells; a value that cannot be read becomes a RowError."""

from __future__ import annotations

import datetime

from django.utils.translation import gettext as _

from recommendations.importing.columns import MAPPING_FIELDS, header_key
from recommendations.importing.readers import Row
from recommendations.importing.rows import (
    Options,
    RawRecommendation,
    RowError,
    cycle_for_session,
    first_number,
    map_kind,
    map_position,
    parse_date,
    sdg_code,
    uhri_text_parts,
)


class Columns:
    """Column positions by name, names compared as `header_key` does."""

    def __init__(self, headers: list[str]) -> None:
        self.positions: dict[str, list[int]] = {}
        for position, header in enumerate(headers):
            self.positions.setdefault(header_key(header), []).append(position)

    def find(self, *names: str) -> int | None:
        """The first column with any of these names."""
        return next((self.positions[key][0] for key in map(header_key, names) if key in self.positions), None)

    def all(self, name: str) -> list[int]:
        """Every column with this name (UPR Info repeats `Rgrp` and `Org`)."""
        return self.positions.get(header_key(name), [])


def cell(cells: Row, position: int | None) -> str | None:
    """The cell at a column position, None when the column is absent or the row is shorter."""
    return cells[position] if position is not None and position < len(cells) else None


def short(value: str) -> str:
    """A value cut to a length that fits in a message."""
    return value if len(value) <= 60 else f"{value[:57]}…"


def require(record: RawRecommendation, fields: dict[str, str]) -> None:
    """A RowError for each empty field: `fields` maps attribute names to the file's column names."""
    for name, column in fields.items():
        if not getattr(record, name):
            record.errors.append(
                RowError(column, _("The %(field)s is missing.") % {"field": MAPPING_FIELDS[name]})
            )


def read_date(
    record: RawRecommendation, column: str, value: str | None, options: Options
) -> datetime.date | None:
    """The date in a cell, None when empty; a RowError when it cannot be read."""
    try:
        return parse_date(value, dayfirst=options.dayfirst)
    except ValueError:
        record.errors.append(
            RowError(
                column,
                _("“%(value)s” is not a date that can be read. Write dates like 2023-05-01.")
                % {"value": short(value or "")},
            )
        )
        return None


def set_position(record: RawRecommendation, column: str, value: str) -> None:
    if not value:
        return
    if (position := map_position(value)) is None:
        record.errors.append(
            RowError(
                column,
                _("“%(value)s” is not a known position. Use Supported, Supported in part, Noted or Pending.")
                % {"value": short(value)},
            )
        )
    else:
        record.position = position


def set_kind(record: RawRecommendation, column: str, value: str) -> None:
    if not value:
        return
    if (kind := map_kind(value)) is None:
        record.errors.append(
            RowError(
                column,
                _(
                    "“%(value)s” is not a known kind. Use Recommendation, Observation, Voluntary pledge or Other."
                )
                % {"value": short(value)},
            )
        )
    else:
        record.kind = kind


def add_sdgs(record: RawRecommendation, column: str, labels: list[str]) -> None:
    """SDG codes from labels such as `16 - PEACE…` or `16.3 - Promote…`."""
    for label in labels:
        if code := sdg_code(label):
            if code not in record.sdgs:
                record.sdgs.append(code)
        else:
            record.errors.append(
                RowError(
                    column,
                    _("“%(value)s” does not start with an SDG goal or target number such as 16 or 16.3.")
                    % {"value": short(label)},
                )
            )


def set_cycle(record: RawRecommendation, column: str, value: str) -> None:
    if value.isdigit() and int(value) > 0:
        record.cycle = int(value)
    else:
        record.errors.append(
            RowError(column, _("“%(value)s” is not a UPR cycle number.") % {"value": short(value)})
        )


def set_upr_cycle(record: RawRecommendation) -> None:
    """The cycle of a UPR recommendation from its session, when no cycle is given."""
    session = first_number(record.session)
    if record.cycle is None and session is not None and record.mechanism.upper() == "UPR":
        record.cycle = cycle_for_session(session)


def set_text(record: RawRecommendation, text: str) -> None:
    """The full text, its paragraph number (unless given), the heading before it (treaty bodies) as
    `extra["section"]` and, for the UPR, the States named at its end (unless given). Set the
    mechanism first."""
    record.text = text
    heading, paragraph, _clean, states = uhri_text_parts(text)
    if heading:
        record.extra["section"] = heading
    record.paragraph = record.paragraph or paragraph
    if not record.recommending_states and record.mechanism.upper() == "UPR":
        record.recommending_states = states
