"""The public portal as a citizen uses it, in Chromium: found in Arabic and in Spanish, followed to its cluster
and SDG target, downloaded as CSV, feedback sent and found in the secretariat's queue; then the same
without JavaScript. After the first page the citizen only follows links, labels and buttons.
"""

import csv
import io
import re

import pytest
from playwright.sync_api import Browser, Page, expect
from pypdf import PdfReader

from portal.models import Feedback
from tests.browser.portal_data import (
    ARABIC_TEXT,
    DRAFT_NARRATIVE,
    PUBLISHED_NARRATIVE,
    SPANISH_TEXT,
    WITHHELD_TEXT,
    build_public_tracker,
)
from tests.browser.test_accessibility import audit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

MESSAGE = "The legal aid office of the northern district opened in May but still has no lawyer."
FEEDBACK_LABEL = "What do you know about the implementation of this recommendation?"


@pytest.fixture
def tracker(settings, tmp_path, focal, secretariat, justice, health):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return build_public_tracker(focal=focal, secretariat=secretariat, justice=justice, health=health)


@pytest.fixture
def reports(tracker, admin_user, secretariat, justice):
    """A report to parliament rendered, approved and published through the reporting services, and an
    institution report rendered and approved but not published, which must stay out of sight. (Celery runs
    eagerly in the tests: each version is rendered as soon as it is created.)"""
    from reporting import services
    from reporting.models import ReportVersion

    published = services.report_create(
        user=secretariat, values={"kind": "parliament", "scope": "published=true"}
    )
    version = published.versions.get()
    assert version.status == ReportVersion.Status.DONE, version.error
    services.report_approve(user=admin_user, report=published, version=version)
    services.report_publish(user=secretariat, report=published)
    unpublished = services.report_create(
        user=secretariat,
        values={
            "kind": "institution",
            "institution": justice,
            "title": "Approved report of the justice ministry",
        },
    )
    services.report_approve(user=admin_user, report=unpublished, version=unpublished.versions.get())
    published.refresh_from_db()
    return {"published": published, "unpublished": unpublished}


def search(page: Page, words: str) -> None:
    """Type into the page's search form and send it with the Enter key, as most people do."""
    box = page.get_by_role("search").get_by_role("searchbox")
    box.fill(words)
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"/recommendations/\?"))


def send_feedback(page: Page) -> None:
    form = page.locator("#feedback")
    form.get_by_label(FEEDBACK_LABEL).fill(MESSAGE)
    form.get_by_label("Your name (optional)").fill("Amal Citizen")
    form.get_by_label("Your e-mail address (optional)").fill("amal@example.org")
    form.get_by_label("Organisation (optional)").fill("Rural Bar Association")
    form.get_by_role("button", name="Send to the secretariat").click()
    expect(page.get_by_role("status")).to_contain_text("Thank you. The secretariat will read your message.")
    expect(page.locator("main")).not_to_contain_text("no lawyer")


def test_a_citizen_finds_follows_downloads_and_sends_feedback(page: Page, tracker, reports, log_in):
    published, other, withheld = tracker["published"], tracker["other"], tracker["withheld"]

    # In Arabic: the home page's search finds the recommendation by an Arabic word of its translation.
    page.goto("/ar/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    search(page, "الريفية")
    results = page.locator("main table.results")
    expect(results.get_by_role("link", name=ARABIC_TEXT)).to_be_visible()
    expect(results.get_by_role("link")).to_have_count(2)  # the other published one, never the withheld one
    expect(page.locator("main")).not_to_contain_text("محجوب")
    results.get_by_role("link", name=ARABIC_TEXT).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("118.7")
    expect(page.locator('main blockquote[lang="ar"]')).to_have_text(ARABIC_TEXT)
    # Its published update and published evidence are shown; the draft and the unpublished file are not.
    expect(page.locator("main")).to_contain_text(PUBLISHED_NARRATIVE)
    expect(page.get_by_role("link", name="decree.pdf")).to_be_visible()
    expect(page.locator("main")).not_to_contain_text(DRAFT_NARRATIVE)
    expect(page.locator("main")).not_to_contain_text("internal-memo.pdf")

    # In Spanish: the language switcher shows the same page in Spanish; the site's name leads home.
    page.get_by_role("link", name="español", exact=True).click()
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.locator('main blockquote[lang="es"]')).to_have_text(SPANISH_TEXT)
    page.locator("header a.navbar-brand").click()
    expect(page).to_have_url(re.compile(r"/es/$"))
    search(page, "rurales")
    results = page.locator("main table.results")
    expect(results.get_by_role("link", name=SPANISH_TEXT)).to_be_visible()
    expect(results.get_by_role("link")).to_have_count(2)
    expect(page.locator("main")).not_to_contain_text("Retenido")

    # The CSV of the results list holds the recommendations found, and never the withheld one.
    with page.expect_download() as download_info:
        page.locator("main p.downloads").get_by_role("link", name=re.compile(r"^CSV\b")).click()
    download = download_info.value
    assert re.fullmatch(r"recommendations-\d{4}-\d{2}-\d{2}\.csv", download.suggested_filename)
    with open(download.path(), encoding="utf-8-sig") as handle:
        content = handle.read()
    rows = list(csv.DictReader(io.StringIO(content)))
    assert {row["id"] for row in rows} == {str(published.pk), str(other.pk)}
    row = next(row for row in rows if row["id"] == str(published.pk))
    assert (row["paragraph"], row["text_es"], row["text_ar"]) == ("118.7", SPANISH_TEXT, ARABIC_TEXT)
    assert WITHHELD_TEXT not in content and str(withheld.paragraph) not in content

    # The recommendation's page leads to its cluster ...
    results.get_by_role("link", name=SPANISH_TEXT).click()
    expect(page.locator('main blockquote[lang="es"]')).to_have_text(SPANISH_TEXT)
    page.locator("main").get_by_role("link", name="Justicia para las mujeres").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Justicia para las mujeres")
    cluster_results = page.locator("main table.results")
    expect(cluster_results.get_by_role("link")).to_have_count(2)
    expect(cluster_results.get_by_role("link", name=SPANISH_TEXT)).to_be_visible()
    expect(page.locator("main")).not_to_contain_text("Retenido")

    # ... and to its SDG target, whose page lists it (and not the withheld one linked to the same target).
    page.go_back()
    page.locator("main").get_by_role("link", name=re.compile(r"^5\.2 ")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("5.2")
    target_results = page.locator("main table.results")
    expect(target_results.get_by_role("link")).to_have_count(1)
    expect(target_results.get_by_role("link", name=SPANISH_TEXT)).to_be_visible()
    expect(page.locator("main")).not_to_contain_text("Retenido")

    # Back to the recommendation, in English.
    target_results.get_by_role("link", name=SPANISH_TEXT).click()
    page.get_by_role("link", name="English", exact=True).click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    recommendation_page = page.url

    # A published report is listed and downloads as a PDF; the one approved but not published is neither
    # listed nor served.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Reports").click()
    report, unpublished = reports["published"], reports["unpublished"]
    expect(page.get_by_role("heading", level=1)).to_have_text("Published reports")
    listed = page.locator("main table")
    expect(listed.get_by_role("row")).to_have_count(2)  # the header and the one published report
    expect(listed.get_by_role("rowheader")).to_have_text(report.title)
    expect(listed).not_to_contain_text(unpublished.title)
    with page.expect_download() as download_info:
        listed.get_by_role(
            "link", name=re.compile(r"^PDF, \d+ pages?\s*:\s*" + re.escape(report.title))
        ).click()
    with open(download_info.value.path(), "rb") as handle:
        pdf = handle.read()
    assert pdf.startswith(b"%PDF-")
    text = "\n".join(sheet.extract_text() or "" for sheet in PdfReader(io.BytesIO(pdf)).pages)
    assert "Progress report to parliament" in text and "118.7" in text and PUBLISHED_NARRATIVE in text
    assert DRAFT_NARRATIVE not in text
    assert page.request.get(f"/en/reports/{unpublished.pk}/download/").status == 404
    # The list of reports, with one, passes axe in English and in Arabic.
    problems = audit(page, "/en/reports/", "en", navigate=False)
    page.get_by_role("link", name="العربيّة", exact=True).click()
    expect(page.locator("main table").get_by_role("rowheader")).to_have_text(report.title)
    problems += audit(page, "/ar/reports/", "ar", navigate=False)
    assert not problems, "\n".join(problems)
    page.go_back()

    # Feedback, in English, with the form's labels.
    page.go_back()
    expect(page).to_have_url(recommendation_page)
    expect(page.get_by_role("heading", level=2, name="Tell us about its implementation")).to_be_visible()
    send_feedback(page)
    feedback = Feedback.objects.get()
    assert (feedback.recommendation, feedback.message, feedback.email) == (
        published,
        MESSAGE,
        "amal@example.org",
    )
    assert feedback.state == Feedback.State.NEW and not feedback.published and feedback.language == "en"
    public_page = page.url

    # The secretariat finds it in its queue, with the sender's details that the public never sees.
    log_in("secretariat")
    page.get_by_role("navigation", name="Workspace").get_by_role("link", name="Feedback").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Feedback from the public")
    queue = page.locator("main table")
    expect(queue).to_contain_text(MESSAGE)
    expect(queue).to_contain_text("UPR 118.7")
    queue.get_by_role("link", name=MESSAGE).click()
    expect(page.locator("main blockquote")).to_have_text(MESSAGE)
    expect(page.locator("main")).to_contain_text("Amal Citizen")
    expect(page.get_by_role("link", name="amal@example.org")).to_be_visible()
    # Not moderated: the public page still does not show it.
    page.goto(public_page)
    expect(page.get_by_role("heading", level=1)).to_contain_text("118.7")
    expect(page.locator("main")).not_to_contain_text("no lawyer")


def test_nothing_unpublished_is_reachable_by_url_or_api(page: Page, tracker):
    """Every address of what is not published answers 404, for the public and through the API."""
    withheld, draft, private = tracker["withheld"], tracker["draft"], tracker["private_evidence"]
    update, evidence = tracker["update"], tracker["evidence"]
    for path in (
        *(f"/{language}/recommendations/{withheld.pk}/" for language in ("en", "ar", "es")),
        f"/en/evidence/{private.pk}/",
        f"/api/recommendations/{withheld.pk}/",
        f"/api/progress-updates/{draft.pk}/",
    ):
        assert page.request.get(path).status == 404, path
    # The same kinds of addresses do answer for what is published (the 404s above are not an accident).
    for path in (
        f"/en/evidence/{evidence.pk}/",
        f"/api/recommendations/{tracker['published'].pk}/",
        f"/api/progress-updates/{update.pk}/",
    ):
        assert page.request.get(path).status == 200, path
    # Lists, searches and downloads of the API and the site leave the withheld one out.
    for path in (
        "/api/recommendations/?q=rural",
        "/api/progress-updates/",
        "/en/recommendations/?q=rural",
        "/en/recommendations/export/csv/?q=rural",
        "/en/recommendations/export/json/",
        f"/en/clusters/{tracker['cluster'].pk}/",
        "/en/sdg/target/5.2/",
    ):
        response = page.request.get(path)
        assert response.status == 200, path
        body = response.text()
        assert "rural" in body.lower(), path
        assert WITHHELD_TEXT not in body and DRAFT_NARRATIVE not in body, path


def test_search_open_and_send_feedback_without_javascript(browser: Browser, live_server, tracker):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto("/en/")
        page.get_by_role("search").get_by_role("searchbox").fill("legal aid")
        page.get_by_role("search").get_by_role("button", name="Search").click()
        expect(page).to_have_url(re.compile(r"/en/recommendations/\?q=legal\+aid"))
        page.locator("main table.results").get_by_role(
            "link", name=re.compile("^Ensure that every woman")
        ).click()
        expect(page.get_by_role("heading", level=1)).to_have_text("UPR recommendation 118.7")
        send_feedback(page)
    finally:
        context.close()
    feedback = Feedback.objects.get()
    assert feedback.message == MESSAGE and feedback.recommendation == tracker["published"]
