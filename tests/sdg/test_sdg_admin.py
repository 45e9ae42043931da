import pytest
from django.contrib import admin
from django.urls import path

from sdg.models import Goal, Indicator

# Only the admin: these tests do not depend on the rest of the project's URLs. The test run has no
# collected static files, and WhiteNoise warns about that on the first request.
urlpatterns = [path("admin/", admin.site.urls)]
pytestmark = [
    pytest.mark.urls(__name__),
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]


@pytest.mark.django_db
def test_target_changelist_searches_and_filters_by_goal(admin_client, shipped):
    goal = Goal.objects.get(code="16")
    response = admin_client.get("/admin/sdg/target/", {"q": "rule of law", "goal__id__exact": goal.pk})
    assert response.status_code == 200
    content = response.content.decode()
    assert "Promote the rule of law and access to justice for all" in content
    assert "Eradicate extreme poverty" not in content
    assert "1 result" in content


@pytest.mark.django_db
def test_indicator_change_form_has_translated_fields(admin_client, shipped):
    indicator = Indicator.objects.get(code="16.10.2")
    response = admin_client.get(f"/admin/sdg/indicator/{indicator.pk}/change/")
    assert response.status_code == 200
    assert 'name="title_zh_hans"' in response.content.decode()
    assert 'name="short_title_ar"' in response.content.decode()
