"""Files in the shapes users bring (shared/reference/formats.md), built in each test's tmp_path."""

from __future__ import annotations

import csv
import io
import re
import struct
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import docx
import openpyxl

UHRI_HEADERS = [
    "Text",
    "Countries Concerned",
    "Reccomending Body",
    "Document Symbol",
    "Themes",
    "Affected Persons",
    "Sdgs",
    "Document Publication Date",
    "UPR Reccomending States",
    "UPR Position",
    "Type",
    "OHCHR Annotation Id",
    "UPR Session",
    "Regions Concerned",
    "Recommending Regions",
    "Date of publication on UHRI",
]
UPRINFO_HEADERS = [
    "SuR",
    "Rgrp",
    "Org",
    "Recommendation",
    "RS",
    "Rgrp",
    "Org",
    "Response",
    "Action",
    "Issue",
    "Session",
]

Cell = str | int | float | None
QUOTE = {'"': "&quot;"}  # for escaping XML attribute values


def write_csv(
    path: Path,
    rows: list[list[Cell]],
    *,
    encoding: str = "utf-8",
    delimiter: str = ",",
    line_end: str = "\r\n",
) -> Path:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator=line_end).writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def write_xlsx(path: Path, rows: list[list[Cell]], *, title: str = "Export") -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def set_cached_values(path: Path, values: dict[str, str]) -> None:
    """Give formula cells the value a spreadsheet program would have stored (openpyxl stores none).

    A value that is not a number is stored as a formula string result (`t="str"`)."""
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    sheet = members["xl/worksheets/sheet1.xml"].decode()
    for reference, value in values.items():
        kind = "" if re.fullmatch(r"-?\d+(\.\d+)?", value) else ' t="str"'
        pattern = rf'<c r="{reference}"([^>]*)><f>(.*?)</f><v\s*/?>(</v>)?'
        replacement = rf'<c r="{reference}"\1{kind}><f>\2</f><v>{escape(value)}</v>'
        sheet = re.sub(pattern, replacement, sheet)
    members["xl/worksheets/sheet1.xml"] = sheet.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)


def write_shared_strings_xlsx(
    path: Path, sheet_rows: str, shared: list[str], *, workbook_extra: str = ""
) -> Path:
    """A minimal workbook as Excel writes it: strings in sharedStrings.xml (given as `<si>` bodies),
    rows given as `<row>` XML, and a hidden sheet before the visible one."""
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    package = "http://schemas.openxmlformats.org/package/2006/relationships"
    parts = {
        "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        "xl/workbook.xml": (
            f'<workbook xmlns="{main}" xmlns:r="{relationships}">{workbook_extra}<sheets>'
            '<sheet name="Notes" sheetId="1" state="hidden" r:id="rId1"/>'
            '<sheet name="Data" sheetId="2" r:id="rId2"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            f'<Relationships xmlns="{package}">'
            '<Relationship Id="rId1" Type="worksheet" Target="worksheets/sheet1.xml"/>'
            '<Relationship Id="rId2" Type="worksheet" Target="/xl/worksheets/sheet2.xml"/>'
            '<Relationship Id="rId3" Type="sharedStrings" Target="sharedStrings.xml"/>'
            '<Relationship Id="rId4" Type="styles" Target="styles.xml"/></Relationships>'
        ),
        "xl/styles.xml": (
            f'<styleSheet xmlns="{main}"><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/>'
            '</numFmts><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164"/></cellXfs></styleSheet>'
        ),
        "xl/sharedStrings.xml": f'<sst xmlns="{main}">{"".join(f"<si>{item}</si>" for item in shared)}</sst>',
        "xl/worksheets/sheet1.xml": f'<worksheet xmlns="{main}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>hidden</t></is></c></row></sheetData></worksheet>',
        "xl/worksheets/sheet2.xml": f'<worksheet xmlns="{main}"><sheetData>{sheet_rows}</sheetData></worksheet>',
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def write_ods(path: Path, rows: list[list[Cell]], *, encrypted: bool = False) -> Path:
    """An OpenDocument spreadsheet: strings, floats, `date:2023-05-01` as a date cell and
    `formula:of:=1+1` as a formula cell that was never calculated."""
    office = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    table = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
    text = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"

    def cell(value: Cell) -> str:
        if value is None:
            return "<table:table-cell/>"
        if isinstance(value, int | float):
            return f'<table:table-cell office:value-type="float" office:value="{value}"><text:p>{value}</text:p></table:table-cell>'
        if value.startswith("formula:"):
            return f'<table:table-cell table:formula="{escape(value[8:], QUOTE)}"/>'
        if value.startswith("date:"):
            day = value[5:]
            return f'<table:table-cell office:value-type="date" office:date-value="{day}"><text:p>{day}</text:p></table:table-cell>'
        paragraphs = "".join(f"<text:p>{escape(line)}</text:p>" for line in value.split("\n"))
        return f'<table:table-cell office:value-type="string">{paragraphs}</table:table-cell>'

    body = "".join(
        f"<table:table-row>{''.join(cell(value) for value in row)}</table:table-row>" for row in rows
    )
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="{office}" '
        f'xmlns:table="{table}" xmlns:text="{text}" office:version="1.2"><office:body><office:spreadsheet>'
        f'<table:table table:name="Feuille1">{body}</table:table></office:spreadsheet></office:body>'
        "</office:document-content>"
    )
    encryption = '<manifest:encryption-data manifest:checksum-type="SHA1/1K"/>' if encrypted else ""
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        f'<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml">{encryption}'
        "</manifest:file-entry></manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        archive.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
    return path


def ole2_container(streams: dict[str, bytes], *, broken: bool = False) -> bytes:
    """A minimal compound file (MS-CFB version 3, 512-byte sectors) holding up to three streams.

    This is the container Office uses for .xls files and for any workbook saved with a password
    (then holding `EncryptionInfo` and `EncryptedPackage`). Streams are padded to 4096 bytes so that
    none needs the mini stream. Sector 0 holds the FAT, sector 1 the directory, then the streams.
    `broken` declares the unpadded sizes, which point small streams into a mini stream that is not
    there, as in a damaged file.
    """
    sector, free, end, fat_mark = 512, 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
    datas = [data.ljust(max(4096, -(-len(data) // sector) * sector), b"\0") for data in streams.values()]
    fat, starts = [fat_mark, end], []
    for data in datas:
        starts.append(len(fat))
        count = len(data) // sector
        fat.extend(range(len(fat) + 1, len(fat) + count))
        fat.append(end)
    fat_sector = struct.pack("<128I", *fat, *[free] * (128 - len(fat)))

    def entry(name: str, kind: int, start: int, size: int, *, child: int = free, right: int = free) -> bytes:
        encoded = (name + "\0").encode("utf-16-le") if name else b""
        return struct.pack(
            "<64sHBBIII16sIQQIQ",
            encoded,
            len(encoded),
            kind,
            1,
            free,
            right,
            child,
            b"",
            0,
            0,
            0,
            start,
            size,
        )

    names = list(streams)
    directory = entry("Root Entry", 5, end, 0, child=1) + b"".join(
        entry(
            name,
            2,
            start,
            len(streams[name]) if broken else len(data),
            right=index + 2 if index + 1 < len(names) else free,
        )
        for index, (name, start, data) in enumerate(zip(names, starts, datas, strict=True))
    )
    directory = directory.ljust(sector, b"\0")
    header = struct.pack(
        "<8s16sHHHHH6sIIIIIIIII",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        b"",
        0x3E,
        3,
        0xFFFE,
        9,
        6,
        b"",
        0,
        1,
        1,
        0,
        4096,
        end,
        0,
        end,
        0,
    ) + struct.pack("<109I", 0, *[free] * 108)
    return header + fat_sector + directory + b"".join(datas)


def write_matrix(
    path: Path, headers: list[str], rows: list[list[str]], *, title: str = "", tables: int = 1
) -> Path:
    """A UPR thematic list: a Word table whose one-item rows are merged section headings. With
    `tables=2` the rows are split over two tables, the second opening with the column names again."""
    document = docx.Document()
    if title:
        document.sections[0].header.paragraphs[0].text = title
    half = len(rows) // tables
    for part in range(tables):
        table = document.add_table(rows=0, cols=len(headers))
        chunk = rows[part * half : (part + 1) * half if part + 1 < tables else len(rows)]
        for values in [headers, *chunk]:
            cells = table.add_row().cells
            if len(values) == 1:
                cells[0].merge(cells[-1]).text = values[0]
            else:
                for cell, value in zip(cells, values, strict=True):
                    cell.text = value
    document.save(str(path))
    return path
