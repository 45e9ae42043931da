"""Every path that writes a recommendation's paragraph writes its sort key too (recommendations.ordering).

The paths: the services (the workspace's pages use them), the importer (new rows and updated rows), its
undo, the Django admin (add, change, delete and restore), restoring an earlier version from the history,
undoing a recorded change (put back and recreate), the demo data set, and the migration that filled the
keys of the rows already there. Each test ends by checking every row of the table.
"""

import importlib

import pytest
from django.apps import apps
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from nmirf.audit import audit_restore, describe_changes, history_for
from nmirf.demo.loader import demo_load
from nmirf.models import AuditBatch, AuditEntry
from nmirf.revert import revert_apply, revert_plan
from recommendations import services
from recommendations.importing import undo
from recommendations.models import Recommendation
from recommendations.ordering import paragraph_key
from tests.conftest import client_for
from tests.factories import RecommendationFactory, UserFactory, country, mechanism
from tests.imports.files import UHRI_HEADERS, uhri_row, write_xlsx
from tests.imports.test_import_service import commit, upload
from tests.test_admin_history import admin_post_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser(db):
    return UserFactory(username="root", is_staff=True, is_superuser=True)


def assert_every_key_follows_its_paragraph() -> None:
    rows = list(Recommendation.all_objects.values_list("pk", "paragraph", "paragraph_key"))
    assert rows
    wrong = [(pk, paragraph, key) for pk, paragraph, key in rows if key != paragraph_key(paragraph)]
    assert not wrong, f"keys out of step with their paragraphs: {wrong}"


def key_of(recommendation: Recommendation) -> str:
    recommendation.refresh_from_db()
    assert recommendation.paragraph_key == paragraph_key(recommendation.paragraph)
    return recommendation.paragraph_key


def test_the_services(secretariat):
    rec = services.recommendation_create(
        user=secretariat,
        values={
            "state": country("FRA"),
            "text_en": "Ratify the Second Optional Protocol (Portugal);",
            "original_language": "en",
            "mechanism": mechanism("UPR"),
            "paragraph": "28.10",
        },
    )
    assert key_of(rec) == paragraph_key("28.10")
    services.recommendation_update(user=secretariat, recommendation=rec, values={"paragraph": "80 (b)"})
    assert key_of(rec) == paragraph_key("80(b)")
    services.recommendation_update(user=secretariat, recommendation=rec, values={"status": "in_progress"})
    assert key_of(rec) == paragraph_key("80(b)")
    entry = history_for(rec)[1]
    assert entry.after["paragraph_key"] == paragraph_key("80(b)")  # the trail keeps it with the rest
    # but the history shows the paragraph alone: the key is derived from it.
    assert [change["name"] for change in describe_changes([entry], Recommendation)[0]["changes"]] == [
        "paragraph"
    ]
    assert_every_key_follows_its_paragraph()


def test_the_importer_and_its_undo(tmp_path, admin_user):
    first = write_xlsx(tmp_path / "first.xlsx", UHRI_HEADERS, [uhri_row(n) for n in (1, 2, 10)])
    assert commit(admin_user, upload(admin_user, first)).status == "imported"
    rec = Recommendation.objects.get(external_id="00000000-0000-4000-8000-000000000001")
    assert rec.paragraph == "118.1" and key_of(rec) == paragraph_key("118.1")
    assert_every_key_follows_its_paragraph()

    renumbered = uhri_row(
        1, text="118.100 Strengthen the independent monitoring of places of detention (Germany);"
    )
    second = commit(
        admin_user, upload(admin_user, write_xlsx(tmp_path / "second.xlsx", UHRI_HEADERS, [renumbered]))
    )
    assert second.counts["updated"] == 1
    rec.refresh_from_db()
    assert rec.paragraph == "118.100"
    assert key_of(rec) == paragraph_key("118.100")
    assert_every_key_follows_its_paragraph()

    undo.import_undo(user=admin_user, batch=second, keep_changed=False)
    rec.refresh_from_db()
    assert rec.paragraph == "118.1"
    assert key_of(rec) == paragraph_key("118.1")
    assert_every_key_follows_its_paragraph()


def _admin_post(client: Client, url: str, data: dict) -> None:
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else url


def test_the_admin_and_restoring_its_changes(superuser):
    model_admin = admin.site._registry[Recommendation]
    client = client_for(superuser)
    template = RecommendationFactory(paragraph="1")
    data = admin_post_data(model_admin, superuser, template, change=False)
    template.delete()
    _admin_post(client, reverse("admin:recommendations_recommendation_add"), data | {"paragraph": "121.9"})
    rec = Recommendation.objects.get(paragraph="121.9")
    assert key_of(rec) == paragraph_key("121.9")

    data = admin_post_data(model_admin, superuser, rec, change=True)
    url = reverse("admin:recommendations_recommendation_change", args=[rec.pk])
    _admin_post(client, url, data | {"paragraph": "121.10"})
    assert key_of(rec) == paragraph_key("121.10")

    earlier = history_for(rec).get(operation=AuditEntry.Operation.CREATE)
    audit_restore(entry=earlier, user=superuser)
    rec.refresh_from_db()
    assert rec.paragraph == "121.9"
    assert key_of(rec) == paragraph_key("121.9")

    _admin_post(
        client, reverse("admin:recommendations_recommendation_delete", args=[rec.pk]), {"post": "yes"}
    )
    gone = history_for(rec).get(operation=AuditEntry.Operation.DELETE)
    restored = audit_restore(entry=gone, user=superuser)
    assert key_of(restored) == paragraph_key("121.9")
    assert_every_key_follows_its_paragraph()


def test_undoing_recorded_changes_puts_the_keys_back(secretariat, superuser):
    rec = RecommendationFactory(paragraph="28.2")
    services.recommendation_update(user=secretariat, recommendation=rec, values={"paragraph": "28.100"})
    change = history_for(rec).first().batch
    assert [item.field_labels() for item in revert_plan([change]).items] == [["paragraph"]]
    revert_apply(batches=[change], user=secretariat, keep_changed=False, action="undo")
    rec.refresh_from_db()
    assert rec.paragraph == "28.2"
    assert key_of(rec) == paragraph_key("28.2")

    # A deletion undone: the record is created again from its recorded state, key included.
    other = services.recommendation_create(
        user=secretariat,
        values={
            "state": country("FRA"),
            "text_en": "Protect journalists (Norway);",
            "original_language": "en",
            "mechanism": mechanism("UPR"),
            "paragraph": "80(c)",
        },
    )
    pk = other.pk
    client_for(superuser).post(
        reverse("admin:recommendations_recommendation_delete", args=[pk]), {"post": "yes"}
    )
    assert not Recommendation.all_objects.filter(pk=pk).exists()
    deletion = AuditBatch.objects.get(action="admin_delete")
    revert_apply(batches=[deletion], user=secretariat, keep_changed=False, action="undo")
    assert Recommendation.all_objects.get(pk=pk).paragraph_key == paragraph_key("80(c)")
    assert_every_key_follows_its_paragraph()


def test_the_demo_data_set():
    demo_load(password="a-demo-password-for-tests")
    assert Recommendation.all_objects.filter(paragraph__contains="(").exists()  # lettered ones too
    assert_every_key_follows_its_paragraph()


def test_the_migration_fills_the_keys_of_existing_rows(monkeypatch):
    migration = importlib.import_module("recommendations.migrations.0011_paragraph_key")
    monkeypatch.setattr(migration, "BATCH", 3)  # several batches
    for paragraph in ["28.1", "28.10", "28.2", "80(b)", "", "121.10", "121.9"]:
        RecommendationFactory(paragraph=paragraph)
    RecommendationFactory(paragraph="5.5").delete()  # a gap in the ids
    Recommendation.all_objects.update(paragraph_key="")
    migration.fill_keys(apps, None)
    assert_every_key_follows_its_paragraph()
