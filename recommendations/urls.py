from django.urls import path

from recommendations import archive_views, import_views, views

urlpatterns = [
    path("recommendations/", views.recommendation_list, name="recommendation_list"),
    path("recommendations/export/<str:fmt>/", views.recommendation_export, name="recommendation_export"),
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
    path("archive/", archive_views.archive_list, name="archive"),
    path(
        "recommendations/<int:pk>/archive/",
        archive_views.recommendation_archive,
        name="recommendation_archive",
    ),
    path("documents/<int:pk>/archive/", archive_views.document_archive, name="document_archive"),
    path("clusters/<int:pk>/archive/", archive_views.cluster_archive, name="cluster_archive"),
    path("imports/", import_views.import_list, name="import_list"),
    path("imports/<int:pk>/", import_views.import_detail, name="import_detail"),
    path("imports/<int:pk>/mapping/", import_views.import_mapping, name="import_mapping"),
    path("imports/<int:pk>/resolve/", import_views.import_resolve, name="import_resolve"),
    path("imports/<int:pk>/duplicates/", import_views.import_duplicates, name="import_duplicates"),
    path("imports/<int:pk>/confirm/", import_views.import_confirm, name="import_confirm"),
    path("imports/<int:pk>/retry/", import_views.import_retry, name="import_retry"),
    path("imports/<int:pk>/undo/", import_views.import_undo, name="import_undo"),
    path("imports/<int:pk>/discard/", import_views.import_discard, name="import_discard"),
]
