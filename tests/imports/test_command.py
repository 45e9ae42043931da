"""manage.py import_recommendations prints the browser's summary and says no clearly."""

import pytest
from django.core.management import CommandError, call_command

from recommendations.models import Recommendation
from tests.imports.files import UHRI_HEADERS, uhri_row, write_xlsx

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
