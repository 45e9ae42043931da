"""Undo of an import never deletes what people built since, restores what later imports overwrote,
removes the vocabulary it created unless used, and is itself undoable; the command says the same."""

import datetime
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError

from nmirf.audit import Change, audit_write, snapshot
from nmirf.models import AuditBatch
from nmirf.revert import Outcome, RevertBlocked, revert_apply, revert_plan
from recommendations.importing import service, undo
from recommendations.importing.base import import_dir
from recommendations.models import ImportBatch, Recommendation, SourceDocument, Theme
from recommendations.services import BulkAction, recommendation_update, recommendations_bulk_apply
from reporting.models import Report
from tests.factories import ClusterFactory, ProgressUpdateFactory, RecommendationFactory, country, mechanism
from tests.imports.files import UHRI_HEADERS, uhri_row, write_xlsx
from tests.imports.test_import_service import commit, upload

pytestmark = pytest.mark.django_db
Status = ImportBatch.Status


def imported(user, tmp_path, name: str, rows: list[list]) -> ImportBatch:
    batch = commit(user, upload(user, write_xlsx(tmp_path / name, UHRI_HEADERS, rows)))
    assert batch.status == Status.IMPORTED, batch.error
    return batch


def by_paragraph(paragraph: str) -> Recommendation:
    return Recommendation.objects.get(paragraph=paragraph)


def test_changed_records_block_the_undo_until_the_user_keeps_them(tmp_path, admin_user, secretariat, justice):
    batch = imported(admin_user, tmp_path, "m.xlsx", [uhri_row(n) for n in range(1, 7)])
    cluster = ClusterFactory(name="Detention")
    recommendations_bulk_apply(
        user=secretariat,
        recommendations=Recommendation.objects.filter(paragraph__in=["118.1", "118.2"]),
        action=BulkAction.SET_CLUSTER,
        value=cluster,
    )
    recommendation_update(
        user=secretariat, recommendation=by_paragraph("118.3"), values={"lead_institution": justice}
    )
    ProgressUpdateFactory(recommendation=by_paragraph("118.4"), institution=justice)

    plan = undo.import_undo_plan(batch=batch)
    assert plan.kept_records == 4 and plan.summary()["remove"] == 2
    kept = {
        item.label: item for item in plan.shown(Outcome.KEEP_CHANGED, Outcome.KEEP_USED, vocabulary=False)
    }
    assert set(kept) == {"UPR 118.1", "UPR 118.2", "UPR 118.3", "UPR 118.4"}
    assert kept["UPR 118.1"].field_labels() == ["cluster"]
    assert [b.user for b in plan.changed_by(kept["UPR 118.1"])] == [secretariat]
    assert list(kept["UPR 118.4"].uses.values()) == [1]

    with pytest.raises(RevertBlocked):
        undo.import_undo(user=admin_user, batch=batch, keep_changed=False)
    assert (
        Recommendation.objects.count() == 6 and ImportBatch.objects.get(pk=batch.pk).status == Status.IMPORTED
    )

    undo.import_undo(user=admin_user, batch=batch, keep_changed=True)
    assert set(Recommendation.objects.values_list("paragraph", flat=True)) == {
        "118.1",
        "118.2",
        "118.3",
        "118.4",
    }
    assert by_paragraph("118.1").cluster == cluster and by_paragraph("118.3").lead_institution == justice
    # The document stays: the kept recommendations still cite it.
    assert SourceDocument.objects.filter(symbol="A/HRC/54/10").exists()
    assert ImportBatch.objects.get(pk=batch.pk).status == Status.UNDONE


def test_out_of_order_undo_keeps_what_a_later_import_changed_then_restores_it(tmp_path, admin_user):
    first = imported(admin_user, tmp_path, "first.xlsx", [uhri_row(n) for n in range(1, 4)])
    later = imported(admin_user, tmp_path, "later.xlsx", [uhri_row(1, position="Noted"), uhri_row(9)])
    assert by_paragraph("118.1").position == "noted"

    plan = undo.import_undo_plan(batch=first)
    (kept,) = plan.shown(Outcome.KEEP_CHANGED)
    assert kept.label == "UPR 118.1" and [b.action for b in plan.changed_by(kept)] == ["import"]
    undo.import_undo(user=admin_user, batch=first, keep_changed=True)
    assert set(Recommendation.objects.values_list("paragraph", flat=True)) == {"118.1", "118.9"}

    # Undoing the later import puts back the value it overwrote and removes what it added.
    undo.import_undo(user=admin_user, batch=later, keep_changed=False)
    assert by_paragraph("118.1").position == "supported"
    assert list(Recommendation.objects.values_list("paragraph", flat=True)) == ["118.1"]


def test_an_undo_is_one_batch_that_can_itself_be_undone(tmp_path, admin_user):
    batch = imported(admin_user, tmp_path, "u.xlsx", [uhri_row(1), uhri_row(2)])
    before = {
        r.external_id: (r.text_en, sorted(r.themes.values_list("code", flat=True)))
        for r in Recommendation.objects.all()
    }
    undo.import_undo(user=admin_user, batch=batch, keep_changed=False)
    assert not Recommendation.objects.exists()
    undone = AuditBatch.objects.get(action="import_undo")
    assert (
        AuditBatch.objects.get(pk=ImportBatch.objects.get(pk=batch.pk).audit_batch_id).reverted_by == undone
    )

    revert_apply(batches=[undone], user=admin_user, keep_changed=False, action="undo")
    after = {
        r.external_id: (r.text_en, sorted(r.themes.values_list("code", flat=True)))
        for r in Recommendation.objects.all()
    }
    assert after == before and by_paragraph("118.1").text == before["00000000-0000-4000-8000-000000000001"][0]
    assert SourceDocument.objects.filter(symbol="A/HRC/54/10").exists()
    with pytest.raises(ValidationError, match="already been undone"):
        revert_apply(batches=[undone], user=admin_user, keep_changed=False, action="undo")


def test_values_created_for_the_import_go_with_it_unless_used(tmp_path, admin_user, secretariat):
    rows = [uhri_row(1, themes="- Water for all"), uhri_row(2, themes="- Clean air")]
    batch = upload(admin_user, write_xlsx(tmp_path / "t.xlsx", UHRI_HEADERS, rows))
    service.import_resolve(
        user=admin_user,
        batch=batch,
        values={"theme": {"Water for all": "create", "Clean air": "create"}},
        duplicates={},
    )
    batch = service.import_preview(batch_id=batch.pk)
    commit(admin_user, batch)
    water, air = Theme.objects.get(name_en="Water for all"), Theme.objects.get(name_en="Clean air")
    # Someone tags a recommendation outside the import with "Water for all".
    outside = RecommendationFactory()
    recommendation_update(user=secretariat, recommendation=outside, values={"themes": [water]})
    undo.import_undo(user=admin_user, batch=ImportBatch.objects.get(pk=batch.pk), keep_changed=False)
    assert Theme.objects.filter(pk=water.pk).exists() and not Theme.objects.filter(pk=air.pk).exists()
    assert list(Recommendation.objects.all()) == [outside]


def test_field_by_field_undo_of_a_bulk_change(secretariat):
    recs = [RecommendationFactory() for _ in range(3)]
    old, new = ClusterFactory(name="Old"), ClusterFactory(name="New")
    Recommendation.objects.update(cluster=old)
    recommendations_bulk_apply(
        user=secretariat,
        recommendations=Recommendation.objects.all(),
        action=BulkAction.SET_CLUSTER,
        value=new,
    )
    bulk = AuditBatch.objects.get(action="bulk_set_cluster")
    # Since then: one record's status changed (another field), one record's cluster changed again.
    for rec in recs:
        rec.refresh_from_db()
    recommendation_update(user=secretariat, recommendation=recs[0], values={"status": "in_progress"})
    recommendation_update(user=secretariat, recommendation=recs[1], values={"cluster": old})
    recommendation_update(
        user=secretariat, recommendation=recs[1], values={"cluster": ClusterFactory(name="Third")}
    )
    plan = revert_plan([bulk])
    assert plan.count(Outcome.PUT_BACK) == 2 and plan.kept_records == 1
    revert_apply(batches=[bulk], user=secretariat, keep_changed=True, action="undo")
    for rec in recs:
        rec.refresh_from_db()
    assert recs[0].cluster == old and recs[0].status == "in_progress"
    assert recs[1].cluster.name == "Third" and recs[2].cluster == old


def test_refusals_change_nothing(tmp_path, admin_user):
    batch = imported(admin_user, tmp_path, "u.xlsx", [uhri_row(1)])
    running = upload(admin_user, write_xlsx(tmp_path / "r.xlsx", UHRI_HEADERS, [uhri_row(5)]))
    ImportBatch.objects.filter(pk=running.pk).update(status=Status.IMPORTING)
    with pytest.raises(ValidationError, match="Another import"):
        undo.import_undo(user=admin_user, batch=batch, keep_changed=True)
    with pytest.raises(ValidationError, match="still running"):
        undo.import_undo(user=admin_user, batch=ImportBatch.objects.get(pk=running.pk), keep_changed=True)
    ImportBatch.objects.filter(pk=running.pk).update(status=Status.FAILED)
    with pytest.raises(ValidationError, match="failed"):
        undo.import_undo_plan(batch=ImportBatch.objects.get(pk=running.pk))
    undo.import_undo(user=admin_user, batch=batch, keep_changed=True)
    with pytest.raises(ValidationError, match="already been undone"):
        undo.import_undo(user=admin_user, batch=batch, keep_changed=True)
    assert AuditBatch.objects.filter(action="import_undo").count() == 1


def test_a_waiting_preview_can_be_discarded(tmp_path, admin_user, django_capture_on_commit_callbacks):
    batch = upload(
        admin_user, write_xlsx(tmp_path / "t.xlsx", UHRI_HEADERS, [uhri_row(1, themes="- Water for all")])
    )
    service.import_resolve(
        user=admin_user, batch=batch, values={"theme": {"Water for all": "create"}}, duplicates={}
    )
    batch = service.import_preview(batch_id=batch.pk)
    assert Theme.objects.filter(name_en="Water for all").exists()
    stored = import_dir() / batch.stored_name
    with pytest.raises(ValidationError):
        undo.import_undo_plan(batch=batch)
    with django_capture_on_commit_callbacks(execute=True):
        discarded = undo.import_discard(user=admin_user, batch=batch)
    with pytest.raises(ValidationError):
        service.import_confirm(batch=discarded, enqueue=False)
    assert ImportBatch.objects.get(pk=batch.pk).status == Status.DISCARDED
    assert not Theme.objects.filter(name_en="Water for all").exists() and not stored.exists()
    assert not Recommendation.objects.exists()


def test_skip_invalid_rows_without_a_new_upload(tmp_path, admin_user):
    rows = [uhri_row(1), uhri_row(2, body="Committee of Nobody")]
    batch = upload(admin_user, write_xlsx(tmp_path / "bad.xlsx", UHRI_HEADERS, rows))
    with pytest.raises(ValidationError, match="invalid"):
        service.import_confirm(batch=batch, enqueue=False)
    service.import_confirm(batch=batch, skip_invalid=True, enqueue=False)
    assert service.import_commit(batch_id=batch.pk).status == Status.IMPORTED
    assert Recommendation.objects.count() == 1


def run(*args: str) -> tuple[int, str]:
    out = StringIO()
    try:
        call_command("import_undo", *args, stdout=out)
    except CommandError as error:
        return error.returncode, out.getvalue() + str(error)
    return 0, out.getvalue()


def test_the_command_previews_refuses_and_undoes(tmp_path, admin_user, secretariat):
    batch = imported(admin_user, tmp_path, "m.xlsx", [uhri_row(n) for n in range(1, 4)])
    recommendation_update(
        user=secretariat, recommendation=by_paragraph("118.2"), values={"status": "in_progress"}
    )
    assert run("999")[0] == 2 and "No import" in run("999")[1]
    assert run("abc")[0] == 2
    code, out = run(str(batch.pk), "--dry-run")
    assert code == 0 and "Records to remove: 2" in out and "UPR 118.2: changed: status, status date" in out
    code, out = run(str(batch.pk))
    assert code == 1 and "--keep-changed" in out and "UPR 118.2" in out
    assert Recommendation.objects.count() == 3
    code, out = run(str(batch.pk), "--keep-changed")
    assert code == 0 and list(Recommendation.objects.values_list("paragraph", flat=True)) == ["118.2"]
    code, out = run(str(batch.pk))
    assert code == 2 and "already been undone" in out


def test_values_stay_while_kept_records_or_report_scopes_use_them(tmp_path, admin_user, secretariat):
    rows = [
        uhri_row(1, themes="- Water for all"),
        uhri_row(2, themes="- Clean air"),
        uhri_row(3, themes="- Soil"),
    ]
    batch = upload(admin_user, write_xlsx(tmp_path / "t.xlsx", UHRI_HEADERS, rows))
    decisions = {"Water for all": "create", "Clean air": "create", "Soil": "create"}
    service.import_resolve(user=admin_user, batch=batch, values={"theme": decisions}, duplicates={})
    commit(admin_user, service.import_preview(batch_id=batch.pk))
    water, air, soil = (Theme.objects.get(name_en=name) for name in ("Water for all", "Clean air", "Soil"))
    # A record of the import changed since keeps its theme; a report's scope names another theme.
    recommendation_update(
        user=secretariat, recommendation=by_paragraph("118.1"), values={"status": "in_progress"}
    )
    Report.objects.create(
        kind="parliament",
        title="Air",
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 6, 30),
        scope=f"theme={air.code}&status=in_progress",
    )
    plan = undo.import_undo_plan(batch=ImportBatch.objects.get(pk=batch.pk))
    kept = {item.label: item.uses for item in plan.shown(Outcome.KEEP_USED, vocabulary=True)}
    assert kept[str(air)] == {"report scopes": 1}
    undo.import_undo(user=admin_user, batch=ImportBatch.objects.get(pk=batch.pk), keep_changed=True)
    assert (
        Theme.objects.filter(pk__in=[water.pk, air.pk]).count() == 2
        and not Theme.objects.filter(pk=soil.pk).exists()
    )
    assert list(by_paragraph("118.1").themes.all()) == [water]


def test_a_cluster_named_by_a_report_scope_stays(admin_user, secretariat):
    cluster = ClusterFactory(name="Named by a report")
    batch = AuditBatch.objects.create(action="test")
    audit_write(batch=batch, changes=[Change(cluster, "create", None, snapshot(cluster))])
    Report.objects.create(
        kind="parliament",
        title="Scoped",
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 6, 30),
        scope=f"cluster={cluster.pk}",
    )
    (item,) = revert_plan([batch]).items
    assert item.outcome == Outcome.KEEP_USED and item.uses == {"report scopes": 1}


def test_repeat_links_found_after_an_import_do_not_keep_its_records(tmp_path, admin_user):
    """Links computed from the recommendations go with them: the undo removes everything it added."""
    from recommendations.models import RecommendationRepeat
    from recommendations.repeats import repeats_find

    earlier = RecommendationFactory(
        # Alike enough to be a repeat (≥ 90 %), not so alike that the import links it as the same one.
        text_en="Strengthen the independent monitoring of all places of detention, measure 1",
        cycle=2,
        state=country("FRA"),
        mechanism=mechanism("UPR"),
    )
    batch = imported(admin_user, tmp_path, "u.xlsx", [uhri_row(1)])
    repeats_find(state_ids=[earlier.state_id])
    assert RecommendationRepeat.objects.exists()
    plan = undo.import_undo_plan(batch=batch)
    assert plan.kept_records == 0
    undo.import_undo(user=admin_user, batch=batch, keep_changed=False)
    assert list(Recommendation.objects.all()) == [earlier] and not RecommendationRepeat.objects.exists()
