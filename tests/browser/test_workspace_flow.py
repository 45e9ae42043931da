"""A secretariat officer's day in the browser: search, edit, bulk-cluster, and check the history.

Everything is asserted twice: through what the user sees on the page and in the database.
"""

import re

import pytest
from django.utils import translation
from playwright.sync_api import Page, expect

from recommendations.models import Country, Mechanism, Recommendation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_search_edit_cluster_and_history(page: Page, log_in, secretariat, workspace_data):
    assert Country.objects.filter(code="FRA").exists()
    assert Mechanism.objects.filter(code="UPR").exists()
    torture, detention = workspace_data["torture"], workspace_data["detention"]
    cluster = workspace_data["cluster"]

    log_in("secretariat")
    expect(page.get_by_role("heading", level=1)).to_have_text("Workspace")
    expect(page.get_by_text("Signed in as secretariat")).to_be_visible()

    # Search the list for a word.
    page.get_by_role("navigation", name="Workspace").get_by_role("link", name="Recommendations").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Recommendations")
    page.get_by_label("Search the text").fill("torture")
    page.get_by_role("button", name="Search", exact=True).click()
    expect(page).to_have_url(re.compile(r"/en/workspace/recommendations/\?(.*&)?q=torture"))
    expect(page.locator("#result-count")).to_have_text("1 recommendation found")
    results = page.locator("main table tbody")
    expect(results.get_by_role("link", name=re.compile("Ratify the Optional Protocol"))).to_be_visible()
    expect(results).not_to_contain_text("Improve conditions of detention")

    # Open the recommendation and edit it.
    results.get_by_role("link", name=re.compile("Ratify the Optional Protocol")).click()
    expect(page).to_have_url(re.compile(rf"/en/workspace/recommendations/{torture.pk}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("UPR recommendation 137.5")
    expect(page.locator("main")).to_contain_text("A/HRC/52/12")
    page.locator("main").get_by_role("link", name="Edit", exact=True).click()
    expect(page).to_have_url(re.compile(rf"/en/workspace/recommendations/{torture.pk}/edit/$"))
    page.get_by_role("combobox", name=re.compile(r"^Status\*?$")).select_option(label="In progress")
    page.get_by_role("button", name="Save").click()
    expect(page).to_have_url(re.compile(rf"/en/workspace/recommendations/{torture.pk}/$"))
    expect(page.get_by_role("status")).to_contain_text("Recommendation saved.")
    expect(page.locator("main .badge-status")).to_have_text("In progress")
    torture.refresh_from_db()
    assert torture.status == Recommendation.Status.IN_PROGRESS
    assert torture.text_en.startswith("Ratify the Optional Protocol"), "saving the form kept the text"

    # Back to the list: select two recommendations and put them in a cluster at once.
    page.get_by_role("navigation", name="Workspace").get_by_role("link", name="Recommendations").click()
    expect(page.locator("#result-count")).to_have_text("4 recommendations found")
    page.get_by_role("checkbox", name=re.compile("Ratify the Optional Protocol")).check()
    page.get_by_role("checkbox", name=re.compile("Improve conditions of detention")).check()
    page.get_by_role("combobox", name=re.compile(r"^Action\*?$")).select_option(label="Set cluster")
    expect(page.get_by_role("radio", name="the selected recommendations")).to_be_checked()
    page.get_by_role("combobox", name="Cluster", exact=True).select_option(label="Justice reform")
    page.get_by_role("button", name="Apply").click()
    banner = page.get_by_role("status").filter(has_text="recommendations changed.")
    expect(banner).to_contain_text("2 recommendations changed.")
    expect(banner.get_by_role("link", name="Undo this change")).to_be_visible()
    expect(page.locator("main table tbody").get_by_role("link", name="Justice reform")).to_have_count(3)
    torture.refresh_from_db()
    detention.refresh_from_db()
    assert torture.cluster == cluster
    assert detention.cluster == cluster
    assert not Recommendation.objects.filter(pk=workspace_data["withheld"].pk, cluster=cluster).exists()

    # The cluster page lists them (with the one that was already there).
    page.get_by_role("navigation", name="Workspace").get_by_role("link", name="Clusters").click()
    page.get_by_role("link", name="Justice reform").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Justice reform")
    main = page.locator("main")
    expect(main.get_by_role("link", name="A/HRC/52/12 137.5")).to_be_visible()
    expect(main.get_by_role("link", name="A/HRC/52/12 137.9")).to_be_visible()
    expect(main.get_by_role("link", name="A/HRC/52/12 137.12")).to_be_visible()
    expect(main).to_contain_text("Ratify the Optional Protocol")
    expect(main).to_contain_text("Improve conditions of detention")

    # The recommendation's history shows both changes and who made them.
    main.get_by_role("link", name="A/HRC/52/12 137.5").click()
    page.locator("main").get_by_role("link", name="History").click()
    expect(page).to_have_url(re.compile(rf"/en/workspace/recommendations/{torture.pk}/history/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("History of")
    history = page.locator("main table tbody")
    status_change = (
        history.locator("li")
        .filter(has_text=re.compile("status", re.IGNORECASE))
        .filter(has_text="In progress")
    )
    expect(status_change.first).to_contain_text("No information")
    expect(history.locator("li").filter(has_text="Justice reform")).to_have_count(1)
    expect(history).to_contain_text("secretariat")


@pytest.mark.parametrize("language", ["en", "ar"])
def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(page: Page, log_in, secretariat, language):
    for path in (f"/{language}/", f"/{language}/workspace/recommendations/"):
        if "workspace" in path:
            log_in("secretariat", language=language)
        page.goto(path)
        page.keyboard.press("Tab")
        focused = page.locator(":focus")
        expect(focused).to_have_attribute("href", "#main")
        expect(focused).to_have_class(re.compile(r"\bskip-link\b"))
        with translation.override(language):
            expect(focused).to_have_text(translation.gettext("Skip to main content"))
        expect(focused).to_be_in_viewport()
        page.keyboard.press("Enter")
        expect(page.locator(":focus")).to_have_id("main")
        if "workspace" in path:
            # The next Tab continues inside main (its first link), not at the top of the page.
            page.keyboard.press("Tab")
            in_main = page.evaluate("document.getElementById('main').contains(document.activeElement)")
            assert in_main, f"{path}: Tab after the skip link must move into the main content"
            expect(page.locator(":focus")).to_have_attribute(
                "href", f"/{language}/workspace/recommendations/new/"
            )


def test_home_pages_count_every_recommendation(page: Page, log_in, secretariat, workspace_data):
    """The figures on the public home and the workspace overview add up to what is in the database."""
    page.goto("/en/")
    expect(page.get_by_text("3 published recommendations.")).to_be_visible()
    by_mechanism = page.get_by_role(
        "table", name="Published recommendations by mechanism and implementation status"
    )
    row = by_mechanism.get_by_role("row").filter(has=page.get_by_role("rowheader", name="UPR", exact=True))
    expect(row.get_by_role("cell").last).to_have_text("3")  # the total column
    log_in("secretariat")
    expect(page.locator("main table caption")).to_have_text("4 recommendations by status")
    rows = page.locator("main table tbody tr")
    expect(rows.filter(has_text="No information")).to_contain_text("3")
    expect(rows.filter(has_text="Partially implemented")).to_contain_text("1")
