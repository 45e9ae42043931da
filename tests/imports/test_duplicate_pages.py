"""The import page's notices and its paged table of possible duplicates, as a browser without JavaScript
uses them: every decision is a form post."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from recommendations.importing import service
from recommendations.models import ImportBatch
from tests.imports.files import UHRI_HEADERS, UPRINFO_HEADERS, uhri_row, uprinfo_row, write_csv, write_xlsx

pytestmark = pytest.mark.django_db


@pytest.fixture
def act(django_capture_on_commit_callbacks):
    """POST as a browser does, let the queued task run, then follow the redirect (with its query)."""

    def post(client, url, data=None):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url, data or {})
        return response, client.get(response["Location"]) if response.status_code == 302 else response

    return post


def detention(n: int, words: str = "") -> str:
    return f"Strengthen the independent monitoring of {words}places of detention, measure {n}"


def upload(user, path) -> ImportBatch:
    batch = service.import_upload(
        user=user, upload=SimpleUploadedFile(path.name, path.read_bytes()), state_scope="FRA", enqueue=False
    )
    return service.import_preview(batch_id=batch.pk)


@pytest.fixture
def batch(tmp_path, admin_user) -> ImportBatch:
    """60 recommendations in the database; a UPR Info file with 55 of them word for word (rows 2 to 56)
    and 5 that are 97 % alike (rows 57 to 61): two pages of possible duplicates."""
    uhri = upload(
        admin_user, write_xlsx(tmp_path / "uhri.xlsx", UHRI_HEADERS, [uhri_row(n) for n in range(1, 61)])
    )
    service.import_confirm(batch=uhri, enqueue=False)
    assert service.import_commit(batch_id=uhri.pk).status == ImportBatch.Status.IMPORTED
    rows = [uprinfo_row(detention(n)) for n in range(1, 56)]
    rows += [uprinfo_row(detention(n, "all ")) for n in range(56, 61)]
    return upload(admin_user, write_csv(tmp_path / "uprinfo.csv", UPRINFO_HEADERS, rows))


def selects(page: str) -> dict[int, str]:
    """Each row's choice on the page: row number → the selected option."""
    found = re.findall(r'<select name="duplicate_(\d+)".*?<option value="(\w+)" selected', page, re.DOTALL)
    return {int(row): value for row, value in found}


def test_the_table_is_paged_and_each_page_saves_its_decisions(personas, batch, act):
    client = personas["admin"]
    url = reverse("workspace:import_duplicates", args=[batch.pk])
    page = client.get(batch.get_absolute_url()).content.decode()
    assert '<h2 id="duplicates-heading" class="h4">Possible duplicates</h2>' in page
    assert "Rows that look like recommendations in the database, page 1 of 2" in page
    assert '<label class="visually-hidden" for="id_duplicate_2">Decision for row 2</label>' in page
    assert "55 rows are at least 100 % alike." in page and "60 rows are at least 95 % alike." in page
    assert selects(page) == dict.fromkeys(range(2, 52), "link")

    # Row 2 is not the same recommendation; then to page 2 (the choice of page 1 is saved first).
    choices = {f"duplicate_{row}": "link" for row in range(3, 52)} | {"duplicate_2": "new"}
    response, page2 = act(client, url, {"shown": "1", "goto": "2", **choices})
    assert response["Location"] == f"{batch.get_absolute_url()}?page=2#duplicates-heading"
    page2 = page2.content.decode()
    assert "Your decisions are saved" in page2 and "page 2 of 2" in page2
    assert selects(page2) == dict.fromkeys(range(52, 57), "link") | dict.fromkeys(range(57, 62), "new")

    # One of the near ones is the same; page 1's decision is still there.
    choices = {f"duplicate_{row}": "link" for row in range(52, 58)} | {
        f"duplicate_{row}": "new" for row in range(58, 62)
    }
    _response, page2 = act(client, url, {"shown": "2", **choices})
    assert selects(page2.content.decode())[57] == "link"
    batch.refresh_from_db()
    assert batch.resolutions == {"duplicates": {"2": "new", "57": "link"}}
    assert (batch.counts["new"], batch.counts["updated"] + batch.counts["unchanged"]) == (5, 55)

    # Turning back without changing anything does not check the file again.
    response, page1 = act(client, url, {"shown": "2", "goto": "1", **choices})
    assert "Your decisions are saved" not in page1.content.decode()
    assert selects(page1.content.decode())[2] == "new"


def test_link_all_at_or_above_95_percent(personas, batch, act):
    client = personas["admin"]
    url = reverse("workspace:import_duplicates", args=[batch.pk])
    act(client, url, {"shown": "1", "duplicate_2": "new"})
    page = client.get(batch.get_absolute_url()).content.decode()
    assert "rows at least 100 % alike are linked" in page
    _response, page = act(client, url, {"shown": "1", "link_at": "95", "duplicate_2": "new"})
    page = page.content.decode()
    assert "rows at least 95 % alike are linked" in page
    batch.refresh_from_db()
    assert batch.resolutions == {"link_at": 95}  # "all": row 2 too
    assert batch.counts["new"] == 0
    assert all(d["decision"] == "link" for d in batch.report["duplicates"])


def test_an_unknown_bulk_value_changes_nothing(personas, batch, act):
    response, _page = act(
        personas["admin"], reverse("workspace:import_duplicates", args=[batch.pk]), {"link_at": "50"}
    )
    assert response.status_code == 302
    batch.refresh_from_db()
    assert batch.resolutions == {} and batch.status == ImportBatch.Status.PREVIEWED


def test_notices_are_listed_apart_from_invalid_rows(personas, tmp_path, admin_user):
    rows = [uprinfo_row(detention(1)), uprinfo_row(detention(1)), uprinfo_row("")]
    batch = upload(admin_user, write_csv(tmp_path / "uprinfo.csv", UPRINFO_HEADERS, rows))
    page = personas["admin"].get(batch.get_absolute_url()).content.decode()
    notices = page[page.index('<h2 id="notices-heading"') :]
    notices = notices[: notices.index("</section>")]
    assert "<li>Row 3 repeats row 2; it was imported once.</li>" in notices
    assert "text is missing" not in notices and "Invalid rows" in page
    assert re.search(r"Repeated rows \(imported once\)</th><td[^>]*>1<", page)
