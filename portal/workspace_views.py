"""The secretariat's moderation queue for feedback from the public, under /<lang>/workspace/feedback/."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from nmirf.access import get_for_user, require_change, require_view, workspace_view
from portal import services
from portal.forms import FeedbackReviewForm
from portal.models import Feedback


@workspace_view
def feedback_list(request: HttpRequest) -> HttpResponse:
    require_view(request.user, "portal.view_feedback")
    state = request.GET.get("state", Feedback.State.NEW)
    items = Feedback.objects.select_related("recommendation__mechanism").order_by("-created_at", "-pk")
    if state in Feedback.State.values:
        items = items.filter(state=state)
    page = Paginator(items, 50).get_page(request.GET.get("page"))
    context = {"page": page, "state": state, "states": Feedback.State.choices}
    return render(request, "portal/feedback_list.html", context)


@workspace_view
def feedback_detail(request: HttpRequest, pk: int) -> HttpResponse:
    feedback = get_for_user(request.user, Feedback, pk)
    initial = {"state": feedback.state if feedback.state != Feedback.State.NEW else Feedback.State.REVIEWED}
    form = FeedbackReviewForm(
        request.POST or None, initial=initial | {"note": feedback.note, "published": feedback.published}
    )
    if request.method == "POST":
        require_change(request.user, "portal.change_feedback")
        if form.is_valid():
            try:
                services.feedback_review(user=request.user, feedback=feedback, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Decision saved."))
                return redirect("workspace:feedback_list")
    return render(request, "portal/feedback_detail.html", {"feedback": feedback, "form": form})
