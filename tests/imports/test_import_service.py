"""The import flow through its services: preview, decisions, commit, re-import, undo, translations."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from recommendations.importing import service, undo
from recommendations.models import ImportBatch, Recommendation, SourceDocument, Theme
from recommendations.services import recommendation_update
from tests.factories import RecommendationFactory, country, mechanism
from tests.imports.files import UHRI_HEADERS, UPRINFO_HEADERS, uhri_row, write_csv, write_xlsx

pytestmark = pytest.mark.django_db
Status = ImportBatch.Status


def upload(user, path, **options) -> ImportBatch:
    options.setdefault("state_scope", "FRA")
    batch = service.import_upload(
        user=user, upload=SimpleUploadedFile(path.name, path.read_bytes()), enqueue=False, **options
    )
    return service.import_preview(batch_id=batch.pk)


def commit(user, batch) -> ImportBatch:
    service.import_confirm(batch=batch, enqueue=False)
    return service.import_commit(batch_id=batch.pk)


def test_uhri_export_preview_then_import(tmp_path, admin_user):
    rows = [uhri_row(n) for n in range(1, 4)] + [uhri_row(9, country="Spain")]
    batch = upload(admin_user, write_xlsx(tmp_path / "uhri.xlsx", UHRI_HEADERS, rows))
    assert batch.status == Status.PREVIEWED, batch.error
    assert batch.format == "uhri"
    assert (batch.counts["new"], batch.counts["skipped"], batch.counts["invalid"]) == (3, 1, 0)
    assert not Recommendation.objects.exists()  # the preview is a dry run
    batch = commit(admin_user, batch)
    assert batch.status == Status.IMPORTED, batch.error
    rec = Recommendation.objects.get(external_id="00000000-0000-4000-8000-000000000001")
    assert rec.state.code == "FRA" and rec.mechanism.code == "UPR" and rec.position == "supported"
    assert rec.paragraph == "118.1" and rec.cycle == 4 and str(rec.date) == "2023-05-01"
    assert rec.source_document.symbol == "A/HRC/54/10"
    assert [s.code for s in rec.recommending_states.all()] == ["DEU"]
    assert [t.code for t in rec.themes.all()] == ["death-penalty"]
    assert {g.code for g in rec.sdg_goals.all()} == {"5", "16"} and [
        t.code for t in rec.sdg_targets.all()
    ] == ["16.3"]
    assert rec.groups.get().name_en == "Women & girls"


def test_reimport_changes_nothing_and_keeps_the_secretariats_work(tmp_path, admin_user, justice):
    path = write_xlsx(tmp_path / "uhri.xlsx", UHRI_HEADERS, [uhri_row(n) for n in range(1, 4)])
    commit(admin_user, upload(admin_user, path))
    rec = Recommendation.objects.get(paragraph="118.1")
    Recommendation.objects.filter(pk=rec.pk).update(status="in_progress", lead_institution=justice)
    again = upload(admin_user, path)
    assert again.counts["unchanged"] == 3 and again.counts["new"] == 0
    newer = [uhri_row(1, position="Noted"), uhri_row(2), uhri_row(3)]
    batch = upload(admin_user, write_xlsx(tmp_path / "newer.xlsx", UHRI_HEADERS, newer))
    assert (batch.counts["updated"], batch.counts["unchanged"]) == (1, 2)
    commit(admin_user, batch)
    rec.refresh_from_db()
    assert rec.position == "noted" and rec.status == "in_progress" and rec.lead_institution == justice
    assert Recommendation.objects.count() == 3


def test_undo_restores_what_it_changed_and_removes_what_it_added(tmp_path, admin_user):
    existing = RecommendationFactory(external_id="00000000-0000-4000-8000-000000000001", position="noted")
    batch = commit(
        admin_user,
        upload(admin_user, write_xlsx(tmp_path / "u.xlsx", UHRI_HEADERS, [uhri_row(1), uhri_row(2)])),
    )
    assert (
        Recommendation.objects.count() == 2 and SourceDocument.objects.filter(symbol="A/HRC/54/10").exists()
    )
    undo.import_undo(user=admin_user, batch=batch, keep_changed=False)
    existing.refresh_from_db()
    assert list(Recommendation.objects.all()) == [existing]
    assert existing.position == "noted" and not existing.themes.exists()
    assert not SourceDocument.objects.filter(symbol="A/HRC/54/10").exists()
    assert ImportBatch.objects.get(pk=batch.pk).status == Status.UNDONE


def test_invalid_rows_block_unless_skipped(tmp_path, admin_user):
    rows = [uhri_row(1), uhri_row(2, body="Committee of Nobody"), uhri_row(3)]
    path = write_xlsx(tmp_path / "bad.xlsx", UHRI_HEADERS, rows)
    batch = upload(admin_user, path)
    assert batch.counts["invalid"] == 1
    assert batch.report["invalid"][0]["row"] == 3 and batch.report["invalid"][0]["column"] == "mechanism"
    with pytest.raises(Exception, match="invalid"):
        service.import_confirm(batch=batch, enqueue=False)
    skipping = upload(admin_user, path, skip_invalid=True)
    assert commit(admin_user, skipping).status == Status.IMPORTED
    assert Recommendation.objects.count() == 2


def test_unknown_values_are_listed_and_can_be_created_or_mapped(tmp_path, admin_user):
    rows = [
        uhri_row(1, themes="- Water for all\n- Peine de mort"),
        uhri_row(2, themes="- Capital punishment"),
    ]
    batch = upload(admin_user, write_xlsx(tmp_path / "t.xlsx", UHRI_HEADERS, rows))
    batch.refresh_from_db()
    # "Peine de mort" is the French name of a known theme; the other two are unknown.
    assert batch.report["unknown"]["theme"] == [["Capital punishment", 1], ["Water for all", 1]]
    death = Theme.objects.get(code="death-penalty")
    service.import_resolve(
        user=admin_user,
        batch=batch,
        values={"theme": {"Water for all": "create", "Capital punishment": str(death.pk)}},
        duplicates={},
    )
    batch = service.import_preview(batch_id=batch.pk)
    assert "theme" not in batch.report["unknown"]
    commit(admin_user, batch)
    assert Theme.objects.filter(name_en="Water for all").exists()
    assert Recommendation.objects.get(paragraph="118.2").themes.get() == death
    assert set(Recommendation.objects.get(paragraph="118.1").themes.values_list("code", flat=True)) == {
        "death-penalty",
        "water-for-all",
    }


def test_upr_info_duplicates_of_uhri_rows_are_recognised_and_linked(tmp_path, admin_user):
    commit(admin_user, upload(admin_user, write_xlsx(tmp_path / "u.xlsx", UHRI_HEADERS, [uhri_row(1)])))
    text = "Strengthen the independent monitoring of places of detention, measure 1"
    rows = [
        [
            "France",
            "WEOG",
            "EU",
            text,
            "Germany",
            "WEOG",
            "EU",
            "Accepted",
            "4.0",
            "Detention conditions",
            "43",
        ]
    ]
    batch = upload(admin_user, write_csv(tmp_path / "uprinfo.csv", UPRINFO_HEADERS, rows, encoding="cp1252"))
    assert batch.format == "uprinfo"
    duplicate = batch.report["duplicates"][0]
    assert duplicate["score"] == 100 and duplicate["decision"] == "link"
    assert batch.counts["new"] == 0
    commit(admin_user, batch)
    rec = Recommendation.objects.get()
    # The linked UPR Info row fills gaps; it does not replace the UHRI text or identifier.
    assert rec.text_en.startswith("118.1 Strengthen") and rec.external_id.startswith("00000000-")


def test_translations_file_adds_french_texts(tmp_path, admin_user):
    commit(admin_user, upload(admin_user, write_xlsx(tmp_path / "u.xlsx", UHRI_HEADERS, [uhri_row(1)])))
    french = [uhri_row(1, text="118.1 Renforcer le contrôle indépendant des lieux de détention (Allemagne);")]
    batch = upload(
        admin_user,
        write_xlsx(tmp_path / "fr.xlsx", UHRI_HEADERS, french),
        language="fr",
        translations_only=True,
    )
    assert batch.counts["updated"] == 1, batch.report
    commit(admin_user, batch)
    rec = Recommendation.objects.get()
    assert rec.text_fr.startswith("118.1 Renforcer") and rec.text_en.startswith("118.1 Strengthen")
    assert rec.original_language == "en"


def test_a_file_that_cannot_be_read_fails_with_a_reason(tmp_path, admin_user):
    path = tmp_path / "garbage.csv"
    path.write_bytes(bytes(range(256)) * 20)
    batch = upload(admin_user, path)
    assert batch.status == Status.FAILED and batch.error
    assert not Recommendation.objects.exists()


def test_all_states_or_another_state(tmp_path, admin_user):
    rows = [uhri_row(1), uhri_row(2, country="Spain")]
    path = write_xlsx(tmp_path / "u.xlsx", UHRI_HEADERS, rows)
    assert upload(admin_user, path, state_scope="ESP").counts["new"] == 1
    batch = upload(admin_user, path, state_scope="")
    assert batch.counts["new"] == 2
    commit(admin_user, batch)
    assert set(Recommendation.objects.values_list("state__code", flat=True)) == {"FRA", "ESP"}
    assert country("ESP") and mechanism("UPR")


def test_commit_checks_again_when_the_database_changed_since_the_preview(tmp_path, admin_user):
    path = write_xlsx(tmp_path / "u.xlsx", UHRI_HEADERS, [uhri_row(1), uhri_row(2)])
    first, second = upload(admin_user, path), upload(admin_user, path)
    assert first.counts["new"] == second.counts["new"] == 2
    commit(admin_user, first)
    batch = commit(admin_user, second)  # its preview is out of date: it must not add the same rows again
    assert batch.status == Status.IMPORTED and batch.counts["unchanged"] == 2
    assert Recommendation.objects.count() == 2


def test_the_same_file_again_is_recognised_at_once(tmp_path, admin_user):
    path = write_xlsx(
        tmp_path / "u.xlsx", UHRI_HEADERS, [uhri_row(1), uhri_row(2), uhri_row(3, country="Spain")]
    )
    first = commit(admin_user, upload(admin_user, path))
    again = upload(admin_user, path)
    assert again.report["same_as"] == first.pk
    assert (again.counts["unchanged"], again.counts["new"], again.counts["skipped"]) == (2, 0, 1)
    assert commit(admin_user, again).status == Status.IMPORTED and Recommendation.objects.count() == 2
    assert (
        "same_as" not in upload(admin_user, path, state_scope="ESP").report
    )  # other options: checked in full

    rec = Recommendation.objects.get(paragraph="118.1")
    recommendation_update(user=admin_user, recommendation=rec, values={"position": "noted"})
    changed = upload(admin_user, path)
    assert "same_as" not in changed.report and changed.counts["updated"] == 1


def test_state_names_match_in_their_usual_forms():
    from recommendations.importing.matching import Matcher

    matcher = Matcher()
    bolivia = matcher.one("state", "BOL")
    names = (
        "Bolivia (Plurinational State of)",
        "Bolivia, Plurinational State of",
        "Plurinational State of Bolivia",
    )
    for name in (*names, "bolivia", "Bolivie"):
        assert matcher.one("state", name) == bolivia, name
    assert matcher.one("state", "Atlantis") is None and matcher.unknown["state"] == {"Atlantis": 1}
