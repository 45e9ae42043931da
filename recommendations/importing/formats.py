"""Tell which known file a table is from its column names, and read its rows as recommendations.

`parse` checks the columns at once (a missing required column raises ImportFileError before any row
is read) and then yields one RawRecommendation per row, lazily. A value that cannot be read becomes
a RowError on its row; a row that repeats an earlier row exactly is marked to be imported once, and
one that repeats its identifier with other values gets a RowError too.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterator
from dataclasses import fields

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from recommendations.importing.columns import (
    MAPPING_FIELDS,
    NMIRF_COLUMNS,
    TEXT_COLUMNS,
    UHRI_COLUMNS,
    header_key,
)
from recommendations.importing.fields import (
    Columns,
    add_sdgs,
    cell,
    read_date,
    require,
    set_cycle,
    set_kind,
    set_position,
    set_text,
    set_upr_cycle,
)
from recommendations.importing.matrix import parse_matrix
from recommendations.importing.readers import ImportFileError, Row, Table
from recommendations.importing.rows import (
    Options,
    RawRecommendation,
    RowError,
    map_kind,
    single,
    split_multi,
)

FORMAT_LABELS: dict[str, Promise] = {
    "uhri": gettext_lazy("a UHRI export"),
    "uprinfo": gettext_lazy("a UPR Info database export"),
    "nmirf": gettext_lazy("an export of this tracker"),
    "matrix": gettext_lazy("a UPR thematic list of recommendations"),
}


def _keys(*names: str) -> frozenset[str]:
    return frozenset(header_key(name) for name in names)


# (format, distinctive column names, how many of them must be present)
_SIGNATURES: tuple[tuple[str, frozenset[str], int], ...] = (
    (
        "uhri",
        _keys(
            "Text",
            "Countries Concerned",
            "Reccomending Body",
            "Document Symbol",
            "Affected Persons",
            "UPR Reccomending States",
            "UPR Position",
            "OHCHR Annotation Id",
        ),
        3,
    ),
    ("uhri", _keys("AnnotationId", "Symbol", "Body", "AnnotationType", "Countries", "AffectedPersons"), 3),
    ("uprinfo", _keys("SuR", "RS", "Response", "Recommendation", "Issue", "Action"), 3),
    (
        "nmirf",
        _keys(
            "external_id", "mechanism", "mechanism_type", "kind", "original_language", "recommending_states"
        ),
        3,
    ),
)


def detect_format(headers: list[str]) -> str | None:
    """`uhri`, `uprinfo`, `nmirf` (our own export), `matrix` (a UPR thematic list), or None when
    the file needs a column mapping."""
    keys = {header_key(header) for header in headers}
    for fmt, signature, needed in _SIGNATURES:
        if len(keys & signature) >= needed:
            return fmt
    if any(key.startswith("recommendation") for key in keys) and any("position" in key for key in keys):
        return "matrix"
    return None


def _missing_column(column: str, fmt: str) -> ImportFileError:
    return ImportFileError(
        _("The column “%(column)s” is missing. This file looks like %(format)s, which needs that column.")
        % {"column": column, "format": FORMAT_LABELS[fmt]}
    )


# --- UHRI --------------------------------------------------------------------------------------


def _split_states(value: str | None) -> list[str]:
    """`- South Sudan\\n- Sudan`, or UHRI's joined `South Sudan - Sudan`."""
    states = split_multi(value)
    return states[0].split(" - ") if len(states) == 1 else states


def _uhri(table: Table, options: Options) -> Iterator[RawRecommendation]:
    columns = Columns(table.headers)
    at = {name: columns.find(*aliases) for name, aliases in UHRI_COLUMNS.items()}
    needed = ("text", "id") if options.translations else ("text", "body")
    for name in needed:
        if at[name] is None:
            raise _missing_column(UHRI_COLUMNS[name][0], "uhri")
    label = {name: table.headers[position] for name, position in at.items() if position is not None}

    def record(number: int, cells: Row) -> RawRecommendation:
        def get(name: str) -> str | None:
            return cell(cells, at[name])

        text = single(get("text"))
        rec = RawRecommendation(
            row=number,
            external_id=single(get("id")),
            states=_split_states(get("states")),
            mechanism=single(get("body")),
            document=single(get("document")),
            language=options.language,
            recommending_states=split_multi(get("recommending_states")),
            themes=split_multi(get("themes")),
            groups=split_multi(get("groups")),
            session=single(get("session")),
        )
        set_text(rec, text)
        rec.date = read_date(rec, label.get("date", ""), single(get("date")), options)
        set_position(rec, label.get("position", ""), single(get("position")))
        set_kind(rec, label.get("type", ""), single(get("type")))
        add_sdgs(rec, label.get("sdgs", ""), split_multi(get("sdgs")))
        set_upr_cycle(rec)
        for name in ("regions", "recommending_regions"):
            if values := split_multi(get(name)):
                rec.extra[name] = " | ".join(values)
        if published := read_date(rec, label.get("uhri_date", ""), single(get("uhri_date")), options):
            rec.extra["uhri_date"] = published.isoformat()
        require(rec, {"text": label["text"]})
        if options.translations:
            require(rec, {"external_id": label["id"]})
        else:
            require(rec, {"mechanism": label["body"]})
        return rec

    return (record(number, cells) for number, cells in table.rows)


# --- UPR Info ----------------------------------------------------------------------------------

_CHARACTER_REFERENCE = re.compile(r"&#(\d{1,6});")


def _uprinfo_value(value: str | None) -> str:
    """UPR Info writes some characters as `&#40;`."""
    text = (value or "").strip()
    return _CHARACTER_REFERENCE.sub(lambda match: chr(int(match[1])), text) if "&#" in text else text


def _uprinfo(table: Table, options: Options) -> Iterator[RawRecommendation]:
    columns = Columns(table.headers)
    at = {
        name: columns.find(name)
        for name in ("SuR", "Recommendation", "RS", "Response", "Action", "Issue", "Session")
    }
    for name in ("SuR", "Recommendation"):
        if at[name] is None:
            raise _missing_column(name, "uprinfo")
    recommending = at["RS"] if at["RS"] is not None else len(table.headers)
    # `Rgrp` and `Org` come once after `SuR` and once after `RS`.
    groups = {
        f"{who}_{what}": next((p for p in columns.all(name) if (p < recommending) == (who == "state")), None)
        for who in ("state", "recommending")
        for what, name in (("group", "Rgrp"), ("organisations", "Org"))
    }

    def record(number: int, cells: Row) -> RawRecommendation:
        def get(name: str) -> str:
            return _uprinfo_value(cell(cells, at[name]))

        state, recommending_state = get("SuR"), get("RS")
        rec = RawRecommendation(
            row=number,
            states=[state] if state else [],
            mechanism="UPR",
            language=options.language,
            recommending_states=[recommending_state] if recommending_state else [],
            themes=split_multi(get("Issue")),
            session=get("Session"),
        )
        set_text(rec, get("Recommendation"))
        response = get("Response")
        if map_kind(response) == "voluntary_pledge":
            rec.kind = "voluntary_pledge"
        else:
            set_position(rec, "Response", response)
        set_upr_cycle(rec)
        if rec.text:
            key = "\n".join((state, rec.session, recommending_state, " ".join(rec.text.split()).casefold()))
            rec.external_id = "uprinfo:" + hashlib.blake2b(key.encode(), digest_size=10).hexdigest()
        if response:
            rec.extra["response"] = response
        if action := get("Action"):  # the action category, 1 to 5; CSV copies may write `4.0`
            rec.extra["action"] = action.removesuffix(".0")
        for name, position in groups.items():
            if value := _uprinfo_value(cell(cells, position)):
                rec.extra[name] = value
        require(rec, {"text": "Recommendation"})
        return rec

    return (record(number, cells) for number, cells in table.rows)


# --- our own export ----------------------------------------------------------------------------

_NMIRF_EXTRA = (
    "id",
    "mechanism_type",
    "cluster",
    "lead_institution",
    "status",
    "requires_legislation",
    "published",
)


def _language(value: str | None) -> str:
    return (value or "").strip().lower().replace("_", "-")


def _unneutralised(value: str) -> str:
    """Our exports put an apostrophe before a cell a spreadsheet would run as a formula; take it off."""
    return value[1:] if value[:1] == "'" and value[1:2] in ("=", "+", "-", "@") else value


def _nmirf(table: Table, options: Options) -> Iterator[RawRecommendation]:
    columns = Columns(table.headers)
    at = {name: columns.find(name) for name in NMIRF_COLUMNS}
    texts = {language: at[column] for column, language in TEXT_COLUMNS.items() if at[column] is not None}
    if not texts:
        raise _missing_column("text_en", "nmirf")
    if at["mechanism"] is None and not options.translations:
        raise _missing_column("mechanism", "nmirf")
    known = {position for position in at.values() if position is not None}
    others = [(p, header or str(p + 1)) for p, header in enumerate(table.headers) if p not in known]

    def record(number: int, cells: Row) -> RawRecommendation:
        def get(name: str) -> str:
            return _unneutralised((cell(cells, at[name]) or "").strip())

        rec = RawRecommendation(
            row=number,
            external_id=get("external_id"),
            states=split_multi(get("state")),
            mechanism=get("mechanism"),
            document=get("document"),
            paragraph=get("paragraph"),
            language=_language(get("original_language")) or options.language,
            recommending_states=split_multi(get("recommending_states")),
            themes=split_multi(get("themes")),
            groups=split_multi(get("groups")),
            session=get("session"),
        )
        translations = {
            language: _unneutralised(value)
            for language, position in texts.items()
            if (value := cell(cells, position))
        }
        text = translations.pop(rec.language, "")
        if not text and translations:
            rec.language = next(iter(translations))
            text = translations.pop(rec.language)
        rec.translations = translations
        set_text(rec, text)
        rec.date = read_date(rec, "date", get("date"), options)
        set_kind(rec, "kind", get("kind"))
        set_position(rec, "position", get("position"))
        add_sdgs(rec, "sdg_goals", split_multi(get("sdg_goals")))
        add_sdgs(rec, "sdg_targets", split_multi(get("sdg_targets")))
        if cycle := get("cycle"):
            set_cycle(rec, "cycle", cycle)
        set_upr_cycle(rec)
        for name in _NMIRF_EXTRA:
            if value := get(name):
                rec.extra[name] = value
        if institutions := split_multi(get("supporting_institutions")):
            rec.extra["supporting_institutions"] = " | ".join(institutions)
        if status_date := read_date(rec, "status_date", get("status_date"), options):
            rec.extra["status_date"] = status_date.isoformat()
        for position, header in others:
            if value := cell(cells, position):
                rec.extra[header] = value
        require(rec, {"text": "text_" + rec.language.replace("-", "_")})
        if options.translations and not (rec.external_id or "id" in rec.extra):
            rec.errors.append(RowError("id", _("A translation needs the identifier of its recommendation.")))
        if not options.translations:
            require(rec, {"mechanism": "mechanism"})
        return rec

    return (record(number, cells) for number, cells in table.rows)


# --- any other spreadsheet, through a column mapping -------------------------------------------

_MULTI_FIELDS = ("state", "recommending_states", "themes", "groups")


def _mapped(
    table: Table, mapping: dict[str, str], defaults: dict[str, str], options: Options
) -> Iterator[RawRecommendation]:
    unknown = sorted(set(mapping) - set(MAPPING_FIELDS))
    if unknown:
        raise ImportFileError(
            _("The column mapping names an unknown field, “%(field)s”.") % {"field": unknown[0]}
        )
    required = ("external_id", "text") if options.translations else ("text", "mechanism")
    for name in required:
        if not mapping.get(name) and not defaults.get(name):
            raise ImportFileError(
                _("The column mapping must say which column holds the %(field)s.")
                % {"field": MAPPING_FIELDS[name]}
            )
    columns = Columns(table.headers)
    at: dict[str, int] = {}
    for name, header in mapping.items():
        if not header:
            continue
        position = columns.find(header)
        if position is None:
            raise ImportFileError(
                _("The column “%(column)s”, mapped to the %(field)s, is not in this file.")
                % {"column": header, "field": MAPPING_FIELDS[name]}
            )
        at[name] = position
    label = {name: table.headers[position] for name, position in at.items()}
    # Columns the mapping leaves out are kept in `extra`, by name (or number when unnamed).
    others = [(p, header or str(p + 1)) for p, header in enumerate(table.headers) if p not in at.values()]

    def record(number: int, cells: Row) -> RawRecommendation:
        def get(name: str) -> str:
            return (cell(cells, at.get(name)) or "").strip() or defaults.get(name, "")

        rec = RawRecommendation(
            row=number,
            external_id=get("external_id"),
            mechanism=get("mechanism"),
            document=get("document"),
            paragraph=get("paragraph"),
            language=_language(get("language")) or options.language,
            session=get("session"),
        )
        rec.states, rec.recommending_states, rec.themes, rec.groups = (
            split_multi(get(name)) for name in _MULTI_FIELDS
        )
        rec.translations = {
            language: value for column, language in TEXT_COLUMNS.items() if (value := get(column))
        }
        set_text(rec, get("text"))
        rec.date = read_date(rec, label.get("date", ""), get("date"), options)
        set_kind(rec, label.get("kind", ""), get("kind"))
        set_position(rec, label.get("position", ""), get("position"))
        add_sdgs(rec, label.get("sdgs", ""), split_multi(get("sdgs")))
        if cycle := get("cycle"):
            set_cycle(rec, label.get("cycle", ""), cycle)
        set_upr_cycle(rec)
        for position, header in others:
            if value := cell(cells, position):
                rec.extra[header] = value
        require(rec, {name: label.get(name, "") for name in required})
        return rec

    return (record(number, cells) for number, cells in table.rows)


# --- entry point -------------------------------------------------------------------------------


# Everything read from a row, for telling an exact repeat from a row that only shares its identifier.
_READ_FIELDS = tuple(
    item.name for item in fields(RawRecommendation) if item.name not in ("row", "repeats", "skipped")
)


def _content(record: RawRecommendation) -> int:
    """A hash of every value the importer read from a row (its errors too: they tell unreadable
    values apart), so that only a number is kept per row."""
    values: list[object] = []
    for name in _READ_FIELDS:
        value = getattr(record, name)
        if name == "errors":
            value = tuple((error.column, error.message) for error in value)
        elif isinstance(value, dict):
            value = tuple(sorted(value.items()))
        elif isinstance(value, list):
            value = tuple(value)
        values.append(value)
    return hash(tuple(values))


def _flag_duplicates(
    records: Iterator[RawRecommendation],
    *,
    identified: bool,
    skip: Callable[[RawRecommendation], bool] | None = None,
) -> Iterator[RawRecommendation]:
    """Mark the rows that repeat an earlier row.

    A row with the same values as an earlier one in everything the importer reads is an exact repeat:
    `repeats` names the earlier row, and it is imported once. A row that is not an exact repeat but
    has the same identifier, or the same text from the same mechanism, document, paragraph and
    States, gets a RowError. Rows for which `skip` is true (another State's) are marked `skipped` and
    not compared at all. Only hashes are kept. `identified` says the identifiers come from the file
    (not made from the row's content).
    """
    seen: dict[int, int] = {}
    contents: dict[int, int] = {}
    for record in records:
        if skip is not None and skip(record):
            record.skipped = True
            yield record
            continue
        if not (record.text or record.external_id):
            yield record
            continue
        content = _content(record)
        if (earlier := contents.get(content)) is not None:
            record.repeats = earlier
            yield record
            continue
        contents[content] = record.row
        key = hash(
            record.external_id
            or (
                record.mechanism.casefold(),
                record.document,
                record.paragraph,
                " ".join(record.text.split()).casefold(),
                tuple(record.states),
                tuple(record.recommending_states),
                record.session,
                record.language,
            )
        )
        first = seen.setdefault(key, record.row)
        if first != record.row:
            message = (
                _("This row has the same identifier as row %(row)d.")
                if record.external_id and identified
                else _("This row repeats row %(row)d, but some of its values differ.")
            )
            record.errors.append(RowError("", message % {"row": first}))
        yield record


def parse(
    table: Table,
    fmt: str | None,
    *,
    mapping: dict[str, str] | None = None,
    defaults: dict[str, str] | None = None,
    dayfirst: bool = True,
    language: str = "en",
    translations: bool = False,
    skip: Callable[[RawRecommendation], bool] | None = None,
) -> Iterator[RawRecommendation]:
    """The rows of a table as recommendations.

    `fmt` is what `detect_format` said; a `mapping` (field → column name, fields as in
    `MAPPING_FIELDS`) is used instead when given, with `defaults` (field → value) for fields that no
    column holds or cells that are empty, such as the mechanism of a file from one treaty body.
    `dayfirst` reads 01/05/2023 as 1 May; `language` is that of the texts when the file does not
    say; `translations` reads a file of texts in another language for recommendations that exist
    already, so only the identifier and the text are required. Rows for which `skip` is true are
    marked `skipped` and not compared with the others (see `_flag_duplicates`).
    """
    options = Options(dayfirst=dayfirst, language=language, translations=translations)
    if mapping is not None:
        return _flag_duplicates(_mapped(table, mapping, defaults or {}, options), identified=True, skip=skip)
    parsers: dict[str, Callable[[Table, Options], Iterator[RawRecommendation]]] = {
        "uhri": _uhri,
        "uprinfo": _uprinfo,
        "nmirf": _nmirf,
        "matrix": parse_matrix,
    }
    if fmt is None:
        raise ImportFileError(
            _(
                "The columns of this file are not ones the importer knows. Define a column mapping: "
                "which column holds the text, the mechanism and the other values."
            )
        )
    # UPR Info rows have no identifier: theirs is made from their content.
    return _flag_duplicates(parsers[fmt](table, options), identified=fmt != "uprinfo", skip=skip)
