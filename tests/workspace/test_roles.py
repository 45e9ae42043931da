"""URL by URL, each role sees and changes only what it may: 404 to hide, 403 to refuse a change."""

import pytest
from django.urls import reverse

from nmirf.audit import history_for
from recommendations.models import Recommendation
from tests.factories import ClusterFactory, RecommendationFactory, SourceDocumentFactory

pytestmark = pytest.mark.django_db

LOGIN = "/en/accounts/login/"


@pytest.fixture
def objects():
    cluster = ClusterFactory()
    other = ClusterFactory()
    return {
        "rec": RecommendationFactory(cluster=cluster),
        "cluster": cluster,
        "other": other,
        "document": SourceDocumentFactory(),
    }


def read_urls(o):
    return [
        reverse("workspace:home"),
        reverse("workspace:recommendation_list"),
        reverse("workspace:recommendation_detail", args=[o["rec"].pk]),
        reverse("workspace:document_list"),
        reverse("workspace:cluster_list"),
        reverse("workspace:cluster_detail", args=[o["cluster"].pk]),
    ]


def change_urls(o):
    return [
        reverse("workspace:recommendation_create"),
        reverse("workspace:recommendation_edit", args=[o["rec"].pk]),
        reverse("workspace:document_create"),
        reverse("workspace:document_edit", args=[o["document"].pk]),
        reverse("workspace:cluster_create"),
        reverse("workspace:cluster_edit", args=[o["cluster"].pk]),
    ]


def history_urls(o):
    return [
        reverse("workspace:recommendation_history", args=[o["rec"].pk]),
        reverse("workspace:cluster_history", args=[o["cluster"].pk]),
    ]


def post_urls(o):
    return {
        reverse("workspace:recommendation_bulk"): {"action": "publish", "scope": "all"},
        reverse("workspace:cluster_merge", args=[o["cluster"].pk]): {"target": o["other"].pk},
        reverse("workspace:cluster_apply_institutions", args=[o["cluster"].pk]): {"mode": "supporting"},
    }


@pytest.mark.parametrize("role", ["admin", "secretariat"])
def test_curators_reach_every_page(personas, objects, role):
    client = personas[role]
    for url in read_urls(objects) + change_urls(objects) + history_urls(objects):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("role", ["focal", "focal2", "consultative"])
def test_readers_read_but_cannot_change(personas, objects, role):
    client = personas[role]
    for url in read_urls(objects):
        assert client.get(url).status_code == 200, url
    for url in change_urls(objects):
        assert client.get(url).status_code == 403, url
        assert client.post(url, {}).status_code == 403, url
    for url in history_urls(objects):
        assert client.get(url).status_code == 404, url
    for url, data in post_urls(objects).items():
        assert client.post(url, data).status_code == 403, url
    assert Recommendation.objects.filter(cluster=objects["cluster"]).exists()


def test_users_without_a_role_see_nothing(personas, objects):
    client = personas["no_role"]
    for url in read_urls(objects) + change_urls(objects) + history_urls(objects):
        assert client.get(url).status_code == 404, url


def test_the_public_is_sent_to_the_login_page(personas, objects):
    client = personas["public"]
    for url in read_urls(objects) + change_urls(objects) + history_urls(objects) + list(post_urls(objects)):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(LOGIN), url
    for url, data in post_urls(objects).items():
        assert client.post(url, data).status_code == 302
    assert personas["public"].get("/en/").status_code == 200
    assert personas["public"].get(LOGIN).status_code == 200


def test_restore_is_for_those_who_may_change_the_record(personas, objects, secretariat, admin_user):
    from nmirf.audit import save_with_history
    from recommendations.models import Theme
    from recommendations.services import recommendation_update

    rec = objects["rec"]
    recommendation_update(user=secretariat, recommendation=rec, values={"paragraph": "99.9"})
    entry = history_for(rec).first()
    url = reverse("workspace:history_restore", args=[entry.pk])
    assert personas["focal"].post(url).status_code == 404
    assert personas["consultative"].post(url).status_code == 404
    assert personas["public"].post(url).status_code == 302
    assert personas["secretariat"].get(url).status_code == 200  # the differences, before anything happens
    assert personas["secretariat"].post(url).status_code == 302
    # Taxonomies are the administrators': the secretariat may not restore a theme's version.
    theme = save_with_history(
        user=admin_user, instance=Theme(), values={"code": "water", "name": "Water"}, action="theme_create"
    )
    theme_url = reverse("workspace:history_restore", args=[history_for(theme).first().pk])
    assert personas["secretariat"].get(theme_url).status_code == 403
    assert personas["secretariat"].post(theme_url).status_code == 403
    assert personas["admin"].get(theme_url).status_code == 200


def test_pages_refuse_wrong_methods(personas, objects):
    client = personas["secretariat"]
    assert client.get(reverse("workspace:recommendation_bulk")).status_code == 405
    assert client.get(reverse("workspace:cluster_merge", args=[objects["cluster"].pk])).status_code == 405
    assert client.get(reverse("workspace:recommendation_detail", args=[999999])).status_code == 404
