"""Edit conflicts: a form saved after someone else changed its object is refused, never merged silently.

Each of the ten edit forms is opened by A; B changes the object through its service; A's save is
refused with B's changes listed and A's input kept; A's second save, with the version the refused
page carries, goes through. Forged versions and stale forms sent twice change nothing.
"""

from __future__ import annotations

import datetime
import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django import forms
from django.core import signing
from django.test import Client
from django.urls import reverse

from focalpoints import services as network
from focalpoints.models import DataPoint, EvidenceFile, FocalPoint
from nmirf.audit import save_with_history
from nmirf.models import AuditEntry
from nmirf.versioning import version_token
from recommendations import services as catalogue
from reporting import services as reporting
from tests.conftest import client_for
from tests.factories import (
    ActionFactory,
    ClusterFactory,
    FocalPointFactory,
    ImpactIndicatorFactory,
    RecommendationFactory,
    SourceDocumentFactory,
    UserFactory,
)
from tests.focalpoints.conftest import pdf_bytes, upload

pytestmark = pytest.mark.django_db

REFUSED = "Someone else changed this"
UNREADABLE = "This form does not carry a valid version"


@dataclass
class Case:
    """One edit form: who opens it (A), what B changes meanwhile, and what A types."""

    address: str
    a: Client
    change_by_b: Callable[[], Any]
    b_label: str  # the label of the field B changes, as A's form shows it
    b_value: str  # B's value, as the table of changes shows it
    b_stored: Callable[[], Any]  # B's field read back from the database
    a_input: dict[str, str]
    a_stored: Callable[[], Any]  # A's field read back from the database
    a_value: Any  # A's field once A's save went through


@pytest.fixture
def people(secretariat, focal, justice):
    deputy = FocalPointFactory(user__username="deputy", institution=justice, role=FocalPoint.Role.DEPUTY)
    return {
        "secretariat": secretariat,
        "other": UserFactory(username="secretariat2", roles=["Secretariat"]),
        "focal": focal,
        "deputy": deputy.user,
        "justice": justice,
    }


def workspace(name: str, pk: int) -> str:
    return reverse(f"workspace:{name}", args=[pk])


def recommendation(p) -> Case:
    rec = RecommendationFactory(paragraph="118.4")
    return Case(
        address=workspace("recommendation_edit", rec.pk),
        a=client_for(p["secretariat"]),
        change_by_b=lambda: catalogue.recommendation_update(
            user=p["other"], recommendation=rec, values={"paragraph": "99.9"}
        ),
        b_label="Paragraph",
        b_value="99.9",
        b_stored=lambda: type(rec).objects.get(pk=rec.pk).paragraph,
        a_input={"text_en": "Wording chosen by Anna"},
        a_stored=lambda: type(rec).objects.get(pk=rec.pk).text_en,
        a_value="Wording chosen by Anna",
    )


def document(p) -> Case:
    doc = SourceDocumentFactory(title="Report of the Working Group")
    return Case(
        address=workspace("document_edit", doc.pk),
        a=client_for(p["secretariat"]),
        change_by_b=lambda: catalogue.source_document_update(
            user=p["other"], document=doc, values={"title": "Corrected title by Bruno"}
        ),
        b_label="Title",
        b_value="Corrected title by Bruno",
        b_stored=lambda: type(doc).objects.get(pk=doc.pk).title,
        a_input={"session": "Session of Anna"},
        a_stored=lambda: type(doc).objects.get(pk=doc.pk).session,
        a_value="Session of Anna",
    )


def cluster(p) -> Case:
    group = ClusterFactory(name_en="Justice reform")
    return Case(
        address=workspace("cluster_edit", group.pk),
        a=client_for(p["secretariat"]),
        change_by_b=lambda: catalogue.cluster_update(
            user=p["other"], cluster=group, values={"lead_institution": p["justice"]}
        ),
        b_label="Lead institution",
        b_value="Ministry of Justice (MOJ)",
        b_stored=lambda: str(type(group).objects.get(pk=group.pk).lead_institution),
        a_input={"objective_en": "Objective written by Anna"},
        a_stored=lambda: type(group).objects.get(pk=group.pk).objective_en,
        a_value="Objective written by Anna",
    )


def institution(p) -> Case:
    ministry = p["justice"]
    return Case(
        address=workspace("institution_edit", ministry.pk),
        a=client_for(p["secretariat"]),
        change_by_b=lambda: network.institution_update(
            user=p["other"], institution=ministry, values={"phone": "+1 555 0199"}
        ),
        b_label="Telephone",
        b_value="+1 555 0199",
        b_stored=lambda: type(ministry).objects.get(pk=ministry.pk).phone,
        a_input={"contact_name": "Contact named by Anna"},
        a_stored=lambda: type(ministry).objects.get(pk=ministry.pk).contact_name,
        a_value="Contact named by Anna",
    )


def focal_point(p) -> Case:
    service = FocalPoint.objects.get(user=p["focal"])
    successor = UserFactory(username="successor", roles=["Focal point"])
    return Case(
        address=workspace("focal_point_replace", service.pk),
        a=client_for(p["secretariat"]),
        # No service edits a focal point's details: B goes through the audited write every service uses.
        change_by_b=lambda: save_with_history(
            user=p["other"], instance=service, values={"title": "Director of rights"}, action="test"
        ),
        b_label="Job title",
        b_value="Director of rights",
        b_stored=lambda: FocalPoint.objects.get(pk=service.pk).title,
        a_input={"successor": str(successor.pk), "start": "2026-11-20", "phone": "+1 555 0142"},
        a_stored=lambda: FocalPoint.objects.filter(user=successor).values_list("phone", flat=True).first(),
        a_value="+1 555 0142",
    )


def action(p) -> Case:
    item = ActionFactory(budget_line="")
    return Case(
        address=workspace("action_edit", item.pk),
        a=client_for(p["secretariat"]),
        change_by_b=lambda: network.action_update(
            user=p["other"], action=item, values={"status": "in_progress"}
        ),
        b_label="Status",
        b_value="In progress",
        b_stored=lambda: type(item).objects.get(pk=item.pk).status,
        a_input={"budget_line": "Budget line of Anna"},
        a_stored=lambda: type(item).objects.get(pk=item.pk).budget_line,
        a_value="Budget line of Anna",
    )


def indicator(p) -> Case:
    item = ImpactIndicatorFactory()
    return Case(
        address=workspace("indicator_edit", item.pk),
        a=client_for(p["secretariat"]),
        change_by_b=lambda: network.indicator_update(
            user=p["other"], indicator=item, values={"baseline": "12.5"}
        ),
        b_label="Baseline",
        b_value="12.5000",
        b_stored=lambda: str(type(item).objects.get(pk=item.pk).baseline),
        a_input={"unit": "cases counted by Anna"},
        a_stored=lambda: type(item).objects.get(pk=item.pk).unit,
        a_value="cases counted by Anna",
    )


def deadline(p) -> Case:
    item = network.deadline_create(
        user=p["secretariat"],
        values={
            "title_en": "CRC follow-up",
            "due_date": datetime.date(2027, 3, 1),
            "updates_due": datetime.date(2027, 2, 1),
        },
    )
    return Case(
        address=workspace("deadline_edit", item.pk),
        a=client_for(p["secretariat"]),
        change_by_b=lambda: network.deadline_update(
            user=p["other"], deadline=item, values={"due_date": datetime.date(2027, 4, 15)}
        ),
        b_label="Report due",
        b_value="2027-04-15",
        b_stored=lambda: type(item).objects.get(pk=item.pk).due_date.isoformat(),
        a_input={"notes": "Notes of Anna"},
        a_stored=lambda: type(item).objects.get(pk=item.pk).notes,
        a_value="Notes of Anna",
    )


def progress_update(p) -> Case:
    rec = RecommendationFactory(lead_institution=p["justice"])
    update = network.update_create(user=p["focal"], item=rec)
    return Case(
        address=workspace("update_edit", update.pk),
        a=client_for(p["focal"]),
        change_by_b=lambda: network.update_save(
            user=p["deputy"], update=update, values={"narrative": "Narrative by Bruno"}
        ),
        b_label="Narrative",
        b_value="Narrative by Bruno",
        b_stored=lambda: network.narrative_as_text(type(update).objects.get(pk=update.pk).narrative),
        a_input={"links": "https://justice.example.gov/anna", "save": "1"},
        a_stored=lambda: type(update).objects.get(pk=update.pk).links,
        a_value=["https://justice.example.gov/anna"],
    )


def report_settings(p) -> Case:
    schedule = reporting.schedule_save(
        user=p["secretariat"],
        values={
            "frequency": "quarterly",
            "language": "en",
            "recipients": "clerk@parliament.example",
            "next_run": datetime.date(2027, 1, 1),
        },
    )
    return Case(
        address=reverse("workspace:report_schedule_edit", args=[schedule.pk]),
        a=client_for(p["secretariat"]),
        change_by_b=lambda: reporting.schedule_save(
            user=p["other"],
            schedule=schedule,
            values={"recipients": "speaker@parliament.example", "next_run": datetime.date(2027, 1, 1)},
        ),
        b_label="Recipients",
        b_value="speaker@parliament.example",
        b_stored=lambda: type(schedule).objects.get(pk=schedule.pk).recipients,
        a_input={"scope": "cluster=3"},
        a_stored=lambda: type(schedule).objects.get(pk=schedule.pk).scope,
        a_value="cluster=3",
    )


CASES = {
    case.__name__: case
    for case in (
        recommendation,
        document,
        cluster,
        institution,
        focal_point,
        action,
        indicator,
        deadline,
        progress_update,
        report_settings,
    )
}


def as_post(form: forms.BaseForm) -> dict[str, Any]:
    """What a browser sends back for a form left as it was drawn (the version excepted)."""
    data: dict[str, Any] = {}
    for field in form:
        value = field.value()
        if field.name == "version" or isinstance(field.field, forms.FileField) or value in (None, ""):
            continue
        if isinstance(field.field.widget, forms.CheckboxInput):
            if value:
                data[field.html_name] = "on"
        elif isinstance(value, list | tuple):
            data[field.html_name] = [str(item) for item in value]
        else:
            data[field.html_name] = str(value)
    return data


def open_form(case: Case) -> tuple[dict[str, Any], str]:
    """A opens the edit page: the data their browser would send, and the version it carries."""
    response = case.a.get(case.address)
    assert response.status_code == 200
    version = version_in(response)
    return as_post(response.context["form"]) | case.a_input, version


def version_in(response) -> str:
    return re.search(r'name="version" value="([^"]*)"', response.content.decode())[1]


def table_of_changes(page: str) -> list[tuple[str, str, str]]:
    rows = re.findall(
        r'<th scope="row">(.*?)</th>\s*<td class="text-break">(.*?)</td>\s*<td class="text-break">(.*?)</td>',
        page,
        re.DOTALL,
    )
    return [tuple(html.unescape(cell.strip()) for cell in row) for row in rows]


@pytest.mark.parametrize("name", CASES)
def test_a_save_after_someone_else_changed_the_object_is_refused_then_kept_on_purpose(people, name):
    case = CASES[name](people)
    data, version = open_form(case)
    before = case.b_stored()
    case.change_by_b()
    theirs = case.b_stored()
    assert theirs != before

    refused = case.a.post(case.address, data | {"version": version})
    assert refused.status_code == 200
    page = refused.content.decode()
    assert REFUSED in page and "your changes are not saved" in page
    assert case.b_stored() == theirs and case.a_stored() != case.a_value
    mine = case.a_value if isinstance(case.a_value, str) else case.a_value[0]
    assert html.escape(mine) in page  # A's input is still in the form
    changes = table_of_changes(page)
    assert any(label == case.b_label and now == case.b_value for label, _then, now in changes), changes
    assert "<caption>Changes made by someone else since you opened this form</caption>" in page

    current = version_in(refused)
    assert current != version
    saved = case.a.post(case.address, data | {"version": current})
    assert saved.status_code == 302, saved.content.decode()
    assert case.a_stored() == case.a_value


@pytest.mark.parametrize("name", CASES)
def test_a_forged_or_missing_version_is_refused_clearly(people, name):
    case = CASES[name](people)
    data, version = open_form(case)
    payload = signing.loads(version, salt="nmirf.version")
    forgeries = [
        "garbage",
        "",
        version[:-3] + "abc",
        signing.dumps(payload, compress=True, salt="another.salt"),
        signing.dumps(
            {"object": "focalpoints.institution:999999", "state": payload["state"]}, salt="nmirf.version"
        ),
    ]
    for forged in forgeries:
        response = case.a.post(case.address, data | {"version": forged})
        assert response.status_code == 200, forged
        page = response.content.decode()
        assert UNREADABLE in page and REFUSED not in page, forged
        assert case.a_stored() != case.a_value, forged
    response = case.a.post(case.address, data)  # no version at all
    assert UNREADABLE in response.content.decode()
    current = version_in(response)
    assert case.a.post(case.address, data | {"version": current}).status_code == 302
    assert case.a_stored() == case.a_value


def test_a_stale_form_sent_twice_changes_nothing(people):
    case = recommendation(people)
    data, version = open_form(case)
    case.change_by_b()
    entries = AuditEntry.objects.count()
    for _attempt in range(2):
        response = case.a.post(case.address, data | {"version": version})
        assert response.status_code == 200 and REFUSED in response.content.decode()
    assert AuditEntry.objects.count() == entries
    assert case.b_stored() == "99.9" and case.a_stored() != case.a_value


def test_a_form_of_one_object_does_not_pass_for_another(people):
    case = recommendation(people)
    data, _version = open_form(case)
    other = RecommendationFactory()
    response = case.a.post(case.address, data | {"version": version_token(other)})
    assert UNREADABLE in response.content.decode()


def test_an_unchanged_object_saves_at_once(people):
    case = document(people)
    data, version = open_form(case)
    assert case.a.post(case.address, data | {"version": version}).status_code == 302
    assert case.a_stored() == "Session of Anna"


def test_indicator_values_changed_meanwhile_count_as_a_change(people):
    rec = RecommendationFactory(lead_institution=people["justice"])
    gauge = ImpactIndicatorFactory(name_en="Detainees awaiting trial")
    gauge.recommendations.set([rec])
    update = network.update_create(user=people["focal"], item=rec)
    client = client_for(people["focal"])
    address = workspace("update_edit", update.pk)
    response = client.get(address)
    data = as_post(response.context["form"]) | {f"indicator_{gauge.pk}": "40", "save": "1"}
    version = version_in(response)
    network.update_save(user=people["deputy"], update=update, values={}, indicator_values={gauge.pk: 35})

    refused = client.post(address, data | {"version": version})
    assert REFUSED in refused.content.decode()
    assert ("Detainees awaiting trial (%)", "—", "35.0000") in table_of_changes(refused.content.decode())
    assert DataPoint.objects.get(update=update).value == 35


def test_a_refused_update_asks_for_its_file_again(people):
    case = progress_update(people)
    data, version = open_form(case)
    case.change_by_b()
    response = case.a.post(
        case.address, data | {"version": version, "evidence": upload("a.pdf", pdf_bytes())}
    )
    page = response.content.decode()
    assert REFUSED in page and "Choose the file again" in page
    assert not EvidenceFile.objects.exists()


def test_two_people_opening_the_same_form_cannot_both_save(people):
    first = document(people)
    data, version = open_form(first)
    second = client_for(people["other"])
    assert second.post(first.address, data | {"session": "Bruno", "version": version}).status_code == 302
    response = first.a.post(first.address, data | {"version": version})
    assert REFUSED in response.content.decode()
    assert ("Session", "—", "Bruno") in table_of_changes(response.content.decode())
