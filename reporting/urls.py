"""Staff pages of reports and dashboards, included in the workspace (/<lang>/workspace/)."""

from django.urls import path

from reporting import views

urlpatterns = [
    path("reports/", views.report_list, name="report_list"),
    path("reports/new/", views.report_create, name="report_create"),
    path("reports/<int:pk>/", views.report_detail, name="report_detail"),
    path("reports/<int:pk>/progress/", views.report_progress, name="report_progress"),
    path("reports/<int:pk>/generate/", views.report_generate, name="report_generate"),
    path("reports/<int:pk>/versions/<int:number>/retry/", views.version_retry, name="report_version_retry"),
    path("reports/<int:pk>/approve/", views.report_approve, name="report_approve"),
    path("reports/<int:pk>/publish/", views.report_publish, name="report_publish"),
    path("reports/<int:pk>/share/", views.report_share, name="report_share"),
    path("reports/<int:pk>/comment/", views.report_comment, name="report_comment"),
    path(
        "reports/<int:pk>/versions/<int:number>/<str:kind>/",
        views.version_download,
        name="report_version_download",
    ),
    path("reports/schedules/new/", views.schedule_edit, name="report_schedule_create"),
    path("reports/schedules/<int:pk>/", views.schedule_edit, name="report_schedule_edit"),
    path("dashboards/", views.dashboards, name="dashboards"),
]
