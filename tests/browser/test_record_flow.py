"""The system of record in Chromium: imports undone without losing what people built, bulk actions shown
before they are done and undone from their banner, history, restore, and axe on each new page.

The done-when scenario: an OHCHR UPR matrix is imported (after a first upload is discarded, with its
invalid rows skipped), the secretariat clusters and assigns 30 of its recommendations, a UHRI export
updates five of them (matched by their text: the matrix has no identifiers, so UHRI's rows are linked to
them as duplicates and fill the values the matrix left empty), the matrix import is undone (the 30 are
kept and listed, the others removed), then the UHRI import is undone (what it overwrote comes back).
Every step is asserted on the page and in the database. Celery runs eagerly in the tests.
"""

import re
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from playwright.sync_api import Browser, Page, expect

from nmirf.audit import snapshot_many
from nmirf.models import AuditBatch
from recommendations.models import Cluster, ImportBatch, Recommendation, SourceDocument
from recommendations.services import BulkAction, recommendations_bulk_change
from tests.browser.conftest import PASSWORD, TIMEOUT_MS
from tests.browser.test_accessibility import audit
from tests.factories import ClusterFactory, RecommendationFactory, SourceDocumentFactory
from tests.importing.files import write_matrix
from tests.imports.files import UHRI_HEADERS, uhri_row, write_xlsx
from tests.imports.test_import_service import commit, upload

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

Status = ImportBatch.Status
FRANCE = "France (FRA)"
SYMBOL = "A/HRC/54/10"  # the Working Group report, as UHRI's rows (tests.imports.files) cite it too

# The matrix: 42 recommendations, the first 30 on detention (clustered and assigned later), 12 on
# health (untouched: the undo removes them), and two rows with a position nobody knows (invalid).
MATRIX_HEADERS = [
    "Recommendation and recommending State",
    "Position of the State under review",
    "Human rights themes and groups of persons",
    "Relevant SDGs",
]
CHANGED = range(1, 31)
UNTOUCHED = range(31, 43)
LINKED = range(1, 6)  # no position yet in the matrix; the UHRI export has these five too
WATER = "150.1 Adopt a law guaranteeing access to safe drinking water in rural communes (Spain);"


def matrix_text(n: int) -> str:
    if n in CHANGED:
        return f"140.{n} Improve the conditions of detention in the prison of district {n} (Germany);"
    return f"140.{n} Extend free primary health care to the villages of region {n} (Brazil);"


def matrix_row(n: int, *, position: str | None = None) -> list[str]:
    theme = "Conditions of detention" if n in CHANGED else "Right to health"
    if position is None:
        position = "" if n in LINKED else ("Noted" if n % 4 == 0 else "Supported")
    return [
        f"{matrix_text(n)}\nSource of Position: {SYMBOL}/Add.1 - Para.3",
        position,
        f"- {theme}\nGroups of Persons: \n- Persons deprived of their liberty & detainees",
        "- 16 - PEACE, JUSTICE AND STRONG INSTITUTIONS",
    ]


def matrix_file(path: Path) -> Path:
    rows = [
        ["Theme: Conditions of detention"],
        *[matrix_row(n) for n in CHANGED],
        ["Theme: Right to health"],
        *[matrix_row(n) for n in UNTOUCHED],
        matrix_row(43, position="Perhaps"),
        matrix_row(44, position="Perhaps"),
    ]
    return write_matrix(
        path, MATRIX_HEADERS, rows, title="UPR of France (4th Cycle - 43rd Session)", tables=2
    )


def uhri_file(path: Path) -> Path:
    """UHRI's copy of five of the matrix's recommendations, word for word, and one new recommendation."""
    rows = [uhri_row(n, text=matrix_text(n)) for n in LINKED] + [uhri_row(99, text=WATER)]
    return write_xlsx(path, UHRI_HEADERS, rows)


# Page helpers ------------------------------------------------------------------------------------


def sign_in(page: Page, username: str, *, language: str = "en") -> None:
    page.goto(f"/{language}/accounts/login/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(rf"/{language}/workspace/$"))


@pytest.fixture
def other_page(browser: Browser, live_server):
    """A second browser context (its own cookies), for a second person working at the same time."""
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    yield context.new_page()
    context.close()


def upload_file(page: Page, path: Path) -> ImportBatch:
    """Send a file from the import page; lands on its preview (the check has run by then)."""
    page.goto("/en/workspace/imports/")
    page.get_by_label(re.compile(r"^\s*File\*?\s*$")).set_input_files(path)
    page.get_by_role("combobox", name="Whose recommendations").select_option(label=FRANCE)
    page.get_by_role("button", name="Upload and check").click()
    expect(page).to_have_url(re.compile(r"/en/workspace/imports/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Import of {path.name}")
    batch = ImportBatch.objects.get(pk=int(page.url.rstrip("/").rsplit("/", 1)[1]))
    assert batch.status == Status.PREVIEWED, batch.error
    return batch


def count_table(page: Page, heading: str, labels: dict[str, str]) -> dict[str, int]:
    """The numbers of a summary table (one row header and one cell a row) under a section heading."""
    section = page.locator("section").filter(has=page.get_by_role("heading", name=heading, exact=True))
    expect(section).to_be_visible()
    found = {}
    for key, label in labels.items():
        row = section.get_by_role("row").filter(has=page.get_by_role("rowheader", name=label, exact=True))
        found[key] = int(row.get_by_role("cell").inner_text().strip())
    return found


IMPORT_COUNTS = {
    "new": "New recommendations",
    "updated": "Updated",
    "unchanged": "Unchanged",
    "invalid": "Invalid",
    "skipped": "Skipped (other States)",
}
PLAN_COUNTS = {
    "remove": "Records to remove",
    "put_back": "Records to put back to the values it overwrote",
    "recreate": "Records to bring back",
    "vocabulary_removed": "Vocabulary values and documents to remove",
    "vocabulary_kept": "Vocabulary values and documents kept because other records use them",
    "kept": "Records changed or built on since, kept as they are",
}
# The same counts as `manage.py import_undo ID --dry-run` prints them.
COMMAND_COUNTS = {
    "remove": "Records to remove",
    "put_back": "Records to put back to the values the import overwrote",
    "vocabulary_removed": "Vocabulary values and documents to remove",
    "vocabulary_kept": "Vocabulary values and documents kept (used elsewhere)",
    "kept": "Records changed since, kept",
}


def dry_run(batch: ImportBatch) -> tuple[dict[str, int], str]:
    out = StringIO()
    call_command("import_undo", str(batch.pk), "--dry-run", stdout=out)
    text = out.getvalue()
    counts = {}
    for key, label in COMMAND_COUNTS.items():
        match = re.search(rf"^{re.escape(label)}: (\d+)$", text, re.MULTILINE)
        assert match, f"the dry run does not print {label!r}:\n{text}"
        counts[key] = int(match[1])
    return counts, text


def everything() -> dict[int, dict]:
    return snapshot_many(Recommendation, list(Recommendation.objects.values_list("pk", flat=True)))


def by_paragraph(numbers) -> list[int]:
    return list(
        Recommendation.objects.filter(paragraph__in=[f"140.{n}" for n in numbers]).values_list(
            "pk", flat=True
        )
    )


# 1. The done-when scenario -----------------------------------------------------------------------


def test_matrix_import_clustered_then_updated_by_uhri_is_undone_keeping_what_people_built(
    page: Page, other_page: Page, log_in, admin_user, secretariat, justice, tmp_path
):
    cluster = ClusterFactory(name="Detention reform", objective="Humane prisons.")
    log_in("admin")

    # A first upload of the matrix is discarded from its preview: nothing is imported.
    path = matrix_file(tmp_path / "matrix-france.docx")
    discarded = upload_file(page, path)
    assert discarded.format == "matrix"
    expect(page.locator("main dl")).to_contain_text("Checked, waiting for confirmation")
    preview = count_table(page, "What the import will do", IMPORT_COUNTS)
    assert preview == {"new": 42, "updated": 0, "unchanged": 0, "invalid": 2, "skipped": 0}
    expect(page.get_by_role("heading", name="Invalid rows")).to_be_visible()
    page.get_by_role("button", name="Discard this file").click()
    expect(page.get_by_role("status")).to_contain_text("The file is discarded; nothing was imported.")
    expect(page.locator("main dl")).to_contain_text("Discarded")
    expect(page.get_by_role("button", name="Import", exact=True)).to_have_count(0)
    expect(page.get_by_role("button", name="Discard this file")).to_have_count(0)
    assert ImportBatch.objects.get(pk=discarded.pk).status == Status.DISCARDED
    assert not Recommendation.objects.exists()

    # Uploaded again and imported, skipping the two invalid rows.
    matrix = upload_file(page, path)
    page.get_by_role("button", name="Import", exact=True).click()  # refused: invalid rows block it
    expect(page.get_by_role("status")).to_contain_text("2 rows are invalid")
    assert not Recommendation.objects.exists()
    page.get_by_role("checkbox", name="Skip the 2 invalid rows and import the others").check()
    page.get_by_role("button", name="Import", exact=True).click()
    expect(page.locator("main dl")).to_contain_text("Imported")
    expect(page.get_by_role("link", name="Undo this import…")).to_be_visible()
    result = count_table(page, "Result", IMPORT_COUNTS)
    assert result == {"new": 42, "updated": 0, "unchanged": 0, "invalid": 2, "skipped": 0}
    assert ImportBatch.objects.get(pk=matrix.pk).status == Status.IMPORTED
    assert Recommendation.objects.count() == 42
    assert set(Recommendation.objects.values_list("state__code", flat=True)) == {"FRA"}
    assert not Recommendation.objects.filter(paragraph__in=["140.43", "140.44"]).exists()
    changed, untouched = by_paragraph(CHANGED), by_paragraph(UNTOUCHED)
    assert len(changed) == 30 and len(untouched) == 12
    linked = by_paragraph(LINKED)
    assert set(Recommendation.objects.filter(pk__in=linked).values_list("position", flat=True)) == {""}

    # The secretariat selects the 30 detention recommendations and clusters them: more than 20 records,
    # so the change is shown and confirmed first.
    sign_in(other_page, "secretariat")
    other_page.goto("/en/workspace/recommendations/?theme=conditions-of-detention&page_size=50")
    expect(other_page.locator("#result-count")).to_have_text("30 recommendations found")
    boxes = other_page.locator("main tbody input[name=ids]")
    expect(boxes).to_have_count(30)
    for box in boxes.all():
        box.check()
    other_page.get_by_role("combobox", name=re.compile(r"^Action\*?$")).select_option(label="Set cluster")
    expect(other_page.get_by_role("radio", name="the selected recommendations")).to_be_checked()
    other_page.get_by_role("combobox", name="Cluster", exact=True).select_option(label="Detention reform")
    other_page.get_by_role("button", name="Apply").click()
    expect(other_page.get_by_role("heading", level=1)).to_have_text(
        "Confirm a change to many recommendations"
    )
    main = other_page.locator("main")
    expect(main).to_contain_text("Set cluster: Detention reform")
    expect(main).to_contain_text("30 recommendations are selected.")
    expect(main).to_contain_text("30 of them will change.")
    sample = other_page.get_by_role("table", name="The first 10 changes, field by field")
    expect(sample.locator("tbody tr")).to_have_count(10)
    expect(sample.locator("tbody tr").first).to_contain_text("Detention reform")
    assert not Recommendation.objects.filter(cluster=cluster).exists(), (
        "the confirmation page changes nothing"
    )
    other_page.get_by_role("button", name="Change 30 recommendations").click()
    expect(other_page).to_have_url(
        re.compile(r"/en/workspace/recommendations/\?.*theme=conditions-of-detention")
    )
    banner = other_page.locator("main .alert-success").filter(has_text="recommendations changed.")
    expect(banner).to_contain_text("30 recommendations changed.")
    expect(banner.get_by_role("link", name="See the changed records")).to_be_visible()
    expect(banner.get_by_role("link", name="Undo this change")).to_be_visible()
    assert set(Recommendation.objects.filter(cluster=cluster).values_list("pk", flat=True)) == set(changed)
    # ... and assigns them to the Ministry of Justice (through the service, as the page would).
    assigned = recommendations_bulk_change(
        user=secretariat,
        recommendations=Recommendation.objects.filter(pk__in=changed),
        action=BulkAction.SET_LEAD,
        value=justice,
    )
    assert assigned.changed == 30
    after_bulk = snapshot_many(Recommendation, changed)

    # A UHRI export of five of them: matched by their text, they are linked, not added again, and UHRI
    # fills what the matrix left empty (position, identifier, date) and adds its themes and SDGs.
    uhri = upload_file(page, uhri_file(tmp_path / "uhri-france.xlsx"))
    assert uhri.format == "uhri"
    preview = count_table(page, "What the import will do", IMPORT_COUNTS)
    assert preview == {"new": 1, "updated": 5, "unchanged": 0, "invalid": 0, "skipped": 0}
    duplicates = page.locator("section").filter(has=page.get_by_role("heading", name="Possible duplicates"))
    expect(duplicates.get_by_role("cell", name="100 %", exact=True)).to_have_count(5)
    decisions = duplicates.get_by_role("combobox", name=re.compile(r"^Decision for row \d+$"))
    expect(decisions).to_have_count(5)
    for decision in decisions.all():
        expect(decision).to_have_value("link")
    expect(duplicates).not_to_contain_text("drinking water")
    page.get_by_role("button", name="Import", exact=True).click()
    expect(page.locator("main dl")).to_contain_text("Imported")
    assert ImportBatch.objects.get(pk=uhri.pk).status == Status.IMPORTED
    assert Recommendation.objects.count() == 43
    for n, pk in zip(LINKED, linked, strict=True):
        rec = Recommendation.objects.get(pk=pk)
        assert rec.position == "supported" and rec.external_id == f"00000000-0000-4000-8000-{n:012d}"
        assert rec.cluster == cluster and rec.lead_institution == justice
        assert "death-penalty" in set(rec.themes.values_list("code", flat=True))
    before_undo = everything()
    clusters, documents = list(Cluster.objects.values()), list(SourceDocument.objects.values())

    # The dry run of the command and the confirmation page say the same.
    counts, printed = dry_run(ImportBatch.objects.get(pk=matrix.pk))
    assert counts["remove"] == 12 and counts["kept"] == 30 and counts["put_back"] == 0
    listed = {int(pk) for pk in re.findall(r"^  recommendation (\d+) ", printed, re.MULTILINE)}
    assert listed == set(changed), printed
    assert before_undo == everything(), "a dry run changes nothing"

    page.goto(f"/en/workspace/imports/{matrix.pk}/")
    page.get_by_role("link", name="Undo this import…").click()
    expect(page).to_have_url(re.compile(rf"/en/workspace/imports/{matrix.pk}/undo/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Undo the import of matrix-france.docx")
    shown = count_table(page, "What the undo will do", PLAN_COUNTS)
    assert {key: shown[key] for key in COMMAND_COUNTS} == counts
    assert shown["recreate"] == 0
    kept = page.get_by_role("table", name="Each kept record, what happened to it since, and who did it")
    kept_rows = kept.locator("tbody tr")
    expect(kept_rows).to_have_count(30)
    expect(kept_rows.filter(has_text="secretariat")).to_have_count(30)
    expect(kept_rows.filter(has_text="Set cluster: Detention reform")).to_have_count(30)
    expect(kept_rows.filter(has_text="uhri-france.xlsx")).to_have_count(5)
    expect(kept_rows.filter(has_text="140.7")).to_contain_text("cluster")
    expect(kept_rows.filter(has_text="140.7").get_by_role("link", name="UPR 140.7")).to_have_attribute(
        "href", f"/en/workspace/recommendations/{Recommendation.objects.get(paragraph='140.7').pk}/"
    )
    removed = page.locator("section").filter(has=page.get_by_role("heading", name="Records to remove"))
    expect(removed.locator("li")).to_have_count(12)
    assert {text.strip() for text in removed.locator("li").all_inner_texts()} == {
        f"Recommendation: UPR 140.{n}" for n in UNTOUCHED
    }
    assert before_undo == everything(), "the confirmation page changes nothing"

    page.get_by_role("button", name="Undo, keeping the 30 records changed since").click()
    expect(page).to_have_url(re.compile(rf"/en/workspace/imports/{matrix.pk}/$"))
    expect(page.get_by_role("status")).to_contain_text(
        "Undone. Records removed: 12; put back to their earlier values: 0; brought back: 0. "
        "Records changed since and kept as they are: 30."
    )
    expect(page.locator("main dl")).to_contain_text("Undone")
    expect(page.get_by_role("link", name="Undo this import…")).to_have_count(0)

    # In the database: the 12 untouched are gone; everything else is exactly as it was.
    assert ImportBatch.objects.get(pk=matrix.pk).status == Status.UNDONE
    assert ImportBatch.objects.get(pk=uhri.pk).status == Status.IMPORTED
    assert not Recommendation.objects.filter(pk__in=untouched).exists()
    remaining = everything()
    assert set(remaining) == set(before_undo) - set(untouched)
    assert remaining == {pk: before_undo[pk] for pk in remaining}
    assert list(Cluster.objects.values()) == clusters
    assert list(SourceDocument.objects.values()) == documents  # still cited by the kept ones
    undo_batch = AuditBatch.objects.get(pk=ImportBatch.objects.get(pk=matrix.pk).audit_batch.reverted_by_id)
    assert undo_batch.action == "import_undo" and undo_batch.user == admin_user
    assert not AuditBatch.objects.filter(action__startswith="bulk_", reverted_by__isnull=False).exists()

    # Then the UHRI import is undone: the values it overwrote come back, its new recommendation goes.
    page.goto(f"/en/workspace/imports/{uhri.pk}/")
    page.get_by_role("link", name="Undo this import…").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Undo the import of uhri-france.xlsx")
    shown = count_table(page, "What the undo will do", PLAN_COUNTS)
    assert (shown["remove"], shown["put_back"], shown["kept"]) == (1, 5, 0)
    put_back = page.locator("section").filter(has=page.get_by_role("heading", name="Records to put back"))
    expect(put_back.locator("li")).to_have_count(5)
    expect(put_back.locator("li").first).to_contain_text("position")
    expect(page.get_by_role("table", name=re.compile("Each kept record"))).to_have_count(0)
    page.get_by_role("button", name="Undo", exact=True).click()
    expect(page).to_have_url(re.compile(rf"/en/workspace/imports/{uhri.pk}/$"))
    expect(page.get_by_role("status")).to_contain_text(
        "Undone. Records removed: 1; put back to their earlier values: 5; brought back: 0."
    )
    assert ImportBatch.objects.get(pk=uhri.pk).status == Status.UNDONE
    assert set(Recommendation.objects.values_list("pk", flat=True)) == set(changed)
    assert snapshot_many(Recommendation, changed) == after_bulk
    assert set(Recommendation.objects.filter(pk__in=linked).values_list("position", flat=True)) == {""}
    assert not Recommendation.objects.filter(pk__in=linked, external_id__gt="").exists()
    assert list(Cluster.objects.values()) == clusters


# 2. A bulk change on the whole filter, confirmed, then undone from its banner ----------------------


def test_bulk_change_of_the_whole_filter_is_confirmed_then_undone_from_its_banner(
    page: Page, log_in, secretariat, workspace_data
):
    document, torture = workspace_data["document"], workspace_data["torture"]
    for n in range(20):
        RecommendationFactory(source_document=document, paragraph=f"137.{100 + n}")
    RecommendationFactory(source_document=SourceDocumentFactory(symbol="A/HRC/38/4"))  # outside the filter
    targets = set(Recommendation.objects.filter(source_document=document).values_list("pk", flat=True))
    assert len(targets) == 23
    before = everything()

    log_in("secretariat")
    page.goto(f"/en/workspace/recommendations/?document={document.symbol}")
    expect(page.locator("#result-count")).to_have_text("23 recommendations found")
    bulk = page.get_by_role("group", name="Change several recommendations at once")
    bulk.get_by_role("combobox", name=re.compile(r"^Action\*?$")).select_option(
        label="Set implementation status"
    )
    bulk.get_by_role("radio", name="every recommendation matching the filter").check()
    bulk.get_by_role("combobox", name="Status", exact=True).select_option(label="In progress")
    bulk.get_by_role("button", name="Apply").click()

    # The confirmation page: the count, a sample of the changes; nothing is changed yet.
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirm a change to many recommendations")
    main = page.locator("main")
    expect(main.locator("p.lead")).to_contain_text("Set implementation status")
    expect(main).to_contain_text("23 recommendations match the filter.")
    expect(main).to_contain_text("23 of them will change.")
    sample = page.get_by_role("table", name="The first 10 changes, field by field")
    expect(sample.locator("tbody tr")).to_have_count(10)
    expect(sample.locator("tbody tr").first).to_contain_text("In progress")
    assert everything() == before, "the confirmation page changes nothing"
    page.get_by_role("button", name="Change 23 recommendations").click()

    # The list again, with the banner.
    expect(page).to_have_url(re.compile(r"/en/workspace/recommendations/\?document="))
    banner = page.locator("main .alert-success").filter(has_text="recommendations changed.")
    expect(banner).to_contain_text("23 recommendations changed.")
    statuses = page.locator("main tbody .badge-status")
    expect(statuses.filter(has_text="In progress")).to_have_count(statuses.count())
    changed = set(Recommendation.objects.filter(status="in_progress").values_list("pk", flat=True))
    assert changed == targets
    batch = AuditBatch.objects.get(action="bulk_set_status")
    assert batch.user == secretariat and batch.entries.count() == 23
    expect(banner.get_by_role("link", name="See the changed records")).to_have_attribute(
        "href", f"/en/workspace/history/{batch.pk}/"
    )
    after_change = everything()

    # "Undo this change": what it will do is shown first, then it is done.
    banner.get_by_role("link", name="Undo this change").click()
    expect(page).to_have_url(re.compile(rf"/en/workspace/history/{batch.pk}/undo/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Undo a change")
    shown = count_table(page, "What the undo will do", PLAN_COUNTS)
    assert shown == {
        "remove": 0,
        "put_back": 23,
        "recreate": 0,
        "vocabulary_removed": 0,
        "vocabulary_kept": 0,
        "kept": 0,
    }
    put_back = page.locator("section").filter(has=page.get_by_role("heading", name="Records to put back"))
    expect(put_back.locator("li")).to_have_count(23)
    assert everything() == after_change, "the confirmation page changes nothing"
    page.get_by_role("button", name="Undo", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text(
        "Undone. Records removed: 0; put back to their earlier values: 23; brought back: 0."
    )
    undo = AuditBatch.objects.get(pk=AuditBatch.objects.get(pk=batch.pk).reverted_by_id)
    expect(page).to_have_url(re.compile(rf"/en/workspace/history/{undo.pk}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("A recorded change")
    expect(page.get_by_role("table", name="23 records changed")).to_be_visible()
    assert everything() == before, "the previous values are back"
    assert Recommendation.objects.get(pk=workspace_data["in_cluster"].pk).status == "partially_implemented"

    # The history lists both; the bulk change is marked undone, the undo can be undone in turn.
    page.get_by_role("navigation", name="Workspace").get_by_role("link", name="History").click()
    expect(page).to_have_url(re.compile(r"/en/workspace/history/$"))
    rows = page.get_by_role("table", name=re.compile(r"^\d+ changes?$")).locator("tbody tr")
    bulk_row = rows.filter(has_text="Set implementation status").filter(has_not_text="Undo of")
    expect(bulk_row).to_contain_text("Undone on")
    expect(bulk_row.get_by_role("link", name=re.compile("Undo this change"))).to_have_count(0)
    expect(rows.filter(has_text="Undo of")).to_contain_text("Undo this change")

    # A recommendation's history: the current version is marked, an earlier one can be restored.
    page.goto(f"/en/workspace/recommendations/{torture.pk}/history/")
    versions = page.locator("main table tbody tr")
    expect(versions).to_have_count(2)
    expect(versions.nth(0)).to_contain_text("Current version")
    expect(versions.nth(0).get_by_role("link", name=re.compile("Restore this version"))).to_have_count(0)
    versions.nth(1).get_by_role("link", name=re.compile("Restore this version")).click()
    expect(page).to_have_url(re.compile(r"/en/workspace/history/versions/\d+/restore/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Restore an earlier version of")
    differences = page.get_by_role("table", name="What restoring this version changes, field by field")
    status_row = differences.get_by_role("row").filter(
        has=page.get_by_role("rowheader", name="Status", exact=True)
    )
    expect(status_row).to_contain_text("No information")
    expect(status_row).to_contain_text("In progress")
    assert Recommendation.objects.get(pk=torture.pk).status == "no_information"
    page.get_by_role("button", name="Restore this version").click()
    expect(page).to_have_url(re.compile(rf"/en/workspace/recommendations/{torture.pk}/$"))
    expect(page.get_by_role("status")).to_contain_text("is restored")
    assert Recommendation.objects.get(pk=torture.pk).status == "in_progress"
    assert AuditBatch.objects.filter(action="restore", user=secretariat).count() == 1
    page.goto(f"/en/workspace/recommendations/{torture.pk}/history/")
    expect(versions).to_have_count(3)
    expect(versions.nth(0)).to_contain_text("Current version")


# 3. Accessibility of the new pages ---------------------------------------------------------------


@pytest.fixture
def record_pages(admin_user, secretariat, justice, tmp_path):
    """An import with records changed since, a bulk change, and a version to restore; their addresses."""
    batch = commit(
        admin_user,
        upload(admin_user, write_xlsx(tmp_path / "u.xlsx", UHRI_HEADERS, [uhri_row(n) for n in range(1, 7)])),
    )
    assert batch.status == Status.IMPORTED, batch.error
    cluster = ClusterFactory(name="Detention reform")
    bulk = recommendations_bulk_change(
        user=secretariat,
        recommendations=Recommendation.objects.filter(paragraph__in=["118.1", "118.2", "118.3"]),
        action=BulkAction.SET_CLUSTER,
        value=cluster,
    )
    rec = Recommendation.objects.get(paragraph="118.1")
    # A version before the cluster was set (a document may have the same id: the record's type decides).
    created = batch.audit_batch.entries.get(
        object_id=str(rec.pk), content_type=ContentType.objects.get_for_model(Recommendation)
    )
    return {
        "history": "workspace/history/",
        "batch": f"workspace/history/{bulk.batch.pk}/",
        "undo": f"workspace/history/{bulk.batch.pk}/undo/",
        "import_undo": f"workspace/imports/{batch.pk}/undo/",
        "restore": f"workspace/history/versions/{created.pk}/restore/",
        "versions": f"workspace/recommendations/{rec.pk}/history/",
    }


@pytest.mark.parametrize("language", ["en", "ar"])
def test_history_undo_restore_and_bulk_pages_are_accessible(page: Page, record_pages, language):
    sign_in(page, "admin", language=language)
    paths = {name: f"/{language}/{path}" for name, path in record_pages.items()}
    problems = [problem for path in paths.values() for problem in audit(page, path, language)]

    # The pages hold what they are about (not an error page or an empty list).
    page.goto(paths["import_undo"])
    expect(page.locator("main table tbody tr td.text-end strong")).to_have_text("3")
    expect(page.locator("main form button.btn-danger")).to_be_visible()
    page.goto(paths["restore"])
    expect(page.locator("main table tbody tr")).not_to_have_count(0)
    expect(page.locator("main form button[type=submit]")).to_be_enabled()
    page.goto(paths["undo"])
    expect(page.locator("main form button.btn-danger")).to_be_enabled()
    page.goto(paths["versions"])
    expect(page.locator(f"main a[href^='/{language}/workspace/history/versions/']")).to_have_count(1)

    # The bulk confirmation page is the answer to a form: it is reached by sending it.
    page.goto(f"/{language}/workspace/recommendations/")
    page.locator("select[name=action]").select_option("set_status")
    page.locator("input[name=scope][value=all]").check()
    page.locator("select[name=status]").select_option("in_progress")
    page.locator("main fieldset button[type=submit]").click()
    expect(page).to_have_url(re.compile(rf"/{language}/workspace/recommendations/bulk/"))
    expect(page.locator("input[name=confirmed]")).to_have_value("6")
    problems += audit(page, f"/{language}/workspace/recommendations/bulk/", language, navigate=False)
    assert not problems, f"{len(problems)} accessibility problem(s):\n" + "\n".join(problems)
    assert not Recommendation.objects.filter(status="in_progress").exists()


@pytest.mark.parametrize("language", ["en", "ar"])
def test_import_undo_confirmation_fits_a_phone(page: Page, record_pages, language):
    sign_in(page, "admin", language=language)
    page.set_viewport_size({"width": 360, "height": 740})
    path = f"/{language}/{record_pages['import_undo']}"
    problems = audit(page, path, language)
    assert not problems, "\n".join(problems)
    widths = page.evaluate(
        "() => ({page: document.documentElement.scrollWidth, view: document.documentElement.clientWidth})"
    )
    assert widths["view"] == 360 and widths["page"] <= widths["view"], (
        f"horizontal scroll at 360 px: {widths}"
    )
