"""A progress update's whole life in the browser: the Ministry of Justice's focal point submits it with
a PDF, the secretariat returns it, the focal point fixes and resubmits it, the secretariat validates it;
the recommendation's status changes and its timeline shows every step. The Ministry of Health's focal
point is refused throughout. Each step is checked on the page and in the database.
"""

import datetime
import re

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfWriter

from focalpoints.models import EvidenceFile, ProgressUpdate
from recommendations.models import Recommendation
from tests.browser.test_accessibility import assert_accessible
from tests.factories import RecommendationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def evidence_pdf(tmp_path):
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_metadata({"/Title": "Decree 12/2026 on pre-trial detention"})
    path = tmp_path / "Decree 12-2026.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    return path


@pytest.fixture
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.PRIVATE_MEDIA_ROOT


def sign_out(page: Page) -> None:
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()


def open_queue_item(page: Page, update: ProgressUpdate) -> None:
    page.get_by_role("navigation", name="Workspace").get_by_role("link", name="Review queue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Review queue")
    page.locator("main table").get_by_role("link", name=f"Update #{update.pk}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Progress update #{update.pk}")


def test_submit_return_fix_validate_and_the_timeline(
    page: Page, log_in, focal, focal2, secretariat, justice, health, evidence_pdf, private_media
):
    rec = RecommendationFactory(
        text_en="Limit the use of pre-trial detention (Brazil);",
        paragraph="118.40",
        lead_institution=justice,
        update_deadline=datetime.date.today() + datetime.timedelta(days=10),
    )
    RecommendationFactory(paragraph="118.41", lead_institution=health)

    # The focal point lands on what the ministry must do, and starts an update on the item due.
    log_in("focal")
    expect(page.get_by_role("heading", level=1)).to_have_text("What Ministry of Justice (MOJ) must do")
    due = page.get_by_role("table", name="Items whose progress update is due within 30 days or overdue")
    expect(due.get_by_role("row", name=re.compile("UPR 118.40"))).to_contain_text("Due in 10 days")
    assert_accessible(page, ["/en/workspace/"], "en")
    due.get_by_role("button", name=re.compile("Write a progress update")).click()
    update = ProgressUpdate.objects.get()
    expect(page).to_have_url(re.compile(rf"/en/workspace/updates/{update.pk}/edit/$"))
    expect(page.get_by_role("status")).to_contain_text("A draft update is started.")
    page.get_by_label("Narrative").fill(
        "The Council of Ministers approved the bill.\n\n- 14 organisations consulted\n- sent to Parliament"
    )
    page.get_by_label("Proposed status").select_option(label="In progress")
    page.get_by_label("Period covered from").fill("2026-01-01")
    page.get_by_label("Period covered to").fill("2026-06-30")
    page.get_by_label("Attach a file").set_input_files(str(evidence_pdf))
    assert_accessible(page, [f"/en/workspace/updates/{update.pk}/edit/"], "en")
    page.get_by_label("Attach a file").set_input_files(str(evidence_pdf))
    page.get_by_label("Narrative").fill(
        "The Council of Ministers approved the bill.\n\n- 14 organisations consulted\n- sent to Parliament"
    )
    page.get_by_label("Period covered from").fill("2026-01-01")
    page.get_by_label("Period covered to").fill("2026-06-30")
    page.get_by_role("button", name="Save and submit to the secretariat").click()
    expect(page).to_have_url(re.compile(rf"/en/workspace/updates/{update.pk}/$"))
    expect(page.get_by_role("status")).to_contain_text("The update is submitted to the secretariat.")
    expect(page.locator("#update-state")).to_have_text("Submitted")
    expect(page.get_by_role("link", name="Decree 12-2026.pdf")).to_be_visible()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Decree 12-2026.pdf").click()
    assert download_info.value.suggested_filename == "Decree 12-2026.pdf"
    with open(download_info.value.path(), "rb") as downloaded:
        assert downloaded.read().startswith(b"%PDF-")
    update.refresh_from_db()
    evidence = EvidenceFile.objects.get(update=update)
    assert update.state == "submitted" and evidence.kind == "pdf"
    assert (private_media / evidence.file.name).is_file()
    assert update.narrative == (
        "<p>The Council of Ministers approved the bill.</p><ul><li>14 organisations consulted</li>"
        "<li>sent to Parliament</li></ul>"
    )
    sign_out(page)

    # The secretariat returns it with a comment.
    log_in("secretariat")
    open_queue_item(page, update)
    assert_accessible(page, [f"/en/workspace/updates/{update.pk}/"], "en")
    page.get_by_label("What should be fixed").fill("Please attach the text of the bill as approved.")
    page.get_by_role("button", name="Return to the institution").click()
    expect(page.get_by_role("status")).to_contain_text("returned to the institution")
    expect(page.locator("main")).to_contain_text("Nothing to review.")
    update.refresh_from_db()
    assert update.state == "returned"
    sign_out(page)

    # The other ministry's focal point is refused at every step.
    log_in("focal2")
    for path in (
        f"/en/workspace/updates/{update.pk}/",
        f"/en/workspace/updates/{update.pk}/edit/",
        f"/en/workspace/updates/{update.pk}/evidence/{evidence.pk}/",
    ):
        response = page.goto(path)
        assert response.status == 404, path
        expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    page.goto(f"/en/workspace/recommendations/{rec.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("UPR recommendation 118.40")
    expect(page.get_by_role("button", name=re.compile("Write a progress update"))).to_have_count(0)
    expect(page.locator("#timeline")).not_to_contain_text(f"Progress update #{update.pk}")
    sign_out(page)

    # The focal point sees the returned update, fixes it and submits it again.
    log_in("focal")
    returned = page.get_by_role("table", name="Updates the secretariat returned to your institution")
    returned.get_by_role("link", name=f"Update #{update.pk}").click()
    expect(page.locator("main")).to_contain_text("Please attach the text of the bill as approved.")
    page.get_by_role("link", name="Fix this update").click()
    expect(page.get_by_role("note")).to_contain_text("Please attach the text of the bill as approved.")
    expect(page.get_by_label("Narrative")).to_have_value(
        re.compile(r"^The Council of Ministers approved the bill\.\n\n- 14")
    )
    page.get_by_label("Links").fill("https://parliament.example.gov/bills/2026-12")
    page.get_by_role("button", name="Save and submit to the secretariat").click()
    expect(page.locator("#update-state")).to_have_text("Submitted")
    sign_out(page)

    # The secretariat validates it: the recommendation's status changes.
    log_in("secretariat")
    open_queue_item(page, update)
    expect(page.get_by_role("link", name="https://parliament.example.gov/bills/2026-12")).to_be_visible()
    page.get_by_label("Implementation status to record").select_option(label="Partially implemented")
    page.get_by_label("Publish this update on the public tracker").check()
    page.get_by_role("button", name="Validate the update").click()
    expect(page.get_by_role("status")).to_contain_text("The update is validated and the status recorded.")
    update.refresh_from_db()
    rec.refresh_from_db()
    assert (
        update.state == "validated" and update.published and update.applied_status == "partially_implemented"
    )
    assert rec.status == Recommendation.Status.PARTIALLY_IMPLEMENTED

    # The recommendation's page shows the status and every step on its timeline.
    page.goto(f"/en/workspace/recommendations/{rec.pk}/")
    expect(page.locator("main .badge-status").first).to_have_text("Partially implemented")
    timeline = page.locator("#timeline")
    for text in (
        f"Progress update #{update.pk} submitted by Ministry of Justice (MOJ)",
        f"Progress update #{update.pk} returned to Ministry of Justice (MOJ)",
        "Comment: Please attach the text of the bill as approved.",
        f"Progress update #{update.pk} corrected and submitted again by Ministry of Justice (MOJ)",
        f"Progress update #{update.pk} validated",
        "Status set to Partially implemented",
        "Status changed from No information to Partially implemented",
    ):
        expect(timeline).to_contain_text(text)
    items = timeline.locator(":scope > li")
    texts = [items.nth(i).inner_text() for i in range(items.count())]
    order = ["submitted by", "returned to", "corrected and submitted again", "validated"]
    positions = [next(i for i, t in enumerate(texts) if phrase in t) for phrase in order]
    assert positions == sorted(positions), texts
    assert_accessible(page, [f"/en/workspace/recommendations/{rec.pk}/", "/en/workspace/reviews/"], "en")


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_network_pages_are_accessible(
    page: Page, log_in, focal, secretariat, justice, private_media, language
):
    from focalpoints import services
    from tests.factories import ActionFactory, ImpactIndicatorFactory

    rec = RecommendationFactory(lead_institution=justice, update_deadline=datetime.date.today())
    action = ActionFactory(
        recommendation=rec, lead_institution=justice, update_deadline=datetime.date.today()
    )
    indicator = ImpactIndicatorFactory()
    indicator.actions.set([action])
    update = services.update_create(user=focal, item=action)
    log_in("focal", language=language)
    assert_accessible(
        page,
        [
            f"/{language}/workspace/",
            f"/{language}/workspace/updates/{update.pk}/edit/",
            f"/{language}/workspace/notifications/",
        ],
        language,
    )
    page.locator("header form button[type=submit]").click()  # "Sign out", in either language
    page.wait_for_url(re.compile(rf"/{language}/$"))
    log_in("secretariat", language=language)
    assert_accessible(
        page,
        [
            f"/{language}/workspace/{path}"
            for path in (
                "institutions/",
                f"institutions/{justice.pk}/",
                "people/",
                "people/invite/",
                "actions/",
                f"actions/{action.pk}/",
                "indicators/",
                f"indicators/{indicator.pk}/",
                "deadlines/",
                "deadlines/new/",
                "updates/",
                "reviews/",
                "gaps/",
            )
        ],
        language,
    )
