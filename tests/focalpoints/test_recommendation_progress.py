"""A validated progress update shows under "Actions and progress" on the workspace recommendation page,
to those who may read it; drafts and updates awaiting review do not."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from focalpoints import services
from focalpoints.models import ProgressUpdate

pytestmark = pytest.mark.django_db


def write(user, item, narrative: str, *, submit: bool = True) -> ProgressUpdate:
    update = services.update_create(user=user, item=item)
    values = {
        "narrative": narrative,
        "proposed_status": "partially_implemented",
        "period_start": datetime.date(2026, 1, 1),
        "period_end": datetime.date(2026, 6, 30),
    }
    services.update_save(user=user, update=update, values=values)
    return services.update_submit(user=user, update=update) if submit else update


def progress_section(client, recommendation) -> str:
    """The part of the page between "Actions and progress" and the timeline."""
    page = client.get(reverse("workspace:recommendation_detail", args=[recommendation.pk])).content.decode()
    return page.split('id="followup-actions-heading"', 1)[1].split('id="timeline-heading"', 1)[0]


def test_a_validated_update_shows_under_actions_and_progress(personas, focal, secretariat, assigned):
    rec = assigned["justice"]
    validated = write(focal, rec, "Forty judges trained on the Convention.")
    services.update_validate(user=secretariat, update=validated)
    write(focal, rec, "A second training is being prepared.")  # submitted, awaiting review
    write(focal, rec, "Notes for the next report.", submit=False)  # a draft

    for persona in ("secretariat", "admin", "focal"):
        section = progress_section(personas[persona], rec)
        assert "Validated progress updates" in section, persona
        assert "Forty judges trained on the Convention." in section, persona
        assert (
            "Ministry of Justice, validated" in section
            and "Period covered: 2026-01-01 to 2026-06-30" in section
        )
        assert (
            "Partially implemented" in section
            and reverse("workspace:update_detail", args=[validated.pk]) in section
        )
        assert "A second training" not in section and "Notes for the next report" not in section


def test_another_ministry_does_not_read_it(personas, focal, secretariat, assigned):
    rec = assigned["justice"]  # health supports it
    services.update_validate(user=secretariat, update=write(focal, rec, "Forty judges trained."))

    section = progress_section(personas["focal2"], rec)

    assert "Forty judges trained." not in section
    assert "No progress update on this recommendation is validated yet." in section


def test_the_section_runs_a_fixed_number_of_queries(personas, focal, secretariat, assigned):
    rec = assigned["justice"]
    address = reverse("workspace:recommendation_detail", args=[rec.pk])
    services.update_validate(user=secretariat, update=write(focal, rec, "First."))
    with CaptureQueriesContext(connection) as one:
        personas["secretariat"].get(address)
    for text in ("Second.", "Third."):
        services.update_validate(user=secretariat, update=write(focal, rec, text))

    with CaptureQueriesContext(connection) as three:
        personas["secretariat"].get(address)

    assert len(three) == len(one)
