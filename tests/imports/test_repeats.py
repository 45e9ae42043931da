"""Rows that repeat: exact repeats in a file, rows of other States, duplicates of earlier imports."""

import pytest
from django.core.exceptions import ValidationError

from recommendations.importing import service
from recommendations.models import ImportBatch, Recommendation
from tests.imports.files import UHRI_HEADERS, UPRINFO_HEADERS, uhri_row, uprinfo_row, write_csv, write_xlsx
from tests.imports.test_import_service import commit as commit_as
from tests.imports.test_import_service import upload

pytestmark = pytest.mark.django_db
Status = ImportBatch.Status


def commit(batch: ImportBatch) -> ImportBatch:
    return commit_as(None, batch)


def detention(n: int, words: str = "") -> str:
    return f"Strengthen the independent monitoring of {words}places of detention, measure {n}"


def test_an_exact_repeat_is_imported_once_with_a_notice(tmp_path, admin_user):
    rows = [
        uprinfo_row(detention(1)),  # row 2
        uprinfo_row(detention(1)),  # row 3: the same in every column
        uprinfo_row(detention(2)),  # row 4
        uprinfo_row(f"  {detention(1)} "),  # row 5: the same once read (spaces around a cell)
    ]
    batch = upload(admin_user, write_csv(tmp_path / "uprinfo.csv", UPRINFO_HEADERS, rows))
    assert batch.status == Status.PREVIEWED, batch.error
    assert (batch.counts["new"], batch.counts["repeated"], batch.counts["invalid"]) == (2, 2, 0)
    assert batch.report["notices"] == [
        {"row": 3, "repeats": 2, "message": "Row 3 repeats row 2; it was imported once."},
        {"row": 5, "repeats": 2, "message": "Row 5 repeats row 2; it was imported once."},
    ]
    assert batch.report["invalid"] == []
    batch = commit(batch)
    assert batch.status == Status.IMPORTED, batch.error
    assert sorted(Recommendation.objects.values_list("text_en", flat=True)) == [detention(1), detention(2)]
    assert batch.report["notices_total"] == 2


def test_rows_that_share_an_identifier_but_differ_stay_invalid(tmp_path, admin_user):
    rows = [uhri_row(1), uhri_row(2), uhri_row(2, position="Noted")]
    batch = upload(admin_user, write_xlsx(tmp_path / "uhri.xlsx", UHRI_HEADERS, rows))
    assert batch.report["invalid"] == [
        {"row": 4, "column": "", "message": "This row has the same identifier as row 3."}
    ]
    assert batch.report["notices"] == []
    uprinfo = [uprinfo_row(detention(1)), uprinfo_row(detention(1), response="Noted")]
    batch = upload(admin_user, write_csv(tmp_path / "uprinfo.csv", UPRINFO_HEADERS, uprinfo))
    assert batch.report["invalid"] == [
        {"row": 3, "column": "", "message": "This row repeats row 2, but some of its values differ."}
    ]


def test_rows_of_other_states_are_skipped_without_being_checked(tmp_path, admin_user):
    bad_date = uhri_row(6, country="Spain")
    bad_date[7] = "someday"
    rows = [
        uhri_row(1),  # row 2: France
        uhri_row(2, country="Spain"),  # row 3
        uhri_row(2, country="Spain"),  # row 4: repeats row 3 exactly
        uhri_row(2, country="Spain", position="Noted"),  # row 5: row 3's identifier, other values
        uhri_row(3, country="Spain", body="Nobody", themes="- Water for all", sdgs="- 99"),  # row 6
        bad_date,  # row 7
        uhri_row(7, country="Spain", text=""),  # row 8: no text
        uhri_row(8, country="Atlantis"),  # row 9: a name not known (yet)
    ]
    batch = upload(admin_user, write_xlsx(tmp_path / "uhri.xlsx", UHRI_HEADERS, rows))
    assert batch.status == Status.PREVIEWED, batch.error
    assert batch.counts == {
        "new": 1,
        "updated": 0,
        "unchanged": 0,
        "invalid": 0,
        "skipped": 7,
        "repeated": 0,
        "rows": 8,
        "new_documents": 1,
    }
    assert batch.report["skipped"] == [3, 4, 5, 6, 7, 8, 9]
    assert batch.report["invalid"] == [] and batch.report["notices"] == []
    # Only the State that might be the one imported under another name is asked about.
    batch.refresh_from_db()
    assert batch.report["unknown"] == {"state": [["Atlantis", 1]]}
    assert commit(batch).status == Status.IMPORTED
    assert list(Recommendation.objects.values_list("state__code", flat=True)) == ["FRA"]


def test_a_file_of_all_states_checks_every_row(tmp_path, admin_user):
    rows = [uhri_row(1), uhri_row(2, country="Spain"), uhri_row(2, country="Spain", position="Noted")]
    batch = upload(admin_user, write_xlsx(tmp_path / "uhri.xlsx", UHRI_HEADERS, rows), state_scope="")
    assert (batch.counts["new"], batch.counts["invalid"], batch.counts["skipped"]) == (2, 1, 0)


# Duplicates of earlier imports ---------------------------------------------------------------------


@pytest.fixture
def duplicates(tmp_path, admin_user) -> ImportBatch:
    """Four UHRI recommendations in the database; a UPR Info file with two of them word for word
    (rows 2 and 3), one 97 % alike (row 4), one 94 % alike (row 5) and a new one (row 6)."""
    uhri = write_xlsx(tmp_path / "uhri.xlsx", UHRI_HEADERS, [uhri_row(n) for n in range(1, 5)])
    assert commit(upload(admin_user, uhri)).status == Status.IMPORTED
    rows = [
        uprinfo_row(detention(1)),
        uprinfo_row(detention(2)),
        uprinfo_row(detention(3, "all ")),
        uprinfo_row(detention(4, "all the ")),
        uprinfo_row("Adopt a national action plan on business and human rights"),
    ]
    return upload(admin_user, write_csv(tmp_path / "uprinfo.csv", UPRINFO_HEADERS, rows))


def decided(batch: ImportBatch) -> dict[int, tuple[int, str]]:
    return {d["row"]: (d["score"], d["decision"]) for d in batch.report["duplicates"]}


def resolve(user, batch: ImportBatch, **decisions) -> ImportBatch:
    batch = service.import_resolve(user=user, batch=batch, **decisions)
    assert batch.status == Status.PREVIEWING
    return service.import_preview(batch_id=batch.pk)


def test_exact_duplicates_are_linked_by_default(duplicates):
    assert decided(duplicates) == {2: (100, "link"), 3: (100, "link"), 4: (97, "new"), 5: (94, "new")}
    assert (duplicates.counts["new"], duplicates.counts["updated"]) == (3, 2)


def test_a_bulk_decision_then_single_rows(duplicates, admin_user):
    batch = resolve(admin_user, duplicates, link_at=95)
    assert decided(batch) == {2: (100, "link"), 3: (100, "link"), 4: (97, "link"), 5: (94, "new")}
    assert batch.resolutions == {"link_at": 95}
    # Choices for single rows; those that the rule decides alike are not kept as exceptions.
    batch = resolve(admin_user, batch, duplicates={"2": "new", "4": "link", "5": "link"})
    assert decided(batch) == {2: (100, "new"), 3: (100, "link"), 4: (97, "link"), 5: (94, "link")}
    assert batch.resolutions == {"link_at": 95, "duplicates": {"2": "new", "5": "link"}}
    # "Link all exact duplicates": the rule changes, the exact ones are all linked again.
    batch = resolve(admin_user, batch, link_at=100)
    assert decided(batch) == {2: (100, "link"), 3: (100, "link"), 4: (97, "new"), 5: (94, "link")}
    assert batch.resolutions == {"duplicates": {"5": "link"}}
    assert (batch.counts["new"], batch.counts["updated"]) == (2, 3)
    batch = commit(batch)
    assert batch.status == Status.IMPORTED and Recommendation.objects.count() == 6


def test_nothing_new_is_not_checked_again(duplicates, admin_user):
    same = service.import_resolve(user=admin_user, batch=duplicates, duplicates={"2": "link", "4": "new"})
    assert same.status == Status.PREVIEWED and same.resolutions == {}


def test_decisions_only_while_the_file_waits(duplicates, admin_user):
    commit(duplicates)
    with pytest.raises(ValidationError, match="waits for confirmation"):
        service.import_resolve(user=admin_user, batch=duplicates, link_at=95)
