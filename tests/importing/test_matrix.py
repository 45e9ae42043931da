"""The OHCHR UPR thematic list of recommendations (.docx), in each of its layouts."""

from recommendations.importing.formats import detect_format, parse
from recommendations.importing.readers import open_table
from recommendations.importing.rows import RawRecommendation, RowError
from tests.importing.files import write_matrix, write_xlsx

CYCLE_4 = [
    "Recommendation and recommending State",
    "Position of the State under review",
    "Human rights themes and groups of persons",
    "Relevant SDGs",
]
CYCLES_2_3 = [
    "Recommendation",
    "Position",
    "Full list of themes",
    "Assessment/comments on level of implementation",
]
OLDER = ["Recommendation", "Recommending state/s", "Position", "Full list of rights/affected persons"]


def read(path) -> list[RawRecommendation]:
    table = open_table(path)
    assert detect_format(table.headers) == "matrix"
    return list(parse(table, "matrix"))


def test_cycle_4_layout(tmp_path):
    rows = [
        ["Theme: Ratification of & accession to international instruments"],
        [
            "140.7 Ratify the Optional Protocol to the Covenant (Maldives) (Portugal);\n"
            "Source of Position: A/HRC/59/15/Add.1 - Para.3",
            "Supported",
            "- Ratification of & accession to international instruments\n"
            "- Economic, social & cultural rights - general measures of implementation\n"
            "Groups of Persons: \n- Public officials",
            "- 1 - NO POVERTY\n- 8 - DECENT WORK AND ECONOMIC GROWTH",
        ],
        ["Theme: Migrants"],
        [
            "140.1 Ratify the Migrant Workers Convention (Algeria) (Bolivarian Republic of Venezuela);\n"
            "Source of Position: A/HRC/59/15/Add.1 - Para.5",
            "Noted",
            "- Migrants\nGroups of Persons: \n- Migrants",
            "- 10 - REDUCED INEQUALITIES",
        ],
        [
            "140.113 Adopt targeted measures for women in the labour market (Lebanon);\n"
            "Source of Position: A/HRC/59/15/Add.1 - Para.3vv",
            "Supported",
            "- Advancement of women",
            "",
        ],
    ]
    path = write_matrix(
        tmp_path / "matrix.docx", CYCLE_4, rows, title="UPR of Slovenia (4th Cycle - 48th Session)", tables=2
    )
    first, second, third = read(path)
    assert first == RawRecommendation(
        row=3,
        states=["Slovenia"],
        mechanism="UPR",
        document="A/HRC/59/15",
        paragraph="140.7",
        text="140.7 Ratify the Optional Protocol to the Covenant (Maldives) (Portugal);",
        position="supported",
        recommending_states=["Maldives", "Portugal"],
        themes=[
            "Ratification of & accession to international instruments",
            "Economic, social & cultural rights - general measures of implementation",
        ],
        groups=["Public officials"],
        sdgs=["1", "8"],
        session="48",
        cycle=4,
        extra={
            "position_source": "A/HRC/59/15/Add.1 - Para.3",
            "section": "Ratification of & accession to international instruments",
        },
    )
    # The second table repeats the column names (row 5) before its first row.
    assert (second.row, second.position, second.extra["section"]) == (6, "noted", "Migrants")
    assert second.recommending_states == ["Algeria", "Bolivarian Republic of Venezuela"]
    assert (third.paragraph, third.document, third.sdgs, third.errors) == ("140.113", "A/HRC/59/15", [], [])


def test_cycles_2_and_3_layout_with_coded_themes(tmp_path):
    rows = [
        ["Theme: A12 Acceptance of international norms"],
        [
            "115.3 Ratify the Optional Protocol on a communications procedure (Portugal, Slovakia);\n"
            "Source of position: A/HRC/28/15/Add.1 - Para. 3",
            "Supported",
            "A12 Acceptance of international norms\nS16 SDG 16 - peace, justice and strong institutions\n"
            "Affected persons:\n- children\n- general",
            "Partially implemented: the bill is in parliament",
        ],
        [
            "115.161 Regularize the status of all erased persons (Sierra Leone); \n"
            "Source of position: A/HRC/28/15/Add.1, para. 3 - Para. 3",
            "Supported/Noted",
            "D6 Rights related to name, identity, nationality\nG1 Members of minorities\n"
            "Affected persons:\n- stateless persons\nSDGs:\n- 10.2",
            "\n",
        ],
    ]
    path = write_matrix(
        tmp_path / "matrix.docx", CYCLES_2_3, rows, title="UPR of Slovenia (2nd Cycle – 20th session)"
    )
    first, second = read(path)
    assert (first.paragraph, first.document, first.cycle, first.session) == ("115.3", "A/HRC/28/15", 2, "20")
    assert first.recommending_states == ["Portugal", "Slovakia"]
    assert (first.themes, first.groups, first.sdgs) == (
        ["Acceptance of international norms"],
        ["children"],
        ["16"],
    )
    assert first.extra == {
        "position_source": "A/HRC/28/15/Add.1 - Para. 3",
        "assessment": "Partially implemented: the bill is in parliament",
        "section": "A12 Acceptance of international norms",
    }
    assert second.position == "supported_in_part"
    assert second.themes == ["Rights related to name, identity, nationality", "Members of minorities"]
    assert (second.groups, second.sdgs) == (["stateless persons"], ["10.2"])
    assert second.extra["position_source"] == "A/HRC/28/15/Add.1, para. 3 - Para. 3"
    assert "assessment" not in second.extra


def test_older_layout_with_a_recommending_states_column(tmp_path):
    rows = [
        ["Right or area: 1.1 Acceptance of international norms"],
        ["Ratify ICRMW.\nSource of Position: A/HRC/14/15 - Para 121", "Algeria, Egypt", "Noted", "Migrants"],
        ["Consider ratifying the OP-CESCR.", "Portugal", "Accepted in full", "ESCR"],
        ["", "Spain", "Supported", ""],
    ]
    records = read(write_matrix(tmp_path / "matrix.docx", OLDER, rows))
    assert [(r.recommending_states, r.position, r.document, r.states, r.cycle) for r in records] == [
        (["Algeria", "Egypt"], "noted", "A/HRC/14/15", [], None),
        (["Portugal"], "", "", [], None),
        (["Spain"], "supported", "", [], None),
    ]
    assert records[0].extra["section"] == "1.1 Acceptance of international norms"
    assert [(r.row, e) for r in records for e in r.errors] == [
        (
            4,
            RowError(
                "Position",
                "“Accepted in full” is not a known position. Use Supported, Supported in part, Noted or Pending.",
            ),
        ),
        (5, RowError("Recommendation", "The text is missing.")),
    ]


def test_a_matrix_copied_into_a_spreadsheet(tmp_path):
    rows = [
        CYCLE_4,
        ["Theme: Right to health"],
        [
            "140.196 Develop mechanisms for older persons (Vanuatu);\nSource of Position: A/HRC/59/15/Add.1 - Para.4",
            "Supported",
            "- Right to health",
            "- 3 - GOOD HEALTH AND WELL-BEING",
        ],
    ]
    (record,) = read(write_xlsx(tmp_path / "matrix.xlsx", rows))
    assert (record.row, record.paragraph, record.sdgs, record.extra["section"]) == (
        3,
        "140.196",
        ["3"],
        "Right to health",
    )
