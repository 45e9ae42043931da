"""Unknown values under the heading of their list with a near-match default, decisions remembered, and
the Vocabulary mappings page, in Chromium against the live server; axe in English and Arabic."""

import re

import pytest
from playwright.sync_api import Page, expect

from recommendations.models import ImportBatch, Theme
from tests.browser.test_import_flow import axe_problems, upload, uprinfo_row
from tests.imports.files import UPRINFO_HEADERS, write_csv
from vocabulary.models import VocabularyMapping

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_preview_defaults_remembered_decisions_and_the_mappings_page(
    page: Page, log_in, admin_user, tmp_path
):
    rows = [
        uprinfo_row("Abolish the death penalty.", issue="Women's rights,Arbitrary arrests and detentions"),
        uprinfo_row("Ratify the Optional Protocol.", issue="Quantum ethics"),
    ]
    path = write_csv(tmp_path / "upr-info.csv", UPRINFO_HEADERS, rows)
    log_in("admin")
    batch = upload(page, path)
    themes = page.get_by_role("group", name="Themes")
    expect(themes).to_be_visible()
    near = themes.get_by_role("combobox", name="Arbitrary arrests and detentions")
    expect(near.locator("option:checked")).to_have_text("Arbitrary arrest & detention")
    expect(themes).to_contain_text("Suggested: map to Arbitrary arrest & detention,")
    created = themes.get_by_role("combobox", name="Quantum ethics")
    expect(created.locator("option:checked")).to_have_text("Create it")
    expect(page.get_by_role("table", name=re.compile("read as one of the database"))).to_contain_text(
        "UPR Info crosswalk"
    )
    problems = [*axe_problems(page, f"/en/workspace/imports/{batch.pk}/", "en")]
    problems += axe_problems(page, f"/ar/workspace/imports/{batch.pk}/", "ar")

    page.goto(f"/en/workspace/imports/{batch.pk}/")
    page.get_by_role("button", name="Save decisions and check again").click()
    expect(page.get_by_role("table", name=re.compile("read as one of the database"))).to_contain_text(
        "mapped by an earlier decision"
    )
    expect(page.get_by_role("group", name="Themes")).to_have_count(0)
    assert VocabularyMapping.objects.count() == 2

    # A second import of the same file asks nothing.
    again = upload(page, path)
    assert again.pk != batch.pk and ImportBatch.objects.get(pk=again.pk).report["unknown"] == {}
    expect(page.get_by_text("Values the database does not know")).to_have_count(0)

    tab = page.get_by_role("navigation", name="Workspace").get_by_role("link", name="Vocabulary mappings")
    tab.click()
    expect(page).to_have_url(re.compile(r"/en/workspace/vocabulary/$"))
    expect(tab).to_have_attribute("aria-current", "page")
    table = page.get_by_role("table", name="2 remembered decisions")
    expect(table).to_contain_text("map to Arbitrary arrest & detention")
    table.get_by_role("link", name="Arbitrary arrests and detentions").click()
    page.get_by_role("combobox", name=re.compile("^Maps to")).select_option(label="Conditions of detention")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("table", name="2 remembered decisions")).to_contain_text(
        "map to Conditions of detention"
    )
    mapping = VocabularyMapping.objects.get(value="Arbitrary arrests and detentions")
    assert mapping.target_id == Theme.objects.get(code="conditions-of-detention").pk
    problems += axe_problems(page, "/en/workspace/vocabulary/", "en")
    problems += axe_problems(page, "/ar/workspace/vocabulary/", "ar")
    problems += axe_problems(page, f"/ar/workspace/vocabulary/{mapping.pk}/", "ar")
    assert not problems, "\n".join(problems)
