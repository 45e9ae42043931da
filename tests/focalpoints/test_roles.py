"""URL by URL and role by role: 404 hides what a person may not see, 403 refuses what they may see
but not change, 405 refuses the wrong method, and anonymous visitors go to the sign-in page.

The focal point of the Ministry of Health (focal2) is refused at every step of the Ministry of
Justice's work (focal).
"""

import datetime

import pytest
from django.urls import reverse

from focalpoints import services
from focalpoints.models import DataPoint, FocalPoint, ProgressUpdate
from tests.factories import ActionFactory, ImpactIndicatorFactory, UserFactory
from tests.focalpoints.conftest import pdf_bytes, upload

pytestmark = pytest.mark.django_db

LOGIN = "/en/accounts/login/"
ALL = ("admin", "secretariat", "focal", "focal2", "consultative", "no_role", "public")
STAFF = ("admin", "secretariat")
READERS = ("admin", "secretariat", "focal", "focal2", "consultative")


def fill(update, user):
    services.update_save(
        user=user,
        update=update,
        values={
            "narrative": "Done",
            "period_start": datetime.date(2026, 1, 1),
            "period_end": datetime.date(2026, 6, 30),
        },
    )


@pytest.fixture
def o(focal, focal2, secretariat, justice, health, assigned):
    """The justice ministry's items, a draft and a submitted update of each ministry, and the rest."""
    action = ActionFactory(recommendation=assigned["justice"], lead_institution=justice)
    indicator = ImpactIndicatorFactory()
    point = services.data_point_add(
        user=secretariat, indicator=indicator, values={"date": datetime.date(2025, 1, 1), "value": 3}
    )
    draft = services.update_create(user=focal, item=assigned["justice"])
    draft_file = services.evidence_add(user=focal, update=draft, upload=upload("a.pdf", pdf_bytes()))
    submitted = services.update_create(user=focal, item=action)
    services.evidence_add(user=focal, update=submitted, upload=upload("b.pdf", pdf_bytes("b")))
    fill(submitted, focal)
    services.update_submit(user=focal, update=submitted)
    health_draft = services.update_create(user=focal2, item=assigned["health"])
    deadline = services.deadline_create(
        user=secretariat,
        values={
            "title_en": "CRC follow-up",
            "due_date": datetime.date(2027, 6, 1),
            "updates_due": datetime.date(2027, 3, 1),
        },
    )
    invited = UserFactory(username="invited@example.org", email="invited@example.org")
    invited.set_unusable_password()
    invited.save()
    return {
        "rec": assigned["justice"],
        "health_rec": assigned["health"],
        "action": action,
        "indicator": indicator,
        "point": point,
        "draft": draft,
        "draft_file": draft_file,
        "submitted": submitted,
        "health_draft": health_draft,
        "deadline": deadline,
        "justice": justice,
        "focal_service": FocalPoint.objects.get(user=focal),
        "invited": invited,
    }


def url(name, *args):
    return reverse(f"workspace:{name}", args=args)


def get_status(client, address):
    response = client.get(address)
    if response.streaming:
        b"".join(response.streaming_content)
    return response


def check(personas, address, expected, *, method="get", data=None):
    for persona in ALL:
        client = personas[persona]
        response = get_status(client, address) if method == "get" else client.post(address, data or {})
        want = expected.get(persona, 302 if persona == "public" else 404)
        assert response.status_code == want, (
            f"{persona} {method.upper()} {address}: {response.status_code} != {want}"
        )
        if persona == "public":
            assert response["Location"].startswith(LOGIN), address


def test_pages_every_workspace_role_reads(personas, o):
    for address in [
        url("institution_list"),
        url("institution_detail", o["justice"].pk),
        url("action_list"),
        url("action_detail", o["action"].pk),
        url("indicator_list"),
        url("indicator_detail", o["indicator"].pk),
        url("deadline_list"),
        url("update_list"),
        url("notification_list"),
        url("recommendation_detail", o["rec"].pk),
    ]:
        check(personas, address, dict.fromkeys(READERS, 200))


def test_staff_pages_are_hidden_from_everyone_else(personas, o):
    for address in [
        url("people_list"),
        url("gaps"),
        url("review_queue"),
        url("directory_export", "csv"),
        url("directory_export", "xlsx"),
        url("focal_point_replace", o["focal_service"].pk),
    ]:
        check(personas, address, dict.fromkeys(STAFF, 200))


def test_curation_forms_refuse_focal_points_and_consultative_members(personas, o):
    for address in [
        url("institution_create"),
        url("institution_edit", o["justice"].pk),
        url("action_create"),
        url("action_edit", o["action"].pk),
        url("indicator_create"),
        url("indicator_edit", o["indicator"].pk),
        url("deadline_create"),
        url("deadline_edit", o["deadline"].pk),
        url("person_invite"),
    ]:
        expected = dict.fromkeys(STAFF, 200) | dict.fromkeys(("focal", "focal2", "consultative"), 403)
        check(personas, address, expected)
        check(personas, address, expected, method="post")  # an empty form: staff see its errors


def test_the_focal_points_own_page(personas, o):
    check(personas, url("my_work"), {"focal": 200, "focal2": 200})
    assert "Ministry of Justice" in personas["focal"].get(url("my_work")).content.decode()
    assert "Ministry of Health" in personas["focal2"].get(url("my_work")).content.decode()


def test_a_draft_is_seen_only_by_its_institution(personas, o):
    draft = o["draft"]
    check(personas, url("update_detail", draft.pk), {"focal": 200})
    check(personas, url("update_edit", draft.pk), {"focal": 200})
    check(personas, url("evidence_download", draft.pk, o["draft_file"].pk), {"focal": 200})
    check(personas, url("update_detail", o["health_draft"].pk), {"focal2": 200})


def test_a_submitted_update_is_seen_by_its_institution_and_the_secretariat(personas, o):
    submitted = o["submitted"]
    check(personas, url("update_detail", submitted.pk), {"focal": 200, "secretariat": 200, "admin": 200})
    # They may see it but not change it any more.
    check(personas, url("update_edit", submitted.pk), {"focal": 403, "secretariat": 403, "admin": 403})
    evidence = submitted.evidence.get()
    check(
        personas,
        url("evidence_download", submitted.pk, evidence.pk),
        {"focal": 200, "secretariat": 200, "admin": 200},
    )


def test_posts_that_change_an_update_refuse_everyone_else(personas, o):
    draft, submitted = o["draft"], o["submitted"]
    refusals = [
        # (url, data, expected refusals; the persona allowed is checked in the flow tests)
        (url("update_edit", draft.pk), {"narrative": "hacked"}, {}),
        (url("update_submit", draft.pk), {}, {}),
        (url("evidence_delete", draft.pk, o["draft_file"].pk), {}, {}),
        (url("update_validate", submitted.pk), {"status": "implemented"}, {"focal": 403}),
        (url("update_return", submitted.pk), {"comment": "no"}, {"focal": 403}),
        (url("update_share", submitted.pk), {"shared": "1"}, {"focal": 403}),
        (url("update_publish", submitted.pk), {"published": "1"}, {"focal": 403}),
        (url("update_comment", submitted.pk), {"text": "a comment"}, {"focal": 403}),
        (url("update_submit", submitted.pk), {}, {"focal": 403, "secretariat": 403, "admin": 403}),
        (
            url("update_edit", submitted.pk),
            {"narrative": "late"},
            {"focal": 403, "secretariat": 403, "admin": 403},
        ),
    ]
    for address, data, expected in refusals:
        for persona in ("focal2", "consultative", "no_role", "public", *expected):
            response = personas[persona].post(address, data)
            want = expected.get(persona, 302 if persona == "public" else 404)
            assert response.status_code == want, f"{persona} POST {address}: {response.status_code} != {want}"
    draft.refresh_from_db()
    submitted.refresh_from_db()
    assert draft.state == ProgressUpdate.State.DRAFT and draft.narrative == "" and draft.evidence.count() == 1
    assert submitted.state == ProgressUpdate.State.SUBMITTED and not submitted.comments.exists()
    assert not submitted.shared_with_consultative


def test_starting_an_update_on_another_ministrys_item_is_refused(personas, o):
    address = url("update_start_recommendation", o["health_rec"].pk)
    for persona in ("focal", "secretariat", "admin", "consultative"):
        assert personas[persona].post(address).status_code == 403, persona
    assert personas["no_role"].post(address).status_code == 404
    assert personas["public"].post(address).status_code == 302
    assert personas["focal"].get(address).status_code == 405
    assert (
        not ProgressUpdate.objects.filter(recommendation=o["health_rec"])
        .exclude(pk=o["health_draft"].pk)
        .exists()
    )
    response = personas["focal2"].post(address)
    # Health already has a draft on it: the button leads there rather than to a second draft.
    assert response["Location"] == url("update_edit", o["health_draft"].pk)
    assert ProgressUpdate.objects.filter(recommendation=o["health_rec"]).count() == 1
    action_address = url("update_start_action", o["action"].pk)
    assert personas["focal2"].post(action_address).status_code == 403
    assert personas["focal"].post(action_address).status_code == 302


def test_secretariat_posts_refuse_the_others(personas, o):
    posts = [
        (url("person_resend", o["invited"].pk), {}),
        (url("person_deactivate", o["invited"].pk), {}),
        (url("deadline_apply", o["deadline"].pk), {}),
        (url("data_point_add", o["indicator"].pk), {"date": "2025-06-01", "value": "4"}),
        (url("data_point_delete", o["indicator"].pk, o["point"].pk), {}),
    ]
    for address, data in posts:
        for persona in ("focal", "focal2", "consultative"):
            code = personas[persona].post(address, data).status_code
            # People management is hidden (404); calendar and indicators are visible but read-only (403).
            assert code in (403, 404), f"{persona} POST {address}: {code}"
            assert code == (404 if "/people/" in address else 403), f"{persona} POST {address}"
        assert personas["no_role"].post(address, data).status_code == 404
        assert personas["public"].post(address, data).status_code == 302
        assert personas["secretariat"].get(address).status_code == 405
    assert DataPoint.objects.filter(pk=o["point"].pk).exists()
    o["invited"].refresh_from_db()
    assert o["invited"].is_active


def test_wrong_methods(personas, o):
    for name, args in [
        ("notifications_read", ()),
        ("update_start_recommendation", (o["rec"].pk,)),
        ("update_submit", (o["draft"].pk,)),
        ("update_validate", (o["submitted"].pk,)),
        ("update_return", (o["submitted"].pk,)),
        ("update_comment", (o["submitted"].pk,)),
        ("update_share", (o["submitted"].pk,)),
        ("update_publish", (o["submitted"].pk,)),
        ("evidence_delete", (o["draft"].pk, o["draft_file"].pk)),
        ("deadline_apply", (o["deadline"].pk,)),
        ("person_deactivate", (o["invited"].pk,)),
    ]:
        client = (
            personas["focal"]
            if name in ("update_start_recommendation", "update_submit", "evidence_delete")
            else personas["secretariat"]
        )
        assert client.get(url(name, *args)).status_code == 405, name


def test_unknown_objects_are_not_found(personas):
    for address in [
        url("update_detail", 999999),
        url("action_detail", 999999),
        url("institution_detail", 999999),
    ]:
        assert personas["secretariat"].get(address).status_code == 404
    assert personas["secretariat"].get(url("directory_export", "pdf")).status_code == 404
