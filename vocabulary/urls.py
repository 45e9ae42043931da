"""Workspace URLs of the Vocabulary mappings page."""

from django.urls import path

from vocabulary import views

urlpatterns = [
    path("vocabulary/", views.vocabulary_list, name="vocabulary_list"),
    path("vocabulary/export.csv", views.vocabulary_export, name="vocabulary_export"),
    path("vocabulary/import/", views.vocabulary_import, name="vocabulary_import"),
    path("vocabulary/<int:pk>/", views.vocabulary_edit, name="vocabulary_edit"),
    path("vocabulary/<int:pk>/delete/", views.vocabulary_delete, name="vocabulary_delete"),
]
