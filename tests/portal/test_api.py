"""The read-only JSON API: the tracker's filters, pagination, OpenAPI, CORS, rate limit, nothing private."""

import pytest
from django.core.cache import cache
from django.test import Client

from tests.factories import RecommendationFactory

pytestmark = pytest.mark.django_db


def get(url: str, **headers):
    return Client().get(url, **headers)


def test_list_with_filters_and_pagination(tracker):
    for n in range(3):
        RecommendationFactory(text_en=f"Ratify the optional protocol, step {n}", status="implemented")
    data = get("/api/recommendations/?status=implemented&page_size=2").json()
    assert data["count"] == 3
    assert len(data["results"]) == 2
    assert "page=2" in data["next"]
    first = data["results"][0]
    assert first["status"] == "implemented"
    assert first["portal_url"].startswith("https://nmirf.example.gov/en/recommendations/")
    second = get(data["next"].replace("http://testserver", "")).json()
    assert len(second["results"]) == 1


def test_search_and_fields_of_a_recommendation(tracker):
    data = get("/api/recommendations/?q=legal+aid&goal=5&cluster=" + str(tracker["cluster"].pk)).json()
    assert data["count"] == 1
    item = data["results"][0]
    assert item["text"] == "Ensure that every woman has access to legal aid in rural areas"
    assert item["translations"]["es"].startswith("Garantizar")
    assert item["sdg_goals"] == ["5"] and item["sdg_targets"] == ["5.2"]
    assert item["mechanism"] == "UPR" and item["paragraph"] == "118.7"


def test_search_in_another_language(tracker):
    assert get("/api/recommendations/?q=asistencia+jurídica&lang=es").json()["count"] == 1
    assert get("/api/recommendations/?q=legal&lang=xx").status_code == 400


def test_detail_has_published_updates_and_evidence_only(tracker):
    data = get(f"/api/recommendations/{tracker['published'].pk}/").json()
    assert [u["narrative"] for u in data["progress_updates"]] == [
        "Legal aid offices opened in 12 rural districts."
    ]
    files = data["progress_updates"][0]["evidence"]
    assert [f["name"] for f in files] == ["decree.pdf"]
    assert files[0]["url"] == f"https://nmirf.example.gov/en/evidence/{tracker['evidence'].pk}/"


def test_withheld_and_private_things_are_not_in_the_api(tracker):
    assert get(f"/api/recommendations/{tracker['withheld'].pk}/").status_code == 404
    assert get("/api/recommendations/?q=secret").json()["count"] == 0
    assert get("/api/recommendations/?published=false").json()["count"] == 1  # ignored: the public count
    assert get(f"/api/clusters/{tracker['hidden_cluster'].pk}/").status_code == 404
    assert get(f"/api/institutions/{tracker['health'].pk}/").status_code == 404
    assert get(f"/api/progress-updates/{tracker['draft'].pk}/").status_code == 404
    updates = get("/api/progress-updates/").json()
    assert [u["id"] for u in updates["results"]] == [tracker["update"].pk]
    institution = get(f"/api/institutions/{tracker['justice'].pk}/").json()
    assert set(institution) == {
        "id",
        "name",
        "acronym",
        "kind",
        "website",
        "lead_recommendations",
        "portal_url",
    }


def test_staff_session_does_not_widen_the_api(tracker, secretariat):
    client = Client()
    client.force_login(secretariat)
    assert client.get(f"/api/recommendations/{tracker['withheld'].pk}/").status_code == 404


def test_bad_filters_are_a_400_with_the_reason(tracker):
    response = get("/api/recommendations/?status=finished")
    assert response.status_code == 400
    assert "finished" in response.json()["errors"][0]
    assert get("/api/progress-updates/?recommendation=abc").status_code == 400


def test_other_public_objects(tracker):
    assert get("/api/clusters/").json()["count"] == 1
    assert get("/api/mechanisms/").json()["results"][0]["code"] == "UPR"
    assert get("/api/sdg/goals/5/").json()["published_recommendations"] == 1
    assert get("/api/sdg/targets/5.2/").json()["goal"] == "5"
    assert get("/api/sdg/targets/?goal=5").json()["count"] >= 9
    assert set(get("/api/").json()) >= {"recommendations", "clusters", "mechanisms", "institutions"}


def test_read_only(tracker):
    client = Client()
    assert client.post("/api/recommendations/", {"text": "x"}).status_code == 405
    assert client.delete(f"/api/recommendations/{tracker['published'].pk}/").status_code == 405
    assert client.put(f"/api/clusters/{tracker['cluster'].pk}/", {}).status_code == 405


def test_openapi_description_and_docs():
    schema = get("/api/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    paths = schema["paths"]
    assert "/api/recommendations/" in paths and "/api/recommendations/{id}/" in paths
    names = {p["name"] for p in paths["/api/recommendations/"]["get"]["parameters"]}
    assert {"q", "state", "mechanism_type", "cycle", "goal", "target", "status", "position", "sort", "page",
            "page_size"} <= names  # fmt: skip
    assert "published" not in names
    docs = get("/api/docs/")
    assert docs.status_code == 200
    assert b"swagger-ui" in docs.content and b"cdn" not in docs.content.lower()


def test_cors_open_for_get_only(tracker):
    response = get("/api/recommendations/", HTTP_ORIGIN="https://data.example.org")
    assert response["Access-Control-Allow-Origin"] == "*"
    preflight = Client().options(
        "/api/recommendations/",
        HTTP_ORIGIN="https://data.example.org",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
    )
    assert "POST" not in preflight["Access-Control-Allow-Methods"]
    # The staff pages are not opened to other sites.
    assert not get("/en/recommendations/", HTTP_ORIGIN="https://data.example.org").has_header(
        "Access-Control-Allow-Origin"
    )


def test_rate_limited_per_address(tracker, settings):
    settings.API_RATE_LIMIT = "3/minute"
    cache.clear()
    client = Client()
    statuses = [client.get("/api/clusters/", REMOTE_ADDR="203.0.113.9").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    assert client.get("/api/clusters/", REMOTE_ADDR="203.0.113.10").status_code == 200
    cache.clear()


def test_published_reports_only(tracker, admin_user, secretariat, django_capture_on_commit_callbacks):
    from reporting import services

    with django_capture_on_commit_callbacks(execute=True):
        published = services.report_create(
            user=secretariat, values={"kind": "parliament", "scope": "published=true"}
        )
        draft = services.report_create(user=secretariat, values={"kind": "parliament", "title": "Draft only"})
    services.report_approve(user=admin_user, report=published, version=published.versions.get())
    services.report_publish(user=secretariat, report=published)
    data = get("/api/reports/").json()
    assert [item["id"] for item in data["results"]] == [published.pk]
    item = data["results"][0]
    assert item["kind"] == "parliament" and item["pages"] >= 1
    assert item["pdf_url"] == f"https://nmirf.example.gov/en/reports/{published.pk}/download/"
    assert get(f"/api/reports/{published.pk}/").json()["title"] == published.title
    assert get(f"/api/reports/{draft.pk}/").status_code == 404


def test_a_report_covering_withheld_recommendations_is_not_published(
    tracker, admin_user, secretariat, django_capture_on_commit_callbacks
):
    """Publishing would reveal the withheld text: refused with the way out in the message."""
    from django.core.exceptions import ValidationError

    from reporting import services

    with django_capture_on_commit_callbacks(execute=True):
        report = services.report_create(user=secretariat, values={"kind": "parliament"})
    services.report_approve(user=admin_user, report=report, version=report.versions.get())
    with pytest.raises(ValidationError, match="withheld from the public tracker"):
        services.report_publish(user=secretariat, report=report)
    assert get("/api/reports/").json()["count"] == 0
