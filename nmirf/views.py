"""Shared pages: the workspace home and the health check (history pages: nmirf.history_views)."""

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from focalpoints.rules import active_focal_point
from focalpoints.views import my_work
from nmirf.access import workspace_view
from portal.models import Feedback
from recommendations.models import Cluster, Recommendation
from recommendations.selectors import count_by


@workspace_view
def workspace_home(request: HttpRequest) -> HttpResponse:
    # Focal points land on what their institution must do (the same page as workspace:my_work).
    if not request.user.has_perm("focalpoints.review_progressupdate") and active_focal_point(request.user):
        return my_work(request)
    recommendations = Recommendation.objects.all()
    by_status = count_by(recommendations, "status")
    context = {
        "total": sum(by_status.values()),
        "by_status": [
            (value, label, by_status.get(value, 0)) for value, label in Recommendation.Status.choices
        ],
        "without_cluster": recommendations.filter(cluster__isnull=True).count(),
        "without_lead": recommendations.filter(lead_institution__isnull=True).count(),
        "withheld": recommendations.filter(published=False).count(),
        "clusters": Cluster.objects.count(),
        "new_feedback": Feedback.objects.filter(state=Feedback.State.NEW).count(),
    }
    return render(request, "workspace/home.html", context)


def health(request: HttpRequest) -> JsonResponse:
    """For load balancers and docker-compose: the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
