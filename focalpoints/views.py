"""Pages of the focal-point network under /<lang>/workspace/, and the invitation under /<lang>/accounts/.

Every view goes through nmirf.access (404 for what the user may not see, 403 for what they may not
change) and focalpoints.rules (the institution a focal point answers for).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from focalpoints import exports, people, reminders, rules, selectors, services
from focalpoints.evidence import CONTENT_TYPES
from focalpoints.forms import (
    ActionForm,
    CommentForm,
    DataPointForm,
    DeadlineForm,
    IndicatorForm,
    InstitutionForm,
    InviteForm,
    ReturnForm,
    SuccessionForm,
    UpdateForm,
    ValidateForm,
)
from focalpoints.models import (
    Action,
    DataPoint,
    Deadline,
    FocalPoint,
    ImpactIndicator,
    Institution,
    ProgressUpdate,
)
from nmirf.access import get_for_user, require_change, require_view, workspace_view
from nmirf.versioning import save_if_current
from recommendations.models import Cluster, Mechanism, Recommendation


def _errors(request: HttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def _save_form(request: HttpRequest, form, call) -> object | None:
    """Run a service with the form's data; its validation errors go back onto the form.

    An edit form's save is refused when its object changed since the form was opened.
    """
    return save_if_current(form, call)


# The focal point's workspace ----------------------------------------------------------------------


@workspace_view
def my_work(request: HttpRequest) -> HttpResponse:
    focal_point = rules.active_focal_point(request.user)
    if focal_point is None:
        raise Http404
    institution = focal_point.institution
    recommendations = selectors.assigned_recommendations(institution.pk)
    page = Paginator(recommendations, 50).get_page(request.GET.get("page"))
    context = {
        "focal_point": focal_point,
        "work": selectors.institution_work(institution),
        "page": page,
        "items": selectors.as_work_items(page.object_list, institution.pk),
    }
    return render(request, "focalpoints/my_work.html", context)


@workspace_view
def notification_list(request: HttpRequest) -> HttpResponse:
    context = {"notifications": reminders.notification_list(request.user)}
    return render(request, "focalpoints/notifications.html", context)


@workspace_view
@require_POST
def notifications_read(request: HttpRequest) -> HttpResponse:
    ids = [int(pk) for pk in request.POST.getlist("ids") if pk.isdigit()]
    reminders.notifications_mark_read(user=request.user, ids=ids or None)
    return redirect("workspace:notification_list")


# Institutions and people --------------------------------------------------------------------------


@workspace_view
def institution_list(request: HttpRequest) -> HttpResponse:
    require_view(request.user, "focalpoints.view_institution")
    context = {"institutions": selectors.institution_list().order_by("name")}
    return render(request, "focalpoints/institution_list.html", context)


@workspace_view
def institution_detail(request: HttpRequest, pk: int) -> HttpResponse:
    institution = get_for_user(request.user, Institution, pk)
    work = selectors.institution_work(institution)
    context = {
        "institution": institution,
        "work": work,
        "overdue": [item for item in work.due if item.overdue],
        "people": selectors.institution_people(institution),
        "contacts": rules.can_see_contact_details(request.user, institution.pk),
        "activity": selectors.institution_last_activity(institution),
    }
    return render(request, "focalpoints/institution_detail.html", context)


@workspace_view
def institution_create(request: HttpRequest) -> HttpResponse:
    require_change(request.user, "focalpoints.add_institution")
    form = InstitutionForm(request.POST or None)
    institution = _save_form(
        request, form, lambda data: services.institution_create(user=request.user, values=data)
    )
    if institution:
        messages.success(request, _("Institution added."))
        return redirect(institution)
    return render(request, "focalpoints/form.html", {"form": form, "title": _("Add an institution")})


@workspace_view
def institution_edit(request: HttpRequest, pk: int) -> HttpResponse:
    institution = get_for_user(request.user, Institution, pk, change=True)
    form = InstitutionForm(request.POST or None, instance=institution)
    call = lambda data: services.institution_update(user=request.user, institution=institution, values=data)  # noqa: E731
    if _save_form(request, form, call):
        messages.success(request, _("Institution saved."))
        return redirect(institution)
    return render(
        request, "focalpoints/form.html", {"form": form, "title": str(institution), "back": institution}
    )


@workspace_view
def people_list(request: HttpRequest) -> HttpResponse:
    require_view(request.user, "focalpoints.view_focalpoint")
    users = (
        get_user_model().objects.prefetch_related("groups").order_by("-is_active", "last_name", "username")
    )
    services_by_user = {fp.user_id: fp for fp in selectors.directory()}
    rows = [(person, services_by_user.get(person.pk), people.is_invited(person)) for person in users]
    return render(request, "focalpoints/people_list.html", {"rows": rows})


@workspace_view
def person_invite(request: HttpRequest) -> HttpResponse:
    require_change(request.user, "focalpoints.manage_people")
    form = InviteForm(request.POST or None)
    call = lambda data: people.person_invite(user=request.user, **data)  # noqa: E731
    person = _save_form(request, form, call)
    if person:
        messages.success(request, _("Invitation sent to %(email)s.") % {"email": person.email})
        return redirect("workspace:people_list")
    return render(request, "focalpoints/form.html", {"form": form, "title": _("Invite a person")})


@workspace_view
@require_POST
def person_resend(request: HttpRequest, pk: int) -> HttpResponse:
    require_view(request.user, "focalpoints.view_focalpoint")
    require_change(request.user, "focalpoints.manage_people")
    person = get_object_or_404(get_user_model(), pk=pk)
    try:
        people.person_invite_resend(user=request.user, person=person)
        messages.success(request, _("Invitation sent again to %(email)s.") % {"email": person.email})
    except ValidationError as error:
        _errors(request, error)
    return redirect("workspace:people_list")


@workspace_view
@require_POST
def person_deactivate(request: HttpRequest, pk: int) -> HttpResponse:
    require_view(request.user, "focalpoints.view_focalpoint")
    require_change(request.user, "focalpoints.manage_people")
    person = get_object_or_404(get_user_model(), pk=pk)
    try:
        people.person_deactivate(user=request.user, person=person)
        messages.success(request, _("%(name)s can no longer sign in.") % {"name": person.get_username()})
    except ValidationError as error:
        _errors(request, error)
    return redirect("workspace:people_list")


@workspace_view
def focal_point_replace(request: HttpRequest, pk: int) -> HttpResponse:
    require_view(request.user, "focalpoints.view_focalpoint")
    require_change(request.user, "focalpoints.manage_people")
    focal_point = get_object_or_404(FocalPoint.objects.select_related("user", "institution"), pk=pk)
    form = SuccessionForm(request.POST or None, versioned=focal_point)
    call = lambda data: people.focal_point_replace(  # noqa: E731
        user=request.user, focal_point=focal_point, successor=data["successor"], invite=form.invite(),
        start=data["start"], title=data["title"], phone=data["phone"],
    ) or focal_point  # fmt: skip
    if _save_form(request, form, call):
        messages.success(request, _("The succession is recorded."))
        return redirect(focal_point.institution)
    return render(request, "focalpoints/succession_form.html", {"form": form, "focal_point": focal_point})


@workspace_view
def directory_export(request: HttpRequest, fmt: str) -> HttpResponse:
    require_view(request.user, "focalpoints.view_focalpoint")
    rows = selectors.directory(include_past=request.GET.get("past") == "1")
    return exports.directory_response(rows, fmt)


# Actions, indicators, deadlines -------------------------------------------------------------------


@workspace_view
def action_list(request: HttpRequest) -> HttpResponse:
    require_view(request.user, "focalpoints.view_action")
    actions = Action.objects.select_related("recommendation__mechanism", "cluster", "lead_institution")
    page = Paginator(actions.order_by("end_date", "pk"), 50).get_page(request.GET.get("page"))
    return render(request, "focalpoints/action_list.html", {"page": page})


@workspace_view
def action_detail(request: HttpRequest, pk: int) -> HttpResponse:
    queryset = Action.objects.select_related("recommendation__mechanism", "cluster", "lead_institution")
    action = get_for_user(
        request.user, Action, pk, queryset=queryset.prefetch_related("supporting_institutions")
    )
    context = {
        "action": action,
        "indicators": action.indicators.all(),
        "updates": rules.updates_visible_to(request.user).filter(action=action).select_related("institution"),
        "can_report": rules.why_cannot_report_on(request.user, action) is None,
    }
    return render(request, "focalpoints/action_detail.html", context)


@workspace_view
def action_create(request: HttpRequest) -> HttpResponse:
    require_change(request.user, "focalpoints.add_action")
    initial = {
        key: request.GET[key] for key in ("recommendation", "cluster") if request.GET.get(key, "").isdigit()
    }
    form = ActionForm(request.POST or None, initial=initial)
    action = _save_form(request, form, lambda data: services.action_create(user=request.user, values=data))
    if action:
        messages.success(request, _("Action added."))
        return redirect(action)
    return render(request, "focalpoints/form.html", {"form": form, "title": _("Add an action")})


@workspace_view
def action_edit(request: HttpRequest, pk: int) -> HttpResponse:
    action = get_for_user(request.user, Action, pk, change=True)
    form = ActionForm(request.POST or None, instance=action)
    if _save_form(
        request, form, lambda data: services.action_update(user=request.user, action=action, values=data)
    ):
        messages.success(request, _("Action saved."))
        return redirect(action)
    return render(request, "focalpoints/form.html", {"form": form, "title": str(action), "back": action})


@workspace_view
def indicator_list(request: HttpRequest) -> HttpResponse:
    require_view(request.user, "focalpoints.view_impactindicator")
    indicators = ImpactIndicator.objects.select_related("sdg_indicator").order_by("name")
    return render(request, "focalpoints/indicator_list.html", {"indicators": indicators})


@workspace_view
def indicator_detail(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = get_for_user(request.user, ImpactIndicator, pk)
    points = indicator.data_points.select_related(
        "update__recommendation__mechanism", "update__action"
    ).order_by("-date", "sex", "age", "region", "disability")
    context = {
        "indicator": indicator,
        "points": points,
        "recommendations": indicator.recommendations.select_related("mechanism"),
        "actions": indicator.actions.all(),
        "form": DataPointForm() if request.user.has_perm("focalpoints.add_datapoint") else None,
    }
    return render(request, "focalpoints/indicator_detail.html", context)


@workspace_view
def indicator_create(request: HttpRequest) -> HttpResponse:
    require_change(request.user, "focalpoints.add_impactindicator")
    initial = (
        {"recommendations": [request.GET["recommendation"]]}
        if request.GET.get("recommendation", "").isdigit()
        else {}
    )
    form = IndicatorForm(request.POST or None, initial=initial)
    indicator = _save_form(
        request, form, lambda data: services.indicator_create(user=request.user, values=data)
    )
    if indicator:
        messages.success(request, _("Indicator added."))
        return redirect(indicator)
    return render(request, "focalpoints/form.html", {"form": form, "title": _("Add an indicator")})


@workspace_view
def indicator_edit(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = get_for_user(request.user, ImpactIndicator, pk, change=True)
    form = IndicatorForm(request.POST or None, instance=indicator)
    call = lambda data: services.indicator_update(user=request.user, indicator=indicator, values=data)  # noqa: E731
    if _save_form(request, form, call):
        messages.success(request, _("Indicator saved."))
        return redirect(indicator)
    return render(
        request, "focalpoints/form.html", {"form": form, "title": str(indicator), "back": indicator}
    )


@workspace_view
@require_POST
def data_point_add(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = get_for_user(request.user, ImpactIndicator, pk)
    require_change(request.user, "focalpoints.add_datapoint")
    form = DataPointForm(request.POST)
    call = lambda data: services.data_point_add(user=request.user, indicator=indicator, values=data)  # noqa: E731
    if _save_form(request, form, call):
        messages.success(request, _("Value added."))
    else:
        for error in [*form.non_field_errors(), *(e for errors in form.errors.values() for e in errors)]:
            messages.error(request, error)
    return redirect(indicator)


@workspace_view
@require_POST
def data_point_delete(request: HttpRequest, pk: int, point: int) -> HttpResponse:
    indicator = get_for_user(request.user, ImpactIndicator, pk)
    require_change(request.user, "focalpoints.delete_datapoint")
    data_point = get_object_or_404(DataPoint, pk=point, indicator=indicator)
    try:
        services.data_point_delete(user=request.user, data_point=data_point)
        messages.success(request, _("Value removed."))
    except ValidationError as error:
        _errors(request, error)
    return redirect(indicator)


@workspace_view
def deadline_list(request: HttpRequest) -> HttpResponse:
    require_view(request.user, "focalpoints.view_deadline")
    deadlines = (
        Deadline.objects.select_related("mechanism").prefetch_related("clusters").order_by("due_date", "pk")
    )
    return render(request, "focalpoints/deadline_list.html", {"deadlines": deadlines})


@workspace_view
def deadline_create(request: HttpRequest) -> HttpResponse:
    require_change(request.user, "focalpoints.add_deadline")
    form = DeadlineForm(request.POST or None)
    if _save_form(request, form, lambda data: services.deadline_create(user=request.user, values=data)):
        messages.success(
            request, _("Deadline added. Apply it to set the update deadline of the items concerned.")
        )
        return redirect("workspace:deadline_list")
    return render(request, "focalpoints/form.html", {"form": form, "title": _("Add a reporting deadline")})


@workspace_view
def deadline_edit(request: HttpRequest, pk: int) -> HttpResponse:
    deadline = get_for_user(request.user, Deadline, pk, change=True)
    form = DeadlineForm(request.POST or None, instance=deadline)
    call = lambda data: services.deadline_update(user=request.user, deadline=deadline, values=data)  # noqa: E731
    if _save_form(request, form, call):
        messages.success(request, _("Deadline saved."))
        return redirect("workspace:deadline_list")
    return render(request, "focalpoints/form.html", {"form": form, "title": str(deadline)})


@workspace_view
@require_POST
def deadline_apply(request: HttpRequest, pk: int) -> HttpResponse:
    deadline = get_for_user(request.user, Deadline, pk, change=True)
    require_change(request.user, "recommendations.change_recommendation")
    changed = services.deadline_apply(user=request.user, deadline=deadline)
    messages.success(
        request,
        ngettext("%(n)d recommendation changed.", "%(n)d recommendations changed.", changed) % {"n": changed},
    )
    return redirect("workspace:deadline_list")


# Progress updates ---------------------------------------------------------------------------------


def _visible_update(request: HttpRequest, pk: int) -> ProgressUpdate:
    visible = rules.updates_visible_to(request.user)
    return get_for_user(request.user, ProgressUpdate, pk, queryset=selectors.update_detail(pk) & visible)


def _start_update(request: HttpRequest, item) -> HttpResponse:
    update, started = services.update_start(user=request.user, item=item)
    if started:
        messages.success(
            request, _("A draft update is started. Save it as you go; submit it when it is complete.")
        )
    else:
        messages.info(request, _("Your institution is already writing an update on this item: here it is."))
    return redirect("workspace:update_edit", update.pk)


@workspace_view
@require_POST
def update_start_recommendation(request: HttpRequest, pk: int) -> HttpResponse:
    recommendation = get_for_user(request.user, Recommendation, pk)
    rules.require(rules.why_cannot_report_on(request.user, recommendation))
    return _start_update(request, recommendation)


@workspace_view
@require_POST
def update_start_action(request: HttpRequest, pk: int) -> HttpResponse:
    action = get_for_user(request.user, Action, pk)
    rules.require(rules.why_cannot_report_on(request.user, action))
    return _start_update(request, action)


def _filter_context(request: HttpRequest) -> dict:
    return {
        "institutions": Institution.objects.filter(active=True).order_by("name"),
        "clusters": Cluster.objects.order_by("name"),
        "mechanisms": Mechanism.objects.filter(recommendations__progress_updates__isnull=False).distinct(),
        "params": request.GET,
    }


@workspace_view
def update_list(request: HttpRequest) -> HttpResponse:
    require_view(request.user, "focalpoints.view_progressupdate")
    page = Paginator(selectors.update_list(request.user, request.GET), 50).get_page(request.GET.get("page"))
    context = _filter_context(request) | {"page": page, "states": ProgressUpdate.State.choices}
    return render(request, "focalpoints/update_list.html", context)


@workspace_view
def review_queue(request: HttpRequest) -> HttpResponse:
    require_view(request.user, "focalpoints.review_progressupdate")
    page = Paginator(selectors.review_queue(request.GET), 50).get_page(request.GET.get("page"))
    return render(request, "focalpoints/review_queue.html", _filter_context(request) | {"page": page})


@workspace_view
def update_detail(request: HttpRequest, pk: int) -> HttpResponse:
    update = _visible_update(request, pk)
    user = request.user
    context = {
        "update": update,
        "evidence": update.evidence.all(),
        "data_points": update.data_points.select_related("indicator"),
        "comments": selectors.comments_visible_to(user, update),
        "can_edit": rules.why_cannot_edit(user, update) is None,
        "can_review": rules.why_cannot_review(user, update) is None,
        "can_comment": rules.why_cannot_comment(user, update) is None,
        "validate_form": ValidateForm(initial={"status": update.proposed_status}),
        "return_form": ReturnForm(),
        "comment_form": CommentForm(),
    }
    return render(request, "focalpoints/update_detail.html", context)


@workspace_view
def update_edit(request: HttpRequest, pk: int) -> HttpResponse:
    update = _visible_update(request, pk)
    rules.require(rules.why_cannot_edit(request.user, update))
    form = UpdateForm(
        request.POST or None,
        request.FILES or None,
        instance=update,
        indicators=services.update_indicators(update),
    )
    saved = _save_form(request, form, lambda data: _save_update(request, update, form))
    if saved and "submit" in request.POST:
        return _submit(request, update)
    if saved:
        messages.success(request, _("Draft saved."))
        return redirect("workspace:update_edit", update.pk)
    context = {"update": update, "form": form, "evidence": update.evidence.all()}
    return render(request, "focalpoints/update_form.html", context)


def _save_update(request: HttpRequest, update: ProgressUpdate, form: UpdateForm) -> ProgressUpdate:
    services.update_save(
        user=request.user, update=update, values=form.values(), indicator_values=form.indicator_values()
    )
    if form.cleaned_data.get("evidence"):
        services.evidence_add(user=request.user, update=update, upload=form.cleaned_data["evidence"])
    return update


def _submit(request: HttpRequest, update: ProgressUpdate) -> HttpResponse:
    try:
        services.update_submit(user=request.user, update=update)
    except ValidationError as error:
        _errors(request, error)
        return redirect("workspace:update_edit", update.pk)
    messages.success(request, _("The update is submitted to the secretariat."))
    return redirect(update)


@workspace_view
@require_POST
def update_submit(request: HttpRequest, pk: int) -> HttpResponse:
    update = _visible_update(request, pk)
    rules.require(rules.why_cannot_edit(request.user, update))
    return _submit(request, update)


@workspace_view
def evidence_download(request: HttpRequest, pk: int, evidence: int) -> HttpResponse:
    update = _visible_update(request, pk)
    file = get_object_or_404(update.evidence, pk=evidence)
    response = FileResponse(
        file.file.open("rb"), as_attachment=True, filename=file.name, content_type=CONTENT_TYPES[file.kind]
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@workspace_view
@require_POST
def evidence_publish(request: HttpRequest, pk: int, evidence: int) -> HttpResponse:
    update = _visible_update(request, pk)
    require_change(request.user, "focalpoints.review_progressupdate")
    file = get_object_or_404(update.evidence, pk=evidence)
    try:
        services.evidence_set_published(
            user=request.user, evidence=file, published=request.POST.get("published") == "1"
        )
    except ValidationError as error:
        _errors(request, error)
    return redirect(update)


@workspace_view
@require_POST
def evidence_delete(request: HttpRequest, pk: int, evidence: int) -> HttpResponse:
    update = _visible_update(request, pk)
    rules.require(rules.why_cannot_edit(request.user, update))
    services.evidence_remove(user=request.user, evidence=get_object_or_404(update.evidence, pk=evidence))
    messages.success(request, _("File removed."))
    return redirect("workspace:update_edit", update.pk)


@workspace_view
@require_POST
def update_validate(request: HttpRequest, pk: int) -> HttpResponse:
    update = _visible_update(request, pk)
    rules.require(rules.why_cannot_review(request.user, update))
    form = ValidateForm(request.POST)
    if _save_form(
        request, form, lambda data: services.update_validate(user=request.user, update=update, **data)
    ):
        messages.success(request, _("The update is validated and the status recorded."))
        return redirect("workspace:review_queue")
    _errors(request, ValidationError([e for errors in form.errors.values() for e in errors]))
    return redirect(update)


@workspace_view
@require_POST
def update_return(request: HttpRequest, pk: int) -> HttpResponse:
    update = _visible_update(request, pk)
    rules.require(rules.why_cannot_review(request.user, update))
    form = ReturnForm(request.POST)
    if _save_form(
        request, form, lambda data: services.update_return(user=request.user, update=update, **data)
    ):
        messages.success(request, _("The update is returned to the institution with your comment."))
        return redirect("workspace:review_queue")
    messages.error(request, _("Say what the institution should fix."))
    return redirect(update)


@workspace_view
@require_POST
def update_comment(request: HttpRequest, pk: int) -> HttpResponse:
    update = _visible_update(request, pk)
    rules.require(rules.why_cannot_comment(request.user, update))
    form = CommentForm(request.POST)
    if _save_form(
        request, form, lambda data: services.update_comment(user=request.user, update=update, **data)
    ):
        messages.success(request, _("Comment added."))
    else:
        messages.error(request, _("Write a comment first."))
    return redirect(update)


@workspace_view
@require_POST
def update_share(request: HttpRequest, pk: int) -> HttpResponse:
    update = _visible_update(request, pk)
    require_change(request.user, "focalpoints.review_progressupdate")
    try:
        services.update_set_shared(user=request.user, update=update, shared=request.POST.get("shared") == "1")
    except ValidationError as error:
        _errors(request, error)
    return redirect(update)


@workspace_view
@require_POST
def update_publish(request: HttpRequest, pk: int) -> HttpResponse:
    update = _visible_update(request, pk)
    require_change(request.user, "focalpoints.review_progressupdate")
    try:
        services.update_set_published(
            user=request.user, update=update, published=request.POST.get("published") == "1"
        )
    except ValidationError as error:
        _errors(request, error)
    return redirect(update)


# The secretariat's dashboard of gaps --------------------------------------------------------------


@workspace_view
def gaps(request: HttpRequest) -> HttpResponse:
    require_view(request.user, "focalpoints.view_focalpoint")
    months = request.GET.get("months", "6")
    months = min(max(int(months), 1), 60) if months.isdigit() else 6
    return render(request, "focalpoints/gaps.html", {"gaps": selectors.gaps(months=months)})


# Accounts: invitations and password resets --------------------------------------------------------


class InvitationAcceptView(auth_views.PasswordResetConfirmView):
    """The invitation link: the invited person chooses a password (the token works once, for a while)."""

    template_name = "registration/invitation_accept.html"
    success_url = reverse_lazy("invitation_done")
    post_reset_login = False


class PasswordResetView(auth_views.PasswordResetView):
    """Django's password reset, with links in the e-mail built from SITE_URL."""

    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"

    @property
    def extra_email_context(self) -> dict[str, str]:  # read when sending, so settings changes apply
        return {"site_url": settings.SITE_URL}
