"""Exports: every field, streamed, formula-safe; export → wipe → import → export gives the same data."""

import csv
import io
import json

import openpyxl
import pytest

from recommendations.models import Cluster, Recommendation, SourceDocument, Theme
from sdg.models import Goal, Target
from tests.factories import ClusterFactory, RecommendationFactory, SourceDocumentFactory, country, mechanism
from tests.imports.test_import_service import commit, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(justice, health):
    cluster = ClusterFactory(name="Justice reform", lead_institution=justice)
    upr = SourceDocumentFactory(symbol="A/HRC/54/10", session="43")
    crc = SourceDocumentFactory(symbol="CRC/C/FRA/CO/6", mechanism=mechanism("CRC"), cycle=None)
    first = RecommendationFactory(
        text_en="Ratify the Optional Protocol (Germany);",
        text_fr="Ratifier le Protocole facultatif (Allemagne);",
        text_ar="التصديق على البروتوكول الاختياري (ألمانيا)؛",
        source_document=upr,
        position="supported",
        cycle=4,
        external_id="uhri-1",
        cluster=cluster,
        lead_institution=justice,
        status="in_progress",
        requires_legislation=True,
        themes=[Theme.objects.get(code="death-penalty")],
    )
    first.recommending_states.set([country("DEU"), country("ESP")])
    first.supporting_institutions.set([health])
    first.sdg_goals.set([Goal.objects.get(code="16")])
    first.sdg_targets.set([Target.objects.get(code="16.3")])
    RecommendationFactory(
        text_en='=HYPERLINK("http://evil.example") The Committee recommends free birth registration.',
        mechanism=mechanism("CRC"),
        source_document=crc,
        kind="observation",
        paragraph="22 (a)",
        published=False,
    )


def rows(response) -> list[dict]:
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(body)))


# The import a record came from belongs to this database: a re-import is its own provenance.
LOCAL = {"id", "source_format", "source_file", "import_batch", "import_row"}


def without_ids(records: list[dict]) -> list[dict]:
    return sorted(
        ({k: v for k, v in r.items() if k not in LOCAL} for r in records), key=lambda r: r["paragraph"]
    )


def test_csv_xlsx_json_have_every_field_and_neutralise_formulas(personas, data):
    client = personas["secretariat"]
    records = rows(client.get("/en/workspace/recommendations/export/csv/"))
    assert len(records) == 2
    first = next(r for r in records if r["external_id"] == "uhri-1")
    assert first["cluster"] == "Justice reform" and first["lead_institution"] == "Ministry of Justice"
    assert first["recommending_states"] == "DEU | ESP" and first["sdg_targets"] == "16.3"
    assert first["text_ar"].startswith("التصديق") and first["status"] == "in_progress"
    other = next(r for r in records if r["paragraph"] == "22 (a)")
    assert other["text_en"].startswith("'=HYPERLINK") and other["published"] == "false"
    workbook = openpyxl.load_workbook(
        io.BytesIO(b"".join(client.get("/en/workspace/recommendations/export/xlsx/")))
    )
    sheet = list(workbook.active.values)
    assert len(sheet) == 3 and "text_zh_hans" in sheet[0]
    items = json.loads(
        b"".join(client.get("/en/workspace/recommendations/export/json/?mechanism=CRC").streaming_content)
    )
    assert [item["paragraph"] for item in items] == ["22 (a)"] and items[0]["themes"] == []
    assert client.get("/en/workspace/recommendations/export/pdf/").status_code == 404
    assert personas["public"].get("/en/workspace/recommendations/export/csv/").status_code == 302


def test_export_wipe_import_compare(personas, data, admin_user, tmp_path):
    client = personas["secretariat"]
    before = rows(client.get("/en/workspace/recommendations/export/csv/"))
    path = tmp_path / "export.csv"
    path.write_bytes(b"".join(client.get("/en/workspace/recommendations/export/csv/").streaming_content))
    Recommendation.objects.all().delete()
    Cluster.objects.all().delete()
    SourceDocument.objects.all().delete()
    batch = commit(admin_user, upload(admin_user, path, state_scope=""))
    assert batch.status == "imported", batch.error or batch.report
    assert batch.format == "nmirf"
    after = rows(client.get("/en/workspace/recommendations/export/csv/"))
    assert without_ids(after) == without_ids(before)
    assert Recommendation.objects.get(paragraph="22 (a)").text_en.startswith("=HYPERLINK")


def test_own_export_translated_by_hand_comes_back_as_translations(personas, data, admin_user, tmp_path):
    records = rows(personas["secretariat"].get("/en/workspace/recommendations/export/csv/?mechanism=CRC"))
    records[0]["text_es"] = "El Comité recomienda la inscripción gratuita de los nacimientos."
    path = tmp_path / "es.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(records[0]))
        writer.writeheader()
        writer.writerows(records)
    batch = commit(
        admin_user, upload(admin_user, path, state_scope="", language="es", translations_only=True)
    )
    assert batch.status == "imported" and batch.counts["updated"] == 1, batch.report
    assert Recommendation.objects.get(paragraph="22 (a)").text_es.startswith("El Comité")
