"""Template tags of the focal-point network: the follow-up block of a recommendation, the unread
notifications count, and the sanitised narrative of a progress update."""

from django import template
from django.utils.safestring import SafeString, mark_safe

from focalpoints import rules, selectors
from focalpoints.models import Notification
from focalpoints.services import narrative_clean

register = template.Library()


@register.inclusion_tag("focalpoints/fragment_followup.html", takes_context=True)
def recommendation_followup(context, recommendation):
    """Actions, validated progress, the 'write an update' button and the timeline, for the recommendation
    page."""
    user = context["request"].user
    return {
        "request": context["request"],
        "perms": context.get("perms"),
        "recommendation": recommendation,
        "can_report": rules.why_cannot_report_on(user, recommendation) is None,
        "actions": recommendation.actions.select_related("lead_institution").order_by("end_date", "pk"),
        "indicators": recommendation.impact_indicators.order_by("name"),
        "progress": selectors.recommendation_progress(recommendation, user),
        "timeline": selectors.recommendation_timeline(recommendation, user),
    }


@register.simple_tag(takes_context=True)
def unread_notifications(context) -> int:
    user = context["request"].user
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


@register.filter
def narrative(value: str) -> SafeString:
    """The narrative as sanitised HTML (cleaned on save, and again here for safety)."""
    return mark_safe(narrative_clean(value))  # noqa: S308 (nh3 leaves only safe tags and attributes)


@register.simple_tag(takes_context=True)
def is_focal_point(context) -> bool:
    return rules.active_focal_point(context["request"].user) is not None


@register.simple_tag(takes_context=True)
def page_url(context, number: int) -> str:
    """This page's address with another page number, keeping the other parameters."""
    params = context["request"].GET.copy()
    params["page"] = number
    return "?" + params.urlencode()
