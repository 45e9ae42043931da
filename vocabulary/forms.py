"""Forms of the Vocabulary mappings page: filter, change one decision, import a CSV file."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from vocabulary.matching import TARGET_MODELS
from vocabulary.models import VocabularyMapping


class MappingFilterForm(forms.Form):
    source_format = forms.ChoiceField(label=_("Source format"), required=False)
    kind = forms.ChoiceField(
        label=_("List"), choices=[("", _("All lists")), *VocabularyMapping.Kind.choices], required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        formats = VocabularyMapping.objects.order_by("source_format").values_list("source_format", flat=True)
        self.fields["source_format"].choices = [
            ("", _("All formats")),
            *((name, name) for name in formats.distinct()),
        ]


class MappingForm(forms.Form):
    """One remembered decision: map to one of the values of its list, create it, or ignore it."""

    decision = forms.ChoiceField(label=_("Decision"), choices=VocabularyMapping.Decision.choices)
    target = forms.TypedChoiceField(label=_("Maps to"), coerce=int, required=False, empty_value=None)

    def __init__(self, *args: Any, mapping: VocabularyMapping, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"decision": mapping.decision, "target": mapping.target_id})
        super().__init__(*args, **kwargs)
        model = TARGET_MODELS[mapping.kind]
        self.fields["target"].choices = [
            ("", "—"),
            *((obj.pk, str(obj)) for obj in model._default_manager.all()),
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("decision") == VocabularyMapping.Decision.MAP and data.get("target") is None:
            self.add_error("target", _("Choose the value it maps to."))
        return data


class MappingImportForm(forms.Form):
    file = forms.FileField(
        label=_("Mappings file (CSV)"),
        help_text=_("Columns source_format, kind, value, decision, target, as the export writes them."),
    )
