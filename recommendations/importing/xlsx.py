"""A streaming reader for the first visible sheet of an .xlsx workbook.

Rows are parsed one at a time from the compressed sheet and dropped once read, so memory stays flat
whatever the number of rows (python-calamine loads a whole sheet before its first row). Shared
strings are held in memory, as the format requires. Formula cells give their cached value, or
nothing when the workbook was never calculated. Date-formatted numbers become ISO dates.

XML safety (the `noqa: S314` in `_xml` and `_events`): ElementTree never fetches external entities
or DTDs, and the expat it runs on (2.4.1 and later, as in every supported CPython build) refuses
entity-expansion bombs.

Damaged content raises zipfile.BadZipFile, KeyError, ValueError, IndexError, OverflowError,
EOFError, zlib.error or an XML ParseError; the caller turns them into a message.
"""

from __future__ import annotations

import datetime
import posixpath
import re
from collections.abc import Generator, Iterator
from typing import IO
from xml.etree.ElementTree import Element, fromstring, iterparse
from zipfile import ZipFile

_MAIN = (
    "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "http://purl.oclc.org/ooxml/spreadsheetml/main",
)
_RELATIONSHIPS = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "http://purl.oclc.org/ooxml/officeDocument/relationships",
)
_PACKAGE_RELATIONSHIPS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
# Built-in number formats that show dates (14–22 less the times, and the East Asian ones).
_DATE_FORMAT_IDS = frozenset({14, 15, 16, 17, 22, *range(27, 37), *range(50, 59)})
_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")


def _xml(data: bytes) -> Element:
    return fromstring(data)  # noqa: S314 (see the module's note on XML safety)


def _events(stream: IO[bytes], events: tuple[str, ...]) -> Iterator[tuple[str, Element]]:
    return iterparse(stream, events=events)  # noqa: S314 (see the module's note on XML safety)


def number_text(value: float) -> str:
    """`4` for 4.0, `45047.5` for 45047.5: whole numbers without the decimal point."""
    if value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    return repr(value)


def _unescape(text: str) -> str:
    """OOXML writes control characters as `_x000D_`."""
    return _ESCAPED.sub(lambda match: chr(int(match[1], 16)), text) if "_x" in text else text


def _is_date_format(code: str) -> bool:
    bare = re.sub(r'"[^"]*"|\[[^\]]*\]|\\.', "", code).lower()
    return bool(re.search(r"[dy]", bare)) or ("m" in bare and not re.search(r"[hs]", bare))


class _Workbook:
    def __init__(self, archive: ZipFile) -> None:
        self.archive = archive
        workbook = _xml(archive.read("xl/workbook.xml"))
        namespace = next((ns for ns in _MAIN if workbook.tag == f"{{{ns}}}workbook"), _MAIN[0])
        self.ns = f"{{{namespace}}}"
        self.t_tag, self.r_tag, self.v_tag, self.is_tag = (f"{self.ns}{tag}" for tag in ("t", "r", "v", "is"))
        self.columns: dict[str, int] = {}
        properties = workbook.find(f"{self.ns}workbookPr")
        self.epoch = (
            datetime.datetime(1904, 1, 1)
            if properties is not None and properties.get("date1904") in ("1", "true")
            else datetime.datetime(1899, 12, 30)
        )
        targets = self._relationships()
        self.sheets: list[tuple[str, str]] = []
        for sheet in workbook.iter(f"{self.ns}sheet"):
            rel = next((sheet.get(f"{{{ns}}}id") for ns in _RELATIONSHIPS if sheet.get(f"{{{ns}}}id")), "")
            if sheet.get("state") in (None, "visible") and targets.get(rel):
                self.sheets.append((sheet.get("name", ""), targets[rel]))
        shared = next((path for path in targets.values() if path.endswith("sharedStrings.xml")), "")
        self.shared = self._shared_strings(shared) if shared in archive.namelist() else []
        self.date_styles = self._date_styles()

    def _relationships(self) -> dict[str, str]:
        targets = {}
        for rel in _xml(self.archive.read("xl/_rels/workbook.xml.rels")).iter(_PACKAGE_RELATIONSHIPS):
            target = rel.get("Target", "")
            path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"xl/{target}")
            targets[rel.get("Id", "")] = path
        return targets

    def _text(self, element: Element) -> str:
        """Text of a shared or inline string: plain `<t>` or rich-text runs, phonetic hints left out."""
        plain = element.find(self.t_tag)
        runs = element.findall(self.r_tag)
        if not runs:
            return _unescape(plain.text or "") if plain is not None else ""
        parts = [plain, *(run.find(self.t_tag) for run in runs)]
        return _unescape("".join(part.text or "" for part in parts if part is not None))

    def _shared_strings(self, path: str) -> list[str]:
        strings = []
        with self.archive.open(path) as stream:
            for _event, element in _events(stream, ("end",)):
                if element.tag == f"{self.ns}si":
                    strings.append(self._text(element))
                    element.clear()
        return strings

    def _date_styles(self) -> frozenset[int]:
        if "xl/styles.xml" not in self.archive.namelist():
            return frozenset()
        styles = _xml(self.archive.read("xl/styles.xml"))
        date_formats = set(_DATE_FORMAT_IDS)
        for number_format in styles.iter(f"{self.ns}numFmt"):
            if _is_date_format(number_format.get("formatCode", "")):
                date_formats.add(int(number_format.get("numFmtId", "-1")))
        cell_formats = styles.find(f"{self.ns}cellXfs")
        if cell_formats is None:
            return frozenset()
        return frozenset(
            index
            for index, xf in enumerate(cell_formats.iter(f"{self.ns}xf"))
            if int(xf.get("numFmtId", "0")) in date_formats
        )

    def _column(self, reference: str) -> int:
        """Index of the column of a cell reference such as `AB12`."""
        letters = reference.rstrip("0123456789")
        if letters not in self.columns:
            number = 0
            for char in letters.upper():
                number = number * 26 + ord(char) - 64
            self.columns[letters] = number - 1
        return self.columns[letters]

    def _value(self, cell: Element) -> str | None:
        kind = cell.get("t", "n")
        if kind == "inlineStr":
            inline = cell.find(self.is_tag)
            return self._text(inline) if inline is not None else None
        value = cell.find(self.v_tag)
        text = value.text if value is not None else None
        if text is None or kind == "e":  # no cached value (formula never calculated), or #N/A…
            return None
        if kind == "s":
            return self.shared[int(text)]
        if kind == "b":
            return "TRUE" if text == "1" else "FALSE"
        if kind in ("str", "d"):
            return _unescape(text)
        number = float(text)
        if self.date_styles and int(cell.get("s", "0")) in self.date_styles:
            moment = self.epoch + datetime.timedelta(days=number)
            return moment.date().isoformat() if number.is_integer() else moment.isoformat()
        return number_text(number)

    def rows(self, path: str) -> Generator[tuple[int, list[str | None]], None, None]:
        row_tag, cell_tag, data_tag = f"{self.ns}row", f"{self.ns}c", f"{self.ns}sheetData"
        sheet_data: Element | None = None
        number = 0
        with self.archive.open(path) as stream:
            for event, element in _events(stream, ("start", "end")):
                if event == "start":
                    if element.tag == data_tag:
                        sheet_data = element
                    continue
                if element.tag != row_tag:
                    continue
                number = int(element.get("r") or number + 1)
                values: list[str | None] = []
                for cell in element.iterfind(cell_tag):
                    reference = cell.get("r")
                    column = self._column(reference) if reference else len(values)
                    if column > len(values):
                        values.extend([None] * (column - len(values)))
                    values.append(self._value(cell))
                yield number, values
                if sheet_data is not None:
                    sheet_data.clear()


def xlsx_rows(archive: ZipFile) -> tuple[str, Generator[tuple[int, list[str | None]], None, None]]:
    """(name of the first visible sheet, its rows as (row number, raw cell texts))."""
    workbook = _Workbook(archive)
    if not workbook.sheets:
        raise KeyError("no visible worksheet")
    name, path = workbook.sheets[0]
    return name, workbook.rows(path)
