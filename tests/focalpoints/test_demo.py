"""The demo data set has due and overdue work: a first reminder run sends, an immediate second does not."""

from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from focalpoints.models import Action, Deadline, ImpactIndicator, ProgressUpdate, ReminderLog
from nmirf.demo.loader import demo_load
from recommendations.models import Recommendation

pytestmark = pytest.mark.django_db


def test_a_first_reminder_run_on_the_demo_sends_and_a_second_sends_none():
    demo_load(password="a-demo-password-for-tests")
    assert Deadline.objects.filter(applied_at__isnull=False).count() == 3
    assert Recommendation.objects.filter(update_deadline__isnull=False).count() > 50
    assert Action.objects.count() == 3 and ImpactIndicator.objects.count() == 2
    assert set(ProgressUpdate.objects.values_list("state", flat=True)) == {
        "draft",
        "submitted",
        "returned",
        "validated",
    }
    out = StringIO()
    call_command("send_reminders", stdout=out)
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == [
        "focal2@example.org",
        "focal@example.org",
        "focal_deputy@example.org",
        "secretariat@example.org",
    ]
    events = set(ReminderLog.objects.values_list("event", flat=True))
    assert {"assigned", "due_14", "due_3", "overdue", "overdue_copy", "returned"} <= events
    mail.outbox.clear()
    out = StringIO()
    call_command("send_reminders", stdout=out)
    assert out.getvalue().strip() == "Reminders: 0 e-mails, 0 notifications"
    assert not mail.outbox
    again = demo_load(password="a-demo-password-for-tests")
    assert again.created == 0 and again.updated == 0


def test_the_demo_focal_points_see_their_work(client):
    demo_load(password="a-demo-password-for-tests")
    assert client.login(username="focal2", password="a-demo-password-for-tests")
    page = client.get("/en/workspace/").content.decode()
    assert "What Ministry of Health (MOH) must do" in page
    assert "Please add the 2025 figures" not in page  # the comment is on the update's page
    assert "Returned updates to fix" in page and "Update #" in page


def test_a_validated_demo_update_agrees_with_its_recommendation_status():
    """A citizen reading a published update must not see it contradict the recommendation's status."""
    demo_load(password="a-demo-password-for-tests")
    validated = ProgressUpdate.objects.filter(state="validated", recommendation__isnull=False)
    assert validated.exists()
    for update in validated.select_related("recommendation"):
        assert update.applied_status == update.recommendation.status != "no_information"
