"""Shared pages: the workspace home, restore from history, and the health check."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from focalpoints.rules import active_focal_point
from focalpoints.views import my_work
from nmirf.access import require_change, require_view, workspace_view
from nmirf.audit import audit_restore
from nmirf.models import AuditEntry
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


@workspace_view
@require_POST
def history_restore(request: HttpRequest, pk: int) -> HttpResponse:
    require_view(request.user, "nmirf.view_history")
    require_change(request.user, "nmirf.restore_history")
    entry = get_object_or_404(AuditEntry.objects.select_related("batch", "content_type"), pk=pk)
    try:
        restored = audit_restore(entry=entry, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        back = request.POST.get("next", "")
        safe = url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()})
        return redirect(back if safe else "workspace:home")
    messages.success(request, _("The earlier version of “%(object)s” is restored.") % {"object": restored})
    return redirect(
        restored.get_absolute_url() if hasattr(restored, "get_absolute_url") else "workspace:home"
    )


def health(request: HttpRequest) -> JsonResponse:
    """For load balancers and docker-compose: the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
