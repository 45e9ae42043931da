"""The public tracker: every page type answers in each language, and shows only what is published."""

import pytest
from django.core.cache import cache
from django.test import Client

from tests.factories import InstitutionFactory

pytestmark = pytest.mark.django_db


def page(client: Client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


@pytest.mark.parametrize("language", ["en", "ar", "es", "fr", "ru", "zh-hans"])
def test_every_page_type_answers_in_every_language(tracker, language):
    client = Client()
    rec, cluster = tracker["published"], tracker["cluster"]
    for path in [
        "",
        "recommendations/",
        "recommendations/?q=legal+aid&status=in_progress",
        f"recommendations/{rec.pk}/",
        "clusters/",
        f"clusters/{cluster.pk}/",
        "mechanisms/",
        f"mechanisms/{rec.mechanism_id}/",
        "institutions/",
        f"institutions/{tracker['justice'].pk}/",
        "sdg/",
        "sdg/5/",
        "sdg/target/5.2/",
        "open-data/",
    ]:
        html = page(client, f"/{language}/{path}")
        assert f'lang="{language}"' in html
        assert ('dir="rtl"' in html) == (language == "ar")


def test_recommendation_page_shows_text_source_status_history_and_published_update(tracker):
    rec = tracker["published"]
    html = page(Client(), f"/en/recommendations/{rec.pk}/")
    assert "Ensure that every woman has access to legal aid in rural areas" in html
    assert "118.7" in html
    assert "In progress" in html
    assert "Status history" in html
    assert "Legal aid offices opened in 12 rural districts." in html
    assert "decree.pdf" in html
    # The draft update and the unpublished evidence file stay private.
    assert "budget still under negotiation" not in html
    assert "internal.pdf" not in html
    # Links lead to the cluster, the SDG target and the institution pages.
    assert f"/en/clusters/{tracker['cluster'].pk}/" in html
    assert "/en/sdg/target/5.2/" in html
    assert f"/en/institutions/{tracker['justice'].pk}/" in html


def test_text_in_the_page_language_with_the_original_beside_it(tracker):
    rec = tracker["published"]
    spanish = page(Client(), f"/es/recommendations/{rec.pk}/")
    assert "Garantizar que todas las mujeres" in spanish
    assert "Ensure that every woman" in spanish  # the original, beside the translation
    arabic = page(Client(), f"/ar/recommendations/{rec.pk}/")
    assert "ضمان حصول كل امرأة" in arabic


def test_untranslated_text_falls_back_to_the_original_with_a_note(tracker):
    rec = tracker["published"]
    html = page(Client(), "/fr/recommendations/")
    assert "Ensure that every woman" in html
    assert "non traduit" in html or "not translated" in html
    detail = page(Client(), f"/fr/recommendations/{rec.pk}/")
    assert 'lang="en"' in detail


def test_withheld_recommendations_are_unreachable(tracker):
    client = Client()
    withheld = tracker["withheld"]
    page(client, f"/en/recommendations/{withheld.pk}/", 404)
    assert "secret prisons" not in page(client, "/en/recommendations/")
    assert "secret prisons" not in page(client, "/en/recommendations/?q=secret")
    assert "secret prisons" not in page(client, "/en/recommendations/?published=false")
    # A cluster with nothing published is not public either.
    page(client, f"/en/clusters/{tracker['hidden_cluster'].pk}/", 404)
    assert "Internal working group" not in page(client, "/en/clusters/")
    # An institution that only leads withheld recommendations is not listed.
    page(client, f"/en/institutions/{tracker['health'].pk}/", 404)


@pytest.mark.parametrize("fmt", ["csv", "json", "xlsx"])
def test_downloads_hold_only_published_recommendations(tracker, fmt):
    response = Client().get(f"/en/recommendations/export/{fmt}/")
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.getvalue()
    if fmt == "xlsx":
        import io

        import openpyxl

        sheet = openpyxl.load_workbook(io.BytesIO(body)).active
        body = "\n".join(str(cell.value) for row in sheet.iter_rows() for cell in row).encode()
    assert b"legal aid in rural areas" in body
    assert b"secret prisons" not in body


@pytest.mark.parametrize("name", ["clusters", "mechanisms", "institutions", "sdg"])
@pytest.mark.parametrize("fmt", ["csv", "json", "xlsx"])
def test_every_list_downloads(tracker, name, fmt):
    response = Client().get(f"/en/{name}/export/{fmt}/")
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith(f'.{fmt}"')
    body = b"".join(response.streaming_content) if response.streaming else response.getvalue()
    if fmt == "csv":
        assert b"Internal working group" not in body
        assert body.count(b"\n") >= 2  # a header and at least one row


def test_unknown_download_format_is_404(tracker):
    page(Client(), "/en/clusters/export/pdf/", 404)
    page(Client(), "/en/recommendations/export/exe/", 404)


def test_institution_page_has_no_personal_contact_data(tracker):
    justice = tracker["justice"]
    justice.contact_name, justice.email, justice.phone = (
        "Ms Private Person",
        "private@justice.gov",
        "+1 555 0100",
    )
    justice.save()
    for url in (f"/en/institutions/{justice.pk}/", "/en/institutions/", "/en/institutions/export/csv/"):
        response = Client().get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        for secret in (b"Ms Private Person", b"private@justice.gov", b"555 0100"):
            assert secret not in body, url


def test_inactive_institution_is_not_public(tracker):
    retired = InstitutionFactory(name="Retired ministry", active=False)
    tracker["published"].supporting_institutions.add(retired)
    page(Client(), f"/en/institutions/{retired.pk}/", 404)


def test_evidence_downloads_only_when_published(tracker):
    client = Client()
    response = client.get(f"/en/evidence/{tracker['evidence'].pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    page(client, f"/en/evidence/{tracker['private_evidence'].pk}/", 404)


def test_evidence_of_a_withdrawn_update_is_no_longer_public(tracker, secretariat):
    from focalpoints.services import update_set_published

    update_set_published(user=secretariat, update=tracker["update"], published=False)
    page(Client(), f"/en/evidence/{tracker['evidence'].pk}/", 404)
    assert "Legal aid offices opened" not in page(Client(), f"/en/recommendations/{tracker['published'].pk}/")


def test_language_switcher_keeps_the_page_and_query(tracker):
    html = page(Client(), "/en/recommendations/?q=legal&status=in_progress")
    assert 'href="/ar/recommendations/?q=legal&amp;status=in_progress"' in html
    assert 'href="/zh-hans/recommendations/?q=legal&amp;status=in_progress"' in html
    pk = tracker["published"].pk
    assert f'href="/fr/recommendations/{pk}/"' in page(Client(), f"/es/recommendations/{pk}/")
    # A page that does not exist still offers the languages (each link to the same address).
    assert 'href="/en/no-such-page/" lang="ru" hreflang="ru"' in page(Client(), "/en/no-such-page/", 404)


def test_bad_filter_values_are_explained_not_fatal(tracker):
    html = page(Client(), "/en/recommendations/?status=finished&cycle=two")
    assert "Unknown value for status ignored: finished" in html
    assert "legal aid in rural areas" in html


def test_home_page_figures_updates_and_deadlines(tracker):
    html = page(Client(), "/en/")
    assert "1 published recommendation" in html
    assert "Legal aid offices opened" not in html  # the home lists updates by recommendation, not text
    assert f"/en/recommendations/{tracker['published'].pk}/" in html
    assert "<svg" in html and "<table" in html


def test_search_list_does_not_grow_queries_with_results(tracker, portal_cache, django_assert_max_num_queries):
    """Uncached pages read a fixed number of queries (the small tables' copies already made)."""
    from django.db import connection

    from tests.factories import RecommendationFactory

    for n in range(30):
        RecommendationFactory(text_en=f"Ensure legal aid, variant {n}", lead_institution=tracker["justice"])
    page(Client(), "/en/recommendations/?q=ensure")  # another search and another recommendation make
    page(Client(), f"/en/recommendations/{tracker['withheld'].pk}/", 404)  # the process's copies
    page(Client(), f"/en/recommendations/{RecommendationFactory().pk}/")
    # On PostgreSQL the facets and the page's ids come in one query; elsewhere, one query per facet.
    with django_assert_max_num_queries(4 if connection.vendor == "postgresql" else 14):
        page(Client(), "/en/recommendations/?q=legal+aid")
    with django_assert_max_num_queries(7):
        page(Client(), f"/en/recommendations/{tracker['published'].pk}/")


def test_portal_pages_are_not_staff_pages(tracker):
    """Anonymous visitors are sent to the login page from any staff page."""
    for url in ("/en/workspace/", "/en/workspace/feedback/", "/en/workspace/recommendations/"):
        response = Client().get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url


def test_pages_stay_light(tracker):
    """The HTML of a full results page and of a recommendation page stays far under 100 KB."""
    from tests.factories import RecommendationFactory

    long_text = "Adopt a comprehensive anti-discrimination law covering all grounds of discrimination " * 6
    for n in range(30):
        RecommendationFactory(text_en=f"{long_text} ({n})", lead_institution=tracker["justice"])
    for url in (
        "/en/recommendations/",
        "/ar/recommendations/?q=law",
        f"/en/recommendations/{tracker['published'].pk}/",
    ):
        assert len(Client().get(url).content) < 60_000, url


def test_untranslated_cluster_name_says_which_language_it_is_in(tracker):
    html = page(Client(), f"/fr/clusters/{tracker['cluster'].pk}/")
    assert '<span lang="en" dir="auto">Justice for women</span>' in html
    tracker["cluster"].name_fr = "Justice pour les femmes"
    tracker["cluster"].save()
    html = page(Client(), f"/fr/clusters/{tracker['cluster'].pk}/")
    assert '<span lang="fr">Justice pour les femmes</span>' in html


def test_facet_counts_are_cached_but_results_are_current(tracker, portal_cache, secretariat):
    """Visitors with a session get a freshly made page, whose facet counts may still come from the cache
    (until the data generation moves: here the change is made in SQL, which no signal reports)."""
    from recommendations.models import Recommendation
    from tests.factories import RecommendationFactory

    # Of the same date as the other, it comes first in the default order (then by paragraph): on the
    # page, which the cached count keeps at one row.
    second = RecommendationFactory(
        text_en="Open a second legal aid office", status="not_started", paragraph="118.1"
    )
    visitor = Client()
    visitor.force_login(secretariat)
    first = page(visitor, "/en/recommendations/?status=in_progress")
    assert "1 recommendation found" in first
    Recommendation.objects.filter(pk=second.pk).update(status="in_progress")
    again = page(visitor, "/en/recommendations/?status=in_progress")
    assert "Open a second legal aid office" in again  # the list is read afresh
    assert "1 recommendation found" in again  # the count comes with the cached facets
    cache.clear()
    assert "2 recommendations found" in page(visitor, "/en/recommendations/?status=in_progress")


def test_anonymous_pages_are_served_from_the_cache_signed_in_users_never(tracker, portal_cache, secretariat):
    """(The change is made in SQL, which no signal reports, so the anonymous copy stays.)"""
    from recommendations.models import Cluster

    cluster = tracker["cluster"]
    assert "Justice for women" in page(Client(), f"/en/clusters/{cluster.pk}/")
    Cluster.objects.filter(pk=cluster.pk).update(name_en="Justice for all women")
    assert "Justice for women" in page(Client(), f"/en/clusters/{cluster.pk}/")  # the copy
    staff = Client()
    staff.force_login(secretariat)
    html = page(staff, f"/en/clusters/{cluster.pk}/")
    assert "Justice for all women" in html and "Signed in as secretariat" in html
    assert "Signed in" not in page(Client(), f"/en/clusters/{cluster.pk}/")  # nothing personal was kept


def test_a_recorded_change_shows_at_once_despite_the_cache(
    tracker, portal_cache, secretariat, django_capture_on_commit_callbacks
):
    """Withholding goes through the audit trail, which moves the data generation: no copy outlives it."""
    from recommendations.models import Recommendation
    from recommendations.services import recommendations_bulk_apply

    rec = tracker["published"]
    url = f"/en/recommendations/{rec.pk}/"
    assert "legal aid in rural areas" in page(Client(), url)
    assert "legal aid in rural areas" in page(Client(), "/en/recommendations/")
    with django_capture_on_commit_callbacks(execute=True):
        recommendations_bulk_apply(
            user=secretariat, recommendations=Recommendation.objects.filter(pk=rec.pk), action="withhold"
        )
    page(Client(), url, 404)
    assert "legal aid in rural areas" not in page(Client(), "/en/recommendations/")


def test_a_recommendation_page_lists_everything_it_is_linked_to(tracker, portal_cache):
    """The six link tables are read in one query; the linked rows come from the process's copies."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from recommendations.models import ConcernedGroup, Country, Theme
    from recommendations.selectors import recommendation_links

    rec, health = tracker["published"], tracker["health"]
    rec.themes.set(Theme.objects.filter(code="violence-against-women"))
    rec.groups.set(ConcernedGroup.objects.order_by("pk")[:1])
    rec.recommending_states.set(Country.objects.filter(code__in=["ESP", "NOR"]))
    rec.supporting_institutions.set([health])
    links = recommendation_links(rec.pk)
    assert {state.code for state in links["recommending_states"]} == {"ESP", "NOR"}
    assert [theme.code for theme in links["themes"]] == ["violence-against-women"]
    assert len(links["groups"]) == 1
    assert [goal.code for goal in links["sdg_goals"]] == ["5"]
    assert [target.code for target in links["sdg_targets"]] == ["5.2"]
    assert links["supporting_institutions"] == [health]

    recommendation_links(rec.pk)  # the copies are made
    with CaptureQueriesContext(connection) as queries:
        assert recommendation_links(rec.pk) == links
    assert len(queries) == 1
    html = page(Client(), f"/en/recommendations/{rec.pk}/")
    assert "Violence against women" in html and health.name in html and "Norway" in html


def test_names_kept_by_the_process_change_with_the_data(
    tracker, portal_cache, secretariat, django_capture_on_commit_callbacks
):
    """A change made through the services moves the data generation, which ends the process's copies."""
    from recommendations.services import cluster_update

    rec, cluster = tracker["published"], tracker["cluster"]
    staff = Client()
    staff.force_login(secretariat)
    assert "Justice for women" in page(staff, f"/en/recommendations/{rec.pk}/")
    with django_capture_on_commit_callbacks(execute=True):
        cluster_update(user=secretariat, cluster=cluster, values={"name_en": "Justice for every woman"})
    assert "Justice for every woman" in page(staff, f"/en/recommendations/{rec.pk}/")
    assert "Justice for every woman" in page(staff, "/en/recommendations/")


def test_a_change_made_outside_the_services_shows_at_once(
    tracker, portal_cache, admin_client, django_capture_on_commit_callbacks
):
    """The Django admin and a shell save models outside the services; the public copies end all the same."""
    from recommendations.models import Theme

    rec = tracker["published"]
    url = f"/en/recommendations/{rec.pk}/"
    theme = Theme.objects.get(code="violence-against-women")
    assert "Violence against women" not in page(Client(), url)
    with django_capture_on_commit_callbacks(execute=True):
        rec.themes.add(theme)
    assert "Violence against women" in page(Client(), url)
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            f"/admin/recommendations/theme/{theme.pk}/change/",
            {"code": theme.code, "name_en": "Gender-based violence", "name": "Gender-based violence"},
        )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert "Gender-based violence" in page(Client(), url)
    assert "legal aid in rural areas" in page(Client(), "/en/recommendations/")
    with django_capture_on_commit_callbacks(execute=True):
        rec.published = False
        rec.save()
    page(Client(), url, 404)
    assert "legal aid in rural areas" not in page(Client(), "/en/recommendations/")
