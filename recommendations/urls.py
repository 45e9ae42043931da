from django.urls import path

from recommendations import views

urlpatterns = [
    path("recommendations/", views.recommendation_list, name="recommendation_list"),
    path("recommendations/bulk/", views.recommendation_bulk, name="recommendation_bulk"),
    path("recommendations/new/", views.recommendation_create, name="recommendation_create"),
    path("recommendations/<int:pk>/", views.recommendation_detail, name="recommendation_detail"),
    path("recommendations/<int:pk>/edit/", views.recommendation_edit, name="recommendation_edit"),
    path("recommendations/<int:pk>/history/", views.recommendation_history, name="recommendation_history"),
    path("documents/", views.document_list, name="document_list"),
    path("documents/new/", views.document_create, name="document_create"),
    path("documents/<int:pk>/edit/", views.document_edit, name="document_edit"),
    path("clusters/", views.cluster_list, name="cluster_list"),
    path("clusters/new/", views.cluster_create, name="cluster_create"),
    path("clusters/<int:pk>/", views.cluster_detail, name="cluster_detail"),
    path("clusters/<int:pk>/edit/", views.cluster_edit, name="cluster_edit"),
    path("clusters/<int:pk>/merge/", views.cluster_merge, name="cluster_merge"),
    path(
        "clusters/<int:pk>/apply-institutions/",
        views.cluster_apply_institutions,
        name="cluster_apply_institutions",
    ),
    path("clusters/<int:pk>/history/", views.cluster_history, name="cluster_history"),
]
