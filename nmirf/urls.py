from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from focalpoints import urls as focalpoints_urls
from nmirf import views

workspace_patterns = [
    path("", views.workspace_home, name="home"),
    path("history/<int:pk>/restore/", views.history_restore, name="history_restore"),
    path("", include("recommendations.urls")),
    path("", include(focalpoints_urls.workspace_patterns)),
]

urlpatterns = [
    path("admin/", admin.site.urls),
    path("health/", views.health, name="health"),
]
urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("accounts/", include(focalpoints_urls.account_patterns)),
    path("accounts/", include("django.contrib.auth.urls")),
    path("workspace/", include((workspace_patterns, "workspace"))),
    prefix_default_language=True,
)
