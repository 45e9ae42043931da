"""People without the Django admin: invitations, password resets, deactivation and succession."""

import datetime
import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from focalpoints import people, services
from focalpoints.models import FocalPoint, Notification, ProgressUpdate, ReminderLog
from nmirf.audit import history_for
from nmirf.models import AuditBatch, User
from tests.conftest import opened_version
from tests.factories import FocalPointFactory, UserFactory

pytestmark = pytest.mark.django_db
LINK = re.compile(r"https://nmirf\.example\.gov(/\w+(?:-\w+)?/accounts/invitation/[^/\s]+/[^/\s]+/)")


def invite(secretariat, justice=None, **extra):
    values = {
        "email": "Ana.Lopez@justice.example.gov",
        "first_name": "Ana",
        "last_name": "López",
        "role": Group.objects.get(name="Focal point"),
        "language": "es",
        "institution": justice,
    } | extra
    return people.person_invite(user=secretariat, **values)


def test_an_invitation_creates_the_account_and_emails_a_link_in_their_language(
    django_capture_on_commit_callbacks, secretariat, health
):
    with django_capture_on_commit_callbacks(execute=True):
        person = invite(secretariat, health, focal_role="deputy", title="Jefa de gabinete")
    assert person.username == person.email == "ana.lopez@justice.example.gov"
    assert not person.has_usable_password() and people.is_invited(person)
    assert list(person.groups.values_list("name", flat=True)) == ["Focal point"]
    service = FocalPoint.objects.get(user=person)
    assert (service.institution, service.role, service.title) == (health, "deputy", "Jefa de gabinete")
    message = mail.outbox[-1]
    assert message.to == [person.email]
    assert LINK.search(message.body).group(1).startswith("/es/accounts/invitation/")
    assert "secretariat" in message.body  # who invites
    batch = AuditBatch.objects.get(action="person_invite")
    assert batch.user == secretariat
    assert "password" not in str(batch.entries.first().after)


def test_the_invited_person_chooses_a_password_once(
    client, django_capture_on_commit_callbacks, secretariat, health
):
    with django_capture_on_commit_callbacks(execute=True):
        person = invite(secretariat, health)
    path = LINK.search(mail.outbox[-1].body).group(1).replace("/es/", "/en/", 1)
    response = client.get(path, follow=True)
    assert response.status_code == 200
    assert "Welcome to the NMIRF Tracker" in response.content.decode()
    form_url = response.redirect_chain[-1][0]
    response = client.post(
        form_url, {"new_password1": "a-fresh-password-2026", "new_password2": "a-fresh-password-2026"}
    )
    assert response.status_code == 302 and response["Location"].endswith("/accounts/invitation/done/")
    person.refresh_from_db()
    assert person.check_password("a-fresh-password-2026") and not people.is_invited(person)
    again = client.get(path, follow=True)
    assert "expired or was already used" in again.content.decode()
    assert client.login(username=person.username, password="a-fresh-password-2026")


def test_duplicates_and_missing_institution_are_refused(secretariat, justice):
    invite(secretariat, justice)
    with pytest.raises(ValidationError) as error:
        invite(secretariat, justice, email="ana.lopez@JUSTICE.example.gov")
    assert "email" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        invite(secretariat, None, email="someone@example.org")
    assert "institution" in error.value.message_dict
    secretary = invite(
        secretariat, None, email="clerk@example.org", role=Group.objects.get(name="Secretariat")
    )
    assert not FocalPoint.objects.filter(user=secretary).exists()


def test_resend_and_deactivate_through_the_people_page(
    personas, django_capture_on_commit_callbacks, secretariat, justice, focal
):
    with django_capture_on_commit_callbacks(execute=True):
        person = invite(
            secretariat, None, email="clerk@example.org", role=Group.objects.get(name="Secretariat")
        )
    page = personas["secretariat"].get(reverse("workspace:people_list")).content.decode()
    assert "clerk@example.org" in page and "invited, no password yet" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = personas["secretariat"].post(reverse("workspace:person_resend", args=[person.pk]))
    assert response.status_code == 302
    assert len([m for m in mail.outbox if m.to == ["clerk@example.org"]]) == 2
    assert AuditBatch.objects.filter(action="person_invite_resend").exists()
    response = personas["secretariat"].post(reverse("workspace:person_resend", args=[focal.pk]), follow=True)
    assert "already chosen a password" in response.content.decode()
    response = personas["secretariat"].post(reverse("workspace:person_deactivate", args=[focal.pk]))
    focal.refresh_from_db()
    assert response.status_code == 302 and not focal.is_active
    assert FocalPoint.objects.get(user=focal).end_date == datetime.date.today()
    response = personas["secretariat"].post(
        reverse("workspace:person_deactivate", args=[focal.pk]), follow=True
    )
    assert "already deactivated" in response.content.decode()


def test_nobody_deactivates_themselves(secretariat):
    with pytest.raises(ValidationError):
        people.person_deactivate(user=secretariat, person=secretariat)


def test_the_invite_form_of_the_workspace(personas, django_capture_on_commit_callbacks, justice):
    with django_capture_on_commit_callbacks(execute=True):
        response = personas["secretariat"].post(
            reverse("workspace:person_invite"),
            {
                "email": "new.focal@example.org",
                "first_name": "New",
                "last_name": "Focal",
                "language": "fr",
                "role": Group.objects.get(name="Focal point").pk,
                "institution": "",
                "focal_role": "focal_point",
            },
        )
    assert (
        response.status_code == 200
        and "A focal point answers for an institution" in response.content.decode()
    )
    assert not mail.outbox


def draft_of(user, rec):
    return services.update_create(user=user, item=rec)


def test_succession_hands_over_open_work_and_keeps_the_history(secretariat, focal, justice, assigned):
    draft = draft_of(focal, assigned["justice"])
    Notification.objects.create(user=focal, subject="Due soon", body="…")
    read = Notification.objects.create(user=focal, subject="Old", body="…", read_at="2026-01-01T00:00Z")
    ReminderLog.objects.create(
        user=focal, event="due_14", item_kind="recommendation", item_id=1, period="2026-12-01"
    )
    successor = UserFactory(username="successor", language="fr")
    service = FocalPoint.objects.get(user=focal)
    new = people.focal_point_replace(
        user=secretariat,
        focal_point=service,
        successor=successor,
        start=datetime.date(2026, 11, 1),
        title="Director",
    )
    service.refresh_from_db()
    focal.refresh_from_db()
    draft.refresh_from_db()
    assert service.end_date == datetime.date(2026, 11, 1) and service.successor == new
    assert (new.user, new.institution, new.role, new.title) == (successor, justice, "focal_point", "Director")
    assert successor.groups.filter(name="Focal point").exists()
    assert not focal.is_active
    assert draft.owner == successor and draft.created_by == focal
    assert Notification.objects.get(subject="Due soon").user == successor
    assert Notification.objects.get(pk=read.pk).user == focal
    assert ReminderLog.objects.get().user == successor
    batch = AuditBatch.objects.get(action="focal_point_replace")
    assert batch.user == secretariat and "focal succeeded by successor" in batch.description
    assert history_for(draft).first().batch == batch
    # The successor now edits the draft; the old account can no longer sign in.
    services.update_save(user=successor, update=draft, values={"narrative": "Taken over"})


def test_without_a_successor_the_deputy_takes_over_until_one_is_named(secretariat, focal, deputy, assigned):
    draft = draft_of(focal, assigned["justice"])
    people.focal_point_replace(user=secretariat, focal_point=FocalPoint.objects.get(user=focal))
    draft.refresh_from_db()
    assert draft.owner == deputy
    assert not FocalPoint.objects.filter(user=focal, end_date__isnull=True).exists()
    # The deputy may now be succeeded by a newly invited focal point.
    later = FocalPointFactory.build(institution=FocalPoint.objects.get(user=deputy).institution)
    assert later.institution.name == "Ministry of Justice"


def test_a_successor_can_be_invited_in_the_same_step(
    personas, django_capture_on_commit_callbacks, focal, justice, assigned
):
    draft = draft_of(focal, assigned["justice"])
    service = FocalPoint.objects.get(user=focal)
    address = reverse("workspace:focal_point_replace", args=[service.pk])
    version = opened_version(personas["secretariat"], address)
    with django_capture_on_commit_callbacks(execute=True):
        response = personas["secretariat"].post(
            address,
            {
                "version": version,
                "email": "successor@justice.example.gov",
                "first_name": "Sam",
                "last_name": "Successor",
                "language": "ar",
                "start": "2026-11-20",
                "title": "",
                "phone": "+1 555 0100",
            },
        )
    assert response.status_code == 302 and response["Location"] == justice.get_absolute_url()
    successor = User.objects.get(email="successor@justice.example.gov")
    assert FocalPoint.objects.get(user=successor, end_date__isnull=True).phone == "+1 555 0100"
    draft.refresh_from_db()
    assert draft.owner == successor
    assert mail.outbox[-1].to == [successor.email] and "/ar/accounts/invitation/" in mail.outbox[-1].body
    focal.refresh_from_db()
    assert not focal.is_active


def test_succession_refusals(secretariat, focal, focal2):
    service = FocalPoint.objects.get(user=focal)
    with pytest.raises(ValidationError):
        people.focal_point_replace(user=secretariat, focal_point=service, successor=focal2)  # serves health
    with pytest.raises(ValidationError):
        people.focal_point_replace(user=secretariat, focal_point=service, successor=focal)
    with pytest.raises(ValidationError):
        people.focal_point_replace(user=secretariat, focal_point=service, start=datetime.date(2020, 1, 1))
    assert FocalPoint.objects.get(pk=service.pk).end_date is None


def test_password_reset_links_use_the_site_url(client, focal):
    response = client.post(reverse("password_reset"), {"email": focal.email})
    assert response.status_code == 302
    body = mail.outbox[-1].body
    assert "https://nmirf.example.gov/en/accounts/reset/" in body
    path = re.search(r"https://nmirf\.example\.gov(\S+)", body).group(1)
    response = client.get(path, follow=True)
    assert "Choose a new password" in response.content.decode()
    response = client.post(
        response.redirect_chain[-1][0],
        {"new_password1": "another-long-password-1", "new_password2": "another-long-password-1"},
    )
    assert response.status_code == 302
    focal.refresh_from_db()
    assert focal.check_password("another-long-password-1")


def test_password_reset_pages_render(client):
    for name in ("password_reset", "password_reset_done", "password_reset_complete", "invitation_done"):
        response = client.get(reverse(name))
        assert response.status_code == 200, name
        assert "<h1>" in response.content.decode()


def test_updates_stay_with_the_institution_when_their_owner_leaves(secretariat, focal, focal2, assigned):
    draft = draft_of(focal, assigned["justice"])
    people.person_deactivate(user=secretariat, person=focal)
    draft.refresh_from_db()
    assert draft.owner == focal  # no colleague to hand it to
    assert ProgressUpdate.objects.get(pk=draft.pk).institution.name == "Ministry of Justice"
