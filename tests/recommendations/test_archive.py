"""Archive: the secretariat hides a recommendation, document or cluster from every list, the public
tracker, the API, reports and exports, after a confirmation; it stays in the workspace's archive with its
history and comes back; re-imports find it instead of creating a twin."""

import datetime

import pytest

from nmirf.audit import history_for
from nmirf.models import AuditBatch
from recommendations.models import Cluster, Recommendation, SourceDocument
from recommendations.services import BulkAction, recommendations_bulk_change
from reporting.selectors import dashboard_context
from tests.factories import ClusterFactory, RecommendationFactory, SourceDocumentFactory
from tests.imports.files import UHRI_HEADERS, uhri_row, write_xlsx
from tests.imports.test_import_service import commit, upload

pytestmark = pytest.mark.django_db


def test_an_archived_recommendation_is_hidden_everywhere_but_the_archive(personas):
    kept = RecommendationFactory(text_en="Kept in view")
    hidden = RecommendationFactory(text_en="Put in the archive")
    client = personas["secretariat"]
    confirm = client.get(f"/en/workspace/recommendations/{hidden.pk}/archive/").content.decode()
    assert "Nothing is deleted" in confirm and not Recommendation.all_objects.get(pk=hidden.pk).archived
    client.post(f"/en/workspace/recommendations/{hidden.pk}/archive/", {"archived": "1"})
    client.post(f"/en/workspace/recommendations/{hidden.pk}/archive/", {"archived": "1"})  # twice: no-op
    assert Recommendation.all_objects.get(pk=hidden.pk).archived
    assert AuditBatch.objects.filter(action="recommendation_archive").count() == 1

    workspace = client.get("/en/workspace/recommendations/").content.decode()
    assert "Kept in view" in workspace and "Put in the archive" not in workspace
    export = b"".join(client.get("/en/workspace/recommendations/export/csv/").streaming_content).decode()
    assert "Kept in view" in export and "Put in the archive" not in export
    public = personas["public"]
    assert "Put in the archive" not in public.get("/en/recommendations/").content.decode()
    assert public.get(f"/en/recommendations/{hidden.pk}/").status_code == 404
    assert public.get(f"/api/recommendations/{hidden.pk}/").status_code == 404
    assert public.get(f"/api/recommendations/{kept.pk}/").status_code == 200
    assert dashboard_context(today=datetime.date.today())["headline"].total == 1  # the reports' figures

    # Staff still open it, see why it is missing, and bring it back from the archive page.
    detail = client.get(f"/en/workspace/recommendations/{hidden.pk}/").content.decode()
    assert "Archived: hidden from lists" in detail and "Bring back from the archive" in detail
    archive = client.get("/en/workspace/archive/").content.decode()
    assert "Recommendations (1)" in archive
    client.post(f"/en/workspace/recommendations/{hidden.pk}/archive/", {"archived": "0"})
    assert "Put in the archive" in client.get("/en/workspace/recommendations/").content.decode()
    assert [e.batch.action for e in history_for(hidden)][:2] == [
        "recommendation_unarchive",
        "recommendation_archive",
    ]


def dashboard_context_total() -> int:
    import datetime

    context = dashboard_context(today=datetime.date.today())
    return (
        context["headline"]["total"] if isinstance(context["headline"], dict) else context["headline"].total
    )


def test_archived_clusters_and_documents_leave_the_lists(personas):
    cluster = ClusterFactory(name="Old plan")
    document = SourceDocumentFactory(symbol="A/HRC/1/1")
    RecommendationFactory(cluster=cluster, source_document=document)
    client = personas["secretariat"]
    confirm = client.get(f"/en/workspace/clusters/{cluster.pk}/archive/").content.decode()
    assert "1 recommendation still refers to it" in confirm
    client.post(f"/en/workspace/clusters/{cluster.pk}/archive/", {"archived": "1"})
    client.post(f"/en/workspace/documents/{document.pk}/archive/", {"archived": "1"})
    client.get("/en/workspace/")  # shows (and so clears) the confirmations naming them
    assert "Old plan" not in client.get("/en/workspace/clusters/").content.decode()
    assert "A/HRC/1/1" not in client.get("/en/workspace/documents/").content.decode()
    assert "Old plan" not in personas["public"].get("/en/clusters/").content.decode()
    assert client.get(f"/en/workspace/clusters/{cluster.pk}/").status_code == 200
    archive = client.get("/en/workspace/archive/").content.decode()
    assert "Old plan" in archive and "A/HRC/1/1" in archive
    assert Cluster.all_objects.filter(archived=True).count() == 1


@pytest.mark.parametrize("role", ["focal", "consultative", "no_role"])
def test_only_those_who_may_change_it_archive(personas, role):
    rec = RecommendationFactory()
    response = personas[role].post(f"/en/workspace/recommendations/{rec.pk}/archive/", {"archived": "1"})
    assert response.status_code in (403, 404)
    assert personas["public"].post(f"/en/workspace/recommendations/{rec.pk}/archive/").status_code == 302
    assert not Recommendation.all_objects.get(pk=rec.pk).archived


def test_a_reimport_finds_archived_records_instead_of_creating_twins(tmp_path, admin_user, secretariat):
    path = write_xlsx(tmp_path / "u.xlsx", UHRI_HEADERS, [uhri_row(1), uhri_row(2)])
    commit(admin_user, upload(admin_user, path))
    rec = Recommendation.objects.get(paragraph="118.1")
    recommendations_bulk_change(
        user=secretariat, recommendations=Recommendation.objects.all(), action=BulkAction.ARCHIVE
    )
    SourceDocument.objects.update(archived=True)
    again = upload(admin_user, write_xlsx(tmp_path / "v.xlsx", UHRI_HEADERS, [uhri_row(1, position="Noted")]))
    assert again.counts["new"] == 0, again.counts
    commit(admin_user, again)
    assert Recommendation.all_objects.count() == 2 and SourceDocument.all_objects.count() == 1
    rec = Recommendation.all_objects.get(pk=rec.pk)
    assert rec.position == "noted" and rec.archived


def test_bulk_archive_is_undone_from_history(personas, secretariat):
    recs = [RecommendationFactory() for _ in range(3)]
    result = recommendations_bulk_change(
        user=secretariat,
        recommendations=Recommendation.objects.filter(pk__in=[r.pk for r in recs]),
        action=BulkAction.ARCHIVE,
    )
    assert not Recommendation.objects.exists() and Recommendation.all_objects.count() == 3
    personas["secretariat"].post(f"/en/workspace/history/{result.batch.pk}/undo/")
    assert Recommendation.objects.count() == 3
