"""Every workspace page renders for the secretariat, with the data a user expects to see on it."""

import pytest
from django.urls import reverse

from recommendations.models import Recommendation
from tests.factories import ClusterFactory, RecommendationFactory, SourceDocumentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(justice):
    cluster = ClusterFactory(name="Justice reform", lead_institution=justice)
    document = SourceDocumentFactory(symbol="A/HRC/52/12")
    recommendation = RecommendationFactory(
        text_en="Ratify the Optional Protocol to the Convention against Torture (Germany);",
        source_document=document,
        paragraph="137.5",
        cluster=cluster,
        position=Recommendation.Position.SUPPORTED,
    )
    return {"cluster": cluster, "document": document, "recommendation": recommendation}


def test_each_page_shows_its_content(personas, data):
    client = personas["secretariat"]
    rec, cluster = data["recommendation"], data["cluster"]
    pages = {
        reverse("workspace:home"): "Implementation status",
        reverse("workspace:recommendation_list"): "Ratify the Optional Protocol",
        reverse("workspace:recommendation_detail", args=[rec.pk]): "A/HRC/52/12",
        reverse("workspace:recommendation_edit", args=[rec.pk]): "Text in Arabic",
        reverse("workspace:recommendation_history", args=[rec.pk]): "History of",
        reverse("workspace:recommendation_create"): "Add a recommendation",
        reverse("workspace:document_list"): "A/HRC/52/12",
        reverse("workspace:document_create"): "Document symbol",
        reverse("workspace:cluster_list"): "Justice reform",
        reverse("workspace:cluster_detail", args=[cluster.pk]): "137.5",
        reverse("workspace:cluster_create"): "Name in English",
        reverse("workspace:cluster_edit", args=[cluster.pk]): "Justice reform",
    }
    for url, expected in pages.items():
        response = client.get(url)
        assert response.status_code == 200, url
        assert expected in response.content.decode(), url


def test_public_home_and_login_page(client, data):
    assert "Recommendations received" in client.get("/en/").content.decode()
    assert client.get("/ar/").content.decode().count('dir="rtl"') == 1
    assert client.get(reverse("login")).status_code == 200
    assert client.get("/health/").json() == {"status": "ok"}


def test_language_switcher_links_to_the_same_page(personas, data):
    html = personas["secretariat"].get("/fr/workspace/clusters/").content.decode()
    assert 'href="/ar/workspace/clusters/"' in html
    assert 'href="/zh-hans/workspace/clusters/"' in html


def test_text_shows_in_the_page_language_with_the_original(personas):
    rec = RecommendationFactory(
        text_en="Abolish the death penalty (Italy);", text_fr="Abolir la peine de mort (Italie);"
    )
    client = personas["secretariat"]
    french = client.get(f"/fr/workspace/recommendations/{rec.pk}/").content.decode()
    assert (
        '<blockquote class="recommendation-text border-start border-4 ps-3" lang="fr">Abolir la peine'
        in french
    )
    assert 'lang="en" dir="auto">Abolish the death penalty' in french
    russian = client.get(f"/ru/workspace/recommendations/{rec.pk}/").content.decode()
    assert "Abolir" not in russian and 'lang="en" dir="auto">Abolish the death penalty' in russian
    listing = client.get("/fr/workspace/recommendations/").content.decode()
    assert 'lang="fr">Abolir la peine de mort' in listing
