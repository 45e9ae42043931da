"""Playwright driving Debian's Chromium against pytest-django's live server.

The browser is started once per session; each test gets a fresh context (cookies, storage) and page.
Browser tests use `transactional_db` (the live server runs in another thread), so they are marked
`django_db(transaction=True, serialized_rollback=True)`: the rows seeded by the migrations
(countries, mechanisms, themes, roles) are restored before each test instead of being lost.
"""

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from tests.factories import ClusterFactory, RecommendationFactory, SourceDocumentFactory

# Playwright's sync API runs an asyncio event loop in this thread; Django would then refuse ORM calls
# made from the test itself (factories, assertions on the database). Django reads it at each call.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]
PASSWORD = "a-long-test-password"  # set by tests.factories.UserFactory
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
TIMEOUT_MS = 10_000


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the item, so that the page fixture knows when a test failed."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def browser(django_db_setup) -> Browser:
    """Chromium for the whole session, started once the test database exists.

    While Playwright's sync API is running, `asyncio.get_running_loop()` succeeds in this thread, and
    Django's connection handler then switches from thread-local storage to context-local storage: this
    thread would get new connection objects, without the test database's serialized contents (so
    `serialized_rollback` would silently restore nothing). The same connection objects are handed over.
    """
    from django.db import connections

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Debian's Chromium is missing at {CHROMIUM} (apt-get install chromium)")
    thread_connections = {alias: connections[alias] for alias in connections}
    with sync_playwright() as playwright:
        for alias, connection in thread_connections.items():
            connections[alias] = connection
        expect.set_options(timeout=TIMEOUT_MS)
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(request, browser: Browser, live_server) -> Page:
    """A fresh page with its own cookies, addressed relative to the live server; screenshot on failure."""
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    yield page
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.nodeid)
        try:
            page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
        except Exception as error:  # a screenshot is a help, never a reason to fail differently
            print(f"screenshot failed: {error}")
    context.close()


@pytest.fixture
def log_in(page: Page):
    """Sign in through the real login page, as a user would; lands on the workspace."""

    def sign_in(username: str, password: str = PASSWORD, *, language: str = "en") -> None:
        page.goto(f"/{language}/accounts/login/")
        page.locator("input[name=username]").fill(username)
        page.locator("input[name=password]").fill(password)
        page.locator("main form button[type=submit]").click()
        page.wait_for_url(re.compile(rf"/{language}/workspace/$"))

    return sign_in


@pytest.fixture
def workspace_data(justice):
    """A cluster, a source document and a few recommendations of different kinds and states."""
    from recommendations.models import Country, Mechanism, Recommendation, Theme

    # The migrations' seeded rows must be there (serialized rollback restores them for each test).
    assert Country.objects.filter(code="FRA").exists(), "seeded countries are missing"
    assert Mechanism.objects.filter(code="UPR", type="upr").exists(), "seeded mechanisms are missing"
    themes = list(Theme.objects.order_by("pk")[:2])
    assert themes, "seeded themes are missing"

    cluster = ClusterFactory(
        name="Justice reform", objective="A fair and accessible justice system.", lead_institution=justice
    )
    document = SourceDocumentFactory(symbol="A/HRC/52/12")
    torture = RecommendationFactory(
        text_en="Ratify the Optional Protocol to the Convention against Torture (Germany);",
        source_document=document,
        paragraph="137.5",
        position=Recommendation.Position.SUPPORTED,
        themes=themes,
    )
    torture.recommending_states.set([Country.objects.get(code="DEU")])
    detention = RecommendationFactory(
        text_en="Improve conditions of detention and reduce pre-trial detention (Brazil);",
        source_document=document,
        paragraph="137.9",
        position=Recommendation.Position.NOTED,
    )
    in_cluster = RecommendationFactory(
        text_en="Guarantee the independence of the judiciary (Canada);",
        source_document=document,
        paragraph="137.12",
        cluster=cluster,
        lead_institution=justice,
        status=Recommendation.Status.PARTIALLY_IMPLEMENTED,
        requires_legislation=True,
    )
    withheld = RecommendationFactory(
        text_en="Adopt a national action plan on business and human rights (Norway);",
        paragraph="137.20",
        published=False,
    )
    return {
        "cluster": cluster,
        "document": document,
        "torture": torture,
        "detention": detention,
        "in_cluster": in_cluster,
        "withheld": withheld,
    }
