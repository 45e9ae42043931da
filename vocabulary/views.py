"""The Vocabulary mappings page (import administrators): list, change, forget, export and import."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nmirf.access import require_view, workspace_view
from vocabulary import selectors, services
from vocabulary.forms import MappingFilterForm, MappingForm, MappingImportForm
from vocabulary.models import VocabularyMapping

PERMISSION = "recommendations.import_recommendations"


def _mapping(request: HttpRequest, pk: int) -> VocabularyMapping:
    require_view(request.user, PERMISSION)
    return get_object_or_404(VocabularyMapping, pk=pk)


@workspace_view
def vocabulary_list(request: HttpRequest) -> HttpResponse:
    require_view(request.user, PERMISSION)
    filters = MappingFilterForm(request.GET or None)
    chosen = filters.cleaned_data if filters.is_valid() else {}
    mappings = selectors.mappings(source_format=chosen.get("source_format"), kind=chosen.get("kind"))
    page = Paginator(mappings, 50).get_page(request.GET.get("page"))
    labels = selectors.target_labels(page.object_list)
    context = {
        "filters": filters,
        "page": page,
        "rows": [(mapping, labels.get(mapping.pk, "?")) for mapping in page.object_list],
        "import_form": MappingImportForm(),
    }
    return render(request, "vocabulary/mapping_list.html", context)


@workspace_view
def vocabulary_edit(request: HttpRequest, pk: int) -> HttpResponse:
    mapping = _mapping(request, pk)
    form = MappingForm(request.POST or None, mapping=mapping)
    if form.is_valid():
        data = form.cleaned_data
        services.mapping_update(
            user=request.user, mapping=mapping, decision=data["decision"], target_id=data["target"]
        )
        messages.success(request, _("The decision is saved; it applies to the next imports."))
        return redirect("workspace:vocabulary_list")
    return render(request, "vocabulary/mapping_edit.html", {"mapping": mapping, "form": form})


@workspace_view
@require_POST
def vocabulary_delete(request: HttpRequest, pk: int) -> HttpResponse:
    services.mapping_delete(user=request.user, mapping=_mapping(request, pk))
    messages.success(request, _("The decision is forgotten; the next import asks about the value again."))
    return redirect("workspace:vocabulary_list")


@workspace_view
def vocabulary_export(request: HttpRequest) -> HttpResponse:
    require_view(request.user, PERMISSION)
    response = HttpResponse(services.mappings_export(), content_type="text/csv; charset=utf-8")
    name = f"vocabulary-mappings-{timezone.localdate().isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@workspace_view
@require_POST
def vocabulary_import(request: HttpRequest) -> HttpResponse:
    require_view(request.user, PERMISSION)
    form = MappingImportForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            text = form.cleaned_data["file"].read().decode("utf-8-sig")
            count = services.mappings_import(user=request.user, text=text)
        except UnicodeDecodeError:
            messages.error(request, _("The file is not UTF-8 text; nothing was changed."))
        except ValidationError as error:
            messages.error(request, _("The file was refused; nothing was changed."))
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("%(n)d mappings added or changed.") % {"n": count})
    else:
        messages.error(request, _("Choose a CSV file to import."))
    return redirect("workspace:vocabulary_list")
