"""open_table: every kind of file told by its content, and every bad file refused with a clear message."""

import json
import os
import random
import time
import tracemalloc
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest

from recommendations.importing.formats import parse
from recommendations.importing.readers import ImportFileError, Table, open_table
from tests.importing.files import (
    ole2_container,
    set_cached_values,
    write_csv,
    write_ods,
    write_shared_strings_xlsx,
    write_xlsx,
)

ARABIC = "\u200fتوصي اللجنة الدولةَ الطرف بأن تكفل حقوق «الأشخاص ذوي الإعاقة» (الفقرة ٣٤)."
ACCENTED = "Côte d’Ivoire: ensure €5 fees are waived"


def rows(table: Table) -> list[tuple[int, list[str | None]]]:
    return list(table.rows)


def refused(path: Path, *, filename: str = "") -> str:
    with pytest.raises(ImportFileError) as caught:
        table = open_table(path, filename=filename)
        list(table.rows)
    return caught.value.message


# --- files that cannot be read -----------------------------------------------------------------


@pytest.mark.parametrize("content", [b"", b"\xef\xbb\xbf", b"\n\r\n  \t\n"])
def test_an_empty_file_is_refused(tmp_path, content):
    path = tmp_path / "upload.xlsx"
    path.write_bytes(content)
    assert refused(path, filename="export.xlsx") == "“export.xlsx” is empty."


def test_csv_text_renamed_to_xlsx_is_read_by_its_content(tmp_path):
    path = write_csv(tmp_path / "export.xlsx", [["Text", "Mechanism"], ["Ratify the Convention", "CRC"]])
    table = open_table(path)
    assert (table.kind, table.headers) == ("csv", ["Text", "Mechanism"])
    assert rows(table) == [(2, ["Ratify the Convention", "CRC"])]


def test_prose_renamed_to_xlsx_is_refused_for_having_no_rows(tmp_path):
    path = tmp_path / "notes.xlsx"
    path.write_text("Notes for the next meeting of the mechanism\n", encoding="utf-8")
    assert "has column headings but no rows below them" in refused(path)


def test_a_truncated_workbook_is_refused(tmp_path):
    path = write_xlsx(tmp_path / "export.xlsx", [["Text"], *([f"Recommendation {n}"] for n in range(500))])
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    message = refused(path)
    assert message.startswith("“export.xlsx” is damaged or incomplete")
    assert "save it again" in message


def test_a_workbook_damaged_inside_is_refused_while_its_rows_are_read(tmp_path):
    path = write_xlsx(
        tmp_path / "export.xlsx", [["Text"], *([f"Recommendation {n}" * 20] for n in range(2000))]
    )
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
    data = bytearray(path.read_bytes())
    start = info.header_offset + 30 + len(info.filename) + info.compress_size // 2
    data[start : start + 64] = bytes(64)
    path.write_bytes(bytes(data))
    assert "is damaged or incomplete" in refused(path)


def test_binary_garbage_named_csv_is_refused(tmp_path):
    path = tmp_path / "export.csv"
    path.write_bytes(random.Random(7).randbytes(20_000))
    assert refused(path) == (
        "“export.csv” is not a spreadsheet, a CSV file or a Word document that can be read. "
        "Check that you chose the right file."
    )


def test_a_password_protected_workbook_is_refused(tmp_path):
    # Office saves a workbook with a password as an OLE2 container of EncryptionInfo + EncryptedPackage.
    path = tmp_path / "export.xlsx"
    path.write_bytes(
        ole2_container({"EncryptionInfo": b"\x04\x00\x04\x00\x40", "EncryptedPackage": b"\x93" * 6000})
    )
    assert refused(path) == (
        "“export.xlsx” is protected by a password. Open it, save a copy without the password and upload that copy."
    )


def test_a_password_protected_ods_is_refused(tmp_path):
    path = write_ods(tmp_path / "export.ods", [["Text"], ["x"]], encrypted=True)
    assert "is protected by a password" in refused(path)


@pytest.mark.parametrize(
    ("streams", "broken"),
    [({"Workbook": b"\x09\x08\x10\x00"}, False), ({"Other": b"abc"}, False), ({"Book": b"x" * 100}, True)],
    ids=["truncated-biff", "no-workbook-stream", "broken-container"],
)
def test_a_damaged_xls_is_refused(tmp_path, streams, broken):
    path = tmp_path / "old.xls"
    path.write_bytes(ole2_container(streams, broken=broken))
    assert "“old.xls” is damaged or incomplete" in refused(path)


def test_a_sheet_without_a_header_row_is_refused(tmp_path):
    data = [
        "137.5 Ratify the Optional Protocol to the Convention against Torture (Denmark);",
        "UPR",
        "2023-05-01",
        "41",
    ]
    path = write_xlsx(tmp_path / "export.xlsx", [[None], [None], data, data])
    assert refused(path, filename="uhri.xlsx") == (
        "Row 3 of “uhri.xlsx”, the first row with content, holds data rather than column headings. "
        "Add a row of column headings above the data and upload the file again."
    )


def test_headings_without_rows_are_refused(tmp_path):
    path = write_csv(tmp_path / "export.csv", [["Text", "Mechanism"], [], ["", ""]])
    assert refused(path) == "“export.csv” has column headings but no rows below them."


def test_a_web_page_saved_as_xls_is_refused(tmp_path):
    path = tmp_path / "export.xls"
    path.write_text("<html><body><table><tr><td>Text</td></tr></table></body></html>", encoding="utf-8")
    assert "is a web page or an XML file, not a spreadsheet" in refused(path)


def test_a_zip_that_is_not_a_workbook_is_refused(tmp_path):
    path = tmp_path / "export.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("export.csv", "Text\nx\n")
    assert "is a compressed (zip) file but not a workbook" in refused(path)


def test_a_word_document_without_a_table_is_refused(tmp_path):
    document = docx.Document()
    document.add_paragraph("Thematic list of recommendations")
    document.save(str(tmp_path / "matrix.docx"))
    assert "has no table" in refused(tmp_path / "matrix.docx")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('[{"text": "a"},\n {"text": }]', "“export.json” is not valid JSON (the error is near line 2)."),
        ('["a", "b"]', "“export.json” does not hold a list of recommendations."),
    ],
)
def test_bad_json_is_refused(tmp_path, content, message):
    path = tmp_path / "export.json"
    path.write_text(content, encoding="utf-8")
    assert refused(path) == message


# --- size --------------------------------------------------------------------------------------


def resident_memory() -> int:
    """The process's resident memory now (not its peak), in bytes."""
    return int(Path("/proc/self/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def test_200_000_rows_are_streamed_with_flat_memory(tmp_path):
    path = tmp_path / "big.csv"
    with path.open("w", encoding="utf-8", newline="") as stream:
        stream.write("Text,Body,Date\n")
        stream.writelines(
            f"Recommendation number {n} on data collection,CRC,2023-05-01\n" for n in range(200_000)
        )
    started = time.monotonic()
    baseline = peak = resident_memory()
    count = errors = 0
    for record in parse(
        open_table(path), None, mapping={"text": "Text", "mechanism": "Body", "date": "Date"}
    ):
        count += 1
        errors += len(record.errors)
        if count % 10_000 == 0:
            peak = max(peak, resident_memory())
    assert (count, errors) == (200_000, 0)
    # Holding every row would take a few hundred MB; one row at a time, plus the duplicate check's
    # hash of each row, stays within a few tens.
    assert peak - baseline < 60 * 1024 * 1024
    assert time.monotonic() - started < 60


def test_xlsx_rows_are_streamed_not_loaded_whole(tmp_path):
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("Export")
    sheet.append(["Text", "Body"])
    for n in range(20_000):
        sheet.append([f"Recommendation {n} " + "on the rights of the child " * 8, "CRC"])
    workbook.save(tmp_path / "big.xlsx")
    tracemalloc.start()
    try:
        table = open_table(tmp_path / "big.xlsx")
        count = sum(1 for _ in table.rows)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert count == 20_000
    assert peak < 3 * 1024 * 1024  # the texts alone are over 5 MB


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_cell_of_100_000_characters_is_kept_whole(tmp_path, kind):
    long_text = ("Ensure access to justice for all. " * 3000)[:100_000]
    if kind == "csv":
        path = write_csv(tmp_path / "long.csv", [["Text", "Body"], [long_text, "CRC"]])
    else:  # openpyxl, like Excel, cuts cells at 32,767 characters; other programs write more
        sheet = '<row r="1"><c t="s"><v>0</v></c><c t="s"><v>1</v></c></row><row r="2"><c t="s"><v>2</v></c><c t="s"><v>3</v></c></row>'
        path = write_shared_strings_xlsx(
            tmp_path / "long.xlsx", sheet, ["<t>Text</t>", "<t>Body</t>", f"<t>{long_text}</t>", "<t>CRC</t>"]
        )
    assert rows(open_table(path)) == [(2, [long_text, "CRC"])]


# --- values ------------------------------------------------------------------------------------


def test_formula_cells_give_their_cached_value_and_never_their_formula(tmp_path):
    path = write_xlsx(
        tmp_path / "export.xlsx",
        [["Text", "Paragraph", "Cycle"], ['=CONCATENATE("Ratify ", "the Convention")', "=30+4", "=1+1"]],
    )
    set_cached_values(path, {"A2": "Ratify the Convention", "B2": "34"})
    assert rows(open_table(path)) == [(2, ["Ratify the Convention", "34"])]  # C2 was never calculated


def test_ods_formula_cells_without_a_value_are_empty(tmp_path):
    path = write_ods(
        tmp_path / "export.ods", [["Text", "Body"], ['formula:of:=CONCATENATE("Rat";"ify")', "CRC"]]
    )
    assert rows(open_table(path)) == [(2, [None, "CRC"])]


def test_xlsx_numbers_dates_booleans_and_gaps(tmp_path):
    import datetime

    path = write_xlsx(
        tmp_path / "export.xlsx",
        [
            ["Action", "Share", "Date", "Published", None, "Note"],
            [4.0, 0.25, datetime.date(2023, 5, 1), True, None, "x"],
        ],
    )
    table = open_table(path)
    assert table.headers == ["Action", "Share", "Date", "Published", "", "Note"]
    assert rows(table) == [(2, ["4", "0.25", "2023-05-01", "TRUE", None, "x"])]


def test_xlsx_as_excel_writes_it_shared_strings_rich_text_and_a_hidden_first_sheet(tmp_path):
    shared = [
        "<t>Text</t>",
        "<t>Date</t>",
        "<r><t>Ratify the </t></r><r><rPr><b/></rPr><t>Convention</t></r><rPh><t>ignored</t></rPh>",
        "<t>Line one_x000D_\nline two</t>",
    ]
    sheet = (
        '<row r="2"><c r="A2" t="s"><v>0</v></c><c r="C2" t="s"><v>1</v></c></row>'
        '<row r="5"><c r="A5" t="s"><v>2</v></c><c r="C5" s="1"><v>45047</v></c></row>'
        '<row r="6"><c r="A6" t="s"><v>3</v></c><c r="C6" t="e"><v>#N/A</v></c></row>'
    )
    table = open_table(write_shared_strings_xlsx(tmp_path / "export.xlsx", sheet, shared))
    assert (table.kind, table.sheet, table.headers) == ("xlsx", "Data", ["Text", "", "Date"])
    assert rows(table) == [(5, ["Ratify the Convention", None, "2023-05-01"]), (6, ["Line one\nline two"])]


def test_xlsx_dates_of_the_1904_system(tmp_path):
    sheet = '<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2" s="1"><v>43585</v></c></row>'
    path = write_shared_strings_xlsx(
        tmp_path / "mac.xlsx", sheet, ["<t>Date</t>"], workbook_extra='<workbookPr date1904="1"/>'
    )
    assert rows(open_table(path)) == [(2, ["2023-05-01"])]


def test_ods_is_read(tmp_path):
    path = write_ods(
        tmp_path / "export.ods", [[None], ["Texte", "Date", "Cycle"], [ARABIC, "date:2023-05-01", 4]]
    )
    table = open_table(path)
    assert (table.kind, table.sheet, table.headers) == ("ods", "Feuille1", ["Texte", "Date", "Cycle"])
    assert rows(table) == [(3, [ARABIC, "2023-05-01", "4"])]


def test_json_arrays_are_read_item_by_item(tmp_path):
    items = [
        {"id": n, "text_en": f"Recommendation {n} " + "x" * 1500, "themes": ["Right to health", "Children"]}
        for n in range(200)
    ]
    path = tmp_path / "export.json"
    path.write_text(json.dumps(items, ensure_ascii=False, indent=1), encoding="utf-8")
    table = open_table(path)
    assert (table.kind, table.headers) == ("json", ["id", "text_en", "themes"])
    read = rows(table)
    assert len(read) == 200
    assert read[-1] == (201, ["199", items[-1]["text_en"], "Right to health\nChildren"])


def test_json_objects_holding_a_list_are_read(tmp_path):
    path = tmp_path / "export.json"
    path.write_text(
        json.dumps({"count": 1, "results": [{"text_en": ARABIC, "cycle": 3.0}]}), encoding="utf-8"
    )
    table = open_table(path)
    assert table.headers == ["text_en", "cycle"]
    assert rows(table) == [(2, [ARABIC, "3"])]


# --- text files --------------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1252"])
def test_csv_encodings(tmp_path, encoding):
    path = write_csv(
        tmp_path / "export.csv", [["Text", "State"], [ACCENTED, "Côte d’Ivoire"]], encoding=encoding
    )
    table = open_table(path)
    assert (table.kind, table.headers) == ("csv", ["Text", "State"])
    assert rows(table) == [(2, [ACCENTED, "Côte d’Ivoire"])]


def test_mixed_encodings_in_one_file_are_each_read(tmp_path):
    path = tmp_path / "merged.csv"
    path.write_bytes(
        b"Text,State\n"
        + f"{ACCENTED},UTF-8\n".encode()
        + f"{ACCENTED},Windows-1252\n".encode("cp1252")
        + f"{ACCENTED} – {ARABIC},UTF-8 again\n".encode()
    )
    assert rows(open_table(path)) == [
        (2, [ACCENTED, "UTF-8"]),
        (3, [ACCENTED, "Windows-1252"]),
        (4, [f"{ACCENTED} – {ARABIC}", "UTF-8 again"]),
    ]


def test_cr_only_line_endings_as_old_mac_copies_have_them(tmp_path):
    path = write_csv(
        tmp_path / "uprinfo.csv",
        [["SuR", "Recommendation"], ["Slovenia", "Ratify\rthe Convention"], ["Chile", "Adopt a law"]],
        encoding="cp1252",
        line_end="\r",
    )
    assert rows(open_table(path)) == [
        (2, ["Slovenia", "Ratify\nthe Convention"]),
        (3, ["Chile", "Adopt a law"]),
    ]


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_csv_delimiters_are_recognised(tmp_path, delimiter):
    path = write_csv(
        tmp_path / "export.csv",
        [["Text", "Body", "Date"], ["Ratify, promptly; the Convention", "CRC", "1.5.2023"]],
        delimiter=delimiter,
    )
    table = open_table(path)
    assert table.headers == ["Text", "Body", "Date"]
    assert rows(table) == [(2, ["Ratify, promptly; the Convention", "CRC", "1.5.2023"])]


@pytest.mark.parametrize("kind", ["csv", "xlsx", "ods"])
def test_right_to_left_text_is_kept_exactly(tmp_path, kind):
    content = [["النص", "الآلية"], [ARABIC, "لجنة حقوق الطفل"]]
    writers = {"csv": write_csv, "xlsx": write_xlsx, "ods": write_ods}
    table = open_table(writers[kind](tmp_path / f"arabic.{kind}", content))
    assert table.headers == ["النص", "الآلية"]
    assert rows(table) == [(2, [ARABIC, "لجنة حقوق الطفل"])]
