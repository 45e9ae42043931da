from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from focalpoints import urls as focalpoints_urls
from nmirf import history_views, views
from portal import urls as portal_urls
from portal import views as portal_views

workspace_patterns = [
    path("", views.workspace_home, name="home"),
    path("history/", history_views.history_list, name="history"),
    path("history/<int:pk>/", history_views.history_batch, name="history_batch"),
    path("history/<int:pk>/undo/", history_views.history_undo, name="history_undo"),
    path("history/versions/<int:pk>/restore/", history_views.history_restore, name="history_restore"),
    path("", include("recommendations.urls")),
    path("", include(focalpoints_urls.workspace_patterns)),
    path("", include(portal_urls.workspace_patterns)),
    path("", include("reporting.urls")),
    path("", include("vocabulary.urls")),
]

urlpatterns = [
    path("admin/", admin.site.urls),
    path("health/", views.health, name="health"),
    path("api/", include("portal.api.urls")),
]
urlpatterns += i18n_patterns(
    path("", portal_views.home, name="home"),
    path("", include(portal_urls)),
    path("accounts/", include(focalpoints_urls.account_patterns)),
    path("accounts/", include("django.contrib.auth.urls")),
    path("workspace/", include((workspace_patterns, "workspace"))),
    path("reports/", include("reporting.public_urls", namespace="reports")),
    prefix_default_language=True,
)
