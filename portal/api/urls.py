from django.urls import include, path
from drf_spectacular.views import SpectacularJSONAPIView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from portal.api import views

router = DefaultRouter()
router.register("recommendations", views.RecommendationViewSet, basename="recommendation")
router.register("clusters", views.ClusterViewSet, basename="cluster")
router.register("mechanisms", views.MechanismViewSet, basename="mechanism")
router.register("institutions", views.InstitutionViewSet, basename="institution")
router.register("sdg/goals", views.GoalViewSet, basename="goal")
router.register("sdg/targets", views.TargetViewSet, basename="target")
router.register("progress-updates", views.ProgressUpdateViewSet, basename="progressupdate")
router.register("reports", views.ReportViewSet, basename="report")

app_name = "api"
urlpatterns = [
    path("openapi.json", SpectacularJSONAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
    path("", include(router.urls)),
]
