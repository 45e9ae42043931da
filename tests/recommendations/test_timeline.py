"""The timeline of a recommendation: cluster, institution and status changes, whatever the door."""

import csv

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from focalpoints.selectors import recommendation_timeline
from nmirf.audit import audit_restore, history_for
from nmirf.models import AuditBatch
from recommendations import services
from recommendations.models import Cluster, Recommendation
from recommendations.services import BulkAction
from tests.factories import ClusterFactory, InstitutionFactory, RecommendationFactory
from tests.imports.test_import_service import commit, upload

pytestmark = pytest.mark.django_db


def page(client, rec: Recommendation, language: str = "en") -> str:
    with translation.override(language):
        address = reverse("workspace:recommendation_detail", args=[rec.pk])
    response = client.get(address)
    assert response.status_code == 200
    return response.content.decode()


def events(rec: Recommendation, user, kind: str) -> list:
    return [event for event in recommendation_timeline(rec, user) if event.kind == kind]


def test_a_cluster_change_from_the_form_shows_who_when_and_before_and_after(personas, secretariat):
    prisons, detention = ClusterFactory(name="Prisons"), ClusterFactory(name="Detention")
    rec = RecommendationFactory(cluster=prisons)
    services.recommendation_update(user=secretariat, recommendation=rec, values={"cluster": detention})
    [event] = events(rec, secretariat, "cluster")
    batch = AuditBatch.objects.get(action="recommendation_update")
    assert (event.who, event.when) == (secretariat, batch.created_at)
    assert event.text == "Cluster changed from Prisons to Detention"
    html = page(personas["secretariat"], rec)
    assert "Cluster changed from Prisons to Detention" in html
    assert f"{batch.created_at:%Y-%m-%d} " in html and " – secretariat" in html
    # Also on the History page, as before.
    history = (
        personas["secretariat"]
        .get(reverse("workspace:recommendation_history", args=[rec.pk]))
        .content.decode()
    )
    assert "Detention" in history


def test_bulk_actions_show_cluster_institutions_and_status(secretariat, justice, health):
    cluster = ClusterFactory(name="Justice reform")
    first, second = RecommendationFactory(), RecommendationFactory()
    chosen = Recommendation.objects.filter(pk__in=[first.pk, second.pk])
    for action, value in (
        (BulkAction.SET_CLUSTER, cluster),
        (BulkAction.SET_LEAD, justice),
        (BulkAction.ADD_SUPPORTING, health),
        (BulkAction.SET_STATUS, "in_progress"),
    ):
        services.recommendations_bulk_apply(
            user=secretariat, recommendations=chosen, action=action, value=value
        )
    for rec in (first, second):
        assert [e.text for e in events(rec, secretariat, "cluster")] == [
            "Cluster changed from — to Justice reform"
        ]
        assignments = [e.details for e in events(rec, secretariat, "assignment")]
        assert assignments == [
            ["lead institution: — → Ministry of Justice (MOJ)"],
            ["supporting institutions: — → Ministry of Health (MOH)"],
        ]
        [status] = events(rec, secretariat, "status")
        assert status.text == "Status changed from No information to In progress"
        assert status.who == secretariat


def test_a_restore_shows_the_cluster_and_institutions_put_back(secretariat, admin_user, justice):
    prisons, detention = ClusterFactory(name="Prisons"), ClusterFactory(name="Detention")
    rec = RecommendationFactory(cluster=prisons)
    services.recommendation_update(
        user=secretariat, recommendation=rec, values={"cluster": detention, "lead_institution": justice}
    )
    first = history_for(rec).get(batch__action="recommendation_update")
    services.recommendation_update(user=secretariat, recommendation=rec, values={"cluster": prisons})
    audit_restore(entry=first, user=admin_user)
    cluster_events = events(rec, secretariat, "cluster")
    assert [(e.text, e.who) for e in cluster_events] == [
        ("Cluster changed from Prisons to Detention", secretariat),
        ("Cluster changed from Detention to Prisons", secretariat),
        ("Cluster changed from Prisons to Detention", admin_user),
    ]


def test_an_import_of_our_own_export_shows_what_the_recommendation_came_with(
    personas, admin_user, justice, tmp_path
):
    cluster = ClusterFactory(name="Justice reform")
    RecommendationFactory(
        external_id="uhri-1", cluster=cluster, lead_institution=justice, status="in_progress", paragraph="1"
    )
    body = b"".join(
        personas["secretariat"].get("/en/workspace/recommendations/export/csv/").streaming_content
    )
    path = tmp_path / "export.csv"
    path.write_bytes(body)
    assert next(csv.DictReader(body.decode("utf-8-sig").splitlines()))["cluster"] == "Justice reform"
    Recommendation.objects.all().delete()
    Cluster.objects.all().delete()
    batch = commit(admin_user, upload(admin_user, path, state_scope=""))
    assert batch.status == "imported", batch.error or batch.report
    rec = Recommendation.objects.get(external_id="uhri-1")
    [created] = events(rec, admin_user, "created")
    assert created.who == admin_user
    assert created.details == [
        "cluster: Justice reform",
        "lead institution: Ministry of Justice (MOJ)",
        "status: In progress",
    ]


def test_the_timeline_reads_in_every_language(personas, secretariat, justice):
    prisons, detention = ClusterFactory(name="Prisons"), ClusterFactory(name="Detention")
    rec = RecommendationFactory(cluster=prisons)
    services.recommendation_update(
        user=secretariat,
        recommendation=rec,
        values={"cluster": detention, "lead_institution": justice, "status": "in_progress"},
    )
    html = page(personas["secretariat"], rec, "fr")
    assert "Statut passé de" in html and "En cours" in html
    assert "Attribution modifiée" in html and "institution chef de file: — → Ministry of Justice" in html
    assert 'class="mb-2 timeline-cluster"' in html
    for language in ("ar", "es", "ru", "zh-hans"):
        with translation.override(language):
            kinds = [event.kind for event in recommendation_timeline(rec, secretariat)]
        assert kinds == ["assignment", "cluster", "status"], language


def test_the_timeline_runs_the_same_queries_however_many_changes(personas, secretariat):
    rec = RecommendationFactory()
    client = personas["secretariat"]
    # One change that names a cluster and an institution: each related model is read once, whatever the count.
    services.recommendation_update(
        user=secretariat,
        recommendation=rec,
        values={"cluster": ClusterFactory(name="First"), "lead_institution": InstitutionFactory()},
    )

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            page(client, rec)
        return len(captured)

    few = count()
    for n in range(6):
        institution = InstitutionFactory()
        services.recommendation_update(
            user=secretariat,
            recommendation=rec,
            values={
                "cluster": ClusterFactory(name=f"Cluster {n}"),
                "lead_institution": institution,
                "supporting_institutions": [institution, InstitutionFactory()],
                "status": ("in_progress", "implemented")[n % 2],
            },
        )
    assert len(events(rec, secretariat, "cluster")) == 7
    assert count() == few
