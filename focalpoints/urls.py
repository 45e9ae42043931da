"""URLs of the focal-point network: `workspace_patterns` under /<lang>/workspace/, `account_patterns`
under /<lang>/accounts/ (before Django's own, which they extend)."""

from django.contrib.auth import views as auth_views
from django.urls import path

from focalpoints import views

workspace_patterns = [
    path("my/", views.my_work, name="my_work"),
    path("notifications/", views.notification_list, name="notification_list"),
    path("notifications/read/", views.notifications_read, name="notifications_read"),
    path("institutions/", views.institution_list, name="institution_list"),
    path("institutions/new/", views.institution_create, name="institution_create"),
    path("institutions/<int:pk>/", views.institution_detail, name="institution_detail"),
    path("institutions/<int:pk>/edit/", views.institution_edit, name="institution_edit"),
    path("people/", views.people_list, name="people_list"),
    path("people/invite/", views.person_invite, name="person_invite"),
    path("people/<int:pk>/resend/", views.person_resend, name="person_resend"),
    path("people/<int:pk>/deactivate/", views.person_deactivate, name="person_deactivate"),
    path("focal-points/<int:pk>/replace/", views.focal_point_replace, name="focal_point_replace"),
    path("focal-points/export.<str:fmt>", views.directory_export, name="directory_export"),
    path("actions/", views.action_list, name="action_list"),
    path("actions/new/", views.action_create, name="action_create"),
    path("actions/<int:pk>/", views.action_detail, name="action_detail"),
    path("actions/<int:pk>/edit/", views.action_edit, name="action_edit"),
    path("actions/<int:pk>/updates/new/", views.update_start_action, name="update_start_action"),
    path("indicators/", views.indicator_list, name="indicator_list"),
    path("indicators/new/", views.indicator_create, name="indicator_create"),
    path("indicators/<int:pk>/", views.indicator_detail, name="indicator_detail"),
    path("indicators/<int:pk>/edit/", views.indicator_edit, name="indicator_edit"),
    path("indicators/<int:pk>/values/", views.data_point_add, name="data_point_add"),
    path("indicators/<int:pk>/values/<int:point>/delete/", views.data_point_delete, name="data_point_delete"),
    path("deadlines/", views.deadline_list, name="deadline_list"),
    path("deadlines/new/", views.deadline_create, name="deadline_create"),
    path("deadlines/<int:pk>/edit/", views.deadline_edit, name="deadline_edit"),
    path("deadlines/<int:pk>/apply/", views.deadline_apply, name="deadline_apply"),
    path(
        "recommendations/<int:pk>/updates/new/",
        views.update_start_recommendation,
        name="update_start_recommendation",
    ),
    path("updates/", views.update_list, name="update_list"),
    path("reviews/", views.review_queue, name="review_queue"),
    path("updates/<int:pk>/", views.update_detail, name="update_detail"),
    path("updates/<int:pk>/edit/", views.update_edit, name="update_edit"),
    path("updates/<int:pk>/submit/", views.update_submit, name="update_submit"),
    path("updates/<int:pk>/validate/", views.update_validate, name="update_validate"),
    path("updates/<int:pk>/return/", views.update_return, name="update_return"),
    path("updates/<int:pk>/comment/", views.update_comment, name="update_comment"),
    path("updates/<int:pk>/share/", views.update_share, name="update_share"),
    path("updates/<int:pk>/publish/", views.update_publish, name="update_publish"),
    path("updates/<int:pk>/evidence/<int:evidence>/", views.evidence_download, name="evidence_download"),
    path("updates/<int:pk>/evidence/<int:evidence>/delete/", views.evidence_delete, name="evidence_delete"),
    path(
        "updates/<int:pk>/evidence/<int:evidence>/publish/", views.evidence_publish, name="evidence_publish"
    ),
    path("gaps/", views.gaps, name="gaps"),
]

account_patterns = [
    path("password_reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "invitation/<uidb64>/<token>/",
        views.InvitationAcceptView.as_view(),
        name="invitation_accept",
    ),
    path(
        "invitation/done/",
        auth_views.PasswordResetCompleteView.as_view(template_name="registration/invitation_done.html"),
        name="invitation_done",
    ),
]
