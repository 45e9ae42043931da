"""The `audited` block every write path goes through: what it records, and what it never records."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from nmirf.audit import audit_restore, audited, history_for
from nmirf.models import AuditBatch, AuditEntry
from recommendations.models import Cluster
from tests.factories import ClusterFactory, InstitutionFactory

pytestmark = pytest.mark.django_db


def test_created_objects_are_recorded_with_their_state_at_the_end(secretariat, justice):
    with audited(user=secretariat, action="cluster_create", description="Two at once") as trail:
        first = Cluster(name="Prisons")
        trail.created(first)  # before saving it
        first.save()
        first.supporting_institutions.set([justice])
        second = Cluster.objects.create(name="Detention")
        trail.created(second)  # after saving it
    batch = AuditBatch.objects.get()
    assert trail.batch == batch
    assert (batch.user, batch.action, batch.description) == (secretariat, "cluster_create", "Two at once")
    entries = list(batch.entries.order_by("pk"))
    assert [(e.operation, e.object_id, e.before) for e in entries] == [
        ("create", str(first.pk), None),
        ("create", str(second.pk), None),
    ]
    assert entries[0].after["name_en"] == "Prisons" and entries[0].after["supporting_institutions"] == [
        justice.pk
    ]


def test_changed_objects_get_one_entry_each_with_before_and_after(secretariat, justice):
    changed, untouched = ClusterFactory(name="Prisons"), ClusterFactory(name="Detention")
    with audited(user=secretariat, action="cluster_update") as trail:
        trail.track(changed, untouched)
        changed.name = "Prisons and detention"
        changed.save()
        changed.supporting_institutions.add(justice)
        trail.track(changed)  # tracking twice keeps the first state
        changed.lead_institution = justice
        changed.save()
    entry = AuditEntry.objects.get()
    assert (entry.operation, entry.object_id, entry.object_repr) == ("update", str(changed.pk), str(changed))
    assert entry.before["name_en"] == "Prisons" and entry.before["lead_institution_id"] is None
    assert (
        entry.after["name_en"] == "Prisons and detention" and entry.after["lead_institution_id"] == justice.pk
    )
    assert (entry.before["supporting_institutions"], entry.after["supporting_institutions"]) == (
        [],
        [justice.pk],
    )


def test_nothing_changed_writes_nothing(secretariat):
    cluster = ClusterFactory(name="Prisons")
    with audited(user=secretariat, action="cluster_update") as trail:
        trail.track(cluster)
        cluster.name = "Prisons"
        cluster.save()
    assert trail.batch is None
    assert not AuditBatch.objects.exists()


def test_a_deleted_object_is_recorded_and_can_be_restored(secretariat, admin_user, justice):
    cluster = ClusterFactory(name="Prisons", lead_institution=justice)
    cluster.supporting_institutions.set([justice])
    pk = cluster.pk
    with audited(user=secretariat, action="cluster_delete") as trail:
        trail.deleted(cluster)
        cluster.delete()
    entry = AuditEntry.objects.get()
    assert (entry.operation, entry.object_id, entry.object_repr, entry.after) == (
        "delete",
        str(pk),
        "Prisons",
        None,
    )
    restored = audit_restore(entry=entry, user=admin_user)
    assert restored.pk == pk
    cluster = Cluster.objects.get(pk=pk)
    assert cluster.name == "Prisons" and cluster.lead_institution == justice
    assert list(cluster.supporting_institutions.all()) == [justice]


def test_a_tracked_object_deleted_without_saying_so_is_still_recorded(secretariat):
    cluster = ClusterFactory(name="Prisons")
    pk = cluster.pk
    with audited(user=secretariat, action="cluster_delete") as trail:
        trail.track(cluster)
        Cluster.objects.filter(pk=pk).delete()
    entry = AuditEntry.objects.get()
    assert (entry.operation, entry.object_id, entry.before["name_en"]) == ("delete", str(pk), "Prisons")


def test_an_exception_inside_rolls_back_and_records_nothing(secretariat):
    cluster = ClusterFactory(name="Prisons")
    with pytest.raises(RuntimeError), audited(user=secretariat, action="cluster_update") as trail:
        trail.track(cluster)
        cluster.name = "Renamed"
        cluster.save()
        created = Cluster.objects.create(name="New")
        trail.created(created)
        raise RuntimeError("stop")
    cluster.refresh_from_db()
    assert cluster.name == "Prisons"
    assert not Cluster.objects.filter(name="New").exists()
    assert not AuditBatch.objects.exists() and trail.batch is None


def test_bulk_tracking_by_primary_key_runs_a_fixed_number_of_queries(secretariat, justice):
    def bulk_rename(count: int) -> int:
        Cluster.objects.all().delete()
        pks = [ClusterFactory(name=f"Cluster {n}").pk for n in range(count)]
        with CaptureQueriesContext(connection) as captured, audited(user=None, action="bulk") as trail:
            trail.track_many(Cluster, pks)
            Cluster.objects.filter(pk__in=pks[1:]).update(lead_institution=justice)
        assert trail.batch.entries.count() == count - 1
        return len(captured)

    assert bulk_rename(3) == bulk_rename(30)
    entry = AuditEntry.objects.filter(batch__action="bulk").order_by("pk").first()
    assert entry.before["lead_institution_id"] is None and entry.after["lead_institution_id"] == justice.pk
    assert entry.object_repr.startswith("Cluster ")


def test_save_with_history_records_through_the_same_block(secretariat):
    from recommendations.services import cluster_create, cluster_update

    cluster = cluster_create(user=secretariat, values={"name": "Prisons"})
    cluster_update(user=secretariat, cluster=cluster, values={"name": "Prisons"})
    cluster_update(user=secretariat, cluster=cluster, values={"name": "Detention"})
    assert [entry.operation for entry in history_for(cluster)] == ["update", "create"]


def test_a_state_function_keeps_only_what_the_trail_may_hold(secretariat):
    institution = InstitutionFactory(name="Ministry of Justice")

    def visible(obj):
        return {"name": obj.name}

    with audited(user=secretariat, action="institution_update") as trail:
        trail.track(institution, state=visible)
        institution.name = "Ministry of Justice and Human Rights"
        institution.acronym = "MJHR"
        institution.save()
    entry = AuditEntry.objects.get()
    assert entry.before == {"name": "Ministry of Justice"}
    assert entry.after == {"name": "Ministry of Justice and Human Rights"}


def test_an_object_created_and_deleted_in_the_same_block_leaves_no_trace(secretariat):
    with audited(user=secretariat, action="cluster_create") as trail:
        kept, dropped = Cluster(name="Kept"), Cluster(name="Dropped")
        trail.created(kept)
        trail.created(dropped)
        kept.save()
        dropped.save()
        trail.track(kept)  # known already: still one entry, a creation
        kept.name = "Kept and renamed"
        kept.save()
        trail.deleted(dropped)
        dropped.delete()
    [entry] = trail.batch.entries.all()
    assert (entry.operation, entry.after["name_en"]) == ("create", "Kept and renamed")
