"""Small files in the shapes users bring (see shared/reference/formats.md), built by the tests."""

import csv
from pathlib import Path

import openpyxl

UHRI_HEADERS = [
    "Text", "Countries Concerned", "Reccomending Body", "Document Symbol", "Themes", "Affected Persons", "Sdgs",
    "Document Publication Date", "UPR Reccomending States", "UPR Position", "Type", "OHCHR Annotation Id",
    "UPR Session", "Regions Concerned", "Recommending Regions", "Date of publication on UHRI",
]  # fmt: skip


def uhri_row(
    n: int,
    *,
    text: str | None = None,
    country: str = "France",
    body: str = "UPR",
    symbol: str = "A/HRC/54/10",
    state: str = "Germany",
    position: str = "Supported",
    themes: str = "- Death penalty",
    groups: str = "- Women & girls",
    sdgs: str = "- 16.3 - Promote the rule of law and access to justice for all\n- 5 - GENDER EQUALITY",
) -> list:
    upr = body == "UPR"
    return [
        text
        or f"118.{n} Strengthen the independent monitoring of places of detention, measure {n} ({state});",
        f"- {country}",
        f"- {body}",
        f"- {symbol}",
        themes,
        groups,
        sdgs,
        45047,
        f"- {state}" if upr else "",
        f"- {position}" if upr else "",
        "- Recommendations",
        f"00000000-0000-4000-8000-{n:012d}",
        "- 43" if upr else "",
        "- WEOG",
        "- WEOG" if upr else "",
        45100.5,
    ]


def write_xlsx(path: Path, headers: list[str], rows: list[list]) -> Path:
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("Export")
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def write_csv(path: Path, headers: list[str], rows: list[list], *, encoding: str = "utf-8") -> Path:
    with path.open("w", newline="", encoding=encoding) as handle:
        writer = csv.writer(handle)
        writer.writerow(headers)
        writer.writerows(rows)
    return path


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


def uprinfo_row(
    text: str,
    *,
    state: str = "France",
    recommending: str = "Germany",
    response: str = "Accepted",
    issue: str = "Conditions of detention",
    session: str = "43",
) -> list[str]:
    """One row of a UPR Info database export (columns as in UPRINFO_HEADERS)."""
    return [state, "WEOG", "EU", text, recommending, "WEOG", "EU", response, "4.0", issue, session]
