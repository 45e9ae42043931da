"""The value helpers: dates, multi-values, UHRI texts, SDG codes, positions, kinds, cycles."""

import datetime
import re

import pytest

from recommendations.importing.rows import (
    cycle_for_session,
    map_kind,
    map_position,
    normalise_text,
    parse_date,
    parse_uhri_text,
    sdg_code,
    split_multi,
)

MAY_1 = datetime.date(2023, 5, 1)


@pytest.mark.parametrize(
    "value",
    [
        "2023-05-01",  # ISO
        "2023-05-01T00:00:00",
        "2023-05-01T09:30:00+02:00",
        "01/05/2023",  # day first, as most of the world writes it
        "1.5.2023",  # German, Russian, Scandinavian
        "01-05-2023",
        "1 May 2023",
        "May 1, 2023",
        "1 mai 2023",
        "1er mai 2023",
        "1 de mayo de 2023",
        "1 мая 2023 г.",
        "1 مايو 2023",
        "2023年5月1日",
        "٠١/٠٥/٢٠٢٣",  # Arabic-Indic digits
        "45047",  # Excel serial
        "45047.5",
        " 01/05/23 ",
    ],
)
def test_parse_date_reads_the_national_formats(value):
    assert parse_date(value) == MAY_1


def test_parse_date_month_first_when_asked_unless_the_numbers_leave_no_choice():
    assert parse_date("01/05/2023", dayfirst=False) == datetime.date(2023, 1, 5)
    assert parse_date("05/13/2023") == datetime.date(2023, 5, 13)
    assert parse_date("13/05/2023", dayfirst=False) == datetime.date(2023, 5, 13)


@pytest.mark.parametrize("value", [None, "", "  "])
def test_parse_date_of_nothing_is_none(value):
    assert parse_date(value) is None


@pytest.mark.parametrize("value", ["31/02/2023", "soon", "2023", "1 Frimaire 2023", "99999999"])
def test_parse_date_refuses_what_is_not_a_date(value):
    with pytest.raises(ValueError, match=re.escape(value)):
        parse_date(value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (
            "- Persons living in rural areas\n- Women & girls",
            ["Persons living in rural areas", "Women & girls"],
        ),
        ("- CEDAW", ["CEDAW"]),
        ("Right to health | Children | Right to health", ["Right to health", "Children"]),
        ("Rights of the Child,Women's rights", ["Rights of the Child", "Women's rights"]),
        (
            "Persons with disabilities: definition, general principles",
            ["Persons with disabilities: definition, general principles"],
        ),
        (
            "- Children: definition; general principles; protection\n- Migrants",
            ["Children: definition; general principles; protection", "Migrants"],
        ),
        ("", []),
        (None, []),
    ],
)
def test_split_multi(value, expected):
    assert split_multi(value) == expected


@pytest.mark.parametrize(
    ("label", "code"),
    [
        ("16 - PEACE, JUSTICE AND STRONG INSTITUTIONS", "16"),
        ("16.3 - Promote the rule of law and access to justice for all", "16.3"),
        ("16.10 - Ensure public access to information", "16.10"),
        ("5.a - Equal rights to economic resources", "5.a"),
        ("SDG 16 - Peace", "16"),
        ("Goal 5", "5"),
        ("5.2.1", "5.2"),
        ("18 - No such goal", None),
        ("PEACE", None),
    ],
)
def test_sdg_code(label, code):
    assert sdg_code(label) == code


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "137.197 Improve access to justice (Germany);",
            ("137.197", "Improve access to justice", ["Germany"]),
        ),
        (
            "140.1 Ratify the Convention (Algeria) (Cabo Verde) (Bolivarian Republic of Venezuela);",
            ("140.1", "Ratify the Convention", ["Algeria", "Cabo Verde", "Bolivarian Republic of Venezuela"]),
        ),
        (
            "115.3 Ratify the Optional Protocol (Portugal, Slovakia);",
            ("115.3", "Ratify the Optional Protocol", ["Portugal", "Slovakia"]),
        ),
        (
            "90.12. Continue its efforts (Bolivia (Plurinational State of)).",
            ("90.12", "Continue its efforts.", ["Bolivia (Plurinational State of)"]),
        ),
        (
            "115.124 Combat trafficking (Armenia); prosecute the perpetrators (Costa Rica);",
            ("115.124", "Combat trafficking; prosecute the perpetrators", ["Armenia", "Costa Rica"]),
        ),
        (
            "115.72 Improve the living conditions of Roma (the former Yugoslav Republic of Macedonia);",
            (
                "115.72",
                "Improve the living conditions of Roma",
                ["the former Yugoslav Republic of Macedonia"],
            ),
        ),
        (
            "Torture, ill-treatment and prison conditions 34. The State party should: (a) ratify the OP-CAT (OPCAT);",
            ("34", "The State party should: (a) ratify the OP-CAT (OPCAT);", []),
        ),
        (
            "12. The Committee recommends ratifying ILO Convention No. 189 (Domestic Workers Convention).",
            (
                "12",
                "The Committee recommends ratifying ILO Convention No. 189 (Domestic Workers Convention).",
                [],
            ),
        ),
        ("Ratify the Istanbul Convention.", ("", "Ratify the Istanbul Convention.", [])),
    ],
)
def test_parse_uhri_text(text, expected):
    assert parse_uhri_text(text) == expected


@pytest.mark.parametrize(
    ("session", "cycle"),
    [
        (1, 1),
        (12, 1),
        (13, 2),
        (20, 2),
        (26, 2),
        (27, 3),
        (40, 3),
        (41, 4),
        (48, 4),
        (54, 4),
        (55, 5),
        (0, None),
    ],
)
def test_cycle_for_session(session, cycle):
    assert cycle_for_session(session) == cycle


def test_normalise_text_finds_the_same_recommendation_in_two_sources():
    from_uhri = "137.197  Ratify the Optional Protocol to the Convention against Torture (Denmark);"
    from_matrix = "140.12 Ratify the optional protocol to the Convention against Torture, (France) (Chile)."
    assert normalise_text(from_uhri) == normalise_text(from_matrix)
    assert normalise_text(from_uhri) == "ratify the optional protocol to the convention against torture"
    assert normalise_text("«تكفل» حقوقَ الطفل.") == "تكفل حقوقَ الطفل"


@pytest.mark.parametrize(
    ("value", "position"),
    [
        ("Supported", "supported"),
        ("Accepted", "supported"),
        ("Supported/Noted", "supported_in_part"),
        ("supported_in_part", "supported_in_part"),
        ("Noted", "noted"),
        ("Not Supported", "noted"),
        ("Pending", "pending"),
        ("Maybe", None),
    ],
)
def test_map_position(value, position):
    assert map_position(value) == position


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        ("Recommendations", "recommendation"),
        ("Concerns/Observations", "observation"),
        ("Others", "other"),
        ("Voluntary Pledge", "voluntary_pledge"),
        ("voluntary_pledge", "voluntary_pledge"),
        ("Decision", None),
    ],
)
def test_map_kind(value, kind):
    assert map_kind(value) == kind
