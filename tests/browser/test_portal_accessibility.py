"""The public portal for everyone: axe-core on every public page type (and the secretariat's feedback queue)
in English and Arabic, keyboard-only use with a visible focus, a 320 px wide screen, and the weight of a
page once the static files are cached.
"""

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from portal import services as feedback_services
from portal.models import Feedback
from recommendations.models import Mechanism
from tests.browser.portal_data import build_public_tracker
from tests.browser.test_accessibility import audit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SEARCH_WORDS = {"en": "rural", "ar": "الريفية"}
BUDGET_BYTES = 100 * 1024
NARROW = {"width": 320, "height": 640}


@pytest.fixture
def tracker(settings, tmp_path, focal, secretariat, justice, health):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return build_public_tracker(focal=focal, secretariat=secretariat, justice=justice, health=health)


def public_paths(tracker: dict, language: str) -> list[str]:
    """One address of each public page type, showing data (a query and filters where a page has them)."""
    rec, cluster = tracker["published"], tracker["cluster"]
    upr = Mechanism.objects.get(code="UPR")
    institution = rec.lead_institution
    words = SEARCH_WORDS[language]
    base = f"/{language}"
    return [
        f"{base}/",
        f"{base}/recommendations/?q={words}&mechanism_type=upr&status=in_progress&sort=status",
        f"{base}/recommendations/{rec.pk}/",
        f"{base}/clusters/",
        f"{base}/clusters/{cluster.pk}/",
        f"{base}/mechanisms/",
        f"{base}/mechanisms/{upr.pk}/",
        f"{base}/institutions/",
        f"{base}/institutions/{institution.pk}/",
        f"{base}/sdg/",
        f"{base}/sdg/5/",
        f"{base}/sdg/target/5.2/",
        f"{base}/open-data/",
        f"{base}/reports/",
    ]


def test_every_public_page_type_is_accessible_in_english_and_arabic(page: Page, tracker, secretariat, log_in):
    rec = tracker["published"]
    # A message from the public, moderated and published, so that its section is on the page audited.
    shown = feedback_services.feedback_submit(
        recommendation=rec, message="The office opened in May; it has two lawyers now.", language="ar"
    )
    feedback_services.feedback_review(user=secretariat, feedback=shown, state="reviewed", published=True)
    queued = feedback_services.feedback_submit(
        recommendation=rec,
        message="لا يوجد محام في مكتب المساعدة القانونية",
        language="ar",
        name="Amal",
        email="amal@example.org",
    )
    problems = []
    for language in ("en", "ar"):
        for path in public_paths(tracker, language):
            problems += audit(page, path, language)
        # The feedback form sent back with its errors (an empty message).
        page.goto(f"/{language}/recommendations/{rec.pk}/")
        page.locator("#feedback button[type=submit]").click()
        expect(page.locator("#feedback .invalid-feedback").first).to_be_visible()
        problems += audit(
            page, f"/{language}/recommendations/{rec.pk}/ (feedback with errors)", language, navigate=False
        )
    # The pages audited really show the data (not an empty page or an error in disguise).
    page.goto(f"/ar/recommendations/{rec.pk}/")
    expect(page.locator("main")).to_contain_text("two lawyers now")
    expect(page.get_by_role("link", name="decree.pdf")).to_be_visible()
    page.goto("/en/recommendations/?q=rural&mechanism_type=upr&status=in_progress&sort=status")
    expect(page.locator("main table.results").get_by_role("link")).to_have_count(1)
    # Nothing by colour alone: every status badge says its status in words.
    badges = page.locator("main .badge-status")
    expect(badges.first).to_have_text("In progress")
    assert all(text.strip() for text in badges.all_inner_texts())
    # Each chart is named, and has beside it a table of its figures with the same caption; a sentence
    # sums the figures up.
    page.goto("/en/")
    expect(page.locator("main section").first.locator("p").first).to_contain_text(
        "2 published recommendations."
    )
    sections = page.locator("main section").filter(has=page.locator(".chart-box svg[role=img]"))
    expect(sections).to_have_count(2)
    for section in sections.all():
        title = section.locator("svg > title").text_content()
        expect(section.locator("svg[role=img]")).to_have_accessible_name(title)
        expect(section.locator("table caption")).to_have_text(title)

    log_in("secretariat")
    for language in ("en", "ar"):
        problems += audit(page, f"/{language}/workspace/feedback/", language)
        problems += audit(page, f"/{language}/workspace/feedback/{queued.pk}/", language)
    expect(page.locator("main")).to_contain_text("amal@example.org")
    assert not problems, f"{len(problems)} accessibility problem(s):\n" + "\n".join(problems)


FOCUSED = """() => {
  const element = document.activeElement;
  const style = getComputedStyle(element);
  return {
    tag: element.tagName.toLowerCase(),
    id: element.id,
    name: element.getAttribute("name") || "",
    href: element.getAttribute("href") || "",
    text: (element.innerText || element.value || "").trim().slice(0, 80),
    outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
    shadow: style.boxShadow !== "none",
  };
}"""


def press(page: Page, key: str) -> dict:
    """Press a key and describe the element that has the focus; a control's focus must be visible."""
    page.keyboard.press(key)
    focused = page.evaluate(FOCUSED)
    if focused["tag"] not in ("body", "main"):
        assert focused["outline"] or focused["shadow"], f"no visible focus indicator on {focused}"
    return focused


def tab_to(page: Page, wanted, *, limit: int = 120) -> list[dict]:
    """Tab until `wanted(focused)`; every element passed on the way is returned (the last is the one wanted)."""
    stops = []
    for _ in range(limit):
        stops.append(press(page, "Tab"))
        if wanted(stops[-1]):
            return stops
    raise AssertionError(f"not reached with {limit} presses of Tab; the focus went through {stops}")


def test_keyboard_only_search_open_and_send_feedback(page: Page, tracker):
    rec = tracker["published"]
    page.goto("/en/")
    # The first Tab reaches the skip link, which then shows; Enter moves the focus to the main content.
    focused = press(page, "Tab")
    skip = page.locator("a.skip-link")
    assert focused["text"] == "Skip to main content", focused
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    press(page, "Enter")
    expect(page.locator("main")).to_be_focused()
    # From there the next Tab is the search field: the skip link really skipped the navigation.
    assert press(page, "Tab")["id"] == "home-q"
    page.keyboard.type("legal aid")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/en/recommendations/\?q=legal\+aid$"))
    expect(page.get_by_role("status")).to_have_text("1 recommendation found")

    detail = f"/en/recommendations/{rec.pk}/"
    tab_to(page, lambda focused: focused["href"] == detail)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(re.escape(detail) + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("UPR recommendation 118.7")

    # The feedback form: message, name (and back with Shift+Tab), e-mail, organisation, then the button.
    stops = tab_to(page, lambda focused: focused["id"] == "id_message")
    page.keyboard.type("The legal aid office opened in May, with one lawyer.")
    assert press(page, "Tab")["id"] == "id_name"
    assert press(page, "Shift+Tab")["id"] == "id_message"
    assert press(page, "Tab")["id"] == "id_name"
    page.keyboard.type("Amal Citizen")
    assert press(page, "Tab")["id"] == "id_email"
    page.keyboard.type("amal@example.org")
    assert press(page, "Tab")["id"] == "id_organisation"
    button = press(page, "Tab")  # the honeypot field between them is skipped
    assert (button["tag"], button["text"]) == ("button", "Send to the secretariat"), button
    stops.append(button)
    assert not [stop for stop in stops if stop["name"] == "website"], "the honeypot is in the tab order"
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("Thank you. The secretariat will read your message.")
    feedback = Feedback.objects.get()
    assert (feedback.message, feedback.name, feedback.email, feedback.organisation) == (
        "The legal aid office opened in May, with one lawyer.",
        "Amal Citizen",
        "amal@example.org",
        "",
    )

    # Through the whole page, from its top, the honeypot is never reached.
    page.goto(detail)
    stops = tab_to(page, lambda focused: focused["tag"] == "body", limit=200)
    assert stops[0]["text"] == "Skip to main content", stops[0]
    names = [stop["name"] for stop in stops]
    assert "message" in names and "organisation" in names, names
    assert "website" not in names


def test_usable_320_pixels_wide(browser: Browser, live_server, tracker):
    """No horizontal scrolling of the page at 320 CSS pixels (a table may scroll inside its own box)."""
    context = browser.new_context(base_url=live_server.url, viewport=NARROW)
    widths = "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    try:
        page = context.new_page()
        rec = tracker["published"]
        problems = []
        for language in ("en", "ar"):
            for path in (
                f"/{language}/",
                f"/{language}/recommendations/?q={SEARCH_WORDS[language]}",
                f"/{language}/recommendations/{rec.pk}/",
            ):
                # axe too (in English): the tables scroll in their boxes, which the keyboard must reach.
                if language == "en":
                    problems += audit(page, path, language)
                else:
                    page.goto(path)
                scroll_width, client_width = page.evaluate(widths)
                assert client_width == NARROW["width"], path
                if scroll_width > NARROW["width"] + 1:
                    problems.append(f"{path} scrolls sideways: {scroll_width} px wide")
        assert not problems, "\n".join(problems)
        # The measure does catch an element wider than the screen.
        page.locator("main").evaluate(
            "main => { main.innerHTML += '<div style=\"width: 400px\">wide</div>'; }"
        )
        assert page.evaluate(widths)[0] > NARROW["width"] + 1
        # The search still works at this width.
        page.goto("/en/")
        page.get_by_role("search").get_by_role("searchbox").fill("legal aid")
        page.get_by_role("search").get_by_role("button", name="Search").click()
        expect(page.get_by_role("status")).to_have_text("1 recommendation found")
    finally:
        context.close()


TRANSFERRED = """() => {
  const navigation = performance.getEntriesByType("navigation")[0];
  const assets = performance.getEntriesByType("resource").filter(
    (entry) => ["link", "script", "css"].includes(entry.initiatorType) || /\\.(css|js)(\\?|$)/.test(entry.name)
  );
  return {
    html: navigation.transferSize,
    html_body: navigation.decodedBodySize,
    assets: assets.map((entry) => ({name: entry.name, transferred: entry.transferSize, size: entry.decodedBodySize})),
  };
}"""


def test_a_page_weighs_under_100_kb_once_static_files_are_cached(page: Page, tracker):
    rec = tracker["published"]
    listing, detail = "/en/recommendations/?q=rural", f"/en/recommendations/{rec.pk}/"
    page.goto(listing)
    first = page.evaluate(TRANSFERRED)
    # Few static files, downloaded the first time.
    names = [asset["name"] for asset in first["assets"]]
    assert 1 <= len(names) <= 4 and all("/static/" in name for name in names), names
    assert all(asset["transferred"] > 0 for asset in first["assets"]), first

    for path in (listing, detail, "/en/"):
        page.goto(path)
        second = page.evaluate(TRANSFERRED)
        assert second["html_body"] < BUDGET_BYTES, f"{path}: {second['html_body']} bytes of HTML"
        # Cached: taken from the cache (0 bytes) or revalidated (headers only, no body).
        for asset in second["assets"]:
            assert asset["transferred"] < 1024, f"{path}: {asset['name']} downloaded again: {asset}"
        total = second["html"] + sum(asset["transferred"] for asset in second["assets"])
        assert 0 < total < BUDGET_BYTES, f"{path}: {total} bytes transferred"
