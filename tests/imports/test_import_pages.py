"""The import pages in the browser's terms: upload, preview, decide, confirm, result, undo; roles."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from recommendations.models import ImportBatch, Recommendation
from tests.imports.files import UHRI_HEADERS, uhri_row, write_csv, write_xlsx

pytestmark = pytest.mark.django_db


def post_file(act, client, path, **data):
    payload = {
        "file": SimpleUploadedFile(path.name, path.read_bytes()),
        "state_scope": "FRA",
        "language": "en",
        "dayfirst": "on",
    }
    return act(client, reverse("workspace:import_list"), payload | data)


def test_administrator_imports_checks_and_undoes(personas, tmp_path, act):
    client = personas["admin"]
    path = write_xlsx(
        tmp_path / "uhri.xlsx", UHRI_HEADERS, [uhri_row(1), uhri_row(2), uhri_row(3, body="Nobody")]
    )
    page = post_file(act, client, path).content.decode()
    assert "What the import will do" in page and "Unknown mechanism" in page
    assert "Skip the 1 invalid row and import the others" in page
    batch = ImportBatch.objects.get()
    response = act(client, reverse("workspace:import_confirm", args=[batch.pk]))
    assert "rows are invalid" in response.content.decode()
    assert not Recommendation.objects.exists()
    # Skipping the invalid rows needs no new upload: a box on the same page.
    page = act(
        client, reverse("workspace:import_confirm", args=[batch.pk]), {"skip_invalid": "1"}
    ).content.decode()
    assert "Result" in page and Recommendation.objects.count() == 2
    page = client.get(reverse("workspace:import_list")).content.decode()
    assert "uhri.xlsx" in page and batch.checksum[:12] in page
    # Undo shows what it will do first, and changes nothing until confirmed.
    page = client.get(reverse("workspace:import_undo", args=[batch.pk])).content.decode()
    assert "What the undo will do" in page and Recommendation.objects.count() == 2
    page = act(client, reverse("workspace:import_undo", args=[batch.pk])).content.decode()
    assert "Undone. Records removed: 2;" in page and not Recommendation.objects.exists()
    page = client.get(reverse("workspace:import_undo", args=[batch.pk]), follow=True).content.decode()
    assert "already been undone" in page


def test_a_waiting_preview_is_discarded_from_its_page(personas, tmp_path, act):
    client = personas["admin"]
    path = write_xlsx(tmp_path / "uhri.xlsx", UHRI_HEADERS, [uhri_row(1)])
    page = post_file(act, client, path).content.decode()
    assert "Discard this file" in page
    batch = ImportBatch.objects.get()
    page = act(client, reverse("workspace:import_discard", args=[batch.pk])).content.decode()
    assert "The file is discarded" in page and "Discarded" in page
    page = act(client, reverse("workspace:import_confirm", args=[batch.pk])).content.decode()
    assert "Only a checked file can be imported." in page and not Recommendation.objects.exists()


def test_unknown_columns_are_mapped_and_the_mapping_is_offered_again(personas, tmp_path, act):
    client = personas["admin"]
    headers = ["Recommandation", "Organe", "Paragraphe"]
    rows = [["Garantir l'accès à l'eau potable dans les zones rurales.", "CESCR", "22"]]
    path = write_csv(tmp_path / "national.csv", headers, rows)
    page = post_file(act, client, path, language="fr").content.decode()
    assert "Which column holds what?" in page
    batch = ImportBatch.objects.get()
    mapping = {
        "map_text": "Recommandation",
        "map_mechanism": "Organe",
        "map_paragraph": "Paragraphe",
        "profile_name": "Ministry sheet",
    }
    page = act(client, reverse("workspace:import_mapping", args=[batch.pk]), mapping).content.decode()
    assert "What the import will do" in page
    act(client, reverse("workspace:import_confirm", args=[batch.pk]))
    rec = Recommendation.objects.get()
    assert (
        rec.mechanism.code == "CESCR" and rec.text_fr.startswith("Garantir") and rec.original_language == "fr"
    )
    post_file(
        act, client, write_csv(tmp_path / "next.csv", headers, [["Autre texte à importer ici.", "CRC", "3"]])
    )
    assert ImportBatch.objects.latest("pk").format == "profile:Ministry sheet"


@pytest.mark.parametrize("role", ["secretariat", "focal", "consultative", "no_role"])
def test_only_administrators_import(personas, tmp_path, role, admin_user, act):
    path = write_xlsx(tmp_path / "uhri.xlsx", UHRI_HEADERS, [uhri_row(1)])
    post_file(act, personas["admin"], path)
    batch = ImportBatch.objects.get()
    client = personas[role]
    assert client.get(reverse("workspace:import_list")).status_code == 404
    assert client.get(batch.get_absolute_url()).status_code == 404
    for name in (
        "import_confirm",
        "import_undo",
        "import_resolve",
        "import_duplicates",
        "import_mapping",
        "import_discard",
    ):
        assert client.post(reverse(f"workspace:{name}", args=[batch.pk])).status_code == 404
    assert personas["public"].get(reverse("workspace:import_list")).status_code == 302
    assert not Recommendation.objects.exists()


def test_upload_limit(personas, tmp_path, settings, act):
    settings.UPLOAD_MAX_MB = 0
    page = post_file(
        act, personas["admin"], write_xlsx(tmp_path / "u.xlsx", UHRI_HEADERS, [uhri_row(1)])
    ).content.decode()
    assert "larger than 0 MB" in page and not ImportBatch.objects.exists()
