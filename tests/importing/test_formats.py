"""detect_format and parse: UHRI, UPR Info, our own export, translations and column mappings."""

import datetime
import json

import pytest

from recommendations.importing.columns import NMIRF_COLUMNS
from recommendations.importing.formats import detect_format, parse
from recommendations.importing.readers import ImportFileError, open_table
from recommendations.importing.rows import RawRecommendation, RowError
from tests.importing.files import UHRI_HEADERS, UPRINFO_HEADERS, write_csv, write_ods, write_xlsx

UPR_ROW = [
    "137.197 Improve access to justice for persons living in rural areas (Germany);",
    "- Iraq",
    "- UPR",
    "- A/HRC/43/14",
    "- Access to justice & remedy\n- Human rights & poverty",
    "- Persons living in rural areas\n- Women & girls",
    "- 16 - PEACE, JUSTICE AND STRONG INSTITUTIONS\n- 16.3 - Promote the rule of law and access to justice for all",
    45047,
    "- Germany",
    "- Supported/Noted",
    "- Recommendations",
    "3f9a4c1e-2b7d-4e8f-9a6b-1c2d3e4f5a6b",
    "- 34",
    "- Asia",
    "- WEOG",
    46078.54,
]
TB_ROW = [
    "Torture, ill-treatment and prison conditions 34. The State party should: (a) end overcrowding;",
    "- Iraq",
    "- CAT",
    "- CAT/C/IRQ/CO/2",
    "- Conditions of detention",
    "- Persons deprived of their liberty & detainees",
    "- 16.3 - Promote the rule of law and access to justice for all",
    44000,
    None,
    None,
    "- Concerns/Observations",
    "5d1c2b3a-0000-4e8f-9a6b-1c2d3e4f5a6b",
    None,
    "- Asia",
    None,
    44001,
]
SP_ROW = [
    "78. The Government should publish the report.",
    "- South Sudan\n- Sudan",
    "- SR Torture",
    "- A/HRC/55/60/Add.1",
    None,
    None,
    None,
    45300,
    None,
    None,
    "- Others",
    "77aa2b3a-0000-4e8f-9a6b-1c2d3e4f5a6b",
    None,
    None,
    None,
    None,
]


def read(path, fmt=None, **options) -> list[RawRecommendation]:
    table = open_table(path)
    return list(parse(table, fmt or detect_format(table.headers), **options))


def errors(records: list[RawRecommendation]) -> list[tuple[int, RowError]]:
    return [(record.row, error) for record in records for error in record.errors]


# --- detection ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("headers", "fmt"),
    [
        (UHRI_HEADERS, "uhri"),
        ([header.replace("Reccomending", "Recommending") for header in UHRI_HEADERS], "uhri"),
        (["AnnotationId", "Symbol", "Text", "Body", "Countries"], "uhri"),
        (UPRINFO_HEADERS, "uprinfo"),
        (list(NMIRF_COLUMNS), "nmirf"),
        (
            ["Recommendation and recommending State", "Position of the State under review", "Relevant SDGs"],
            "matrix",
        ),
        (["Recommendation", "Position", "Full list of themes"], "matrix"),
        (["Texte", "Organe", "Date"], None),
    ],
)
def test_detect_format(headers, fmt):
    assert detect_format(headers) == fmt


def test_a_table_needs_a_mapping_when_its_format_is_unknown(tmp_path):
    table = open_table(write_csv(tmp_path / "x.csv", [["Texte", "Organe"], ["Ratifier", "CRC"]]))
    with pytest.raises(ImportFileError, match="Define a column mapping"):
        parse(table, None)


# --- UHRI --------------------------------------------------------------------------------------


def test_uhri_export_values(tmp_path):
    upr, tb, sp = read(write_csv(tmp_path / "uhri.csv", [UHRI_HEADERS, UPR_ROW, TB_ROW, SP_ROW]))
    assert upr == RawRecommendation(
        row=2,
        external_id="3f9a4c1e-2b7d-4e8f-9a6b-1c2d3e4f5a6b",
        states=["Iraq"],
        mechanism="UPR",
        document="A/HRC/43/14",
        paragraph="137.197",
        text=UPR_ROW[0],
        language="en",
        date=datetime.date(2023, 5, 1),
        kind="recommendation",
        position="supported_in_part",
        recommending_states=["Germany"],
        themes=["Access to justice & remedy", "Human rights & poverty"],
        groups=["Persons living in rural areas", "Women & girls"],
        sdgs=["16", "16.3"],
        session="34",
        cycle=3,
        extra={"regions": "Asia", "recommending_regions": "WEOG", "uhri_date": "2026-02-25"},
    )
    assert (tb.kind, tb.mechanism, tb.paragraph, tb.position, tb.cycle) == (
        "observation",
        "CAT",
        "34",
        "",
        None,
    )
    assert tb.extra["section"] == "Torture, ill-treatment and prison conditions"
    assert tb.recommending_states == []
    assert (sp.kind, sp.states, sp.mechanism, sp.paragraph) == (
        "other",
        ["South Sudan", "Sudan"],
        "SR Torture",
        "78",
    )
    assert errors([upr, tb, sp]) == []


def test_uhri_xlsx_reads_as_the_csv_does_with_either_spelling(tmp_path):
    headers = [header.replace("Reccomending", "Recommending") for header in UHRI_HEADERS]
    from_xlsx = read(write_xlsx(tmp_path / "uhri.xlsx", [headers, UPR_ROW, TB_ROW, SP_ROW]))
    from_csv = read(write_csv(tmp_path / "uhri.csv", [UHRI_HEADERS, UPR_ROW, TB_ROW, SP_ROW]))
    assert from_xlsx == from_csv


def test_uhri_recommending_states_come_from_the_text_when_the_column_is_empty(tmp_path):
    row = [*UPR_ROW]
    row[0], row[8] = "140.1 Ratify the Convention (Algeria) (Cabo Verde);", None
    (record,) = read(write_csv(tmp_path / "uhri.csv", [UHRI_HEADERS, row]))
    assert record.recommending_states == ["Algeria", "Cabo Verde"]


def test_uhri_values_that_cannot_be_read_are_row_errors(tmp_path):
    row = [*UPR_ROW]
    row[2], row[6], row[7], row[9], row[10] = None, "- PEACE", "someday", "- Maybe", "- Decisions"
    (record,) = read(write_csv(tmp_path / "uhri.csv", [UHRI_HEADERS, UPR_ROW[:1] + [None] * 15, row]))[1:]
    assert errors([record]) == [
        (
            3,
            RowError(
                "Document Publication Date",
                "“someday” is not a date that can be read. Write dates like 2023-05-01.",
            ),
        ),
        (
            3,
            RowError(
                "UPR Position",
                "“Maybe” is not a known position. Use Supported, Supported in part, Noted or Pending.",
            ),
        ),
        (
            3,
            RowError(
                "Type",
                "“Decisions” is not a known kind. Use Recommendation, Observation, Voluntary pledge or Other.",
            ),
        ),
        (3, RowError("Sdgs", "“PEACE” does not start with an SDG goal or target number such as 16 or 16.3.")),
        (3, RowError("Reccomending Body", "The mechanism is missing.")),
    ]


def test_uhri_without_its_text_column_is_refused(tmp_path):
    headers = UHRI_HEADERS[1:]
    table = open_table(write_csv(tmp_path / "uhri.csv", [headers, UPR_ROW[1:]]))
    assert detect_format(table.headers) == "uhri"
    with pytest.raises(ImportFileError) as caught:
        parse(table, "uhri")
    assert caught.value.message == (
        "The column “Text” is missing. This file looks like a UHRI export, which needs that column."
    )


def test_uhri_translations_file(tmp_path):
    french = [*UPR_ROW]
    french[0], french[2] = "137.197 Améliorer l’accès à la justice (Allemagne);", None
    unidentified = [*french]
    unidentified[11] = None
    records = read(
        write_csv(tmp_path / "uhri-fr.csv", [UHRI_HEADERS, french, unidentified]),
        language="fr",
        translations=True,
    )
    assert (records[0].language, records[0].text, records[0].paragraph) == ("fr", french[0], "137.197")
    assert errors(records) == [(3, RowError("OHCHR Annotation Id", "The identifier is missing."))]


def test_uhri_json_interface_names(tmp_path):
    items = [
        {
            "AnnotationId": "abc",
            "Symbol": "CRC/C/IRQ/CO/5",
            "Text": "Education 12. The State party should ensure free schooling.",
            "PublicationDate": "2023-05-01T00:00:00",
            "AnnotationType": "Recommendations",
            "Countries": ["Iraq"],
            "AffectedPersons": ["Children"],
            "Themes": ["Right to education"],
            "Sdgs": ["4 - QUALITY EDUCATION"],
            "Body": "CRC",
        }
    ]
    path = tmp_path / "uhri.json"
    path.write_text(json.dumps(items), encoding="utf-8")
    (record,) = read(path)
    assert (record.external_id, record.document, record.mechanism, record.paragraph) == (
        "abc",
        "CRC/C/IRQ/CO/5",
        "CRC",
        "12",
    )
    assert (record.date, record.states, record.groups, record.sdgs) == (
        datetime.date(2023, 5, 1),
        ["Iraq"],
        ["Children"],
        ["4"],
    )


# --- UPR Info ----------------------------------------------------------------------------------


def test_uprinfo_csv_copy_with_cr_line_endings_and_windows_1252(tmp_path):
    rows = [
        UPRINFO_HEADERS,
        [
            "Côte d'Ivoire",
            "Africa",
            "AU",
            "Ratify the OP-CAT.",
            "France",
            "WEOG",
            "EU",
            "Accepted",
            "4.0",
            "Torture and other CID treatment,Treaty bodies",
            "5",
        ],
        [
            "Côte d'Ivoire",
            "Africa",
            "AU",
            "Abolish the death penalty.",
            "Chile",
            "GRULAC",
            "&#40;Unknown&#41;",
            "Not Supported",
            "5",
            "Death penalty",
            "20",
        ],
        [
            "Côte d'Ivoire",
            "Africa",
            "AU",
            "Adopt a national action plan.",
            "Côte d'Ivoire",
            "Africa",
            "AU",
            "Voluntary Pledge",
            "",
            "Human rights education and training",
            "27",
        ],
        [
            "Côte d'Ivoire",
            "Africa",
            "AU",
            "Strengthen the NHRI.",
            "Peru",
            "GRULAC",
            "",
            "Supported",
            "3",
            "NHRI",
            "41",
        ],
        [
            "Côte d'Ivoire",
            "Africa",
            "AU",
            "Abolish the death penalty.",
            "Chile",
            "GRULAC",
            "&#40;Unknown&#41;",
            "Noted",
            "5",
            "Death penalty",
            "20",
        ],
    ]
    records = read(write_csv(tmp_path / "uprinfo.csv", rows, encoding="cp1252", line_end="\r"))
    first = records[0]
    assert first == RawRecommendation(
        row=2,
        external_id=first.external_id,
        states=["Côte d'Ivoire"],
        mechanism="UPR",
        text="Ratify the OP-CAT.",
        position="supported",
        recommending_states=["France"],
        themes=["Torture and other CID treatment", "Treaty bodies"],
        session="5",
        cycle=1,
        extra={
            "response": "Accepted",
            "action": "4",
            "state_group": "Africa",
            "state_organisations": "AU",
            "recommending_group": "WEOG",
            "recommending_organisations": "EU",
        },
    )
    assert first.external_id.startswith("uprinfo:")
    assert [(r.kind, r.position, r.cycle) for r in records] == [
        ("recommendation", "supported", 1),
        ("recommendation", "noted", 2),
        ("voluntary_pledge", "", 3),
        ("recommendation", "supported", 4),
        ("recommendation", "noted", 2),
    ]
    assert records[1].extra["recommending_organisations"] == "(Unknown)"
    assert records[1].external_id == records[4].external_id
    assert errors(records) == [(6, RowError("", "This row repeats row 3, but some of its values differ."))]


# --- our own export ----------------------------------------------------------------------------

OWN = {
    "id": "17",
    "external_id": "3f9a4c1e-2b7d-4e8f-9a6b-1c2d3e4f5a6b",
    "state": "IRQ",
    "mechanism": "UPR",
    "mechanism_type": "upr",
    "document": "A/HRC/43/14",
    "paragraph": "137.197",
    "date": "2023-05-01",
    "cycle": "3",
    "session": "34",
    "kind": "recommendation",
    "position": "supported_in_part",
    "recommending_states": ["DEU", "FRA"],
    "text_ar": "تحسين الوصول إلى العدالة (ألمانيا)؛",
    "text_en": "137.197 Improve access to justice (Germany);",
    "text_es": "",
    "text_fr": "137.197 Améliorer l’accès à la justice (Allemagne);",
    "text_ru": "",
    "text_zh_hans": "",
    "original_language": "en",
    "themes": ["Access to justice & remedy", "Human rights & poverty"],
    "groups": ["Women & girls"],
    "sdg_goals": ["16"],
    "sdg_targets": ["16.3", "5.2"],
    "cluster": "Justice",
    "lead_institution": "Ministry of Justice",
    "supporting_institutions": ["Ministry of Health", "Ministry of Labour, Employment and Social Affairs"],
    "status": "in_progress",
    "status_date": "2024-02-01",
    "requires_legislation": "true",
    "published": "false",
}
OWN_RECORD = RawRecommendation(
    row=2,
    external_id=OWN["external_id"],
    states=["IRQ"],
    mechanism="UPR",
    document="A/HRC/43/14",
    paragraph="137.197",
    text=OWN["text_en"],
    language="en",
    date=datetime.date(2023, 5, 1),
    kind="recommendation",
    position="supported_in_part",
    recommending_states=["DEU", "FRA"],
    themes=["Access to justice & remedy", "Human rights & poverty"],
    groups=["Women & girls"],
    sdgs=["16", "16.3", "5.2"],
    session="34",
    cycle=3,
    translations={"ar": OWN["text_ar"], "fr": OWN["text_fr"]},
    extra={
        "id": "17",
        "mechanism_type": "upr",
        "cluster": "Justice",
        "lead_institution": "Ministry of Justice",
        "status": "in_progress",
        "requires_legislation": "true",
        "published": "false",
        "supporting_institutions": "Ministry of Health | Ministry of Labour, Employment and Social Affairs",
        "status_date": "2024-02-01",
    },
)


def _flat(value: str | list[str]) -> str:
    return " | ".join(value) if isinstance(value, list) else value


@pytest.mark.parametrize("kind", ["csv", "xlsx", "json"])
def test_our_own_export_round_trips(tmp_path, kind):
    path = tmp_path / f"export.{kind}"
    if kind == "json":
        path.write_text(json.dumps([OWN], ensure_ascii=False), encoding="utf-8")
    else:
        rows = [list(OWN), [_flat(value) for value in OWN.values()]]
        (write_csv if kind == "csv" else write_xlsx)(path, rows)
    assert read(path) == [OWN_RECORD]


def test_our_own_export_in_another_original_language(tmp_path):
    row = {**OWN, "original_language": "ar"}
    (record,) = read(write_csv(tmp_path / "export.csv", [list(row), [_flat(v) for v in row.values()]]))
    assert (record.language, record.text) == ("ar", OWN["text_ar"])
    assert record.translations == {"en": OWN["text_en"], "fr": OWN["text_fr"]}


def test_a_translations_file_of_our_own_export(tmp_path):
    path = write_csv(
        tmp_path / "traductions.csv",
        [["id", "text_fr"], ["17", "Améliorer l’accès à la justice"], ["", "Sans identifiant"]],
    )
    table = open_table(path)
    records = list(parse(table, "nmirf", language="fr", translations=True))
    assert (records[0].extra["id"], records[0].language, records[0].text) == (
        "17",
        "fr",
        "Améliorer l’accès à la justice",
    )
    assert errors(records) == [
        (3, RowError("id", "A translation needs the identifier of its recommendation."))
    ]


# --- any spreadsheet, through a column mapping -------------------------------------------------

MAPPING = {
    "text": "Texte",
    "mechanism": "Organe",
    "document": "Cote",
    "date": "Date d'adoption",
    "kind": "Nature",
    "position": "Position",
    "themes": "Thèmes",
    "sdgs": "ODD",
    "cycle": "Cycle",
    "text_ar": "النص",
}
MAPPED_HEADERS = [
    "Texte",
    "Organe",
    "Cote",
    "Date d'adoption",
    "Nature",
    "Position",
    "Thèmes",
    "ODD",
    "Cycle",
    "Ministère",
    "النص",
]


def test_a_mapped_spreadsheet(tmp_path):
    rows = [
        MAPPED_HEADERS,
        [
            "Ratifier la Convention 189 (Chili) ;",
            "UPR",
            "A/HRC/52/12",
            "1.5.2023",
            "Recommendation",
            "Noted",
            "Travail; emploi",
            "8.7",
            "4",
            "Travail",
            "صدقوا",
        ],
        ["Lutter contre la traite", "", "", "1 mai 2023", "", "", "", "", "", "", ""],
        ["", "CRC", "", "", "", "", "", "", "four", "", ""],
    ]
    records = read(
        write_csv(tmp_path / "plan.csv", rows, encoding="utf-8-sig", delimiter=";"), None, mapping=MAPPING
    )
    assert records[0] == RawRecommendation(
        row=2,
        mechanism="UPR",
        document="A/HRC/52/12",
        paragraph="",
        text="Ratifier la Convention 189 (Chili) ;",
        date=datetime.date(2023, 5, 1),
        kind="recommendation",
        position="noted",
        recommending_states=["Chili"],
        themes=["Travail; emploi"],
        sdgs=["8.7"],
        cycle=4,
        translations={"ar": "صدقوا"},
        extra={"Ministère": "Travail"},
    )
    assert errors(records) == [
        (3, RowError("Organe", "The mechanism is missing.")),
        (4, RowError("Cycle", "“four” is not a UPR cycle number.")),
        (4, RowError("Texte", "The text is missing.")),
    ]


def test_a_mapping_with_a_default_mechanism(tmp_path):
    path = write_ods(
        tmp_path / "crc.ods",
        [["Texte", "Date d'adoption"], ["Assurer la scolarité gratuite", "date:2023-05-01"]],
    )
    (record,) = read(
        path, None, mapping={"text": "texte", "date": "DATE D'ADOPTION"}, defaults={"mechanism": "CRC"}
    )
    assert (record.mechanism, record.date, record.errors) == ("CRC", datetime.date(2023, 5, 1), [])


@pytest.mark.parametrize(
    ("mapping", "message"),
    [
        (
            {"text": "Texte", "mechanism": "Body"},
            "The column “Body”, mapped to the mechanism, is not in this file.",
        ),
        ({"mechanism": "Organe"}, "The column mapping must say which column holds the text."),
        (
            {"text": "Texte", "mechanism": "Organe", "colour": "Texte"},
            "The column mapping names an unknown field, “colour”.",
        ),
    ],
)
def test_a_mapping_that_does_not_fit_the_file_is_refused(tmp_path, mapping, message):
    table = open_table(write_csv(tmp_path / "x.csv", [MAPPED_HEADERS, ["Ratifier", "CRC"]]))
    with pytest.raises(ImportFileError) as caught:
        parse(table, None, mapping=mapping)
    assert caught.value.message == message


@pytest.mark.parametrize(
    ("value", "dayfirst", "expected"),
    [
        ("2023-05-01", True, datetime.date(2023, 5, 1)),
        ("01/05/2023", True, datetime.date(2023, 5, 1)),
        ("01/05/2023", False, datetime.date(2023, 1, 5)),
        ("1.5.2023", True, datetime.date(2023, 5, 1)),
        ("1 May 2023", True, datetime.date(2023, 5, 1)),
        ("1 mai 2023", False, datetime.date(2023, 5, 1)),
        (45047, True, datetime.date(2023, 5, 1)),
    ],
)
def test_dates_in_five_national_formats(tmp_path, value, dayfirst, expected):
    path = write_xlsx(tmp_path / "dates.xlsx", [["Text", "Body", "Adopted"], ["Ratify", "CRC", value]])
    mapping = {"text": "Text", "mechanism": "Body", "date": "Adopted"}
    (record,) = read(path, None, mapping=mapping, dayfirst=dayfirst)
    assert record.date == expected


def test_duplicate_rows_are_reported_by_row_number(tmp_path):
    rows = [
        ["Text", "Body"],
        ["Ratify the Convention", "CRC"],
        ["Adopt a law", "CRC"],
        ["Ratify  the convention", "crc"],
    ]
    records = read(write_csv(tmp_path / "x.csv", rows), None, mapping={"text": "Text", "mechanism": "Body"})
    assert errors(records) == [(4, RowError("", "This row repeats row 2, but some of its values differ."))]


def test_duplicate_uhri_identifiers_are_reported_by_row_number(tmp_path):
    noted = [*UPR_ROW[:9], "- Noted", *UPR_ROW[10:]]  # the same identifier, another position
    records = read(write_csv(tmp_path / "uhri.csv", [UHRI_HEADERS, UPR_ROW, TB_ROW, noted]))
    assert errors(records) == [(4, RowError("", "This row has the same identifier as row 2."))]
    assert [record.repeats for record in records] == [None, None, None]


def test_exact_repeats_are_marked_not_refused(tmp_path):
    """A row with the same values as an earlier one (as read: `- Iraq` is `Iraq`) names it, with no error."""
    spaced = [f" {value} " if isinstance(value, str) else value for value in UPR_ROW]
    rows = [UHRI_HEADERS, UPR_ROW, TB_ROW, UPR_ROW, spaced, TB_ROW]
    records = read(write_csv(tmp_path / "uhri.csv", rows))
    assert errors(records) == []
    assert [(record.row, record.repeats) for record in records] == [
        (2, None),
        (3, None),
        (4, 2),
        (5, 2),
        (6, 3),
    ]


def test_rows_to_skip_are_neither_compared_nor_marked_as_repeats(tmp_path):
    spain = [UPR_ROW[0], "- Spain", *UPR_ROW[2:]]
    rows = [UHRI_HEADERS, spain, spain, UPR_ROW, UPR_ROW]
    table = open_table(write_csv(tmp_path / "uhri.csv", rows))
    records = list(parse(table, "uhri", skip=lambda record: record.states != ["Iraq"]))
    assert [(record.skipped, record.repeats, record.errors) for record in records] == [
        (True, None, []),
        (True, None, []),
        (False, None, []),
        (False, 4, []),
    ]
