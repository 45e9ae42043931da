"""The secretariat's recommendations workspace under /<lang>/workspace/."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from nmirf.access import get_for_user, require_change, require_view, workspace_view
from nmirf.history_views import object_history
from nmirf.versioning import save_if_current
from recommendations import selectors, services
from recommendations.bulk_pages import bulk_confirmation, last_bulk_result, remember_bulk_result
from recommendations.exporting import EXPORT_FORMATS, export_response
from recommendations.filters import RecommendationQuery
from recommendations.forms import (
    ApplyInstitutionsForm,
    BulkActionForm,
    ClusterForm,
    ClusterMergeForm,
    RecommendationForm,
    SourceDocumentForm,
)
from recommendations.models import Cluster, Recommendation, SourceDocument
from recommendations.provenance import recommendation_source


def _query(request: HttpRequest) -> RecommendationQuery:
    return RecommendationQuery.from_params(request.GET, staff=True)


@workspace_view
def recommendation_list(request: HttpRequest) -> HttpResponse:
    require_view(request.user, "recommendations.view_recommendation")
    query = _query(request)
    for error in query.errors:
        messages.warning(request, error)
    results = selectors.recommendation_list(query=query)
    page, facets = selectors.recommendation_search(results, number=query.page, per_page=query.page_size)
    context = {
        "query": query,
        "page": page,
        "facets": facets,
        "bulk_result": last_bulk_result(request),
        "bulk_form": BulkActionForm()
        if request.user.has_perm("recommendations.change_recommendation")
        else None,
    }
    return render(request, "recommendations/list.html", context)


@workspace_view
def recommendation_export(request: HttpRequest, fmt: str) -> HttpResponse:
    require_view(request.user, "recommendations.view_recommendation")
    if fmt not in EXPORT_FORMATS:
        raise Http404
    query = _query(request)
    stamp = timezone.localdate().isoformat()
    return export_response(
        fmt, query.apply(Recommendation.objects.all()), f"recommendations-{stamp}", staff=True
    )


@workspace_view
@require_POST
def recommendation_bulk(request: HttpRequest) -> HttpResponse:
    require_change(request.user, "recommendations.change_recommendation")
    query = _query(request)
    form = BulkActionForm(request.POST)
    back = f"{reverse('workspace:recommendation_list')}?{query.as_params().urlencode()}"
    if not form.is_valid():
        for error in [*form.non_field_errors(), *(e for errors in form.errors.values() for e in errors)]:
            messages.error(request, error)
        return redirect(back)
    data = form.cleaned_data
    if data["action"] in ("publish", "withhold"):
        require_change(request.user, "recommendations.publish_recommendation")
    if data["scope"] == BulkActionForm.SCOPE_ALL:
        targets = query.apply(Recommendation.objects.all())
    else:
        targets = Recommendation.objects.filter(pk__in=[r.pk for r in data["ids"]])
    change = {
        "user": request.user,
        "recommendations": targets,
        "action": data["action"],
        "value": data["value"],
    }
    try:
        if form.needs_confirmation(targets.count()):
            preview = services.recommendations_bulk_preview(**change)
            if not preview.changed:
                messages.info(
                    request, _("Nothing to change: every selected recommendation already has this value.")
                )
                return redirect(back)
            return render(
                request, "recommendations/bulk_confirm.html", bulk_confirmation(request, form, preview, back)
            )
        result = services.recommendations_bulk_change(**change)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(back)
    remember_bulk_result(request, result)
    return redirect(back)


@workspace_view
def recommendation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    recommendation = get_for_user(
        request.user, Recommendation, pk, queryset=selectors.recommendation_detail(pk)
    )
    context = {
        "recommendation": recommendation,
        "related": selectors.related_recommendations(recommendation),
        "source": recommendation_source(recommendation),
    }
    return render(request, "recommendations/detail.html", context)


@workspace_view
def recommendation_create(request: HttpRequest) -> HttpResponse:
    require_change(request.user, "recommendations.add_recommendation")
    form = RecommendationForm(request.POST or None)
    if form.is_valid():
        try:
            recommendation = services.recommendation_create(user=request.user, values=form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Recommendation added."))
            return redirect(recommendation)
    return render(request, "recommendations/form.html", {"form": form})


@workspace_view
def recommendation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    recommendation = get_for_user(request.user, Recommendation, pk, change=True)
    form = RecommendationForm(request.POST or None, instance=recommendation)
    if save_if_current(
        form,
        lambda data: services.recommendation_update(
            user=request.user, recommendation=recommendation, values=data
        ),
    ):
        messages.success(request, _("Recommendation saved."))
        return redirect(recommendation)
    return render(request, "recommendations/form.html", {"form": form, "recommendation": recommendation})


@workspace_view
def recommendation_history(request: HttpRequest, pk: int) -> HttpResponse:
    recommendation = get_for_user(request.user, Recommendation, pk)
    return object_history(request, recommendation, recommendation.get_absolute_url())


@workspace_view
def document_list(request: HttpRequest) -> HttpResponse:
    require_view(request.user, "recommendations.view_sourcedocument")
    documents = SourceDocument.objects.select_related("mechanism", "state").order_by("-date", "symbol")
    term = request.GET.get("q", "").strip()
    if term:
        documents = documents.filter(symbol__icontains=term)
    page = Paginator(documents, 50).get_page(request.GET.get("page"))
    return render(request, "recommendations/document_list.html", {"page": page, "term": term})


@workspace_view
def document_create(request: HttpRequest) -> HttpResponse:
    require_change(request.user, "recommendations.add_sourcedocument")
    form = SourceDocumentForm(request.POST or None)
    if form.is_valid():
        document = services.source_document_create(user=request.user, values=form.cleaned_data)
        messages.success(request, _("Source document %(symbol)s added.") % {"symbol": document.symbol})
        return redirect("workspace:document_list")
    return render(request, "recommendations/document_form.html", {"form": form})


@workspace_view
def document_edit(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_for_user(request.user, SourceDocument, pk, change=True)
    form = SourceDocumentForm(request.POST or None, instance=document)
    if save_if_current(
        form, lambda data: services.source_document_update(user=request.user, document=document, values=data)
    ):
        messages.success(request, _("Source document %(symbol)s saved.") % {"symbol": document.symbol})
        return redirect("workspace:document_list")
    return render(request, "recommendations/document_form.html", {"form": form, "document": document})


@workspace_view
def cluster_list(request: HttpRequest) -> HttpResponse:
    require_view(request.user, "recommendations.view_cluster")
    statuses = Recommendation.Status.choices
    return render(
        request,
        "recommendations/cluster_list.html",
        {"clusters": selectors.cluster_list(), "statuses": statuses},
    )


@workspace_view
def cluster_detail(request: HttpRequest, pk: int) -> HttpResponse:
    cluster = get_for_user(request.user, Cluster, pk)
    context = {
        "cluster": cluster,
        "groups": selectors.cluster_recommendations_by_mechanism(cluster),
        "apply_form": ApplyInstitutionsForm(),
        "merge_form": ClusterMergeForm(source=cluster),
    }
    return render(request, "recommendations/cluster_detail.html", context)


@workspace_view
def cluster_create(request: HttpRequest) -> HttpResponse:
    require_change(request.user, "recommendations.add_cluster")
    form = ClusterForm(request.POST or None)
    if form.is_valid():
        cluster = services.cluster_create(user=request.user, values=form.cleaned_data)
        messages.success(request, _("Cluster created."))
        return redirect(cluster)
    return render(request, "recommendations/cluster_form.html", {"form": form})


@workspace_view
def cluster_edit(request: HttpRequest, pk: int) -> HttpResponse:
    cluster = get_for_user(request.user, Cluster, pk, change=True)
    form = ClusterForm(request.POST or None, instance=cluster)
    if save_if_current(
        form, lambda data: services.cluster_update(user=request.user, cluster=cluster, values=data)
    ):
        messages.success(request, _("Cluster saved."))
        return redirect(cluster)
    return render(request, "recommendations/cluster_form.html", {"form": form, "cluster": cluster})


@workspace_view
@require_POST
def cluster_merge(request: HttpRequest, pk: int) -> HttpResponse:
    cluster = get_for_user(request.user, Cluster, pk, change=True)
    require_change(request.user, "recommendations.delete_cluster")
    form = ClusterMergeForm(request.POST, source=cluster)
    if not form.is_valid():
        messages.error(request, _("Choose the cluster to merge into."))
        return redirect(cluster)
    target = form.cleaned_data["target"]
    moved = services.cluster_merge(user=request.user, source=cluster, target=target)
    messages.success(
        request,
        ngettext("Merged: %(n)d recommendation moved.", "Merged: %(n)d recommendations moved.", moved)
        % {"n": moved},
    )
    return redirect(target)


@workspace_view
@require_POST
def cluster_apply_institutions(request: HttpRequest, pk: int) -> HttpResponse:
    cluster = get_for_user(request.user, Cluster, pk, change=True)
    require_change(request.user, "recommendations.change_recommendation")
    form = ApplyInstitutionsForm(request.POST)
    if form.is_valid():
        try:
            changed = services.cluster_apply_institutions(
                user=request.user, cluster=cluster, mode=form.cleaned_data["mode"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                ngettext("%(n)d recommendation changed.", "%(n)d recommendations changed.", changed)
                % {"n": changed},
            )
    else:
        messages.error(request, _("Choose what to apply."))
    return redirect(cluster)


@workspace_view
def cluster_history(request: HttpRequest, pk: int) -> HttpResponse:
    cluster = get_for_user(request.user, Cluster, pk)
    return object_history(request, cluster, cluster.get_absolute_url())
