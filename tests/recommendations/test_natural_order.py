"""Paragraphs in natural order everywhere recommendations are listed (issue 13, item 6), and the
default order read from an index on PostgreSQL."""

import csv
import datetime
import io
import json
import random

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from recommendations.filters import RecommendationQuery
from recommendations.models import Recommendation
from recommendations.ordering import paragraph_key
from recommendations.selectors import recommendation_list
from reporting.content import report_content
from reporting.rendering import report_html
from reporting.services import report_prepare
from tests.factories import ClusterFactory, RecommendationFactory, SourceDocumentFactory, country, mechanism

pytestmark = pytest.mark.django_db

NATURAL = ["28.1", "28.2", "28.10", "28.100", "80(b)", "80(c)", "121.9", "121.10"]
SORTS = ["", "paragraph", "-date", "date", "mechanism", "status"]


@pytest.fixture
def numbered(justice):
    """The paragraphs of one document, created in text order: neither ids nor texts give the natural one."""
    document = SourceDocumentFactory(symbol="A/HRC/54/10", cycle=4)
    cluster = ClusterFactory(name="Justice")
    for paragraph in sorted(NATURAL):
        RecommendationFactory(
            paragraph=paragraph, source_document=document, cycle=4, cluster=cluster, lead_institution=justice
        )
    assert list(Recommendation.objects.order_by("pk").values_list("paragraph", flat=True)) != NATURAL


def paragraphs(rows) -> list[str]:
    return [row.paragraph for row in rows]


@pytest.mark.parametrize("sort", SORTS)
def test_the_workspace_list(personas, numbered, sort):
    response = personas["secretariat"].get(f"/en/workspace/recommendations/?sort={sort}")
    assert paragraphs(response.context["page"].object_list) == NATURAL


@pytest.mark.parametrize("sort", SORTS)
def test_the_portal_list(numbered, sort):
    response = Client().get(f"/en/recommendations/?sort={sort}")
    assert paragraphs(response.context["page"].object_list) == NATURAL


@pytest.mark.parametrize("sort", SORTS)
def test_the_api(numbered, sort):
    results = Client().get(f"/api/recommendations/?sort={sort}").json()["results"]
    assert [item["paragraph"] for item in results] == NATURAL


def test_a_focal_points_work_page(personas, numbered):
    Recommendation.objects.update(update_deadline=timezone.localdate() + datetime.timedelta(days=3))
    response = personas["focal"].get("/en/workspace/my/")
    assert paragraphs(response.context["page"].object_list) == NATURAL
    assert paragraphs(item.obj for item in response.context["work"].due) == NATURAL


def _csv(response) -> list[str]:
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    return [row["paragraph"] for row in csv.DictReader(io.StringIO(body))]


@pytest.mark.parametrize("sort", ["", "paragraph"])
def test_the_exports(personas, numbered, sort):
    workspace = personas["secretariat"].get(f"/en/workspace/recommendations/export/csv/?sort={sort}")
    assert _csv(workspace) == NATURAL
    assert _csv(Client().get(f"/en/recommendations/export/csv/?sort={sort}")) == NATURAL
    body = b"".join(Client().get(f"/en/recommendations/export/json/?sort={sort}").streaming_content)
    assert [item["paragraph"] for item in json.loads(body)] == NATURAL


def test_an_export_follows_the_chosen_order_across_chunks(personas, numbered, monkeypatch):
    monkeypatch.setattr("recommendations.exporting.CHUNK", 3)
    response = personas["secretariat"].get("/en/workspace/recommendations/export/csv/?sort=paragraph")
    assert _csv(response) == NATURAL


def test_the_reports_annex_and_tables_by_cluster(numbered):
    today = timezone.localdate()
    references = [f"A/HRC/54/10, para. {paragraph}" for paragraph in NATURAL]
    parliament = report_prepare(values={"kind": "parliament"})
    html, content = report_html(parliament, today=today)
    assert [item.reference for item in content["annex"]] == references
    annex = html[html.index('id="annex"') :]
    places = [annex.index(reference) for reference in references]
    assert places == sorted(places)
    upr = report_content(report_prepare(values={"kind": "mechanism"}), today=today)
    assert [[item.reference for item in group["items"]] for group in upr["groups"]] == [references]


def test_paragraphs_of_other_documents_and_mechanisms_keep_their_groups(personas, numbered):
    """Sorted by document and paragraph: a document's paragraphs together, in natural order."""
    crc = SourceDocumentFactory(symbol="CRC/C/FRA/CO/6", mechanism=mechanism("CRC"), cycle=None)
    for paragraph in ["9", "10", "8 (a)"]:
        RecommendationFactory(paragraph=paragraph, mechanism=mechanism("CRC"), source_document=crc)
    response = personas["secretariat"].get("/en/workspace/recommendations/?sort=paragraph")
    assert paragraphs(response.context["page"].object_list) == [*NATURAL, "8 (a)", "9", "10"]


# The default order from an index (PostgreSQL) -------------------------------------------------------


def _plan(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


def test_a_page_in_the_default_order_is_read_from_the_index():
    if connection.vendor != "postgresql":
        pytest.skip("query plans are PostgreSQL's (CI runs PostgreSQL)")
    rng = random.Random(6)
    upr, state = mechanism("UPR"), country("FRA")
    Recommendation.objects.bulk_create(
        Recommendation(
            state=state,
            mechanism=upr,
            text=f"Recommendation {n}",
            text_en=f"Recommendation {n}",
            paragraph=(paragraph := f"{rng.randrange(90, 160)}.{rng.randrange(1, 300)}"),
            paragraph_key=paragraph_key(paragraph),
            date=datetime.date(2008, 1, 1) + datetime.timedelta(days=rng.randrange(6000)),
            published=rng.random() < 0.95,
        )
        for n in range(4000)
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE recommendations_recommendation")
        # Whether the index can give the order, not whether the planner prefers it on a small table.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        cursor.execute("SET LOCAL enable_sort = off")
    public = RecommendationQuery()
    public.published = True
    for query in (RecommendationQuery(), public):
        page = recommendation_list(query=query).values_list("pk", flat=True)[50:75]
        plan = _plan(page)
        assert "rec_date_paragraph_idx" in plan, plan
        assert "Sort" not in plan, plan
        ids = list(page)
        expected = sorted(
            Recommendation.objects.filter(**({"published": True} if query.published else {})).values_list(
                "date", "paragraph_key", "pk"
            ),
            key=lambda row: (-row[0].toordinal(), row[1], row[2]),
        )[50:75]
        assert ids == [pk for _date, _key, pk in expected]
