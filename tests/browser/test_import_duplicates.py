"""A UPR Info export of recommendations imported before, decided in bulk, in Chromium without JavaScript.

55 rows are word for word recommendations already in the database, 5 are 97 % alike, one repeats an
earlier row of the file and one concerns another State. The administrator links all at or above 95 %,
overrides one row on the second page of the table, turns the pages (each turn saves the page's
decisions) and imports; axe checks the page in English and Arabic.
"""

import re
from itertools import pairwise
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.files.uploadedfile import SimpleUploadedFile
from playwright.sync_api import Browser, Locator, Page, expect

from recommendations.importing import service
from recommendations.models import ImportBatch, Recommendation
from tests.browser.conftest import PASSWORD, TIMEOUT_MS
from tests.imports.files import UHRI_HEADERS, UPRINFO_HEADERS, uhri_row, uprinfo_row, write_csv, write_xlsx

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

NEW = "Different: add as new"
BLOCKING = {"serious", "critical"}


def detention(n: int, words: str = "") -> str:
    return f"Strengthen the independent monitoring of {words}places of detention, measure {n}"


def recommendations_in_the_database(user, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "uhri.xlsx", UHRI_HEADERS, [uhri_row(n) for n in range(1, 61)])
    batch = service.import_upload(
        user=user, upload=SimpleUploadedFile(path.name, path.read_bytes()), state_scope="FRA", enqueue=False
    )
    service.import_confirm(batch=service.import_preview(batch_id=batch.pk), enqueue=False)
    assert service.import_commit(batch_id=batch.pk).status == ImportBatch.Status.IMPORTED


def uprinfo_file(path: Path) -> Path:
    rows = [uprinfo_row(detention(n)) for n in range(1, 56)]  # rows 2 to 56
    rows += [uprinfo_row(detention(n, "all ")) for n in range(56, 61)]  # rows 57 to 61
    rows.append(uprinfo_row(detention(1)))  # row 62 repeats row 2
    rows.append(uprinfo_row(detention(99), state="Spain"))  # row 63
    return write_csv(path, UPRINFO_HEADERS, rows, encoding="cp1252")


def table(page: Page) -> Locator:
    return page.get_by_role("table", name=re.compile(r"^Rows that look like recommendations in the database"))


def decision(page: Page, row: int) -> Locator:
    return table(page).get_by_role("combobox", name=f"Decision for row {row}", exact=True)


def count(page: Page, label: str) -> Locator:
    row = page.get_by_role("row").filter(has=page.get_by_role("rowheader", name=label, exact=True))
    return row.get_by_role("cell")


def heading_levels(page: Page) -> list[int]:
    """The levels of the main part's headings, in the order of the page."""
    return [int(level) for level in re.findall(r"<h([1-6])\b", page.locator("main").inner_html())]


def test_duplicates_are_decided_in_bulk_in_a_paged_table(
    browser: Browser, live_server, page: Page, log_in, admin_user, tmp_path
):
    recommendations_in_the_database(admin_user, tmp_path)
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    context.set_default_timeout(TIMEOUT_MS)
    try:
        plain = context.new_page()
        plain.goto("/en/accounts/login/")
        plain.get_by_label("Username").fill("admin")
        plain.get_by_label("Password").fill(PASSWORD)
        plain.locator("main form button[type=submit]").click()
        plain.goto("/en/workspace/imports/")
        plain.get_by_label(re.compile(r"^\s*File\*?\s*$")).set_input_files(
            uprinfo_file(tmp_path / "uprinfo.csv")
        )
        plain.get_by_role("combobox", name="Whose recommendations").select_option(label="France (FRA)")
        plain.get_by_role("button", name="Upload and check").click()
        expect(plain.get_by_role("heading", level=1)).to_have_text("Import of uprinfo.csv")
        batch = ImportBatch.objects.get(file_name="uprinfo.csv")

        # The repeat is a notice, not an invalid row; the other State's row is skipped.
        notices = plain.locator("section").filter(has=plain.get_by_role("heading", name="Notices"))
        expect(notices.get_by_role("listitem")).to_have_text(["Row 62 repeats row 2; it was imported once."])
        expect(plain.get_by_role("heading", name="Invalid rows")).to_have_count(0)
        expect(count(plain, "Repeated rows (imported once)")).to_have_text("1")
        expect(count(plain, "Skipped (other States)")).to_have_text("1")
        expect(count(plain, "New recommendations")).to_have_text("5")

        # One table, 50 rows a page; the exact duplicates are linked, the near ones are not yet.
        expect(table(plain).locator("caption")).to_contain_text("page 1 of 2")
        expect(table(plain).locator("tbody tr")).to_have_count(50)
        expect(decision(plain, 2)).to_have_value("link")
        levels = heading_levels(plain)
        assert levels[0] == 1 and all(b - a <= 1 for a, b in pairwise(levels)), levels

        plain.get_by_role("button", name="Link all at or above 95 %").click()
        expect(plain.get_by_role("status")).to_contain_text("Your decisions are saved")
        expect(plain.get_by_text("Now: rows at least 95 % alike are linked")).to_be_visible()
        expect(count(plain, "New recommendations")).to_have_text("0")
        pages = plain.get_by_role("navigation", name="Pages of possible duplicates")
        pages.get_by_role("button", name="Next", exact=True).click()
        expect(table(plain).locator("caption")).to_contain_text("page 2 of 2")
        expect(table(plain).locator("tbody tr")).to_have_count(10)
        for row in range(57, 62):
            expect(decision(plain, row)).to_have_value("link")

        # One of them is another recommendation: decided on page 2, kept when the pages turn.
        decision(plain, 58).select_option(label=NEW)
        pages.get_by_role("button", name="Previous", exact=True).click()
        expect(plain.get_by_role("status")).to_contain_text("Your decisions are saved")
        expect(table(plain).locator("caption")).to_contain_text("page 1 of 2")
        expect(decision(plain, 2)).to_have_value("link")
        pages.get_by_role("button", name="Next", exact=True).click()
        expect(decision(plain, 58)).to_have_value("new")
        expect(count(plain, "New recommendations")).to_have_text("1")
        assert ImportBatch.objects.get(pk=batch.pk).resolutions == {
            "link_at": 95,
            "duplicates": {"58": "new"},
        }

        # Accessible in English and Arabic (axe needs JavaScript: the other page, signed in too).
        log_in("admin")
        problems = []
        for language in ("en", "ar"):
            page.goto(f"/{language}/workspace/imports/{batch.pk}/?page=2")
            for violation in Axe().run(page).response["violations"]:
                if violation["impact"] in BLOCKING:
                    problems.append(f"{language}: {violation['id']}: {violation['help']}")
        assert not problems, "\n".join(problems)

        plain.get_by_role("button", name="Import", exact=True).click()
        expect(plain.locator("main dl")).to_contain_text("Imported")
        expect(count(plain, "Updated")).to_have_text("59")
    finally:
        context.close()
    assert Recommendation.objects.count() == 61
    assert Recommendation.objects.get(text_en=detention(57, "all "))  # row 58.state.code == "FRA"
