from django.urls import path

from portal import views, workspace_views

app_name = "portal"
urlpatterns = [
    path("recommendations/", views.recommendation_list, name="recommendation_list"),
    path("recommendations/export/<str:fmt>/", views.recommendation_export, name="recommendation_export"),
    path("recommendations/<int:pk>/", views.recommendation_detail, name="recommendation_detail"),
    path("evidence/<int:pk>/", views.evidence_download, name="evidence_download"),
    path("clusters/", views.cluster_list, name="cluster_list"),
    path("clusters/export/<str:fmt>/", views.cluster_list, name="cluster_export"),
    path("clusters/<int:pk>/", views.cluster_detail, name="cluster_detail"),
    path("mechanisms/", views.mechanism_list, name="mechanism_list"),
    path("mechanisms/export/<str:fmt>/", views.mechanism_list, name="mechanism_export"),
    path("mechanisms/<int:pk>/", views.mechanism_detail, name="mechanism_detail"),
    path("institutions/", views.institution_list, name="institution_list"),
    path("institutions/export/<str:fmt>/", views.institution_list, name="institution_export"),
    path("institutions/<int:pk>/", views.institution_detail, name="institution_detail"),
    path("sdg/", views.goal_list, name="goal_list"),
    path("sdg/export/<str:fmt>/", views.goal_list, name="goal_export"),
    path("sdg/<int:code>/", views.goal_detail, name="goal_detail"),
    path("sdg/target/<str:code>/", views.target_detail, name="target_detail"),
    path("open-data/", views.open_data, name="open_data"),
]

workspace_patterns = [
    path("feedback/", workspace_views.feedback_list, name="feedback_list"),
    path("feedback/<int:pk>/", workspace_views.feedback_detail, name="feedback_detail"),
]
