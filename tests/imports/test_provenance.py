"""Provenance: each recommendation says where it came from (format, file, import, row; UPR session,
cycle and document), on its pages and in exports, and a later import does not take it over."""

import csv
import io
import json

import openpyxl
import pytest

from recommendations.models import Recommendation
from tests.factories import RecommendationFactory, SourceDocumentFactory, country
from tests.imports.files import UHRI_HEADERS, UPRINFO_HEADERS, uhri_row, uprinfo_row, write_csv, write_xlsx
from tests.imports.test_import_service import commit, upload

pytestmark = pytest.mark.django_db

TEXT = "Strengthen the independent monitoring of places of detention, measure 1"


def import_uprinfo(user, tmp_path, rows: list[list[str]], name: str = "uprinfo.csv"):
    batch = commit(user, upload(user, write_csv(tmp_path / name, UPRINFO_HEADERS, rows)))
    assert batch.status == "imported", batch.error or batch.report
    return batch


def csv_rows(response) -> list[dict]:
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(body)))


def page(client, address: str) -> str:
    response = client.get(address)
    assert response.status_code == 200
    return response.content.decode()


def test_upr_info_import_stores_format_file_batch_row_session_and_cycle(tmp_path, admin_user):
    rows = [uprinfo_row("Ratify the Optional Protocol", session="12"), uprinfo_row(TEXT, session="43")]
    batch = import_uprinfo(admin_user, tmp_path, rows)
    first, second = Recommendation.objects.order_by("import_row")
    assert (first.import_batch, first.import_row, second.import_row) == (batch, 2, 3)
    assert batch.format == "uprinfo" and batch.file_name == "uprinfo.csv"
    assert batch.format_label() == "UPR Info database export"
    assert (first.session, first.cycle, second.session, second.cycle) == ("12", 1, "43", 4)
    assert first.source_document is None
    assert first.session_label() == "UPR session 12 (cycle 1)"
    assert str(second) == "UPR session 43 (cycle 4)"


def test_pages_show_where_it_came_from_and_the_public_no_file(tmp_path, admin_user, personas):
    batch = import_uprinfo(admin_user, tmp_path, [uprinfo_row(TEXT, session="43")], name="upr-info-fra.csv")
    rec = Recommendation.objects.get()
    workspace = page(personas["admin"], f"/en/workspace/recommendations/{rec.pk}/")
    assert "Where it came from" in workspace and "UPR Info database export" in workspace
    assert f'<a href="/en/workspace/imports/{batch.pk}/">upr-info-fra.csv</a>' in workspace
    assert f"No. {batch.pk} of" in workspace and "UPR session 43 (cycle 4)" in workspace
    assert ">2</dd>" in workspace  # the row: the first row after the headings
    # Without the import permission the file is named, not linked.
    other = page(personas["consultative"], f"/en/workspace/recommendations/{rec.pk}/")
    assert "upr-info-fra.csv" in other and f"/en/workspace/imports/{batch.pk}/" not in other
    public = page(personas["public"], f"/en/recommendations/{rec.pk}/")
    assert "UPR session 43 (cycle 4)" in public and "Recommendation, UPR session 43 (cycle 4)" in public
    assert "upr-info-fra.csv" not in public and "UPR Info database export" not in public
    for html in (workspace, other, public):
        assert "UPR :" not in html and "UPR recommendation </h1>" not in html


def test_the_session_makes_the_working_group_report_known(tmp_path, admin_user, personas):
    SourceDocumentFactory(symbol="A/HRC/54/10", session="43", state=country("FRA"))
    import_uprinfo(admin_user, tmp_path, [uprinfo_row(TEXT, session="43")])
    rec = Recommendation.objects.get()
    assert rec.source_document is None  # the record keeps what the file said
    public = page(personas["public"], f"/en/recommendations/{rec.pk}/")
    assert "A/HRC/54/10" in public and "the Working Group report of this session" in public
    records = csv_rows(personas["public"].get("/en/recommendations/export/csv/"))
    assert [(r["document"], r["report_symbol"], r["session"]) for r in records] == [("", "A/HRC/54/10", "43")]


def test_no_empty_upr_label_in_lists_related_and_exports(tmp_path, admin_user, personas):
    import_uprinfo(
        admin_user, tmp_path, [uprinfo_row(TEXT, session="43"), uprinfo_row(TEXT + " and 2", session="43")]
    )
    rec = Recommendation.objects.order_by("import_row").first()
    workspace = page(personas["admin"], "/en/workspace/recommendations/")
    portal = page(personas["public"], "/en/recommendations/")
    detail = page(personas["admin"], f"/en/workspace/recommendations/{rec.pk}/")  # similar text: related
    for html in (workspace, portal, detail):
        assert "UPR session 43 (cycle 4)" in html
        assert "UPR :" not in html and "UPR </a>:" not in html
    staff = csv_rows(personas["secretariat"].get("/en/workspace/recommendations/export/csv/"))
    assert {(r["session"], r["cycle"], r["source_format"], r["source_file"]) for r in staff} == {
        ("43", "4", "uprinfo", "uprinfo.csv")
    }
    assert sorted(r["import_row"] for r in staff) == ["2", "3"]
    public = json.loads(
        b"".join(personas["public"].get("/en/recommendations/export/json/").streaming_content)
    )
    assert {item["session"] for item in public} == {"43"}
    assert not {"source_file", "source_format", "import_batch", "import_row"} & set(public[0])
    for record in staff:
        assert not any(str(value).startswith("UPR :") for value in record.values())
    workbook = openpyxl.load_workbook(
        io.BytesIO(b"".join(personas["secretariat"].get("/en/workspace/recommendations/export/xlsx/")))
    )
    header = next(workbook.active.values)
    assert header[-5:] == ("report_symbol", "source_format", "source_file", "import_batch", "import_row")


def test_uhri_import_shows_its_document(tmp_path, admin_user, personas):
    batch = commit(
        admin_user, upload(admin_user, write_xlsx(tmp_path / "uhri.xlsx", UHRI_HEADERS, [uhri_row(1)]))
    )
    rec = Recommendation.objects.get()
    assert (rec.import_batch, rec.import_row, rec.source_document.symbol) == (batch, 2, "A/HRC/54/10")
    assert rec.session == "43" and rec.cycle == 4
    workspace = page(personas["admin"], f"/en/workspace/recommendations/{rec.pk}/")
    assert "UHRI export" in workspace and "A/HRC/54/10" in workspace and "uhri.xlsx" in workspace
    public = page(personas["public"], f"/en/recommendations/{rec.pk}/")
    assert "A/HRC/54/10" in public and "uhri.xlsx" not in public


def test_a_later_import_keeps_the_first_provenance(tmp_path, admin_user):
    first = commit(
        admin_user, upload(admin_user, write_xlsx(tmp_path / "a.xlsx", UHRI_HEADERS, [uhri_row(1)]))
    )
    # The same recommendation again, now as the third row of another file, with a new position.
    rows = [
        uhri_row(2, text="118.2 Ratify the Convention on enforced disappearances (Spain);"),
        uhri_row(3, text="118.3 Adopt a national action plan on business and human rights (Peru);"),
        uhri_row(1, position="Noted"),
    ]
    second = commit(admin_user, upload(admin_user, write_xlsx(tmp_path / "b.xlsx", UHRI_HEADERS, rows)))
    assert second.counts["updated"] == 1 and second.counts["new"] == 2, second.report
    kept = Recommendation.objects.get(external_id="00000000-0000-4000-8000-000000000001")
    assert (kept.import_batch, kept.import_row) == (first, 2)
    assert kept.position == "noted"  # the update itself happened
    assert {r.import_row for r in Recommendation.objects.filter(import_batch=second)} == {2, 3}


def test_a_record_typed_by_hand_gets_the_provenance_of_the_import_that_updates_it(tmp_path, admin_user):
    typed = RecommendationFactory(external_id="00000000-0000-4000-8000-000000000001", session="")
    assert typed.import_batch is None
    batch = commit(
        admin_user, upload(admin_user, write_xlsx(tmp_path / "a.xlsx", UHRI_HEADERS, [uhri_row(1)]))
    )
    typed.refresh_from_db()
    assert (typed.import_batch, typed.import_row, typed.session) == (batch, 2, "43")


def test_a_record_with_no_import_says_so(personas):
    rec = RecommendationFactory()
    workspace = page(personas["admin"], f"/en/workspace/recommendations/{rec.pk}/")
    assert "Not imported from a file" in workspace
