"""List pages run a fixed number of queries, however many rows they show (no N+1)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from recommendations.models import Country, Theme
from tests.factories import ClusterFactory, RecommendationFactory

pytestmark = pytest.mark.django_db


def queries_for(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def add(count: int) -> None:
    cluster = ClusterFactory()
    themes = list(Theme.objects.all()[:3])
    for _ in range(count):
        rec = RecommendationFactory(cluster=cluster, themes=themes)
        rec.recommending_states.set(Country.objects.filter(code__in=["ESP", "NOR"]))


@pytest.mark.parametrize(
    "url",
    ["/en/workspace/recommendations/", "/en/workspace/recommendations/?q=defenders&mechanism_type=upr"],
)
def test_recommendation_list_queries_do_not_grow_with_rows(personas, url):
    client = personas["secretariat"]
    add(2)
    few = queries_for(client, url)
    add(20)
    assert queries_for(client, url) == few


def test_cluster_list_and_page_queries_do_not_grow(personas):
    client = personas["secretariat"]
    add(2)
    cluster_url = "/en/workspace/clusters/"
    few = queries_for(client, cluster_url)
    add(10)
    assert queries_for(client, cluster_url) == few
