"""Who may do what with progress updates: predicates that return the reason for a refusal.

The model permissions of the roles (nmirf.roles) say what a role may do at all; these rules narrow it
to the person's institution. Views call them through `require`, which turns a reason into a 403.
A focal point or deputy is bound to one institution by their active `FocalPoint` row.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from focalpoints.models import Action, FocalPoint, ProgressUpdate
from recommendations.models import Recommendation

Item = Recommendation | Action


def active_focal_point(user) -> FocalPoint | None:
    """The user's current service as focal point or deputy (cached on the user for the request)."""
    if not user.is_authenticated:
        return None
    if not hasattr(user, "_nmirf_focal_point"):
        user._nmirf_focal_point = (
            FocalPoint.objects.select_related("institution").filter(user=user, end_date__isnull=True).first()
        )
    return user._nmirf_focal_point


def institution_id_of(user) -> int | None:
    focal_point = active_focal_point(user)
    return focal_point.institution_id if focal_point else None


def is_reviewer(user) -> bool:
    return user.has_perm("focalpoints.review_progressupdate")


def item_institution_ids(item: Item) -> set[int]:
    """The lead and supporting institutions of a recommendation or action."""
    ids = {institution.pk for institution in item.supporting_institutions.all()}
    if item.lead_institution_id:
        ids.add(item.lead_institution_id)
    return ids


def updates_visible_to(user) -> QuerySet[ProgressUpdate]:
    """Drafts stay in their institution; reviewers see the rest; consultative members what is shared."""
    if not user.has_perm("focalpoints.view_progressupdate"):
        return ProgressUpdate.objects.none()
    condition = Q(pk__in=[])
    institution_id = institution_id_of(user)
    if institution_id:
        condition |= Q(institution_id=institution_id)
    if is_reviewer(user):
        condition |= ~Q(state=ProgressUpdate.State.DRAFT)
    elif user.has_perm("focalpoints.comment_progressupdate"):
        condition |= Q(shared_with_consultative=True) & ~Q(state=ProgressUpdate.State.DRAFT)
    return ProgressUpdate.objects.filter(condition)


def why_cannot_report_on(user, item: Item) -> str | None:
    if not user.has_perm("focalpoints.add_progressupdate"):
        return _("Your role does not write progress updates.")
    institution_id = institution_id_of(user)
    if institution_id is None:
        return _("You are not the focal point or deputy of an institution.")
    if institution_id not in item_institution_ids(item):
        return _("This item is not assigned to your institution.")
    return None


def why_cannot_edit(user, update: ProgressUpdate) -> str | None:
    if not user.has_perm("focalpoints.change_progressupdate"):
        return _("Your role does not write progress updates.")
    if institution_id_of(user) != update.institution_id:
        return _("Only the focal points of the institution that wrote this update can change it.")
    if not update.is_editable:
        return _(
            "This update has been submitted; it can be changed again only if the secretariat returns it."
        )
    return None


def why_cannot_review(user, update: ProgressUpdate) -> str | None:
    if not is_reviewer(user):
        return _("Only the secretariat validates or returns progress updates.")
    if update.state != ProgressUpdate.State.SUBMITTED:
        return _("Only a submitted update can be validated or returned.")
    return None


def why_cannot_comment(user, update: ProgressUpdate) -> str | None:
    if not user.has_perm("focalpoints.comment_progressupdate"):
        return _("Your role does not comment on progress updates.")
    if update.state == ProgressUpdate.State.DRAFT:
        return _("A draft cannot be commented on.")
    if not is_reviewer(user) and not update.shared_with_consultative:
        return _("This update is not shared for consultation.")
    return None


def can_see_contact_details(user, institution_id: int) -> bool:
    """Personal data of focal points: staff, and the institution's own focal points."""
    return user.has_perm("focalpoints.view_focalpoint") or institution_id_of(user) == institution_id


def require(reason: str | None) -> None:
    """Refuse with 403 and the reason, when there is one."""
    if reason:
        raise PermissionDenied(reason)
