"""manage.py import_recommendations prints the browser's summary and says no clearly."""

import pytest
from django.core.management import CommandError, call_command

from recommendations.models import Recommendation
from tests.imports.files import UHRI_HEADERS, UPRINFO_HEADERS, uhri_row, uprinfo_row, write_csv, write_xlsx

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    from io import StringIO

    out = StringIO()
    call_command("import_recommendations", *args, stdout=out)
    return out.getvalue()


def test_dry_run_then_import(tmp_path, settings):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    path = write_xlsx(tmp_path / "uhri.xlsx", UHRI_HEADERS, [uhri_row(1), uhri_row(2, country="Spain")])
    output = run(str(path), "--state", "France", "--dry-run")
    assert "new 1, updated 0, unchanged 0, invalid 0, skipped 1" in output and "Dry run" in output
    assert not Recommendation.objects.exists()
    assert "Imported" in run(str(path), "--state", "all")
    assert Recommendation.objects.count() == 2
    assert "new 0, updated 0, unchanged 2" in run(str(path), "--state", "all")


def test_refusals_are_one_line(tmp_path, settings):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    with pytest.raises(CommandError, match="No such file"):
        run(str(tmp_path / "missing.xlsx"))
    path = write_xlsx(tmp_path / "uhri.xlsx", UHRI_HEADERS, [uhri_row(1, body="Nobody")])
    with pytest.raises(CommandError, match="invalid"):
        run(str(path), "--state", "FRA")
    with pytest.raises(CommandError, match="Unknown State"):
        run(str(path), "--state", "Atlantis")
    with pytest.raises(CommandError, match="Unknown format"):
        run(str(path), "--format", "pdf")
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    with pytest.raises(CommandError):
        run(str(empty), "--state", "all")
    assert "row 2, mechanism: Unknown mechanism" in run(str(path), "--state", "FRA", "--skip-invalid")


def test_a_upr_info_export_whose_rows_repeat_imports_every_distinct_row(tmp_path, settings):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    texts = [f"Ratify the Optional Protocol to the Convention against Torture, measure {n}" for n in (1, 2)]
    rows = [
        uprinfo_row(texts[0]),  # row 2
        uprinfo_row(texts[0]),  # row 3
        uprinfo_row(texts[1], state="Spain", recommending="Chile"),  # row 4
        uprinfo_row(texts[1], state="Spain", recommending="Chile"),  # row 5
        uprinfo_row(texts[1], state="Spain", recommending="Peru"),  # row 6: another recommending State
    ]
    path = write_csv(tmp_path / "uprinfo.csv", UPRINFO_HEADERS, rows, encoding="cp1252")
    output = run(str(path), "--state", "all")  # raises CommandError (exit status 1 or 2) on a refusal
    assert "rows 5: new 3, updated 0, unchanged 0, invalid 0, skipped 0, repeated 2" in output
    assert "  notice: Row 3 repeats row 2; it was imported once." in output
    assert "  notice: Row 5 repeats row 4; it was imported once." in output
    assert "Imported" in output
    assert sorted(Recommendation.objects.values_list("state__code", "recommending_states__code")) == [
        ("ESP", "CHL"),
        ("ESP", "PER"),
        ("FRA", "DEU"),
    ]
