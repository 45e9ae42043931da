"""History pages: every change listed, restore shown then confirmed (not on the current version), undo
of a change, each limited to who may change the records; hostile ids never give a 500."""

import pytest

from nmirf.models import AuditBatch, AuditEntry
from recommendations.models import Recommendation
from recommendations.services import BulkAction, recommendation_update, recommendations_bulk_change
from tests.factories import ClusterFactory, RecommendationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def edited(secretariat, justice):
    rec = RecommendationFactory(status="not_started")
    recommendation_update(user=secretariat, recommendation=rec, values={"status": "in_progress"})
    rec.refresh_from_db()
    recommendation_update(user=secretariat, recommendation=rec, values={"lead_institution": justice})
    rec.refresh_from_db()
    return rec


def test_restore_is_shown_then_confirmed_and_not_offered_on_the_current_version(personas, edited):
    client = personas["secretariat"]
    page = client.get(f"/en/workspace/recommendations/{edited.pk}/history/").content.decode()
    assert page.count("Restore this version") == 1 and "Current version" in page
    older = AuditEntry.objects.filter(object_id=str(edited.pk)).order_by("pk").first()
    confirm = client.get(f"/en/workspace/history/versions/{older.pk}/restore/").content.decode()
    assert "What restoring this version changes, field by field" in confirm
    assert "Ministry of Justice" in confirm  # the lead institution the restore removes
    edited.refresh_from_db()
    assert edited.lead_institution is not None  # a GET changes nothing
    response = client.post(f"/en/workspace/history/versions/{older.pk}/restore/")
    assert response.status_code == 302
    edited.refresh_from_db()
    assert edited.lead_institution is None and edited.status == "in_progress"
    assert AuditBatch.objects.filter(action="restore").exists()


@pytest.mark.parametrize("role", ["focal", "consultative", "no_role"])
def test_only_those_who_may_change_the_record_restore_or_undo(personas, edited, role):
    entry = AuditEntry.objects.filter(object_id=str(edited.pk)).first()
    client = personas[role]
    assert client.get(f"/en/workspace/history/versions/{entry.pk}/restore/").status_code in (403, 404)
    assert client.post(f"/en/workspace/history/versions/{entry.pk}/restore/").status_code in (403, 404)
    assert client.post(f"/en/workspace/history/{entry.batch_id}/undo/").status_code in (302, 403, 404)
    edited.refresh_from_db()
    assert edited.lead_institution is not None and not AuditBatch.objects.filter(action="undo").exists()
    assert personas["public"].get("/en/workspace/history/").status_code == 302


def test_history_lists_changes_and_undoes_one(personas, secretariat):
    recs = [RecommendationFactory() for _ in range(3)]
    cluster = ClusterFactory(name="Detention")
    result = recommendations_bulk_change(
        user=secretariat,
        recommendations=Recommendation.objects.filter(pk__in=[r.pk for r in recs]),
        action=BulkAction.SET_CLUSTER,
        value=cluster,
    )
    client = personas["secretariat"]
    page = client.get("/en/workspace/history/").content.decode()
    assert "Set cluster: Detention" in page and "Undo this change" in page
    page = client.get(f"/en/workspace/history/{result.batch.pk}/").content.decode()
    assert page.count("Detention") >= 3
    page = client.get(f"/en/workspace/history/{result.batch.pk}/undo/").content.decode()
    assert "What the undo will do" in page and Recommendation.objects.filter(cluster=cluster).count() == 3
    client.post(f"/en/workspace/history/{result.batch.pk}/undo/")
    assert not Recommendation.objects.filter(cluster=cluster).exists()
    undo = AuditBatch.objects.get(action="undo")
    # The undo is a change of its own, which can be undone in turn.
    client.post(f"/en/workspace/history/{undo.pk}/undo/")
    assert Recommendation.objects.filter(cluster=cluster).count() == 3
    response = client.post(f"/en/workspace/history/{result.batch.pk}/undo/", follow=True)
    assert "already been undone" in response.content.decode()


def test_a_change_made_since_is_kept_and_named(personas, secretariat):
    rec = RecommendationFactory()
    result = recommendations_bulk_change(
        user=secretariat,
        recommendations=Recommendation.objects.filter(pk=rec.pk),
        action=BulkAction.SET_STATUS,
        value="in_progress",
    )
    rec.refresh_from_db()
    recommendation_update(user=secretariat, recommendation=rec, values={"status": "implemented"})
    client = personas["secretariat"]
    page = client.get(f"/en/workspace/history/{result.batch.pk}/undo/").content.decode()
    assert "Records changed since: kept" in page and "Undo, keeping the 1 record changed since" in page
    client.post(f"/en/workspace/history/{result.batch.pk}/undo/")  # without confirming the kept record
    rec.refresh_from_db()
    assert rec.status == "implemented" and not AuditBatch.objects.filter(action="undo").exists()
    client.post(f"/en/workspace/history/{result.batch.pk}/undo/", {"keep_changed": "1"})
    rec.refresh_from_db()
    assert rec.status == "implemented" and AuditBatch.objects.filter(action="undo").exists()


@pytest.mark.parametrize(
    "address", ["history/0/", "history/0/undo/", "history/versions/0/restore/", "history/?page=abc"]
)
def test_hostile_or_unknown_ids(personas, address):
    response = personas["admin"].get(f"/en/workspace/{address}")
    assert response.status_code in (200, 404)


def test_undoing_the_restore_of_a_deleted_cluster_deletes_it_again(personas, secretariat, admin_user):
    from nmirf.audit import audit_restore, history_for
    from recommendations.models import Cluster
    from recommendations.services import cluster_merge

    source, target = ClusterFactory(name="Prisons"), ClusterFactory(name="Justice")
    deleted_pk = source.pk
    cluster_merge(user=secretariat, source=source, target=target)
    deleted = AuditEntry.objects.get(object_id=str(deleted_pk), operation="delete")
    restored = audit_restore(entry=deleted, user=admin_user)
    assert Cluster.objects.filter(pk=restored.pk).exists()
    restore_batch = history_for(restored).first().batch
    personas["admin"].post(f"/en/workspace/history/{restore_batch.pk}/undo/")
    assert not Cluster.objects.filter(pk=restored.pk).exists()


def test_a_version_recorded_before_the_sort_key_existed_restores_with_a_fresh_key(secretariat, admin_user):
    from nmirf.audit import audit_restore, history_for
    from recommendations.ordering import paragraph_key

    rec = RecommendationFactory(paragraph="28.2")
    recommendation_update(user=secretariat, recommendation=rec, values={"paragraph": "28.10"})
    entry = history_for(rec).first()
    # As recorded before the migration added the key: the older state, without it.
    entry.before = {key: value for key, value in entry.before.items() if key != "paragraph_key"}
    entry.save()
    old = AuditEntry(batch=entry.batch, content_type=entry.content_type, object_id=entry.object_id,
                     object_repr="old", operation="update", before=entry.after, after=entry.before)  # fmt: skip
    old.save()
    audit_restore(entry=old, user=admin_user)
    rec.refresh_from_db()
    assert (rec.paragraph, rec.paragraph_key) == ("28.2", paragraph_key("28.2"))
