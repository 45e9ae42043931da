"""The public tracker under /<lang>/: no account, only what is published (see portal.selectors)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from focalpoints.views import CONTENT_TYPES
from nmirf.cache import data_generation
from portal import selectors, services, tables
from portal.forms import FeedbackForm
from recommendations.exporting import EXPORT_FORMATS, TABLE_EXPORTERS, export_response
from recommendations.filters import RecommendationQuery
from recommendations.models import Recommendation
from reporting import charts, statistics
from reporting.selectors import report_published_list


def public_cache(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """Serve anonymous visitors a copy of the page made since the data last changed.

    Copies live at most PORTAL_CACHE_SECONDS and are keyed by the data generation (nmirf.cache), so a
    publication or withdrawal shows at once. Only for pages without a form (no CSRF token in them),
    only for visitors without a session or pending messages (nothing personal on the page), only
    answers 200; keyed by the whole path, whose prefix is the language.
    """

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponseBase:
        personal = settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES
        if request.method != "GET" or personal or settings.PORTAL_CACHE_SECONDS <= 0:
            return view(request, *args, **kwargs)
        path = f"{data_generation()}:{request.get_full_path()}"
        key = "portal:page:" + hashlib.sha256(path.encode()).hexdigest()
        content = cache.get(key)
        if content is not None:
            return HttpResponse(content)
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming and not response.cookies:
            cache.set(key, response.content, settings.PORTAL_CACHE_SECONDS)
        return response

    return wrapper


def _results(request: HttpRequest, **fixed: list[str]) -> dict[str, Any]:
    """A page of published recommendations for the query string (narrowed by `fixed`), with its facets."""
    query = RecommendationQuery.from_params(request.GET, staff=False)
    for name, values in fixed.items():
        setattr(query, name, values)
    page, facets = selectors.public_search(query=query)
    return {"query": query, "page": page, "facets": facets, "formats": EXPORT_FORMATS}


def _download(fmt: str, columns: list[str], records: Iterable[dict], name: str) -> HttpResponseBase:
    if fmt not in EXPORT_FORMATS:
        raise Http404
    return TABLE_EXPORTERS[fmt](columns, records, f"{name}-{timezone.localdate().isoformat()}")


@require_GET
@public_cache
def home(request: HttpRequest) -> HttpResponse:
    published = selectors.public_recommendations()
    by_mechanism = statistics.progress_by(published, "mechanism")
    over_time = statistics.progress_over_time(published, until=timezone.localdate())
    context = {
        "total": sum(row.total for row in by_mechanism),
        # The same figures per status, added up from the mechanisms' rows rather than counted again.
        "by_status": [
            (value, label, sum(row.counts.get(value, 0) for row in by_mechanism))
            for value, label in Recommendation.Status.choices
        ],
        "by_mechanism": by_mechanism,
        "by_mechanism_chart": charts.stacked_status_bars(
            by_mechanism,
            title=_("Published recommendations by mechanism and implementation status"),
            description=_("One bar per mechanism, divided by status; the table beside it gives the figures."),
        ),
        "over_time": over_time,
        "statuses": Recommendation.Status.choices,
        "over_time_chart": charts.stacked_status_bars(
            over_time,
            title=_("Recommendations whose status was last reported in each quarter"),
            description=_("One bar per quarter, divided by status; the table beside it gives the figures."),
        ),
        "updates": selectors.latest_updates(),
        "reports": report_published_list(limit=5),
        "deadlines": selectors.upcoming_deadlines(),
    }
    return render(request, "portal/home.html", context)


@require_GET
@public_cache
def recommendation_list(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/recommendation_list.html", _results(request))


@require_GET
def recommendation_export(request: HttpRequest, fmt: str) -> HttpResponseBase:
    if fmt not in EXPORT_FORMATS:
        raise Http404
    query = RecommendationQuery.from_params(request.GET, staff=False)
    stamp = timezone.localdate().isoformat()
    return export_response(fmt, selectors.public_recommendation_list(query=query), f"recommendations-{stamp}")


@require_http_methods(["GET", "HEAD", "POST"])
def recommendation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    context = selectors.public_recommendation_page(pk)
    form = FeedbackForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and _feedback_accepted(request, context["recommendation"], form)
    ):
        messages.success(request, _("Thank you. The secretariat will read your message."))
        return redirect("portal:recommendation_detail", pk)
    context["form"] = form
    return render(request, "portal/recommendation_detail.html", context, status=400 if form.errors else 200)


def _feedback_accepted(request: HttpRequest, recommendation, form: FeedbackForm) -> bool:
    """Queue the message; a filled honeypot is thanked and dropped; too many messages are refused."""
    if form.is_spam():
        return True
    if not services.feedback_allowed(address=request.META.get("REMOTE_ADDR", "")):
        form.add_error(None, _("Too many messages from your connection. Please try again in an hour."))
        return False
    data = {name: form.cleaned_data[name] for name in ("message", "name", "email", "organisation")}
    try:
        services.feedback_submit(recommendation=recommendation, language=get_language() or "en", **data)
    except ValidationError as error:
        form.add_error(None, error)
        return False
    return True


@require_GET
def evidence_download(request: HttpRequest, pk: int) -> FileResponse:
    evidence = selectors.public_evidence().filter(pk=pk).first()
    if evidence is None:
        raise Http404
    response = FileResponse(
        evidence.file.open("rb"),
        as_attachment=True,
        filename=evidence.name,
        content_type=CONTENT_TYPES[evidence.kind],
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


# Lists of clusters, mechanisms, institutions and SDG goals, each with its download -------------------


def _list_page(template: str, objects: QuerySet, table: tables.Table) -> Callable[..., HttpResponseBase]:
    @require_GET
    def view(request: HttpRequest, fmt: str | None = None) -> HttpResponseBase:
        if fmt is not None:
            return _download(fmt, table.columns, table.records(objects()), table.name)
        return render(request, template, {"objects": objects(), "formats": EXPORT_FORMATS})

    return view


cluster_list = _list_page("portal/cluster_list.html", selectors.public_clusters, tables.CLUSTERS)
mechanism_list = _list_page("portal/mechanism_list.html", selectors.public_mechanisms, tables.MECHANISMS)
institution_list = _list_page(
    "portal/institution_list.html", selectors.public_institutions, tables.INSTITUTIONS
)
goal_list = _list_page("portal/goal_list.html", selectors.public_goals, tables.GOALS)


def _scoped_page(
    request: HttpRequest, template: str, obj: Any, extra: dict | None = None, **fixed: list[str]
) -> HttpResponse:
    """An object's page with the published recommendations it concerns (filtered, paginated)."""
    context = _results(request, **fixed) | (extra or {})
    context["object"] = obj
    context["by_status"] = [(facet.value, facet.label, facet.count) for facet in context["facets"]["status"]]
    return render(request, template, context)


@require_GET
@public_cache
def cluster_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _scoped_page(
        request, "portal/cluster_detail.html", selectors.public_cluster(pk), cluster=[str(pk)]
    )


@require_GET
@public_cache
def mechanism_detail(request: HttpRequest, pk: int) -> HttpResponse:
    mechanism = selectors.public_mechanism(pk)
    return _scoped_page(request, "portal/mechanism_detail.html", mechanism, mechanism=[mechanism.code])


@require_GET
@public_cache
def institution_detail(request: HttpRequest, pk: int) -> HttpResponse:
    institution = selectors.public_institution(pk)
    return _scoped_page(request, "portal/institution_detail.html", institution, institution=[str(pk)])


@require_GET
@public_cache
def goal_detail(request: HttpRequest, code: int) -> HttpResponse:
    goal = selectors.public_goal(str(code))
    extra = {"targets": selectors.goal_targets(goal)}
    return _scoped_page(request, "portal/goal_detail.html", goal, extra, goal=[goal.code])


@require_GET
@public_cache
def target_detail(request: HttpRequest, code: str) -> HttpResponse:
    target = selectors.public_target(code)
    return _scoped_page(request, "portal/target_detail.html", target, target=[target.code])


@require_GET
def open_data(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/open_data.html", {"formats": EXPORT_FORMATS})
