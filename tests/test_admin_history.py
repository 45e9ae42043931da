"""Every write through the Django admin leaves history in the audit trail (issue 12).

The walk covers every registered admin: either it refuses a write to a superuser, or a real POST
through its URLs (change, delete, add, "delete selected", import) leaves audit entries for the object.
An admin registered later without `AdminHistoryMixin` fails here; a writable admin without a case in
`CASES` fails with a message saying what to add. Restoring admin changes and deletions is shown below.
"""

from __future__ import annotations

import datetime
import itertools
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from string import ascii_uppercase
from typing import Any

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.sites import AdminSite
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.forms import BaseForm, BooleanField, FileField, MultiWidget
from django.http import HttpRequest, HttpResponse
from django.test import Client, RequestFactory
from django.urls import path, reverse
from import_export.admin import ImportMixin
from import_export.formats.base_formats import CSV

from focalpoints.models import (
    DataPoint,
    Deadline,
    ImpactIndicator,
    Notification,
    ReminderLog,
    UpdateComment,
)
from nmirf.audit import audit_restore, history_for, snapshot
from nmirf.models import AuditBatch, AuditEntry, User
from nmirf.revert import revert_apply
from nmirf.urls import urlpatterns as project_urls
from portal.models import Feedback
from recommendations.models import ConcernedGroup, Country, ImportProfile, Mechanism, Recommendation, Theme
from reporting.models import Report, ReportComment, ReportSchedule, ReportVersion
from sdg.models import Goal, Indicator, Target
from tests.conftest import client_for
from tests.factories import (
    ActionFactory,
    ClusterFactory,
    FocalPointFactory,
    ImpactIndicatorFactory,
    InstitutionFactory,
    ProgressUpdateFactory,
    RecommendationFactory,
    SourceDocumentFactory,
    UserFactory,
)
from vocabulary.models import VocabularyMapping

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password"
_serial = itertools.count(1)

# Admins of other packages' records, which are not the NMIRF's records and stay outside its trail.
OUTSIDE_THE_TRAIL = {
    "axes.accessattempt": "django-axes' failed-login counters, written by axes at every failed login",
    "axes.accesslog": "django-axes' login log, written by axes at every login",
    "axes.accessfailurelog": "django-axes' failed-login log, written by axes at every failed login",
}


@dataclass(frozen=True)
class Case:
    """How to make a fresh object of a model, and a change (form field: new value) to make in the admin."""

    make: Callable[[], models.Model]
    edit: dict[str, Any]
    add: dict[str, Any] = field(default_factory=dict)  # what the add form needs beyond the object's values


def _n() -> int:
    return next(_serial)


def _free_country_code() -> str:
    taken = set(Country.objects.values_list("code", flat=True))
    return next(f"Q{a}{b}" for a in ascii_uppercase for b in ascii_uppercase if f"Q{a}{b}" not in taken)


def _report() -> Report:
    return Report.objects.create(
        kind="parliament",
        title=f"Progress report {_n()}",
        period_start=datetime.date(2024, 1, 1),
        period_end=datetime.date(2024, 12, 31),
    )


CASES: dict[str, Case] = {
    "auth.group": Case(
        lambda: Group.objects.create(name=f"Reviewers {_n()}"), {"name": "Reviewers, renamed"}
    ),
    "nmirf.user": Case(
        lambda: UserFactory(first_name="Amina"),
        {"first_name": "Aminata"},
        add={"password1": PASSWORD, "password2": PASSWORD},
    ),
    # Goals are numbered 1 to 17 and all exist: each step takes the last one left.
    "sdg.goal": Case(
        lambda: Goal.objects.order_by("-number").first(), {"short_title_en": "Partnerships, renamed"}
    ),
    "sdg.target": Case(
        lambda: Target.objects.create(
            goal=Goal.objects.get(number=16),
            code=f"16.x{_n()}",
            order=999,
            short_title_en="A national target",
        ),
        {"short_title_en": "A national target, renamed"},
    ),
    "sdg.indicator": Case(
        lambda: Indicator.objects.create(
            target=Target.objects.get(code="16.3"),
            code=f"16.3.x{_n()}",
            order=999,
            short_title_en="A national one",
        ),
        {"short_title_en": "A national indicator, renamed"},
    ),
    "focalpoints.institution": Case(InstitutionFactory, {"name_en": "Ministry of Interior"}),
    "focalpoints.focalpoint": Case(FocalPointFactory, {"title": "Head of the human rights unit"}),
    "focalpoints.action": Case(ActionFactory, {"title_en": "Train prosecutors on the Convention"}),
    "focalpoints.impactindicator": Case(ImpactIndicatorFactory, {"unit": "per 100,000"}),
    "focalpoints.deadline": Case(
        lambda: Deadline.objects.create(
            title_en=f"CRC follow-up {_n()}",
            due_date=datetime.date(2026, 6, 30),
            updates_due=datetime.date(2026, 5, 31),
        ),
        {"updates_due": "2026-04-30"},
    ),
    "focalpoints.progressupdate": Case(ProgressUpdateFactory, {"narrative": "<p>Training postponed.</p>"}),
    "focalpoints.notification": Case(
        lambda: Notification.objects.create(
            user=UserFactory(), subject="Update returned", body="See comments."
        ),
        {"subject": "Update returned to you"},
    ),
    "focalpoints.reminderlog": Case(
        lambda: ReminderLog.objects.create(
            user=UserFactory(), event="due_14", item_kind="recommendation", item_id=_n(), period="2026-06-30"
        ),
        {"period": "2026-07-31"},
    ),
    "focalpoints.datapoint": Case(
        lambda: DataPoint.objects.create(
            indicator=ImpactIndicatorFactory(), date=datetime.date(2025, 12, 31), value=Decimal("41.5")
        ),
        {"value": "39.25"},
    ),
    "focalpoints.updatecomment": Case(
        lambda: UpdateComment.objects.create(
            update=ProgressUpdateFactory(), author=UserFactory(), kind="validation", text="Well documented."
        ),
        {"text": "Well documented; publish it."},
    ),
    "recommendations.country": Case(
        lambda: Country.objects.create(code=_free_country_code(), name_en="Test State"),
        {"name_en": "Test State, renamed"},
    ),
    "recommendations.theme": Case(
        lambda: Theme.objects.create(code=f"test-theme-{_n()}", name_en="Access to justice"),
        {"name_en": "Access to justice and remedies"},
    ),
    "recommendations.concernedgroup": Case(
        lambda: ConcernedGroup.objects.create(code=f"test-group-{_n()}", name_en="Older persons"),
        {"name_en": "Older persons and carers"},
    ),
    "recommendations.mechanism": Case(
        lambda: Mechanism.objects.create(type="other", code=f"TEST-{_n()}", name_en="A regional body"),
        {"name_en": "A regional body, renamed"},
    ),
    "recommendations.sourcedocument": Case(SourceDocumentFactory, {"title": "Report of the Working Group"}),
    "recommendations.cluster": Case(ClusterFactory, {"name_en": "Justice for children"}),
    "recommendations.recommendation": Case(RecommendationFactory, {"paragraph": "99.1"}),
    "recommendations.importprofile": Case(
        lambda: ImportProfile.objects.create(
            name=f"UHRI export {_n()}", headers_key="a", mapping={"Text": "text"}, created_by=UserFactory()
        ),
        {"name": "UHRI export, renamed"},
    ),
    "vocabulary.vocabularymapping": Case(
        lambda: VocabularyMapping.objects.create(
            source_format="uprinfo",
            kind="theme",
            value=f"Detention {_n()}",
            key=f"detention {_n()}",
            decision="map",
            target_id=Theme.objects.first().pk,
        ),
        {"decision": "ignore", "target_id": ""},
    ),
    "reporting.report": Case(_report, {"title": "Progress report to parliament, 2024"}),
    "reporting.reportversion": Case(
        lambda: ReportVersion.objects.create(report=_report(), number=1, parameters={"scope": "all"}),
        {"attempts": "2"},
    ),
    "reporting.reportcomment": Case(
        lambda: ReportComment.objects.create(report=_report(), author=UserFactory(), text="Add a summary."),
        {"text": "Add a one-page summary."},
    ),
    "reporting.reportschedule": Case(
        lambda: ReportSchedule.objects.create(
            recipients="clerk@parliament.example", next_run=datetime.date(2026, 7, 1)
        ),
        {"recipients": "clerk@parliament.example, speaker@parliament.example"},
    ),
    "portal.feedback": Case(
        lambda: Feedback.objects.create(
            recommendation=RecommendationFactory(), message="Thank you.", language="en"
        ),
        {"note": "Answered by e-mail."},
    ),
}


@pytest.fixture
def superuser(db) -> User:
    return UserFactory(username="root", is_staff=True, is_superuser=True)


def _request(user: User) -> HttpRequest:
    request = RequestFactory().get("/admin/")
    request.user = user
    return request


def _project_app(model: type[models.Model]) -> bool:
    """Whether `model` belongs to an app of this repository (not to an installed package)."""
    where = Path(model._meta.app_config.path)
    return where.is_relative_to(settings.BASE_DIR) and not where.is_relative_to(sys.prefix)


# POST data as a browser sends it, from the admin's own forms -----------------------------------------


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _form_data(form: BaseForm) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for name, form_field in form.fields.items():
        if form_field.disabled or isinstance(form_field, FileField):
            continue
        key, value = form.add_prefix(name), form[name].value()
        widget = getattr(form_field.widget, "widget", form_field.widget)  # inside RelatedFieldWidgetWrapper
        if isinstance(widget, MultiWidget):
            data.update({f"{key}_{i}": _text(part) for i, part in enumerate(widget.decompress(value))})
        elif isinstance(form_field, BooleanField):
            if value:
                data[key] = "on"
        elif isinstance(value, list | tuple):
            data[key] = [_text(item) for item in value]
        else:
            data[key] = _text(value)
    return data


def admin_post_data(
    model_admin: admin.ModelAdmin, user: User, obj: models.Model, *, change: bool
) -> dict[str, Any]:
    """What the admin's change form (or add form, filled with `obj`'s values) posts, inlines included."""
    request = _request(user)
    form = model_admin.get_form(request, obj if change else None, change=change)(instance=obj)
    data = _form_data(form)
    seen: dict[str, int] = {}
    for formset_class, inline in model_admin.get_formsets_with_inlines(request, obj if change else None):
        prefix = formset_class.get_default_prefix()
        seen[prefix] = seen.get(prefix, 0) + 1
        if seen[prefix] != 1 or not prefix:
            prefix = f"{prefix}-{seen[prefix]}"
        formset = formset_class(
            instance=obj if change else model_admin.model(),
            prefix=prefix,
            queryset=inline.get_queryset(request),
        )
        management = formset.management_form
        data.update({management.add_prefix(name): value for name, value in management.initial.items()})
        for inline_form in formset.forms:
            data.update(_form_data(inline_form))
    return data


def _posted(response: HttpResponse, what: str) -> None:
    """A successful admin POST redirects; otherwise fail with the form's errors."""
    if response.status_code == 302:
        return
    errors: list[Any] = []
    context = response.context or {}
    if "adminform" in context:
        errors.append(context["adminform"].form.errors)
        errors += [formset.formset.errors for formset in context.get("inline_admin_formsets", [])]
    pytest.fail(f"{what}: the admin answered {response.status_code}, not a redirect: {errors}")


def _entries(model: type[models.Model], pk: Any):
    content_type = ContentType.objects.get_for_model(model)
    return AuditEntry.objects.filter(content_type=content_type, object_id=str(pk)).select_related("batch")


def _recorded(model: type[models.Model], pk: Any, operation: str, action: str, user: User) -> AuditEntry:
    entries = list(_entries(model, pk).filter(operation=operation, batch__action=action))
    assert entries, (
        f"{model._meta.label}: no '{operation}' entry from '{action}' for #{pk} in the audit trail"
    )
    entry = entries[0]
    assert entry.batch.user == user
    for state in (entry.before, entry.after):
        assert "password" not in (state or {}), "a password hash entered the audit trail"
    return entry


# The walk -------------------------------------------------------------------------------------------


def check_admin(site: AdminSite, model: type[models.Model], user: User) -> None:
    """Fail unless every write this admin allows a superuser leaves history in the audit trail."""
    label = model._meta.label_lower
    model_admin = site._registry[model]
    request = _request(user)
    if label in OUTSIDE_THE_TRAIL:
        assert not _project_app(model), f"{label} is a project record: it cannot stay outside the trail"
        return
    may_add = model_admin.has_add_permission(request)
    may_change = model_admin.has_change_permission(request)
    may_delete = model_admin.has_delete_permission(request)
    may_import = isinstance(model_admin, ImportMixin) and model_admin.has_import_permission(request)
    if model in (AuditBatch, AuditEntry):
        assert not (may_add or may_change or may_delete), f"the audit trail ({label}) must be read-only"
        return
    if not (may_add or may_change or may_delete or may_import):
        return  # a read-only admin
    if label not in CASES:
        pytest.fail(
            f"{label}: its admin writes, but tests/test_admin_history.py has no case for it; "
            f"add one to CASES (how to make an object, and a change to make)"
        )
    case = CASES[label]
    client = client_for(user)
    info = f"{site.name}:{model._meta.app_label}_{model._meta.model_name}"

    if may_change:
        obj = case.make()
        data = admin_post_data(model_admin, user, obj, change=True) | case.edit
        _posted(client.post(reverse(f"{info}_change", args=[obj.pk]), data), f"{label} change")
        entry = _recorded(model, obj.pk, AuditEntry.Operation.UPDATE, "admin_change", user)
        assert entry.before != entry.after

    if may_delete:
        obj = case.make()
        before = {key: value for key, value in snapshot(obj).items() if key != "password"}
        _posted(client.post(reverse(f"{info}_delete", args=[obj.pk]), {"post": "yes"}), f"{label} delete")
        assert not model._base_manager.filter(pk=obj.pk).exists()
        entry = _recorded(model, obj.pk, AuditEntry.Operation.DELETE, "admin_delete", user)
        assert entry.before == before

        if "delete_selected" in model_admin.get_actions(request):
            obj = case.make()
            data = {"action": "delete_selected", "_selected_action": [obj.pk], "post": "yes", "index": 0}
            _posted(client.post(reverse(f"{info}_changelist"), data), f"{label} delete selected")
            _recorded(model, obj.pk, AuditEntry.Operation.DELETE, "admin_delete", user)

    if may_add:
        template = case.make()
        data = admin_post_data(model_admin, user, template, change=False) | case.add
        template.delete()  # its values are free again for the object the admin adds
        _posted(client.post(reverse(f"{info}_add"), data), f"{label} add")
        created = AuditEntry.objects.filter(
            batch__action="admin_create",
            batch__user=user,
            content_type=ContentType.objects.get_for_model(model),
            operation=AuditEntry.Operation.CREATE,
        )
        assert created.exists(), f"{label}: the admin add left no 'create' entry in the audit trail"
        assert model._base_manager.filter(pk=created.get().object_id).exists()

    if may_import:
        obj = case.make()
        resource = model_admin.get_export_resource_classes(request)[0]()
        dataset = resource.export(queryset=model._base_manager.filter(pk=obj.pk))
        row = dict(zip(dataset.headers, dataset[0], strict=True)) | case.edit
        dataset.pop()
        dataset.append([row[header] for header in dataset.headers])
        _admin_import(client, model_admin, info, dataset.csv)
        _recorded(model, obj.pk, AuditEntry.Operation.UPDATE, "admin_import", user)


def _admin_import(client: Client, model_admin: Any, info: str, csv_text: str) -> None:
    """Upload a CSV file to the admin's import page, then confirm the import it previews."""
    formats = [type(fmt()) for fmt in model_admin.get_import_formats()]
    upload = SimpleUploadedFile("taxonomy.csv", csv_text.encode(), content_type="text/csv")
    preview = client.post(
        reverse(f"{info}_import"), {"format": formats.index(CSV), "resource": 0, "import_file": upload}
    )
    assert preview.status_code == 200
    confirm = preview.context.get("confirm_form")
    assert confirm is not None, f"the import preview found errors: {preview.context.get('result')}"
    _posted(client.post(reverse(f"{info}_process_import"), confirm.initial), "import")


@pytest.mark.parametrize("model", list(admin.site._registry), ids=lambda model: model._meta.label_lower)
def test_every_admin_write_leaves_history(model, superuser):
    check_admin(admin.site, model, superuser)


def test_every_project_model_has_an_admin_under_the_walk():
    """Each model of an app of this repository has an admin, so the walk above cannot miss one."""
    project_models = [model for model in apps.get_models() if _project_app(model)]
    assert project_models
    missing = [model._meta.label for model in project_models if model not in admin.site._registry]
    assert not missing, f"project models without an admin (so outside the walk): {missing}"


# An admin without the mixin is caught -----------------------------------------------------------------

probe_site = AdminSite(name="probe")
probe_site.register(Theme)  # a plain ModelAdmin, as a new admin might be written
urlpatterns = [path("probe/", probe_site.urls), *project_urls]


@pytest.mark.urls(__name__)
def test_an_admin_without_history_fails_the_walk(superuser):
    with pytest.raises(AssertionError, match="no 'update' entry from 'admin_change'"):
        check_admin(probe_site, Theme, superuser)


# History and restore -------------------------------------------------------------------------------------


def test_an_admin_change_is_in_the_history_and_restorable(superuser):
    themes = list(Theme.objects.order_by("pk")[:2])
    recommendation = RecommendationFactory(themes=[themes[0]])
    model_admin = admin.site._registry[Recommendation]
    client = client_for(superuser)
    url = reverse("admin:recommendations_recommendation_change", args=[recommendation.pk])
    data = admin_post_data(model_admin, superuser, recommendation, change=True)
    _posted(client.post(url, data | {"paragraph": "101.1"}), "first change")
    recommendation.refresh_from_db()
    data = admin_post_data(model_admin, superuser, recommendation, change=True)
    _posted(client.post(url, data | {"paragraph": "101.2", "themes": [themes[1].pk]}), "second change")

    recommendation.refresh_from_db()
    latest, earlier = list(history_for(recommendation))[:2]
    assert (latest.batch.action, latest.operation) == ("admin_change", AuditEntry.Operation.UPDATE)
    assert (latest.before["paragraph"], latest.after["paragraph"]) == ("101.1", "101.2")
    assert (latest.before["themes"], latest.after["themes"]) == ([themes[0].pk], [themes[1].pk])
    assert latest.batch.description == f"Changed in the Django admin: {recommendation}"

    audit_restore(entry=earlier, user=superuser)
    recommendation.refresh_from_db()
    assert recommendation.paragraph == "101.1"
    assert list(recommendation.themes.all()) == [themes[0]]


def test_an_admin_delete_is_restorable_with_what_it_took_along(superuser):
    theme = Theme.objects.order_by("pk").first()
    recommendation = RecommendationFactory(themes=[theme], paragraph="77.7")
    feedback = Feedback.objects.create(recommendation=recommendation, message="Well done.", language="fr")
    client = client_for(superuser)
    url = reverse("admin:recommendations_recommendation_delete", args=[recommendation.pk])
    _posted(client.post(url, {"post": "yes"}), "delete")

    gone = _recorded(
        Recommendation, recommendation.pk, AuditEntry.Operation.DELETE, "admin_delete", superuser
    )
    cascaded = _entries(Feedback, feedback.pk).get(batch=gone.batch)
    assert cascaded.operation == AuditEntry.Operation.DELETE
    assert gone.batch.description == f"Deleted in the Django admin: {recommendation}"

    restored = audit_restore(entry=gone, user=superuser)
    assert (restored.pk, restored.paragraph) == (recommendation.pk, "77.7")
    assert list(restored.themes.all()) == [theme]
    audit_restore(entry=cascaded, user=superuser)
    assert Feedback.objects.get(pk=feedback.pk).recommendation == restored


def test_undoing_a_theme_deletion_brings_back_its_links(superuser):
    theme = Theme.objects.create(code="test-deleted", name_en="Soon gone")
    recommendation = RecommendationFactory(themes=[theme])
    client = client_for(superuser)
    url = reverse("admin:recommendations_theme_delete", args=[theme.pk])
    _posted(client.post(url, {"post": "yes"}), "delete")

    batch = _recorded(Theme, theme.pk, AuditEntry.Operation.DELETE, "admin_delete", superuser).batch
    lost = _entries(Recommendation, recommendation.pk).get(batch=batch)
    assert (lost.before["themes"], lost.after["themes"]) == ([theme.pk], [])

    revert_apply(batches=[batch], user=superuser, keep_changed=False, action="undo")
    assert list(recommendation.themes.all()) == [Theme.objects.get(pk=theme.pk)]


def test_inline_rows_are_recorded_with_their_parent(superuser):
    indicator = ImpactIndicatorFactory()
    kept = DataPoint.objects.create(
        indicator=indicator, date=datetime.date(2024, 12, 31), value=Decimal("10")
    )
    dropped = DataPoint.objects.create(
        indicator=indicator, date=datetime.date(2023, 12, 31), value=Decimal("12")
    )
    model_admin = admin.site._registry[ImpactIndicator]
    data = admin_post_data(model_admin, superuser, indicator, change=True)
    rows = {data[f"data_points-{i}-id"]: i for i in range(2)}
    data[f"data_points-{rows[str(kept.pk)]}-value"] = "9.5"
    data[f"data_points-{rows[str(dropped.pk)]}-DELETE"] = "on"
    data |= {
        "data_points-TOTAL_FORMS": "3",
        "data_points-2-indicator": str(indicator.pk),
        "data_points-2-date": "2025-12-31",
        "data_points-2-value": "8",
    }
    client = client_for(superuser)
    url = reverse("admin:focalpoints_impactindicator_change", args=[indicator.pk])
    _posted(client.post(url, data), "change with inlines")

    batch = AuditBatch.objects.get(action="admin_change")
    added = indicator.data_points.exclude(pk=kept.pk).get()
    recorded = {(entry.object_id, entry.operation) for entry in batch.entries.all()}
    assert recorded == {(str(kept.pk), "update"), (str(dropped.pk), "delete"), (str(added.pk), "create")}
    assert _entries(DataPoint, dropped.pk).get().before["value"] == "12.0000"


def test_a_password_set_in_the_admin_is_noted_without_the_hash(superuser):
    person = UserFactory(username="amina")
    client = client_for(superuser)
    url = reverse("admin:auth_user_password_change", args=[person.pk])
    new = "another-long-password-2026"
    _posted(client.post(url, {"password1": new, "password2": new, "usable_password": "true"}), "password")

    entry = _recorded(User, person.pk, AuditEntry.Operation.UPDATE, "admin_change", superuser)
    assert entry.after["password_changed"] is True
    person.refresh_from_db()
    assert person.check_password(new)


def test_an_admin_import_is_one_batch_with_an_entry_per_object(superuser):
    theme = Theme.objects.create(code="test-imported", name_en="Before the import")
    model_admin = admin.site._registry[Theme]
    resource = model_admin.get_export_resource_classes(_request(superuser))[0]()
    dataset = resource.export(queryset=Theme.objects.filter(pk=theme.pk))
    headers = list(dataset.headers)
    row = dict(zip(headers, dataset[0], strict=True))
    dataset.pop()
    dataset.append([(row | {"name_en": "After the import"})[header] for header in headers])
    dataset.append(
        [{"id": "", "code": "test-new", "name_en": "New theme"}.get(header, "") for header in headers]
    )
    client = client_for(superuser)
    _admin_import(client, model_admin, "admin:recommendations_theme", dataset.csv)

    batch = AuditBatch.objects.get(action="admin_import")
    created = Theme.objects.get(code="test-new")
    entries = {(entry.object_id, entry.operation) for entry in batch.entries.all()}
    assert entries == {(str(theme.pk), "update"), (str(created.pk), "create")}
    assert batch.description == "Imported in the Django admin from taxonomy.csv"
    assert AuditBatch.objects.count() == 1  # the preview, a dry run, recorded nothing


def test_the_audit_trail_and_import_records_refuse_writes(superuser):
    client = client_for(superuser)
    for name in (
        "nmirf_auditbatch",
        "nmirf_auditentry",
        "recommendations_importbatch",
        "focalpoints_evidencefile",
    ):
        assert client.post(reverse(f"admin:{name}_add"), {}).status_code == 403, name


def test_an_import_without_the_confirmation_step_is_recorded(superuser, settings):
    settings.IMPORT_EXPORT_SKIP_ADMIN_CONFIRM = True
    group = ConcernedGroup.objects.create(code="test-skip-confirm", name_en="Before")
    model_admin = admin.site._registry[ConcernedGroup]
    resource = model_admin.get_export_resource_classes(_request(superuser))[0]()
    dataset = resource.export(queryset=ConcernedGroup.objects.filter(pk=group.pk))
    row = dict(zip(dataset.headers, dataset[0], strict=True)) | {"name_en": "After"}
    dataset.pop()
    dataset.append([row[header] for header in dataset.headers])
    upload = SimpleUploadedFile("groups.csv", dataset.csv.encode(), content_type="text/csv")
    formats = [type(fmt()) for fmt in model_admin.get_import_formats()]
    client = client_for(superuser)
    url = reverse("admin:recommendations_concernedgroup_import")
    _posted(client.post(url, {"format": formats.index(CSV), "import_file": upload}), "import")

    entry = _recorded(ConcernedGroup, group.pk, AuditEntry.Operation.UPDATE, "admin_import", superuser)
    assert (entry.before["name_en"], entry.after["name_en"]) == ("Before", "After")
