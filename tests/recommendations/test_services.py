"""Writes go through services: validation, bulk actions, clusters, and the audit trail with restore."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from nmirf.audit import audit_restore, describe_changes, history_for
from nmirf.models import AuditBatch, AuditEntry
from recommendations import services
from recommendations.models import Cluster, Recommendation, Theme
from sdg.models import Goal, Target
from tests.factories import ClusterFactory, RecommendationFactory, SourceDocumentFactory, country, mechanism

pytestmark = pytest.mark.django_db


def values(**extra):
    return {
        "state": country("FRA"),
        "text_en": "Ratify the Second Optional Protocol (Portugal);",
        "original_language": "en",
        "mechanism": mechanism("UPR"),
        "paragraph": "120.1",
        "position": "supported",
    } | extra


def test_create_records_who_and_what(secretariat):
    theme = Theme.objects.get(code="death-penalty")
    rec = services.recommendation_create(user=secretariat, values=values(themes=[theme]))
    entry = history_for(rec).get()
    assert entry.operation == "create" and entry.batch.user == secretariat
    assert entry.after["themes"] == [theme.pk] and entry.before is None


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"text_en": "", "text_fr": "Texte"}, "original_language"),
        ({"mechanism": mechanism, "position": "supported"}, "position"),
        ({"mechanism": mechanism, "position": "", "cycle": 3}, "cycle"),
    ],
)
def test_create_refuses_inconsistent_recommendations(secretariat, extra, field):
    if extra.get("mechanism") is mechanism:
        extra = extra | {"mechanism": mechanism("CRC")}
    with pytest.raises(ValidationError) as error:
        services.recommendation_create(user=secretariat, values=values(**extra))
    assert field in error.value.message_dict
    assert not Recommendation.objects.exists()


def test_document_of_another_mechanism_is_refused(secretariat):
    document = SourceDocumentFactory(mechanism=mechanism("CRC"), cycle=None)
    with pytest.raises(ValidationError) as error:
        services.recommendation_create(user=secretariat, values=values(source_document=document))
    assert "source_document" in error.value.message_dict


def test_status_change_dates_itself(secretariat):
    rec = RecommendationFactory()
    services.recommendation_update(user=secretariat, recommendation=rec, values={"status": "in_progress"})
    rec.refresh_from_db()
    assert rec.status == "in_progress" and rec.status_date is not None


def test_database_constraints_hold_without_the_forms():
    rec = RecommendationFactory(external_id="uhri-1")
    for bad in ({"status": "finished"}, {"position": "maybe"}, {"kind": "wish"}, {"cycle": 0}):
        with pytest.raises(IntegrityError), transaction.atomic():
            Recommendation.objects.filter(pk=rec.pk).update(**bad)
    with pytest.raises(IntegrityError), transaction.atomic():
        RecommendationFactory(external_id="uhri-1")
    # Empty external ids do not clash.
    RecommendationFactory(external_id="")
    RecommendationFactory(external_id="")


def test_bulk_actions_change_only_what_they_say(secretariat, justice, health):
    recs = [RecommendationFactory() for _ in range(3)]
    untouched = RecommendationFactory()
    qs = Recommendation.objects.filter(pk__in=[r.pk for r in recs])
    cluster = ClusterFactory()
    theme = Theme.objects.get(code="death-penalty")
    goal = Goal.objects.get(code="16")
    target = Target.objects.get(code="16.3")
    apply = services.recommendations_bulk_apply
    assert apply(user=secretariat, recommendations=qs, action="set_cluster", value=cluster) == 3
    assert apply(user=secretariat, recommendations=qs, action="add_theme", value=theme) == 3
    assert apply(user=secretariat, recommendations=qs, action="add_theme", value=theme) == 0
    assert apply(user=secretariat, recommendations=qs, action="add_goal", value=goal) == 3
    assert apply(user=secretariat, recommendations=qs, action="add_target", value=target) == 3
    assert apply(user=secretariat, recommendations=qs, action="set_lead_institution", value=justice) == 3
    assert apply(user=secretariat, recommendations=qs, action="add_supporting_institution", value=health) == 3
    assert apply(user=secretariat, recommendations=qs, action="set_status", value="implemented") == 3
    assert apply(user=secretariat, recommendations=qs, action="require_legislation") == 3
    assert apply(user=secretariat, recommendations=qs, action="withhold") == 3
    for rec in qs:
        assert rec.cluster == cluster and rec.lead_institution == justice
        assert list(rec.themes.all()) == [theme] and list(rec.sdg_targets.all()) == [target]
        assert list(rec.supporting_institutions.all()) == [health]
        assert (
            rec.status == "implemented" and rec.status_date and rec.requires_legislation and not rec.published
        )
    untouched.refresh_from_db()
    assert untouched.cluster is None and untouched.published and not untouched.themes.exists()
    assert apply(user=secretariat, recommendations=qs, action="remove_theme", value=theme) == 3
    assert apply(user=secretariat, recommendations=qs, action="set_cluster", value=None) == 3
    assert not Recommendation.themes.through.objects.filter(recommendation__in=qs).exists()
    # One batch per action, one entry per changed recommendation.
    batch = AuditBatch.objects.filter(action="bulk_add_theme").get()
    assert batch.entries.count() == 3 and batch.user == secretariat


def test_bulk_action_needs_a_value(secretariat):
    RecommendationFactory()
    with pytest.raises(ValidationError):
        services.recommendations_bulk_apply(
            user=secretariat, recommendations=Recommendation.objects.all(), action="add_theme", value=None
        )
    with pytest.raises(ValidationError):
        services.recommendations_bulk_apply(
            user=secretariat, recommendations=Recommendation.objects.all(), action="set_status", value="done"
        )


def test_bulk_on_the_whole_filter_is_shown_confirmed_and_undoable(personas):
    keep = RecommendationFactory(mechanism=mechanism("CRC"))
    change = [RecommendationFactory() for _ in range(2)]
    client = personas["secretariat"]
    url = "/en/workspace/recommendations/bulk/?mechanism_type=upr"
    preview = client.post(url, {"action": "withhold", "scope": "all"})
    page = preview.content.decode()
    assert preview.status_code == 200 and "2 recommendations match the filter." in page
    assert "2 of them will change." in page and 'name="confirmed" value="2"' in page
    assert Recommendation.objects.filter(published=True).count() == 3  # nothing happened yet

    # A third match appears before the confirmation: asked again, nothing changed.
    late = RecommendationFactory()
    again = client.post(url, {"action": "withhold", "scope": "all", "confirmed": "2"})
    assert again.status_code == 200 and "now holds 3 recommendations, not 2" in again.content.decode()
    assert Recommendation.objects.filter(published=True).count() == 4

    response = client.post(url, {"action": "withhold", "scope": "all", "confirmed": "3"})
    assert response.status_code == 302 and "mechanism_type=upr" in response["Location"]
    assert not Recommendation.objects.filter(pk__in=[r.pk for r in [*change, late]], published=True).exists()
    keep.refresh_from_db()
    assert keep.published
    page = client.get(response["Location"]).content.decode()
    assert "3 recommendations changed." in page and "Undo this change" in page
    batch = AuditBatch.objects.get(action="bulk_withhold")
    undo_page = client.get(f"/en/workspace/history/{batch.pk}/undo/").content.decode()
    assert "Records to put back to the values it overwrote" in undo_page
    client.post(f"/en/workspace/history/{batch.pk}/undo/")
    assert Recommendation.objects.filter(published=True).count() == 4
    assert "Undone on" in client.get("/en/workspace/history/").content.decode()


def test_bulk_on_an_empty_filter_changes_nothing(personas):
    RecommendationFactory(mechanism=mechanism("CRC"))
    response = personas["secretariat"].post(
        "/en/workspace/recommendations/bulk/?mechanism_type=upr",
        {"action": "withhold", "scope": "all"},
        follow=True,
    )
    assert "Nothing to change" in response.content.decode()
    assert not AuditBatch.objects.exists()


def test_bulk_on_a_selection_and_its_errors(personas):
    a, b, c = (RecommendationFactory() for _ in range(3))
    client = personas["secretariat"]
    response = client.post("/en/workspace/recommendations/bulk/", {"action": "set_status", "status": "in_progress", "scope": "selected", "ids": [a.pk, b.pk]}, follow=True)  # fmt: skip
    assert "2 recommendations changed." in response.content.decode()
    assert set(Recommendation.objects.filter(status="in_progress")) == {a, b}
    response = client.post("/en/workspace/recommendations/bulk/", {"action": "set_status", "scope": "selected", "ids": [c.pk]}, follow=True)  # fmt: skip
    assert "Choose a value for this action." in response.content.decode()
    response = client.post("/en/workspace/recommendations/bulk/", {"action": "publish", "scope": "selected"}, follow=True)  # fmt: skip
    assert "Select at least one recommendation" in response.content.decode()


def test_cluster_merge_moves_everything_and_is_recorded(secretariat):
    source, target = ClusterFactory(name="Prisons"), ClusterFactory(name="Detention")
    recs = [RecommendationFactory(cluster=source) for _ in range(2)]
    assert services.cluster_merge(user=secretariat, source=source, target=target) == 2
    assert not Cluster.objects.filter(pk=source.pk).exists()
    assert all(Recommendation.objects.get(pk=r.pk).cluster == target for r in recs)
    assert AuditEntry.objects.filter(operation="delete", object_repr="Prisons").exists()
    with pytest.raises(ValidationError):
        services.cluster_merge(user=secretariat, source=target, target=target)


def test_cluster_institutions_apply_only_when_asked(secretariat, justice, health):
    cluster = services.cluster_create(
        user=secretariat, values={"name_en": "Health", "lead_institution": justice}
    )
    rec = RecommendationFactory(cluster=cluster)
    services.cluster_update(
        user=secretariat,
        cluster=cluster,
        values={"lead_institution": health, "supporting_institutions": [justice]},
    )
    rec.refresh_from_db()
    assert rec.lead_institution is None
    assert services.cluster_apply_institutions(user=secretariat, cluster=cluster, mode="both") == 1
    rec.refresh_from_db()
    assert rec.lead_institution == health and list(rec.supporting_institutions.all()) == [justice]


def test_history_describes_and_restore_puts_the_old_version_back(secretariat, admin_user, justice):
    theme = Theme.objects.get(code="death-penalty")
    rec = services.recommendation_create(user=secretariat, values=values(themes=[theme]))
    first = history_for(rec).get()
    services.recommendation_update(
        user=secretariat,
        recommendation=rec,
        values={
            "text_en": "Changed text",
            "status": "implemented",
            "lead_institution": justice,
            "themes": [],
        },
    )
    latest = history_for(rec).first()
    described = describe_changes([latest], Recommendation)[0]["changes"]
    fields = {str(c["field"]): (c["before"], c["after"]) for c in described}
    assert fields["status"] == ("No information", "Implemented")
    assert fields["lead institution"] == ("—", str(justice))
    assert fields["themes"] == (theme.name, "—")
    audit_restore(entry=first, user=admin_user)
    rec.refresh_from_db()
    assert (
        rec.text_en.startswith("Ratify") and rec.status == "no_information" and rec.lead_institution is None
    )
    assert list(rec.themes.all()) == [theme]
    assert history_for(rec).first().operation == "restore"


def test_a_deleted_cluster_can_be_restored(secretariat, admin_user):
    source, target = ClusterFactory(name="Prisons"), ClusterFactory(name="Detention")
    services.cluster_merge(user=secretariat, source=source, target=target)
    entry = AuditEntry.objects.get(operation="delete")
    restored = audit_restore(entry=entry, user=admin_user)
    assert Cluster.objects.get(pk=restored.pk).name == "Prisons"


def test_bulk_update_deadline(personas):
    a, b = RecommendationFactory(), RecommendationFactory()
    client = personas["secretariat"]
    data = {"action": "set_update_deadline", "deadline": "2027-06-01", "scope": "selected", "ids": [a.pk]}
    assert (
        "1 recommendation changed."
        in client.post("/en/workspace/recommendations/bulk/", data, follow=True).content.decode()
    )
    a.refresh_from_db(), b.refresh_from_db()
    assert str(a.update_deadline) == "2027-06-01" and b.update_deadline is None
