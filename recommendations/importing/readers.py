"""Open any file a user brings and present its first sheet or table as headers and rows of text.

The kind of file is told from its content, never from its name: zip archives are .xlsx, .ods or
.docx by the entries inside, OLE2 containers are .xls (or an encrypted workbook), `[` or `{` opens
JSON, and anything else that is text is CSV in whichever encoding and delimiter it uses.
Rows are streamed for CSV, XLSX and JSON arrays. Every whole-file problem raises ImportFileError
with a message for the person who uploaded the file.
"""

from __future__ import annotations

import codecs
import csv
import datetime
import itertools
import json
import mmap
import re
import zlib
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO
from zipfile import BadZipFile, ZipFile

import docx
import python_calamine
from django.utils.translation import gettext as _
from docx.opc.exceptions import PackageNotFoundError

from recommendations.importing.columns import KNOWN_HEADER_KEYS, header_key
from recommendations.importing.rows import parse_date
from recommendations.importing.xlsx import number_text, xlsx_rows

Row = list[str | None]
Rows = Generator[tuple[int, Row], None, None]

_SAMPLE = 64 * 1024
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = b"PK\x03\x04"
_ENCRYPTION_INFO = "EncryptionInfo".encode("utf-16-le")
# Raised by the zip, XML and spreadsheet libraries when a file is damaged or cut short.
_DAMAGED = (
    BadZipFile,
    KeyError,
    ValueError,
    IndexError,
    OverflowError,
    EOFError,
    zlib.error,
    SyntaxError,  # XML parse errors of ElementTree and lxml
    python_calamine.CalamineError,
)


class ImportFileError(Exception):
    """The whole file cannot be read; `message` tells the person who uploaded it why, and what to do."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass
class Table:
    """The first sheet (or the tables of a Word document) of a file.

    `rows` yields (row number as a person sees it in the file, the header being row 1 when it is the
    first line, cell texts) for each non-empty row after the header; cells are stripped, line breaks
    are `\\n`, empty cells are None. `title` is the document heading where the format has one (the
    page header of a Word matrix).
    """

    kind: str
    sheet: str
    headers: list[str]
    rows: Rows
    title: str = ""


def _windows_1252(error: UnicodeError) -> tuple[str, int]:
    """Decode the bytes that are not UTF-8 as Windows-1252 (Latin-1 for its five unused bytes)."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    chunk = error.object[error.start : error.end]
    return "".join(
        chr(b) if b in (0x81, 0x8D, 0x8F, 0x90, 0x9D) else bytes([b]).decode("cp1252") for b in chunk
    ), error.end


codecs.register_error("nmirf-windows-1252", _windows_1252)


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    text = value.replace("\r\n", "\n").replace("\r", "\n").strip() if "\r" in value else value.strip()
    return text or None


def _cell_text(value: object) -> str | None:
    """A cell from calamine or JSON as text: whole numbers without `.0`, dates in ISO form."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return number_text(value)
    if isinstance(value, datetime.datetime) and value.time() == datetime.time():
        return value.date().isoformat()
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    if isinstance(value, list):
        return "\n".join(text for item in value if (text := _cell_text(item)))
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


# --- CSV ---------------------------------------------------------------------------------------


def _text_encoding(sample: bytes) -> tuple[str, str] | None:
    """(encoding, error handler) for a text sample, or None when it is not text."""
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig", "nmirf-windows-1252"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16", "strict"
    if b"\x00" in sample:
        even, odd = sample[0::2].count(0), sample[1::2].count(0)
        if odd > len(sample) // 4 and even * 10 < odd:
            return "utf-16-le", "strict"
        if even > len(sample) // 4 and odd * 10 < even:
            return "utf-16-be", "strict"
        return None
    return "utf-8", "nmirf-windows-1252"


def _delimiter(sample: str) -> str:
    """The delimiter that splits the first line into the most cells: comma, semicolon or tab."""
    first = next((line for line in sample.splitlines() if line.strip()), "")
    counts = {delimiter: len(next(csv.reader([first], delimiter=delimiter))) for delimiter in ",;\t"}
    return max(counts, key=lambda delimiter: counts[delimiter])


def _csv_rows(path: Path, encoding: str, errors: str, delimiter: str, name: str) -> Rows:
    number = 0
    try:
        with path.open(encoding=encoding, errors=errors, newline="") as text:
            for number, cells in enumerate(csv.reader(text, delimiter=delimiter), start=1):
                yield number, [_clean(cell) for cell in cells]
    except csv.Error as error:
        raise ImportFileError(
            _(
                "“%(name)s” could not be read as CSV near row %(row)d: a cell is too long or a "
                "quotation mark is not closed."
            )
            % {"name": name, "row": number + 1}
        ) from error
    except UnicodeDecodeError as error:
        raise ImportFileError(_not_readable(name)) from error


def _text_table(path: Path, sample: bytes, name: str) -> Table:
    detected = _text_encoding(sample)
    if detected is None:
        raise ImportFileError(_not_readable(name))
    encoding, errors = detected
    # The sample may end inside a character: decoding it is only for a look at its start.
    start = sample.decode(encoding, errors="ignore").lstrip("\ufeff \t\r\n")
    if not start:
        raise ImportFileError(_("“%(name)s” is empty.") % {"name": name})
    controls = sum(1 for char in start if ord(char) < 32 and char not in "\t\r\n")
    if controls > len(start) / 100:
        raise ImportFileError(_not_readable(name))
    if start.startswith("<"):
        raise ImportFileError(
            _(
                "“%(name)s” is a web page or an XML file, not a spreadsheet. Open it in a spreadsheet "
                "program and save it as .xlsx or .csv."
            )
            % {"name": name}
        )
    if start[0] in "[{":
        return _header_table("json", "", _json_rows(path, name), name)
    return _header_table("csv", "", _csv_rows(path, encoding, errors, _delimiter(start), name), name)


# --- JSON --------------------------------------------------------------------------------------


def _json_objects(stream: TextIO) -> Iterator[object]:
    """The items of a top-level JSON array one by one, or the first list found in a top-level object."""
    decoder = json.JSONDecoder()
    buffer, position = stream.read(_SAMPLE).lstrip("\ufeff"), 0

    def skip(chars: str) -> None:
        nonlocal buffer, position
        while True:
            while position < len(buffer) and buffer[position] in chars:
                position += 1
            if position < len(buffer):
                return
            more = stream.read(_SAMPLE)
            if not more:
                return
            buffer, position = more, 0

    skip(" \t\r\n")
    if buffer[position : position + 1] == "{":
        document = json.loads(buffer[position:] + stream.read())
        yield from next((value for value in document.values() if isinstance(value, list)), [])
        return
    position += 1  # the opening bracket
    while True:
        skip(" \t\r\n,")
        if buffer[position : position + 1] in ("]", ""):
            return
        try:
            item, position = decoder.raw_decode(buffer, position)
        except json.JSONDecodeError:
            more = stream.read(_SAMPLE)
            if not more:
                raise
            buffer, position = buffer[position:] + more, 0
            continue
        yield item


def _json_rows(path: Path, name: str) -> Rows:
    with path.open(encoding="utf-8-sig", errors="nmirf-windows-1252") as stream:
        headers: list[str] = []
        try:
            for number, item in enumerate(_json_objects(stream), start=2):
                if not isinstance(item, dict):
                    raise ImportFileError(
                        _("“%(name)s” does not hold a list of recommendations.") % {"name": name}
                    )
                if not headers:
                    headers = [str(key) for key in item]
                    header_row: Row = [*headers]
                    yield 1, header_row
                yield number, [_clean(_cell_text(item.get(key))) for key in headers]
        except json.JSONDecodeError as error:
            raise ImportFileError(
                _("“%(name)s” is not valid JSON (the error is near line %(line)d).")
                % {"name": name, "line": error.lineno}
            ) from error


# --- workbooks and Word documents --------------------------------------------------------------


def _is_encrypted_ooxml(path: Path) -> bool:
    """An OLE2 container holding an `EncryptionInfo` stream: an Office file saved with a password.

    Directory entries are 128-byte aligned and start with the UTF-16 name and, at byte 64, its
    length in bytes including the final NUL; that pair is looked for without parsing the container.
    """
    with path.open("rb") as stream, mmap.mmap(stream.fileno(), 0, access=mmap.ACCESS_READ) as data:
        position = data.find(_ENCRYPTION_INFO)
        while position != -1:
            length = int.from_bytes(data[position + 64 : position + 66], "little")
            if position % 128 == 0 and length == len(_ENCRYPTION_INFO) + 2:
                return True
            position = data.find(_ENCRYPTION_INFO, position + 1)
    return False


def _calamine_rows(path: Path, name: str) -> tuple[str, Rows]:
    """The first visible worksheet of an .xls, .xlsb or .ods workbook (read whole by calamine)."""
    try:
        workbook = python_calamine.CalamineWorkbook.from_path(str(path))
        sheet_name = next(
            meta.name
            for meta in workbook.sheets_metadata
            if meta.visible == python_calamine.SheetVisibleEnum.Visible
            and meta.typ == python_calamine.SheetTypeEnum.WorkSheet
        )
        sheet = workbook.get_sheet_by_name(sheet_name)
    except python_calamine.PasswordError as error:
        raise ImportFileError(_password_protected(name)) from error
    except (*_DAMAGED, StopIteration) as error:
        raise ImportFileError(_damaged(name)) from error
    except BaseException as error:
        # calamine panics on some malformed files; pyo3 raises that as a BaseException.
        if type(error).__name__ != "PanicException":
            raise
        raise ImportFileError(_damaged(name)) from error

    def rows() -> Rows:
        try:  # iter_rows starts at the sheet's first row, even when the data starts lower
            for number, cells in enumerate(sheet.iter_rows(), start=1):
                yield number, [_clean(_cell_text(cell)) for cell in cells]
        finally:
            workbook.close()

    return sheet_name, rows()


def _zip_rows(archive: ZipFile, rows: Rows, name: str) -> Rows:
    try:
        for number, cells in rows:
            yield number, [_clean(cell) for cell in cells]
    except _DAMAGED as error:
        raise ImportFileError(_damaged(name)) from error
    finally:
        rows.close()
        archive.close()


def _docx_table(path: Path, name: str) -> Table:
    """All tables of a Word document as one: each row's distinct cells (a merged heading row is one)."""
    try:
        document = docx.Document(str(path))
    except (*_DAMAGED, PackageNotFoundError) as error:
        raise ImportFileError(_damaged(name)) from error
    if not document.tables:
        raise ImportFileError(
            _(
                "The Word document “%(name)s” has no table. From Word, only the UPR thematic list of "
                "recommendations (a table) can be imported."
            )
            % {"name": name}
        )
    section = document.sections[0]
    heading = " ".join(
        p.text for part in (section.header, section.first_page_header) for p in part.paragraphs
    )
    title = " ".join((heading.strip() or document.core_properties.title or "").split())

    def rows() -> Rows:
        number = 0
        for table in document.tables:
            for row in table.rows:
                number += 1
                grid = row.cells  # a cell spanning several columns comes once per column
                cells = [cell for index, cell in enumerate(grid) if index == 0 or cell is not grid[index - 1]]
                yield number, [_clean(cell.text) for cell in cells]

    return _header_table("docx", "", rows(), name, title=title)


def _workbook_table(path: Path, name: str) -> Table:
    """A zip archive: .xlsx (streamed), .docx, or .ods and .xlsb (through calamine)."""
    try:
        archive = ZipFile(path)
    except _DAMAGED as error:
        raise ImportFileError(_damaged(name)) from error
    try:
        entries = set(archive.namelist())
        encrypted = "META-INF/manifest.xml" in entries and b"encryption-data" in archive.read(
            "META-INF/manifest.xml"
        )
        if "xl/workbook.xml" in entries:
            sheet, rows = xlsx_rows(archive)
            return _header_table("xlsx", sheet, _zip_rows(archive, rows, name), name)
    except _DAMAGED as error:
        archive.close()
        raise ImportFileError(_damaged(name)) from error
    archive.close()
    if encrypted:
        raise ImportFileError(_password_protected(name))
    if "word/document.xml" in entries:
        return _docx_table(path, name)
    if "content.xml" in entries or "xl/workbook.bin" in entries:
        kind = "ods" if "content.xml" in entries else "xlsb"
        return _header_table(kind, *_calamine_rows(path, name), name)
    raise ImportFileError(
        _(
            "“%(name)s” is a compressed (zip) file but not a workbook or a Word document. Upload the "
            ".xlsx, .ods, .docx or .csv file itself."
        )
        % {"name": name}
    )


# --- header ------------------------------------------------------------------------------------


def _looks_like_data(cells: list[str]) -> bool:
    """True when a first row reads as values rather than column names: no known column name, and at
    least half of its cells are numbers, dates, long texts or UHRI `- ` values."""
    if any(header_key(cell) in KNOWN_HEADER_KEYS for cell in cells):
        return False

    def is_value(cell: str) -> bool:
        if len(cell) > 60 or cell.startswith("- ") or re.fullmatch(r"[-+]?\d[\d.,\s%]*", cell):
            return True
        try:
            return parse_date(cell) is not None
        except ValueError:
            return False

    return sum(1 for cell in cells if is_value(cell)) * 2 >= len(cells)


def _header_table(kind: str, sheet: str, rows: Rows, name: str, *, title: str = "") -> Table:
    """The first non-empty row as headers, and the rest, once at least one data row is seen."""
    filled = ((number, cells) for number, cells in rows if any(cell is not None for cell in cells))
    try:
        first = next(filled, None)
        if first is None:
            raise ImportFileError(_("“%(name)s” is empty.") % {"name": name})
        number, cells = first
        if _looks_like_data([cell for cell in cells if cell is not None]):
            raise ImportFileError(
                _(
                    "Row %(row)d of “%(name)s”, the first row with content, holds data rather than "
                    "column headings. Add a row of column headings above the data and upload the file "
                    "again."
                )
                % {"row": number, "name": name}
            )
        headers = [cell or "" for cell in cells]
        while headers and not headers[-1]:
            headers.pop()
        second = next(filled, None)
        if second is None:
            raise ImportFileError(
                _("“%(name)s” has column headings but no rows below them.") % {"name": name}
            )
    except Exception:
        rows.close()
        raise
    trimmed = ((number, _trim(cells)) for number, cells in itertools.chain([second], filled))
    return Table(kind=kind, sheet=sheet, headers=headers, rows=trimmed, title=title)


def _trim(cells: Row) -> Row:
    while cells and cells[-1] is None:
        cells.pop()
    return cells


# --- messages and entry point ------------------------------------------------------------------


def _not_readable(name: str) -> str:
    return _(
        "“%(name)s” is not a spreadsheet, a CSV file or a Word document that can be read. Check that "
        "you chose the right file."
    ) % {"name": name}


def _damaged(name: str) -> str:
    return _(
        "“%(name)s” is damaged or incomplete, perhaps because a download or upload was cut short. "
        "Open it in a spreadsheet program, save it again and upload the new copy."
    ) % {"name": name}


def _password_protected(name: str) -> str:
    return _(
        "“%(name)s” is protected by a password. Open it, save a copy without the password and upload that copy."
    ) % {"name": name}


def open_table(path: Path, *, filename: str = "") -> Table:
    """Open a file of any supported kind, told by its content; `filename` names it in messages."""
    name = filename or path.name
    try:
        with path.open("rb") as stream:
            sample = stream.read(_SAMPLE)
    except OSError as error:
        raise ImportFileError(_not_readable(name)) from error
    if not sample:
        raise ImportFileError(_("“%(name)s” is empty.") % {"name": name})
    openers: dict[bytes, Callable[[Path, str], Table]] = {_ZIP: _workbook_table, _OLE2: _ole2_table}
    for signature, opener in openers.items():
        if sample.startswith(signature):
            return opener(path, name)
    return _text_table(path, sample, name)


def _ole2_table(path: Path, name: str) -> Table:
    if _is_encrypted_ooxml(path):
        raise ImportFileError(_password_protected(name))
    return _header_table("xls", *_calamine_rows(path, name), name)
