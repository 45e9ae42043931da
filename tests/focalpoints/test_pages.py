"""The pages of the network: what they show, their forms, and a fixed number of queries on lists."""

import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from focalpoints import services
from focalpoints.models import Action, DataPoint, Deadline, ImpactIndicator, Institution, ProgressUpdate
from tests.conftest import opened_version
from tests.factories import FocalPointFactory, InstitutionFactory, RecommendationFactory

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"workspace:{name}", args=args)


def submitted_update(user, item, **values):
    update = services.update_create(user=user, item=item)
    services.update_save(
        user=user,
        update=update,
        values={
            "narrative": "Done",
            "period_start": datetime.date(2026, 1, 1),
            "period_end": datetime.date(2026, 6, 30),
        }
        | values,
    )
    return services.update_submit(user=user, update=update)


def queries(client, address: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(address)
        assert response.status_code == 200, address
        if response.streaming:
            b"".join(response.streaming_content)
    return len(captured)


def grow(justice, focal, n: int) -> None:
    for _ in range(n):
        rec = RecommendationFactory(lead_institution=justice, update_deadline=datetime.date.today())
        rec.supporting_institutions.set([InstitutionFactory()])
        submitted_update(focal, rec)
        Action.objects.create(title_en="An action", recommendation=rec, lead_institution=justice)
        FocalPointFactory(institution=InstitutionFactory())


@pytest.mark.parametrize(
    ("persona", "name"),
    [
        ("focal", "my_work"),
        ("focal", "home"),
        ("focal", "update_list"),
        ("secretariat", "review_queue"),
        ("secretariat", "update_list"),
        ("secretariat", "institution_list"),
        ("secretariat", "people_list"),
        ("secretariat", "action_list"),
        ("secretariat", "gaps"),
        ("secretariat", "deadline_list"),
        ("secretariat", "indicator_list"),
    ],
)
def test_list_pages_run_a_fixed_number_of_queries(personas, justice, focal, persona, name):
    grow(justice, focal, 2)
    few = queries(personas[persona], url(name))
    grow(justice, focal, 8)
    assert queries(personas[persona], url(name)) == few


def test_the_directory_export_does_not_grow_with_rows(personas, justice, focal):
    grow(justice, focal, 2)
    few = queries(personas["secretariat"], url("directory_export", "csv"))
    grow(justice, focal, 8)
    assert queries(personas["secretariat"], url("directory_export", "csv")) == few


def test_the_institution_page_shows_people_assignments_and_activity(
    personas, justice, focal, deputy, assigned
):
    FocalPointFactory.create(user__username="gone", institution=justice, end_date=datetime.date(2025, 1, 1),
                             start_date=datetime.date(2024, 1, 1), role="deputy")  # fmt: skip
    assigned["justice"].update_deadline = datetime.date.today() - datetime.timedelta(days=3)
    assigned["justice"].save()
    page = personas["secretariat"].get(url("institution_detail", justice.pk)).content.decode()
    assert "focal@example.org" in page and "deputy@example.org" in page  # contact details for staff
    assert "2024-01-01 – 2025-01-01" in page
    assert "Overdue by 3 days" in page
    other = personas["focal2"].get(url("institution_detail", justice.pk)).content.decode()
    assert "focal@example.org" not in other  # personal data stays with staff and the institution itself
    assert "Record successor" not in other


def test_the_recommendation_page_shows_the_timeline(personas, focal, secretariat, assigned):
    rec = assigned["justice"]
    update = submitted_update(focal, rec, proposed_status="in_progress")
    services.update_return(user=secretariat, update=update, comment="Add figures")
    services.update_submit(user=focal, update=update)
    services.update_validate(user=secretariat, update=update, status="in_progress")
    page = personas["secretariat"].get(url("recommendation_detail", rec.pk)).content.decode()
    for text in (
        f"Progress update #{update.pk} submitted by Ministry of Justice (MOJ)",
        f"Progress update #{update.pk} returned to Ministry of Justice (MOJ)",
        "Comment: Add figures",
        f"Progress update #{update.pk} corrected and submitted again by Ministry of Justice (MOJ)",
        f"Progress update #{update.pk} validated",
        "Status changed from No information to In progress",
    ):
        assert text in page, text
    # The other ministry sees the recommendation but not the justice ministry's updates.
    other = personas["focal2"].get(url("recommendation_detail", rec.pk)).content.decode()
    assert "Status changed from No information to In progress" in other
    assert f"Progress update #{update.pk}" not in other


def test_assignments_appear_on_the_timeline(personas, secretariat, justice):
    from recommendations.services import recommendation_update

    rec = RecommendationFactory()
    recommendation_update(user=secretariat, recommendation=rec, values={"lead_institution": justice})
    page = personas["secretariat"].get(url("recommendation_detail", rec.pk)).content.decode()
    assert "Assignment changed" in page and "lead institution: — → Ministry of Justice (MOJ)" in page


def test_a_focal_point_writes_saves_and_submits_through_the_form(personas, focal, assigned):
    response = personas["focal"].post(url("update_start_recommendation", assigned["justice"].pk))
    update = ProgressUpdate.objects.get()
    assert response["Location"] == url("update_edit", update.pk)
    form = {
        "narrative": "Training held.\n\n- 40 judges",
        "proposed_status": "in_progress",
        "period_start": "2026-01-01",
        "period_end": "2026-06-30",
        "links": "https://justice.example.gov/training",
    }
    version = opened_version(personas["focal"], url("update_edit", update.pk))
    response = personas["focal"].post(url("update_edit", update.pk), form | {"save": "1", "version": version})
    assert response.status_code == 302
    update.refresh_from_db()
    assert update.state == "draft" and update.narrative == "<p>Training held.</p><ul><li>40 judges</li></ul>"
    page = personas["focal"].get(url("update_edit", update.pk)).content.decode()
    assert "Training held.\n\n- 40 judges</textarea>" in page
    version = opened_version(personas["focal"], url("update_edit", update.pk))
    response = personas["focal"].post(
        url("update_edit", update.pk), form | {"submit": "1", "version": version}
    )
    assert response["Location"] == url("update_detail", update.pk)
    update.refresh_from_db()
    assert update.state == "submitted"


def test_submitting_an_incomplete_update_says_what_is_missing(personas, focal, assigned):
    update = services.update_create(user=focal, item=assigned["justice"])
    response = personas["focal"].post(url("update_submit", update.pk), follow=True)
    assert "Describe what was done before submitting." in response.content.decode()
    update.refresh_from_db()
    assert update.state == "draft"


def test_the_secretariat_reviews_from_the_queue(personas, focal, focal2, secretariat, assigned, consultative):
    old = submitted_update(focal, assigned["justice"])
    new = submitted_update(focal2, assigned["health"])
    queue = personas["secretariat"].get(url("review_queue")).content.decode()
    assert queue.index(f"Update #{old.pk}") < queue.index(f"Update #{new.pk}")  # oldest first
    health = Institution.objects.get(name="Ministry of Health")
    filtered = personas["secretariat"].get(url("review_queue") + f"?institution={health.pk}").content.decode()
    assert f"Update #{new.pk}" in filtered and f"Update #{old.pk}" not in filtered
    assert (
        f"Update #{old.pk}"
        in personas["secretariat"].get(url("review_queue") + "?mechanism=UPR").content.decode()
    )
    assert (
        f"Update #{old.pk}"
        not in personas["secretariat"].get(url("review_queue") + "?mechanism=CRC").content.decode()
    )
    response = personas["secretariat"].post(url("update_return", old.pk), {"comment": "Which decree?"})
    assert response["Location"] == url("review_queue")
    old.refresh_from_db()
    assert old.state == "returned"
    page = personas["focal"].get(url("my_work")).content.decode()
    assert "Returned updates to fix" in page and f"Update #{old.pk}" in page
    assert "Which decree?" in personas["focal"].get(url("update_detail", old.pk)).content.decode()
    personas["secretariat"].post(url("update_validate", new.pk), {"status": "implemented", "publish": "on"})
    new.refresh_from_db()
    assigned["health"].refresh_from_db()
    assert new.published and assigned["health"].status == "implemented"
    personas["secretariat"].post(url("update_share", new.pk), {"shared": "1"})
    assert personas["consultative"].get(url("update_detail", new.pk)).status_code == 200
    personas["consultative"].post(url("update_comment", new.pk), {"text": "The NHRI confirms it."})
    assert (
        "The NHRI confirms it." in personas["secretariat"].get(url("update_detail", new.pk)).content.decode()
    )
    assert (
        "The NHRI confirms it." not in personas["focal2"].get(url("update_detail", new.pk)).content.decode()
    )
    personas["secretariat"].post(url("update_publish", new.pk), {"published": "0"})
    new.refresh_from_db()
    assert not new.published


def test_secretariat_forms_for_institutions_actions_indicators_and_deadlines(personas, justice, assigned):
    client = personas["secretariat"]
    response = client.post(
        url("institution_create"),
        {"name_en": "Ministry of Labour", "kind": "ministry", "membership": "full", "active": "on"},
    )
    assert response.status_code == 302
    rec = assigned["justice"]
    assert (
        f'value="{rec.pk}"' in client.get(url("action_create") + f"?recommendation={rec.pk}").content.decode()
    )
    response = client.post(
        url("action_create"),
        {
            "recommendation": rec.pk,
            "title_en": "Adopt a decree",
            "lead_institution": justice.pk,
            "status": "not_started",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    action = Action.objects.get()
    assert action.recommendation == rec
    response = client.post(
        url("indicator_create"),
        {"name_en": "Judges trained", "unit": "people", "actions": [action.pk], "recommendations": [rec.pk]},
    )
    indicator = ImpactIndicator.objects.get()
    assert response["Location"] == indicator.get_absolute_url()
    client.post(url("data_point_add", indicator.pk), {"date": "2025-12-31", "value": "120", "sex": "female"})
    assert DataPoint.objects.get().value == 120
    response = client.post(
        url("data_point_add", indicator.pk),
        {"date": "2025-12-31", "value": "120", "sex": "female"},
        follow=True,
    )
    assert "already exists" in response.content.decode()
    response = client.post(
        url("deadline_create"),
        {
            "title_en": "CCPR follow-up",
            "due_date": "2027-06-01",
            "updates_due": "2027-03-01",
            "recommendations": [rec.pk],
        },
    )
    deadline = Deadline.objects.get()
    assert response.status_code == 302
    response = client.post(url("deadline_apply", deadline.pk), follow=True)
    assert "1 recommendation changed." in response.content.decode()
    rec.refresh_from_db()
    assert rec.update_deadline == datetime.date(2027, 3, 1)
    response = client.post(
        url("deadline_create"), {"title_en": "Bad", "due_date": "2027-01-01", "updates_due": "2027-03-01"}
    )
    assert "Progress updates are due on or before the report." in response.content.decode()


def test_the_directory_exports(personas, focal, focal2):
    response = personas["secretariat"].get(url("directory_export", "csv"))
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert response["Content-Disposition"].startswith('attachment; filename="focal-points-')
    lines = text.strip().splitlines()
    assert lines[0].startswith("Institution,Acronym,Role,Name") and len(lines) == 3
    assert "focal@example.org" in text and "focal2@example.org" in text
    response = personas["secretariat"].get(url("directory_export", "xlsx"))
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = list(workbook.active.values)
    assert rows[0][0] == "Institution" and len(rows) == 3
    assert {row[4] for row in rows[1:]} == {"focal", "focal2"}


def test_formulas_are_not_exported(personas, focal):
    from focalpoints.models import FocalPoint

    FocalPoint.objects.filter(user=focal).update(title='=HYPERLINK("http://evil")')
    text = b"".join(personas["secretariat"].get(url("directory_export", "csv")).streaming_content).decode(
        "utf-8-sig"
    )
    assert "'=HYPERLINK" in text


def test_the_gaps_dashboard(personas, justice, health, focal, assigned):
    RecommendationFactory(lead_institution=None)
    InstitutionFactory(name="Office without anyone")
    assigned["justice"].update_deadline = datetime.date.today() - datetime.timedelta(days=10)
    assigned["justice"].save()
    page = personas["secretariat"].get(url("gaps") + "?months=3").content.decode()
    assert "1 open recommendation without a lead institution" in page
    assert (
        "Office without anyone" in page
        and "Ministry of Health" not in page.split("without an active focal point")[1].split("</ul>")[0]
    )
    assert "1 item overdue" in page
    assert "No progress update for 3 months" in page


def test_focal_points_land_on_their_institutions_page(personas):
    page = personas["focal"].get(url("home")).content.decode()
    assert "What Ministry of Justice (MOJ) must do" in page
    assert "Implementation status" in personas["secretariat"].get(url("home")).content.decode()
