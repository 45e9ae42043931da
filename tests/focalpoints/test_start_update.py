"""The button "Write a progress update" takes a focal point to the update their institution is already
writing on the item (a draft, or one returned for changes), and starts a draft only when there is none."""

import pytest
from django.urls import reverse

from focalpoints.models import ProgressUpdate
from tests.conftest import client_for
from tests.factories import ActionFactory, FocalPointFactory, ProgressUpdateFactory

pytestmark = pytest.mark.django_db


def start(client, item) -> str:
    """Click the button on the item; return the address it leads to."""
    name = "update_start_action" if item._meta.model_name == "action" else "update_start_recommendation"
    response = client.post(reverse(f"workspace:{name}", args=[item.pk]))
    assert response.status_code == 302
    return response["Location"]


def edit(update: ProgressUpdate) -> str:
    return reverse("workspace:update_edit", args=[update.pk])


def test_a_second_click_leads_to_the_draft_of_the_first(personas, assigned):
    first = start(personas["focal"], assigned["justice"])
    draft = ProgressUpdate.objects.get()

    second = start(personas["focal"], assigned["justice"])

    assert first == second == edit(draft) and ProgressUpdate.objects.count() == 1
    page = personas["focal"].get(second).content.decode()
    assert "Your institution is already writing an update on this item: here it is." in page


def test_a_returned_update_is_the_one_to_fix(personas, focal, justice, assigned):
    returned = ProgressUpdateFactory(
        recommendation=assigned["justice"], institution=justice, created_by=focal, state="returned"
    )

    assert start(personas["focal"], assigned["justice"]) == edit(returned)
    assert ProgressUpdate.objects.count() == 1


def test_a_colleague_of_the_same_institution_is_taken_to_the_same_draft(personas, justice, assigned):
    start(personas["focal"], assigned["justice"])
    deputy = FocalPointFactory(institution=justice, role="deputy").user

    assert start(client_for(deputy), assigned["justice"]) == edit(ProgressUpdate.objects.get())


@pytest.mark.parametrize("state", ["submitted", "validated"])
def test_an_update_already_sent_does_not_stop_a_new_draft(personas, focal, justice, assigned, state):
    sent = ProgressUpdateFactory(
        recommendation=assigned["justice"], institution=justice, created_by=focal, state=state
    )

    address = start(personas["focal"], assigned["justice"])

    draft = ProgressUpdate.objects.exclude(pk=sent.pk).get()
    assert address == edit(draft) and draft.state == "draft"


def test_another_institution_and_another_item_have_drafts_of_their_own(personas, assigned):
    mine = start(personas["focal"], assigned["justice"])

    supporting = start(personas["focal2"], assigned["justice"])  # health supports this recommendation
    other_item = start(personas["focal2"], assigned["health"])

    assert len({mine, supporting, other_item}) == 3 and ProgressUpdate.objects.count() == 3


def test_the_same_for_an_action(personas, justice):
    action = ActionFactory(lead_institution=justice)

    first = start(personas["focal"], action)

    assert start(personas["focal"], action) == first and ProgressUpdate.objects.get().action == action
