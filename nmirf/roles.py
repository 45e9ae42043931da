"""Roles as data: the four groups of DESIGN.md and the permissions each one holds.

Migrations call `sync_roles` so the groups exist from the first `migrate`; when an app adds a
permission, it adds it here and ships a migration that calls `sync_roles` again.
"""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Model

ADMINISTRATOR = "Administrator"
SECRETARIAT = "Secretariat"
FOCAL_POINT = "Focal point"
CONSULTATIVE = "Consultative member"
ROLE_NAMES = (ADMINISTRATOR, SECRETARIAT, FOCAL_POINT, CONSULTATIVE)

_READ_RECOMMENDATIONS = [
    "nmirf.access_workspace",
    "recommendations.view_recommendation",
    "recommendations.view_cluster",
    "recommendations.view_sourcedocument",
    "recommendations.view_mechanism",
    "recommendations.view_theme",
    "recommendations.view_concernedgroup",
    "recommendations.view_country",
    "focalpoints.view_institution",
    "focalpoints.view_action",
    "focalpoints.view_impactindicator",
    "focalpoints.view_datapoint",
    "focalpoints.view_deadline",
    # Progress updates are scoped further by institution and sharing (focalpoints.rules).
    "focalpoints.view_progressupdate",
    "sdg.view_goal",
    "sdg.view_target",
    "sdg.view_indicator",
]

_CURATE_RECOMMENDATIONS = [
    "nmirf.view_history",
    # Restore and undo, each limited to the records the person may change (nmirf.history_views).
    "nmirf.restore_history",
    "recommendations.add_recommendation",
    "recommendations.change_recommendation",
    "recommendations.publish_recommendation",
    "recommendations.add_sourcedocument",
    "recommendations.change_sourcedocument",
    "recommendations.add_cluster",
    "recommendations.change_cluster",
    "recommendations.delete_cluster",
]

# The secretariat runs the focal-point network: people, actions, indicators, calendar, reviews.
_RUN_NETWORK = [
    "focalpoints.add_institution",
    "focalpoints.change_institution",
    "focalpoints.view_focalpoint",
    "focalpoints.add_focalpoint",
    "focalpoints.change_focalpoint",
    "focalpoints.manage_people",
    "focalpoints.add_action",
    "focalpoints.change_action",
    "focalpoints.add_impactindicator",
    "focalpoints.change_impactindicator",
    "focalpoints.add_datapoint",
    "focalpoints.change_datapoint",
    "focalpoints.delete_datapoint",
    "focalpoints.add_deadline",
    "focalpoints.change_deadline",
    "focalpoints.review_progressupdate",
    "focalpoints.comment_progressupdate",
]
# Feedback from the public waits in the secretariat's moderation queue (portal app).
_MODERATE_FEEDBACK = ["portal.view_feedback", "portal.change_feedback"]
# A focal point writes their institution's progress updates (focalpoints.rules checks which).
_REPORT_PROGRESS = ["focalpoints.add_progressupdate", "focalpoints.change_progressupdate"]
# The secretariat makes reports and their schedules and sees the dashboards; approving is for
# administrators; publishing an approved report for both (reporting.rules).
_MAKE_REPORTS = [
    "reporting.view_report",
    "reporting.add_report",
    "reporting.change_report",
    "reporting.publish_report",
    "reporting.comment_report",
    "reporting.view_reportschedule",
    "reporting.add_reportschedule",
    "reporting.change_reportschedule",
    "reporting.view_dashboards",
]

ROLE_PERMISSIONS: dict[str, list[str]] = {
    SECRETARIAT: _READ_RECOMMENDATIONS
    + _CURATE_RECOMMENDATIONS
    + _RUN_NETWORK
    + _MODERATE_FEEDBACK
    + _MAKE_REPORTS,
    FOCAL_POINT: [*_READ_RECOMMENDATIONS, *_REPORT_PROGRESS, "reporting.view_institution_report"],
    CONSULTATIVE: [*_READ_RECOMMENDATIONS, "focalpoints.comment_progressupdate", "reporting.comment_report"],
    # Administrators hold every permission of the project's own apps (see sync_roles).
    ADMINISTRATOR: [],
}
ADMINISTRATOR_APPS = ("nmirf", "recommendations", "focalpoints", "sdg", "reporting", "portal")


def sync_roles(apps, schema_editor=None) -> None:
    """Create the groups and give each exactly its permissions (idempotent)."""
    from django.apps import apps as global_apps
    from django.contrib.auth.management import create_permissions

    for app_config in global_apps.get_app_configs():
        create_permissions(app_config, verbosity=0)

    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    for role in ROLE_NAMES:
        group, _created = group_model.objects.get_or_create(name=role)
        if role == ADMINISTRATOR:
            permissions = permission_model.objects.filter(content_type__app_label__in=ADMINISTRATOR_APPS)
        else:
            wanted = [name.split(".", 1) for name in ROLE_PERMISSIONS[role]]
            permissions = [
                permission
                for permission in permission_model.objects.select_related("content_type").filter(
                    codename__in=[codename for _app, codename in wanted]
                )
                if [permission.content_type.app_label, permission.codename] in wanted
            ]
        group.permissions.set(permissions)


def role_names(user: Model | AnonymousUser) -> set[str]:
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_nmirf_roles", None)
    if cached is None:
        cached = set(user.groups.values_list("name", flat=True))
        if user.is_superuser:
            cached.add(ADMINISTRATOR)
        user._nmirf_roles = cached
    return cached


def has_role(user: Model | AnonymousUser, *roles: str) -> bool:
    return bool(role_names(user) & set(roles))
