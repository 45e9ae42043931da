"""The archive: recommendations, source documents and clusters the secretariat hid from every list, the
public tracker, reports and exports, with the way back. Archiving asks first and is recorded in History."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from nmirf.access import get_for_user, require_view, workspace_view
from recommendations import services
from recommendations.models import Cluster, Recommendation, SourceDocument

SHOWN = 100  # of each kind on the archive page; the counts are whole


def _archive(request: HttpRequest, model: type[models.Model], pk: int) -> HttpResponse:
    """GET: what archiving (or bringing back) does; POST archived=1|0: do it (twice changes nothing)."""
    instance = get_for_user(request.user, model, pk, change=True)
    if request.method == "POST":
        archived = request.POST.get("archived") == "1"
        try:
            changed = services.archive_set(user=request.user, instance=instance, archived=archived)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            if changed and archived:
                messages.success(
                    request,
                    _("“%(name)s” is archived. It can be brought back from the archive.")
                    % {"name": instance},
                )
            elif changed:
                messages.success(request, _("“%(name)s” is back from the archive.") % {"name": instance})
        return redirect(reverse("workspace:archive") if archived else _back(instance))
    context = {
        "instance": instance,
        "kind": model._meta.verbose_name,
        "back": _back(instance),
        "uses": _uses(instance),
    }
    return render(request, "recommendations/archive_confirm.html", context)


def _back(instance: models.Model) -> str:
    url = getattr(instance, "get_absolute_url", None)
    return url() if url else reverse("workspace:document_edit", args=[instance.pk])


def _uses(instance: models.Model) -> int:
    """How many current recommendations stay linked to an archived document or cluster."""
    if isinstance(instance, SourceDocument):
        return Recommendation.objects.filter(source_document=instance).count()
    if isinstance(instance, Cluster):
        return Recommendation.objects.filter(cluster=instance).count()
    return 0


@workspace_view
def recommendation_archive(request: HttpRequest, pk: int) -> HttpResponse:
    return _archive(request, Recommendation, pk)


@workspace_view
def document_archive(request: HttpRequest, pk: int) -> HttpResponse:
    return _archive(request, SourceDocument, pk)


@workspace_view
def cluster_archive(request: HttpRequest, pk: int) -> HttpResponse:
    return _archive(request, Cluster, pk)


@workspace_view
def archive_list(request: HttpRequest) -> HttpResponse:
    require_view(request.user, "recommendations.view_recommendation")
    sections = []
    for model, url_name in (
        (Recommendation, "workspace:recommendation_archive"),
        (SourceDocument, "workspace:document_archive"),
        (Cluster, "workspace:cluster_archive"),
    ):
        archived = model.all_objects.filter(archived=True).order_by(
            "-updated_at" if model is not SourceDocument else "symbol"
        )
        if model is Recommendation:
            archived = archived.select_related("mechanism")
        sections.append(
            {
                "kind": model._meta.verbose_name_plural,
                "count": archived.count(),
                "rows": list(archived[:SHOWN]),
                "url_name": url_name,
                "can_change": request.user.has_perm(f"recommendations.change_{model._meta.model_name}"),
            }
        )
    return render(request, "recommendations/archive_list.html", {"sections": sections, "shown": SHOWN})
