"""A new administrator's first imports, in Chromium against the live server.

UHRI export with bad rows → corrected file → import; a UPR Info export of the same recommendations
(duplicates recognised and linked, not added again) → undo → import again; French translations; the
CSV export of the list; axe on the import pages in English and Arabic. Every step is asserted on the
page and in the database. Celery runs eagerly in the tests, so each page shows the task's result.
"""

import csv
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Locator, Page, expect

from recommendations.models import ImportBatch, Recommendation
from tests.imports.files import UHRI_HEADERS, UPRINFO_HEADERS, uhri_row, write_csv, write_xlsx

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

FRANCE = "France (FRA)"
BLOCKING = {"serious", "critical"}
LINK = "Same recommendation: update it"
TRANSLATIONS = "This file holds translations of recommendations already in the database"


def external_id(n: int) -> str:
    return f"00000000-0000-4000-8000-{n:012d}"


def detention(n: int) -> str:
    """A UHRI text as UPR Info writes it: no paragraph number, no recommending State."""
    return f"Strengthen the independent monitoring of places of detention, measure {n}"


def uprinfo_row(text: str, *, issue: str = "Conditions of detention") -> list[str]:
    return ["France", "WEOG", "EU", text, "Germany", "WEOG", "EU", "Accepted", "4.0", issue, "43"]


# Files -------------------------------------------------------------------------------------------


def uhri_file(path: Path, *, corrected: bool) -> Path:
    """Six good rows, three bad ones (or their corrections) and one about Spain; rows 2 to 11."""
    no_text = uhri_row(6)
    no_text[0] = None
    rows = [
        uhri_row(1),  # row 2
        uhri_row(2),  # row 3
        uhri_row(3),  # row 4
        uhri_row(4) if corrected else uhri_row(4, body="Nobody"),  # row 5
        uhri_row(5),  # row 6
        uhri_row(6) if corrected else no_text,  # row 7
        uhri_row(7),  # row 8
        uhri_row(10) if corrected else uhri_row(2, position="Noted"),  # row 9: row 3's identifier
        uhri_row(8),  # row 10
        uhri_row(9, country="Spain"),  # row 11: another State's
    ]
    return write_xlsx(path, UHRI_HEADERS, rows)


UPRINFO_NEW = "Adopt a national action plan on business and human rights, with the Défenseur des droits"
UPRINFO_NEAR = "Strengthen the independent monitoring of all places of detention, measure 3"


def uprinfo_file(path: Path) -> Path:
    """Rows 2 and 3 are UHRI's 1 and 2 word for word, row 4 is close to UHRI's 3, row 5 is new."""
    rows = [
        uprinfo_row(detention(1)),
        uprinfo_row(detention(2)),
        uprinfo_row(UPRINFO_NEAR),
        uprinfo_row(UPRINFO_NEW),
    ]
    return write_csv(path, UPRINFO_HEADERS, rows, encoding="cp1252")


FRENCH = {
    1: "118.1 Renforcer le contrôle indépendant des lieux de détention, mesure 1 (Allemagne);",
    2: "118.2 Renforcer le contrôle indépendant des lieux de détention, mesure 2 (Allemagne);",
}


# Page helpers ------------------------------------------------------------------------------------


def open_imports(page: Page) -> None:
    tab = page.get_by_role("navigation", name="Workspace").get_by_role("link", name="Imports")
    tab.click()
    expect(page).to_have_url(re.compile(r"/en/workspace/imports/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Import recommendations")
    expect(tab).to_have_attribute("aria-current", "page")


def upload(
    page: Page, path: Path, *, state: str = FRANCE, language: str = "", translations: bool = False
) -> ImportBatch:
    """Send a file from the import page; lands on its preview (the check has run by then)."""
    open_imports(page)
    page.get_by_label(re.compile(r"^\s*File\*?\s*$")).set_input_files(path)
    if state:
        page.get_by_role("combobox", name="Whose recommendations").select_option(label=state)
    if language:
        page.get_by_role("combobox", name=re.compile(r"^Language of the texts")).select_option(label=language)
    if translations:
        page.get_by_role("checkbox", name=TRANSLATIONS).check()
    page.get_by_role("button", name="Upload and check").click()
    expect(page).to_have_url(re.compile(r"/en/workspace/imports/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Import of {path.name}")
    batch = ImportBatch.objects.get(pk=int(page.url.rstrip("/").rsplit("/", 1)[1]))
    assert batch.file_name == path.name
    return batch


def expect_counts(page: Page, heading: str, **counts: int) -> None:
    """The summary table of the preview ("What the import will do") or of the result ("Result")."""
    section = page.locator("section").filter(has=page.get_by_role("heading", name=heading, exact=True))
    expect(section).to_be_visible()
    labels = {
        "new": "New recommendations",
        "updated": "Updated",
        "unchanged": "Unchanged",
        "invalid": "Invalid",
        "skipped": "Skipped (other States)",
    }
    for key, value in counts.items():
        row = section.get_by_role("row").filter(
            has=page.get_by_role("rowheader", name=labels[key], exact=True)
        )
        expect(row.get_by_role("cell")).to_have_text(str(value))


def import_now(page: Page) -> None:
    page.get_by_role("button", name="Import", exact=True).click()
    expect(page.locator("main dl")).to_contain_text("Imported")
    expect(page.get_by_role("link", name="Undo this import…")).to_be_visible()


def duplicates_section(page: Page) -> Locator:
    return page.locator("section").filter(has=page.get_by_role("heading", name="Possible duplicates"))


def duplicate(page: Page, row: int) -> Locator:
    """The table row about one file row that looks like a recommendation already in the database."""
    table = page.get_by_role(
        "table", name=re.compile(r"^Rows that look like recommendations in the database")
    )
    return table.get_by_role("row").filter(has=page.get_by_role("rowheader", name=str(row), exact=True))


def decision(page: Page, row: int) -> Locator:
    return duplicate(page, row).get_by_role("combobox", name=f"Decision for row {row}", exact=True)


def axe_problems(page: Page, path: str, language: str) -> list[str]:
    response = page.goto(path)
    assert response is not None and response.status == 200, f"{path}: HTTP {response and response.status}"
    html = page.locator("html")
    problems = []
    if html.get_attribute("lang") != language:
        problems.append(f"{path}: <html lang> is {html.get_attribute('lang')!r}")
    if html.get_attribute("dir") != ("rtl" if language == "ar" else "ltr"):
        problems.append(f"{path}: <html dir> is {html.get_attribute('dir')!r}")
    for violation in Axe().run(page).response["violations"]:
        if violation["impact"] in BLOCKING:
            nodes = "; ".join(
                f"{', '.join(map(str, n['target']))}: {n['html'][:160]}" for n in violation["nodes"]
            )
            problems.append(
                f"{path}: {violation['id']} ({violation['impact']}): {violation['help']} — {nodes}"
            )
    return problems


def snapshot(pks) -> dict[int, tuple]:
    """What an import may change on a recommendation, to compare before and after."""
    return {
        rec.pk: (
            rec.text_en,
            rec.text_fr,
            rec.position,
            rec.external_id,
            rec.paragraph,
            rec.source_document_id,
            sorted(rec.themes.values_list("code", flat=True)),
            sorted(rec.recommending_states.values_list("code", flat=True)),
        )
        for rec in Recommendation.objects.filter(pk__in=pks).order_by("pk")
    }


# The flow ----------------------------------------------------------------------------------------


def test_administrator_imports_checks_links_undoes_translates_and_exports(
    page: Page, log_in, admin_user, tmp_path
):
    log_in("admin")
    expect(page.get_by_role("heading", level=1)).to_have_text("Workspace")

    # 1. A UHRI export with three bad rows and one row about Spain: nothing can be imported yet.
    batch = upload(page, uhri_file(tmp_path / "uhri-france.xlsx", corrected=False))
    assert batch.status == ImportBatch.Status.PREVIEWED, batch.error
    expect(page.locator("main dl")).to_contain_text("Checked, waiting for confirmation")
    expect_counts(page, "What the import will do", new=6, invalid=3, skipped=1, updated=0)
    invalid = page.locator("section").filter(has=page.get_by_role("heading", name="Invalid rows"))
    bad_rows = invalid.get_by_role("table").locator("tbody tr")
    expect(bad_rows).to_have_count(3)
    expect(bad_rows.nth(0).get_by_role("cell").first).to_have_text("5")
    expect(bad_rows.nth(0)).to_contain_text("Unknown mechanism “Nobody”")
    expect(bad_rows.nth(1).get_by_role("cell").first).to_have_text("7")
    expect(bad_rows.nth(1)).to_contain_text("text is missing")
    expect(bad_rows.nth(2).get_by_role("cell").first).to_have_text("9")
    expect(bad_rows.nth(2)).to_contain_text("This row has the same identifier as row 3.")
    expect(page.locator("main")).to_contain_text("Rows skipped because they concern other States: 11")
    expect(page.locator("main")).to_contain_text("Skip the 3 invalid rows and import the others")
    page.get_by_role("button", name="Import", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("3 rows are invalid")
    assert not Recommendation.objects.exists()
    assert ImportBatch.objects.get(pk=batch.pk).status == ImportBatch.Status.PREVIEWED

    # The three rows corrected, the file is uploaded again and imported.
    batch = upload(page, uhri_file(tmp_path / "uhri-france-corrected.xlsx", corrected=True))
    expect_counts(page, "What the import will do", new=9, invalid=0, skipped=1)
    expect(page.get_by_role("heading", name="Invalid rows")).to_have_count(0)
    expect(page.locator("main")).not_to_contain_text("invalid rows block the import")
    import_now(page)
    expect_counts(page, "Result", new=9, updated=0, invalid=0, skipped=1)
    assert Recommendation.objects.count() == 9
    assert set(Recommendation.objects.values_list("external_id", flat=True)) == {
        external_id(n) for n in (*range(1, 9), 10)
    }
    assert set(Recommendation.objects.values_list("state__code", flat=True)) == {"FRA"}
    uhri = {n: Recommendation.objects.get(external_id=external_id(n)) for n in (1, 2, 3)}
    assert uhri[1].text_en.startswith("118.1 Strengthen") and uhri[1].mechanism.code == "UPR"
    before = snapshot([rec.pk for rec in uhri.values()])

    # 2. UPR Info's copy of the same recommendations: the duplicates are found, not added again.
    uprinfo_path = uprinfo_file(tmp_path / "uprinfo-france.csv")

    def import_uprinfo() -> ImportBatch:
        batch = upload(page, uprinfo_path)
        assert batch.format == "uprinfo", batch.error
        expect_counts(page, "What the import will do", new=2, updated=2, invalid=0)
        duplicates = duplicates_section(page)
        expect(duplicates).to_contain_text(detention(1))
        expect(duplicates).to_contain_text(detention(2))
        expect(duplicates).to_contain_text(UPRINFO_NEAR)
        expect(duplicates).not_to_contain_text("Adopt a national action plan")
        for row in (2, 3):  # word for word: linking is proposed
            expect(duplicate(page, row).get_by_role("cell").nth(2)).to_have_text("100 %")
            expect(decision(page, row)).to_have_value("link")
        expect(decision(page, 4)).to_have_value("new")  # only alike: the choice is the user's
        link = duplicate(page, 4).get_by_role("link", name=re.compile(r"^118\.3 Strengthen"))
        expect(link).to_have_attribute("href", f"/en/workspace/recommendations/{uhri[3].pk}/")
        decision(page, 4).select_option(label=LINK)
        duplicates.get_by_role("button", name="Save decisions and check again").click()
        expect(page.get_by_role("status")).to_contain_text("Your decisions are saved")
        expect(decision(page, 4)).to_have_value("link")
        expect_counts(page, "What the import will do", new=1, updated=3, invalid=0)
        assert Recommendation.objects.count() == 9, "saving decisions writes nothing"
        import_now(page)
        expect_counts(page, "Result", new=1, updated=3)
        assert Recommendation.objects.count() == 10
        added = Recommendation.objects.get(text_en=UPRINFO_NEW)  # read as Windows-1252
        assert added.state.code == "FRA" and added.external_id.startswith("uprinfo:")
        for n, rec in uhri.items():  # linked: UPR Info's theme added, UHRI's identifier and data kept
            rec = Recommendation.objects.get(pk=rec.pk)
            assert rec.external_id == external_id(n) and rec.paragraph == f"118.{n}"
            assert set(rec.themes.values_list("code", flat=True)) == {
                "death-penalty",
                "conditions-of-detention",
            }
        return batch

    uprinfo = import_uprinfo()

    # 3. Undo it from its page: the new one is gone, the linked ones are as they were.
    page.get_by_role("link", name="Undo this import…").click()
    expect(page.get_by_role("heading", name="What the undo will do")).to_be_visible()
    page.get_by_role("button", name="Undo", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("Undone. Records removed: 1;")
    expect(page.locator("main dl")).to_contain_text("Undone")
    expect(page.get_by_role("link", name="Undo this import…")).to_have_count(0)
    assert ImportBatch.objects.get(pk=uprinfo.pk).status == ImportBatch.Status.UNDONE
    assert Recommendation.objects.count() == 9
    assert not Recommendation.objects.filter(text_en=UPRINFO_NEW).exists()
    assert snapshot(before) == before, "undo restores the linked recommendations"

    # ... and import the same file again: the same result as the first time.
    import_uprinfo()
    linked = snapshot(before)

    # 4. French texts of two recommendations, by their UHRI identifiers.
    french = write_xlsx(
        tmp_path / "uhri-france-fr.xlsx", UHRI_HEADERS, [uhri_row(n, text=text) for n, text in FRENCH.items()]
    )
    upload(page, french, state="", language="French", translations=True)
    expect_counts(page, "What the import will do", new=0, updated=2, invalid=0)
    import_now(page)
    expect_counts(page, "Result", new=0, updated=2)
    assert Recommendation.objects.count() == 10
    for n, text in FRENCH.items():
        rec = Recommendation.objects.get(external_id=external_id(n))
        assert rec.text_fr == text and rec.text_en == linked[rec.pk][0] and rec.original_language == "en"
    page.goto(f"/fr/workspace/recommendations/{uhri[1].pk}/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.locator("main blockquote").first).to_have_text(FRENCH[1])

    # 5. The list, downloaded as CSV, holds the imported recommendations with their French texts.
    page.goto("/en/workspace/")
    page.get_by_role("navigation", name="Workspace").get_by_role("link", name="Recommendations").click()
    expect(page.locator("#result-count")).to_have_text("10 recommendations found")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="CSV", exact=True).click()
    download = download_info.value
    assert download.suggested_filename.endswith(".csv")
    with Path(download.path()).open(encoding="utf-8-sig", newline="") as handle:
        exported = list(csv.DictReader(handle))
    assert len(exported) == 10
    by_id = {row["external_id"]: row for row in exported}
    assert {external_id(n) for n in (*range(1, 9), 10)} <= set(by_id)
    for n, text in FRENCH.items():
        assert by_id[external_id(n)]["text_fr"] == text
        assert by_id[external_id(n)]["state"] == "FRA"
    assert any(row["text_en"] == UPRINFO_NEW for row in exported)

    # The history lists every import with what became of it.
    open_imports(page)
    history = page.get_by_role("table", name="Every import: who, when, which file, what it did")
    uprinfo_rows = history.get_by_role("row").filter(has_text="uprinfo-france.csv")
    expect(uprinfo_rows).to_have_count(2)
    expect(uprinfo_rows.filter(has_text="Undone")).to_have_count(1)
    expect(uprinfo_rows.filter(has_text="Imported")).to_have_count(1)
    expect(history.get_by_role("row").filter(has_text="uhri-france-corrected.xlsx")).to_contain_text(
        "Imported"
    )
    expect(history.get_by_role("row").filter(has_text="uhri-france.xlsx")).to_contain_text("Checked, waiting")

    # 6. A preview with invalid rows, unknown values and duplicates; axe on it and on the list, en and ar.
    rows = [
        uprinfo_row(detention(5)),
        uprinfo_row(""),
        uprinfo_row("Protect water sources", issue="Water for all"),
    ]
    check = upload(page, write_csv(tmp_path / "uprinfo-check.csv", UPRINFO_HEADERS, rows, encoding="cp1252"))
    expect(page.get_by_role("heading", name="Invalid rows")).to_be_visible()
    expect(page.get_by_role("row", name=re.compile(r"^3 .*text is missing"))).to_be_visible()
    expect(page.get_by_role("heading", name="Possible duplicates")).to_be_visible()
    expect(page.get_by_role("heading", name="Values the database does not know")).to_be_visible()
    expect(page.get_by_role("group", name="Themes")).to_contain_text("Water for all")
    problems = [
        problem
        for language in ("en", "ar")
        for path in (f"/{language}/workspace/imports/", f"/{language}/workspace/imports/{check.pk}/")
        for problem in axe_problems(page, path, language)
    ]
    assert not problems, f"{len(problems)} accessibility problem(s):\n" + "\n".join(problems)
    assert Recommendation.objects.count() == 10
