"""One recommendation as read from a file, before it meets the database, and the helpers that read values."""

from __future__ import annotations

import datetime
import functools
import re
import unicodedata
from dataclasses import dataclass, field


@dataclass
class RowError:
    """A problem with one value of one row: `column` as the file names it, `message` in plain language."""

    column: str
    message: str


@dataclass
class RawRecommendation:
    """The values of one row, normalised but not yet matched to countries, mechanisms or taxonomies."""

    row: int
    external_id: str = ""
    states: list[str] = field(default_factory=list)
    mechanism: str = ""
    document: str = ""
    paragraph: str = ""
    text: str = ""
    language: str = "en"
    date: datetime.date | None = None
    kind: str = "recommendation"
    position: str = ""
    recommending_states: list[str] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)
    sdgs: list[str] = field(default_factory=list)
    session: str = ""
    cycle: int | None = None
    translations: dict[str, str] = field(default_factory=dict)
    extra: dict[str, str] = field(default_factory=dict)
    errors: list[RowError] = field(default_factory=list)
    # Set while reading, not read from the row: the earlier row this one repeats exactly (it is
    # imported once), and whether the row concerns a State not being imported (it is not checked).
    repeats: int | None = None
    skipped: bool = False


@dataclass(frozen=True)
class Options:
    """How to read the values of a file: date order, language of its texts, translations only."""

    dayfirst: bool = True
    language: str = "en"
    translations: bool = False


# --- dates -------------------------------------------------------------------------------------

_MONTH_NAMES = (
    "january janvier enero janeiro januar января январь يناير",
    "february février fevrier febrero fevereiro februar февраля февраль فبراير",
    "march mars marzo março märz марта март مارس",
    "april avril abril апреля апрель أبريل إبريل",
    "may mai mayo maio мая май مايو",
    "june juin junio junho juni июня июнь يونيو",
    "july juillet julio julho juli июля июль يوليو",
    "august août aout agosto августа август أغسطس",
    "september septembre septiembre setiembre setembro сентября сентябрь سبتمبر",
    "october octobre octubre outubro oktober октября октябрь أكتوبر",
    "november novembre noviembre novembro ноября ноябрь نوفمبر",
    "december décembre decembre diciembre dezembro dezember декабря декабрь ديسمبر",
)


def _month_table() -> dict[str, int]:
    """Full month names in the UN and a few national languages, and their unambiguous short forms."""
    months: dict[str, set[int]] = {}
    for number, names in enumerate(_MONTH_NAMES, start=1):
        for name in names.split():
            for form in (name, name[:3], name[:4]):
                months.setdefault(form, set()).add(number)
    return {form: numbers.pop() for form, numbers in months.items() if len(numbers) == 1}


_MONTHS = _month_table()
_EXCEL_EPOCH = datetime.date(1899, 12, 30)
_ISO = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ][\d:.]+(?:Z|[+-]\d\d:?\d\d)?)?")
_NUMERIC = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4}|\d{2})(?: [\d:.]+)?")
_CJK = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?")
_SERIAL = re.compile(r"\d{5,7}(?:\.\d+)?")
_DATE_NOISE = re.compile(r"(?<=\d)(?:er|st|nd|rd|th|º|°)\b|[,.]|\bde\b|\bdel\b|\bг\b", re.IGNORECASE)
_EASTERN_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


def _year(value: str) -> int:
    year = int(value)
    if len(value) == 2:
        return 2000 + year if year < 70 else 1900 + year
    return year


def _textual_date(value: str) -> datetime.date | None:
    """`1 May 2023`, `1er mai 2023`, `1 de mayo de 2023`, `May 1, 2023`, `1 мая 2023 г.`."""
    words = _DATE_NOISE.sub(" ", value.casefold()).split()
    if len(words) != 3:
        return None
    months = [i for i, word in enumerate(words) if word in _MONTHS]
    if len(months) != 1:
        return None
    month = _MONTHS[words[months[0]]]
    day, year = (word for i, word in enumerate(words) if i != months[0])
    if len(day) == 4:
        day, year = year, day
    if not (day.isdigit() and year.isdigit() and len(year) in (2, 4)):
        return None
    return datetime.date(_year(year), month, int(day))


def parse_date(value: str | None, *, dayfirst: bool = True) -> datetime.date | None:
    """A date from the ways spreadsheets write them; None when empty, ValueError when unreadable.

    ISO `2023-05-01` (time ignored), `01/05/2023` and `1.5.2023` (day first unless `dayfirst` is
    False or the numbers leave no choice), month names (`1 May 2023`, `1 mai 2023`), `2023年5月1日`,
    and Excel serial numbers (`45047`, `46078.54`).
    """
    if value is None or not value.strip():
        return None
    text = value.strip()
    if not text.isascii():
        text = text.translate(_EASTERN_DIGITS)
    try:
        if _SERIAL.fullmatch(text):
            return _EXCEL_EPOCH + datetime.timedelta(days=int(float(text)))
        if match := _ISO.fullmatch(text) or _CJK.fullmatch(text):
            year, month, day = (int(part) for part in match.groups())
            return datetime.date(year, month, day)
        if match := _NUMERIC.fullmatch(text):
            first, second = int(match[1]), int(match[2])
            if (dayfirst and second <= 12) or first > 12:
                day, month = first, second
            else:
                month, day = first, second
            return datetime.date(_year(match[3]), month, day)
        if found := _textual_date(text):
            return found
    except (ValueError, OverflowError) as error:
        raise ValueError(value) from error
    raise ValueError(value)


# --- values ------------------------------------------------------------------------------------

_BULLETS = ("- ", "– ", "• ", "· ", "* ")
_COMMA_LIST = re.compile(r",(?!\s)")


def single(value: str | None) -> str:
    """A one-value cell without its UHRI bullet (`- CEDAW` gives `CEDAW`); empty text when empty."""
    text = (value or "").strip()
    return text[2:].strip() if text.startswith(_BULLETS) else text


def split_multi(value: str | None) -> list[str]:
    """The values of a multi-value cell, in order and without repeats.

    Line breaks (UHRI: `- a\\n- b`) are the separator when present, else `|` (our export: `a | b`),
    else a comma with no space after it (UPR Info: `a,b`), so that names such as `definition,
    general principles` stay whole. Leading bullets (`- `, `• `) are removed.
    """
    if not value:
        return []
    if "\n" in value:
        parts = value.split("\n")
    elif "|" in value:
        parts = value.split("|")
    elif "," in value:
        parts = _COMMA_LIST.split(value)
    else:
        item = single(value)
        return [item] if item else []
    items: list[str] = []
    for part in parts:
        if (item := single(part)) and item not in items:
            items.append(item)
    return items


_SDG = re.compile(r"(?:SDG|Goal)?\s*(\d{1,2})(?:\.(\d{1,2}|[a-z]))?(?=$|[\s\-–:.,)])", re.IGNORECASE)


def sdg_code(label: str) -> str | None:
    """`16.3` from `16.3 - Promote the rule of law…`, `16` from `16 - PEACE…` or `SDG 16`; else None."""
    match = _SDG.match(label.strip())
    if not match or not 1 <= int(match[1]) <= 17:
        return None
    return f"{int(match[1])}.{match[2].lower()}" if match[2] else str(int(match[1]))


_POSITIONS = {
    "supported": "supported",
    "accepted": "supported",
    "acceptée": "supported",
    "aceptada": "supported",
    "apoyada": "supported",
    "supportedinpart": "supported_in_part",
    "partiallysupported": "supported_in_part",
    "partiallyaccepted": "supported_in_part",
    "supportednoted": "supported_in_part",
    "noted": "noted",
    "notsupported": "noted",
    "rejected": "noted",
    "priseennote": "noted",
    "notée": "noted",
    "tomadanota": "noted",
    "pending": "pending",
}
_KINDS = {
    "recommendation": "recommendation",
    "recommendations": "recommendation",
    "observation": "observation",
    "observations": "observation",
    "concernsobservations": "observation",
    "concernorobservation": "observation",
    "concern": "observation",
    "voluntarypledge": "voluntary_pledge",
    "other": "other",
    "others": "other",
}


_NOT_WORD = re.compile(r"[\W_]+")


@functools.lru_cache(maxsize=512)
def map_position(value: str) -> str | None:
    """Our position code for a position as UN files write it (`Supported/Noted`…), None if unknown."""
    return _POSITIONS.get(_NOT_WORD.sub("", value.casefold()))


@functools.lru_cache(maxsize=512)
def map_kind(value: str) -> str | None:
    """Our kind code for a UHRI `Type` or our own kind value, None if unknown."""
    return _KINDS.get(_NOT_WORD.sub("", value.casefold()))


def cycle_for_session(session: int) -> int | None:
    """The UPR cycle of a UPR Working Group session: 1–12 cycle 1, then 14 sessions a cycle."""
    if session < 1:
        return None
    return 1 if session <= 12 else 2 + (session - 13) // 14


_NUMBER = re.compile(r"\d+")


def first_number(value: str | None) -> int | None:
    """The first whole number written in a value (`41`, `41st session`, `Session 41`), or None."""
    match = _NUMBER.search(value or "")
    return int(match[0]) if match else None


# --- texts -------------------------------------------------------------------------------------

_UPR_PARAGRAPH = re.compile(r"\s*(\d{1,3}(?:\.\d{1,4})+)\.?\s+(?=\S)")
_TB_PARAGRAPH = re.compile(r"(?<![\d.])(\d{1,3})\.\s+(?=[^\W\d_]|[\"“‘(])")
_NOT_PARAGRAPH = re.compile(r"\b(?:no|nos|article|art|para|paragraph)\.?\s*$", re.IGNORECASE)
_PARENTHESES = re.compile(r"\((?P<inner>[^()]*(?:\([^()]*\)[^()]*)*)\)(?=\s*(?:[;.,؛،]|\(|$))")
_SPACE_BEFORE_PUNCTUATION = re.compile(r"\s+(?=[;.,؛،])")
_TRAILING = re.compile(r"[\s;,؛،]+$")
_NOT_A_STATE = re.compile(
    r"\d|\b(?:Convention|Covenant|Protocol|Committee|Council|Act|Law|Code|Plan|Strategy|Programme|Agenda)\b"
)


def _looks_like_state(name: str) -> bool:
    if name.startswith("the "):  # (the former Yugoslav Republic of Macedonia)
        name = name.lstrip("abcdefghijklmnopqrstuvwxyz ")
    first = name[:1]
    return (
        bool(name)
        and len(name) <= 60
        and len(name.split()) <= 8
        and first.isalpha()
        and first.upper() == first
        and not (len(name) > 1 and name.upper() == name)
        and not _NOT_A_STATE.search(name)
    )


def split_heading(text: str) -> tuple[str, str, str]:
    """(heading, paragraph, rest) of a UHRI text: `137.197 Improve…` or `Torture… 34. The State party…`."""
    if match := _UPR_PARAGRAPH.match(text):
        return "", match[1], text[match.end() :]
    for match in _TB_PARAGRAPH.finditer(text, 0, 320):
        heading = text[: match.start()].strip()
        if "\n" in heading:
            break
        if not _NOT_PARAGRAPH.search(heading):
            return heading, match[1], text[match.end() :]
    return "", "", text.strip()


def uhri_text_parts(text: str) -> tuple[str, str, str, list[str]]:
    """(heading, paragraph, clean text, recommending States): `parse_uhri_text` with the heading."""
    heading, paragraph, rest = split_heading(text)
    states: list[str] = []

    def take(match: re.Match[str]) -> str:
        names = [name.strip() for name in match["inner"].split(",")]
        if not all(_looks_like_state(name) for name in names):
            return match[0]
        states.extend(names)
        return ""

    clean = " ".join(_PARENTHESES.sub(take, rest).split())
    if states:
        clean = _TRAILING.sub("", _SPACE_BEFORE_PUNCTUATION.sub("", clean))
    return heading, paragraph, clean, list(dict.fromkeys(states))


def parse_uhri_text(text: str) -> tuple[str, str, list[str]]:
    """(paragraph, text without paragraph number or recommending States, recommending States).

    `137.197 Improve … (Germany);` gives `("137.197", "Improve …", ["Germany"])`; a treaty-body text
    `Torture… 34. The State party should…` gives `("34", "The State party should…", [])`. States are
    the parenthesised names that close a clause, e.g. `(Maldives) (Portugal);` or `(Spain, Tunisia)`.
    """
    _heading, paragraph, clean, states = uhri_text_parts(text)
    return paragraph, clean, states


class _Spaces(dict[int, str]):
    """A `str.translate` table, filled as characters are met (up to a bound on its size): punctuation,
    symbols, separators and control characters become a space, every other character stays."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        value = " " if unicodedata.category(char)[0] in "PSZC" else char
        if len(self) < 65536:
            self[code] = value
        return value


_SPACES = _Spaces()


def normalise_text(text: str) -> str:
    """A text reduced for finding duplicates: no paragraph number, recommending States, case,
    punctuation or extra spacing."""
    _paragraph, clean, _states = parse_uhri_text(text)
    folded = unicodedata.normalize("NFKC", clean).casefold()
    return " ".join(folded.translate(_SPACES).split())
