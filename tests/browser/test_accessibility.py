"""axe-core on every public page and every main staff page, in English and in Arabic (right to left).

A page passes when axe finds no violation of impact "serious" or "critical"; the assertion message
lists each violation's rule id, help text and offending nodes so that it can be fixed.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from recommendations.models import Country, Mechanism

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

LANGUAGES = ["en", "ar"]
BLOCKING = {"serious", "critical"}
axe = Axe()


def audit(page: Page, path: str, language: str, *, navigate: bool = True) -> list[str]:
    """Open a page, check its language and direction, run axe; return a description of each problem."""
    if navigate:
        response = page.goto(path)
        assert response is not None
        if response.status != 200:
            return [f"{path}: HTTP {response.status}"]
    html = page.locator("html")
    problems = []
    if html.get_attribute("lang") != language:
        problems.append(f"{path}: <html lang> is {html.get_attribute('lang')!r}, expected {language!r}")
    expected_dir = "rtl" if language == "ar" else "ltr"
    if html.get_attribute("dir") != expected_dir:
        problems.append(f"{path}: <html dir> is {html.get_attribute('dir')!r}, expected {expected_dir!r}")
    results = axe.run(page)
    for violation in results.response["violations"]:
        if violation["impact"] not in BLOCKING:
            continue
        nodes = "\n".join(
            f"      - {', '.join(map(str, node['target']))}: {node['html'][:200]}"
            for node in violation["nodes"]
        )
        problems.append(
            f"{path}: {violation['id']} ({violation['impact']}): {violation['help']} "
            f"[{violation['helpUrl']}]\n{nodes}"
        )
    return problems


def assert_accessible(page: Page, paths: list[str], language: str) -> None:
    problems = [problem for path in paths for problem in audit(page, path, language)]
    assert not problems, f"{len(problems)} accessibility problem(s):\n" + "\n".join(problems)


def test_the_audit_catches_a_known_defect(page):
    """Guard against a silently broken axe set-up: a page with known defects must be reported."""
    page.set_content(
        '<html lang="en"><head><title>t</title></head><body><main><img src="data:,">'
        "<button></button></main></body></html>"
    )
    problems = "\n".join(audit(page, "(synthetic page)", "en", navigate=False))
    assert "image-alt (critical)" in problems
    assert "button-name (critical)" in problems
    assert "<html dir> is None" in problems


@pytest.mark.parametrize("language", LANGUAGES)
def test_public_pages_have_no_serious_violations(page, workspace_data, language):
    assert_accessible(page, [f"/{language}/", f"/{language}/accounts/login/"], language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_login_errors_are_accessible(page, secretariat, language):
    page.goto(f"/{language}/accounts/login/")
    page.locator("input[name=username]").fill("secretariat")
    page.locator("input[name=password]").fill("not-the-password")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/{language}/accounts/login/"), "a wrong password must not sign in"
    assert page.locator("main .alert, main .invalid-feedback, main .errorlist").count() > 0
    problems = [
        f"{violation['id']} ({violation['impact']}): {violation['help']}"
        for violation in axe.run(page).response["violations"]
        if violation["impact"] in BLOCKING
    ]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("language", LANGUAGES)
def test_staff_pages_have_no_serious_violations(page, log_in, secretariat, workspace_data, language):
    assert Country.objects.filter(code="FRA").exists()
    assert Mechanism.objects.filter(code="UPR").exists()
    recommendation, cluster = workspace_data["torture"], workspace_data["cluster"]
    log_in("secretariat", language=language)
    workspace = f"/{language}/workspace"
    paths = [
        f"{workspace}/",
        f"{workspace}/recommendations/",
        f"{workspace}/recommendations/?q=torture",
        f"{workspace}/recommendations/?q=torture&mechanism_type=upr&position=supported",
        f"{workspace}/recommendations/?status=partially_implemented&cluster={cluster.pk}",
        f"{workspace}/recommendations/?published=false",
        f"{workspace}/recommendations/?q=zzzznothingmatcheszzzz",
        f"{workspace}/recommendations/{recommendation.pk}/",
        f"{workspace}/recommendations/{recommendation.pk}/edit/",
        f"{workspace}/recommendations/{recommendation.pk}/history/",
        f"{workspace}/recommendations/new/",
        f"{workspace}/clusters/",
        f"{workspace}/clusters/{cluster.pk}/",
        f"{workspace}/clusters/new/",
        f"{workspace}/clusters/{cluster.pk}/edit/",
        f"{workspace}/documents/",
        f"{workspace}/documents/new/",
        f"{workspace}/recommendations/{recommendation.pk}/archive/",
        f"{workspace}/clusters/{cluster.pk}/archive/",
        f"{workspace}/archive/",
        f"{workspace}/history/",
    ]
    assert_accessible(page, paths, language)
    # A form sent back with errors: each error must be tied to its field and announced.
    page.goto(f"{workspace}/clusters/new/")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.url.endswith(f"{workspace}/clusters/new/"), "a cluster without a name must be refused"
    assert page.locator("main .invalid-feedback").count() > 0
    problems = audit(page, f"{workspace}/clusters/new/ (with errors)", language, navigate=False)
    assert not problems, "\n".join(problems)
    # The data really is on the pages that were checked (not an empty list or an error page).
    page.goto(f"{workspace}/recommendations/?q=torture")
    assert page.get_by_role("link", name="Ratify the Optional Protocol").count() == 1
    assert page.get_by_text("Improve conditions of detention").count() == 0
