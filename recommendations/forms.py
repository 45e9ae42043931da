"""Forms of the recommendations workspace (rendered with crispy-forms, Bootstrap 5)."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from focalpoints.models import Institution
from nmirf.versioning import VersionedFormMixin
from recommendations.models import Cluster, ConcernedGroup, Recommendation, SourceDocument, Theme
from recommendations.services import ApplyMode, BulkAction
from sdg.models import Goal, Target

LANGUAGE_SUFFIXES = [(code, code.replace("-", "_"), name) for code, name in settings.LANGUAGES]


def _translated(base: str) -> list[str]:
    return [f"{base}_{suffix}" for _code, suffix, _name in LANGUAGE_SUFFIXES]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class RecommendationForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Recommendation
        fields = [
            "state",
            "mechanism",
            "source_document",
            "kind",
            "paragraph",
            "date",
            "cycle",
            "position",
            "original_language",
            *_translated("text"),
            "recommending_states",
            "themes",
            "groups",
            "sdg_goals",
            "sdg_targets",
            "cluster",
            "lead_institution",
            "supporting_institutions",
            "status",
            "status_date",
            "update_deadline",
            "requires_legislation",
            "published",
            "external_id",
        ]
        widgets = {
            "date": DateInput(),
            "status_date": DateInput(),
            "update_deadline": DateInput(),
            **{name: forms.Textarea(attrs={"rows": 4}) for name in _translated("text")},
            **{
                name: forms.SelectMultiple(attrs={"size": 8})
                for name in (
                    "recommending_states",
                    "themes",
                    "groups",
                    "sdg_goals",
                    "sdg_targets",
                    "supporting_institutions",
                )
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code, suffix, name in LANGUAGE_SUFFIXES:
            field = self.fields[f"text_{suffix}"]
            field.label = _("Text in %(language)s") % {"language": name}
            field.required = False
            field.widget.attrs["lang"] = code
            if code in settings.LANGUAGES_BIDI:
                field.widget.attrs["dir"] = "rtl"
        self.fields["source_document"].queryset = SourceDocument.objects.select_related("mechanism")
        self.fields["lead_institution"].queryset = Institution.objects.filter(active=True)
        self.fields["supporting_institutions"].queryset = Institution.objects.filter(active=True)


class SourceDocumentForm(VersionedFormMixin, forms.ModelForm):
    url = forms.URLField(label=_("link"), required=False, max_length=500, assume_scheme="https")

    class Meta:
        model = SourceDocument
        fields = ["symbol", "mechanism", "state", "title", "date", "session", "cycle", "url"]
        widgets = {"date": DateInput()}


class ClusterForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Cluster
        fields = [
            *_translated("name"),
            *_translated("objective"),
            "lead_institution",
            "supporting_institutions",
            "update_deadline",
        ]
        widgets = {
            "update_deadline": DateInput(),
            **{name: forms.Textarea(attrs={"rows": 3}) for name in _translated("objective")},
            "supporting_institutions": forms.SelectMultiple(attrs={"size": 8}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code, suffix, name in LANGUAGE_SUFFIXES:
            self.fields[f"name_{suffix}"].label = _("Name in %(language)s") % {"language": name}
            self.fields[f"objective_{suffix}"].label = _("Objective in %(language)s") % {"language": name}
            for base in ("name", "objective"):
                self.fields[f"{base}_{suffix}"].widget.attrs["lang"] = code
                self.fields[f"{base}_{suffix}"].required = False
        self.fields[f"name_{settings.MODELTRANSLATION_DEFAULT_LANGUAGE.replace('-', '_')}"].required = True
        self.fields["lead_institution"].queryset = Institution.objects.filter(active=True)
        self.fields["supporting_institutions"].queryset = Institution.objects.filter(active=True)


class ClusterMergeForm(forms.Form):
    target = forms.ModelChoiceField(
        label=_("Merge into"), queryset=Cluster.objects.none(), help_text=_("This cluster will be deleted.")
    )

    def __init__(self, *args, source: Cluster, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = Cluster.objects.exclude(pk=source.pk)


class ApplyInstitutionsForm(forms.Form):
    mode = forms.ChoiceField(label=_("Apply"), choices=ApplyMode.choices, widget=forms.RadioSelect)


class BulkActionForm(forms.Form):
    """One action on the selected recommendations or on every recommendation matching the filter."""

    SCOPE_SELECTED = "selected"
    SCOPE_ALL = "all"

    action = forms.ChoiceField(label=_("Action"), choices=[("", "—"), *BulkAction.choices])
    scope = forms.ChoiceField(
        label=_("Apply to"),
        choices=[
            (SCOPE_SELECTED, _("the selected recommendations")),
            (SCOPE_ALL, _("every recommendation matching the filter")),
        ],
        initial=SCOPE_SELECTED,
        widget=forms.RadioSelect,
    )
    ids = forms.ModelMultipleChoiceField(queryset=Recommendation.objects.all(), required=False)
    cluster = forms.ModelChoiceField(label=_("Cluster"), queryset=Cluster.objects.all(), required=False)
    theme = forms.ModelChoiceField(label=_("Theme"), queryset=Theme.objects.all(), required=False)
    group = forms.ModelChoiceField(
        label=_("Concerned group"), queryset=ConcernedGroup.objects.all(), required=False
    )
    goal = forms.ModelChoiceField(label=_("SDG goal"), queryset=Goal.objects.all(), required=False)
    target = forms.ModelChoiceField(label=_("SDG target"), queryset=Target.objects.all(), required=False)
    institution = forms.ModelChoiceField(
        label=_("Institution"), queryset=Institution.objects.filter(active=True), required=False
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", "—"), *Recommendation.Status.choices], required=False
    )
    deadline = forms.DateField(label=_("Update deadline"), required=False, widget=DateInput())
    # The number of recommendations the person saw on the confirmation page.
    confirmed = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)

    CONFIRM_ABOVE = 20  # more than this many, or the whole filter, is shown and confirmed first

    VALUE_FIELD = {
        BulkAction.SET_CLUSTER: "cluster",
        BulkAction.ADD_THEME: "theme",
        BulkAction.REMOVE_THEME: "theme",
        BulkAction.ADD_GROUP: "group",
        BulkAction.REMOVE_GROUP: "group",
        BulkAction.ADD_GOAL: "goal",
        BulkAction.REMOVE_GOAL: "goal",
        BulkAction.ADD_TARGET: "target",
        BulkAction.REMOVE_TARGET: "target",
        BulkAction.SET_LEAD: "institution",
        BulkAction.ADD_SUPPORTING: "institution",
        BulkAction.REMOVE_SUPPORTING: "institution",
        BulkAction.SET_STATUS: "status",
        BulkAction.SET_DEADLINE: "deadline",
    }
    # Setting a cluster or lead institution to nothing clears it; every other action needs a value.
    CLEARABLE = {BulkAction.SET_CLUSTER, BulkAction.SET_LEAD, BulkAction.SET_DEADLINE}

    def clean(self):
        data = super().clean()
        action = data.get("action")
        if not action:
            return data
        field = self.VALUE_FIELD.get(action)
        data["value"] = data.get(field) if field else None
        if field and not data["value"] and action not in self.CLEARABLE:
            self.add_error(field, _("Choose a value for this action."))
        if data.get("scope") == self.SCOPE_SELECTED and not data.get("ids"):
            raise forms.ValidationError(_("Select at least one recommendation, or apply to every match."))
        return data

    def needs_confirmation(self, count: int) -> bool:
        """Whether to show what will change first: unless confirmed for exactly this many records."""
        large = self.cleaned_data["scope"] == self.SCOPE_ALL or count > self.CONFIRM_ABOVE
        return large and self.cleaned_data.get("confirmed") != count
