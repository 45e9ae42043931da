"""Feedback from the public: queued for moderation, never published by itself, contacts kept private."""

import pytest
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import translation

from nmirf.models import AuditEntry
from portal import services
from portal.models import Feedback

pytestmark = pytest.mark.django_db

MESSAGE = "The legal aid office in Northern district opened in May but has no lawyer yet."


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    cache.clear()
    yield
    cache.clear()


def send(recommendation, **extra):
    data = {
        "message": MESSAGE,
        "name": "Amal Citizen",
        "email": "amal@example.org",
        "organisation": "Rural Bar",
    }
    return Client().post(f"/fr/recommendations/{recommendation.pk}/", data | extra)


def test_feedback_goes_to_the_queue_and_not_to_the_page(tracker):
    rec = tracker["published"]
    response = send(rec)
    assert response.status_code == 302
    feedback = Feedback.objects.get()
    assert feedback.state == "new" and not feedback.published
    assert feedback.language == "fr" and feedback.email == "amal@example.org"
    page = Client().get(f"/en/recommendations/{rec.pk}/").content.decode()
    assert "no lawyer yet" not in page
    assert AuditEntry.objects.filter(content_type__model="feedback", object_id=str(feedback.pk)).exists()


def test_invalid_feedback_is_explained_and_kept_in_the_form(tracker):
    response = Client().post(
        f"/en/recommendations/{tracker['published'].pk}/", {"message": "short", "email": "not-an-address"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Ensure this value has at least 10 characters" in html
    assert "Enter a valid email address" in html
    assert 'value="not-an-address"' in html
    assert not Feedback.objects.exists()


def test_honeypot_is_thanked_and_dropped(tracker):
    response = send(tracker["published"], website="http://spam.example")
    assert response.status_code == 302
    assert not Feedback.objects.exists()


def test_rate_limit_per_address(tracker, settings):
    settings.FEEDBACK_PER_HOUR = 2
    assert send(tracker["published"]).status_code == 302
    assert send(tracker["published"]).status_code == 302
    refused = send(tracker["published"])
    assert refused.status_code == 400
    assert Feedback.objects.count() == 2


def test_no_feedback_on_withheld_recommendations(tracker):
    assert send(tracker["withheld"]).status_code == 404
    assert not Feedback.objects.exists()


def test_only_the_secretariat_sees_the_queue(tracker, personas):
    send(tracker["published"])
    feedback = Feedback.objects.get()
    for name in ("admin", "secretariat"):
        listing = personas[name].get("/en/workspace/feedback/")
        assert listing.status_code == 200 and "no lawyer yet" in listing.content.decode()
        detail = personas[name].get(f"/en/workspace/feedback/{feedback.pk}/").content.decode()
        assert "amal@example.org" in detail
    for name in ("focal", "focal2", "consultative", "no_role"):
        assert personas[name].get("/en/workspace/feedback/").status_code == 404, name
        assert personas[name].get(f"/en/workspace/feedback/{feedback.pk}/").status_code == 404, name
    assert personas["public"].get("/en/workspace/feedback/").status_code == 302


def test_moderation_publishes_the_message_without_contact_details(tracker, personas):
    send(tracker["published"])
    feedback = Feedback.objects.get()
    response = personas["secretariat"].post(
        f"/en/workspace/feedback/{feedback.pk}/", {"state": "reviewed", "published": "on", "note": "Checked"}
    )
    assert response.status_code == 302
    feedback.refresh_from_db()
    assert (
        feedback.state == "reviewed" and feedback.published and feedback.reviewed_by.username == "secretariat"
    )
    page = Client().get(f"/en/recommendations/{tracker['published'].pk}/").content.decode()
    assert "no lawyer yet" in page and "Rural Bar" in page
    assert "Amal Citizen" not in page and "amal@example.org" not in page


def test_rejected_feedback_cannot_be_published(tracker, secretariat):
    send(tracker["published"])
    feedback = Feedback.objects.get()
    with translation.override("en"), pytest.raises(ValidationError, match="reviewed"):
        services.feedback_review(user=secretariat, feedback=feedback, state="rejected", published=True)
    feedback.refresh_from_db()
    assert feedback.state == "new"


def test_moderation_refused_to_others(tracker, consultative):
    send(tracker["published"])
    feedback = Feedback.objects.get()
    with translation.override("en"), pytest.raises(PermissionDenied, match="secretariat"):
        services.feedback_review(user=consultative, feedback=feedback, state="reviewed")
