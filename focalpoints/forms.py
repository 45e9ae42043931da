"""Forms of the focal-point network (rendered with crispy-forms, Bootstrap 5)."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from focalpoints.evidence import ACCEPT
from focalpoints.models import (
    STATUS_CHOICES,
    Action,
    DataPoint,
    Deadline,
    FocalPoint,
    ImpactIndicator,
    Institution,
    ProgressUpdate,
)
from focalpoints.services import narrative_as_text
from nmirf.audit import Snapshot
from nmirf.roles import ROLE_NAMES
from nmirf.versioning import VersionedFormMixin
from recommendations.models import Cluster, Recommendation

LANGUAGE_SUFFIXES = [(code, code.replace("-", "_"), name) for code, name in settings.LANGUAGES]
DEFAULT_SUFFIX = settings.MODELTRANSLATION_DEFAULT_LANGUAGE.replace("-", "_")


def translated(base: str) -> list[str]:
    return [f"{base}_{suffix}" for _code, suffix, _name in LANGUAGE_SUFFIXES]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class TranslatedFieldsMixin:
    """Label each language's field, mark its language, and require only the default language."""

    translated_fields: tuple[tuple[str, str], ...] = ()  # (base name, label with %(language)s)

    def setup_translations(self) -> None:
        for base, label in self.translated_fields:
            for code, suffix, name in LANGUAGE_SUFFIXES:
                field = self.fields[f"{base}_{suffix}"]
                field.label = label % {"language": name}
                field.required = False
                field.widget.attrs["lang"] = code
                if code in settings.LANGUAGES_BIDI:
                    field.widget.attrs["dir"] = "rtl"
            self.fields[f"{base}_{DEFAULT_SUFFIX}"].required = base in self.required_translations

    required_translations: tuple[str, ...] = ()


class InstitutionForm(VersionedFormMixin, TranslatedFieldsMixin, forms.ModelForm):
    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")
    translated_fields = (("name", _("Name in %(language)s")),)
    required_translations = ("name",)

    class Meta:
        model = Institution
        fields = [
            *translated("name"),
            "acronym",
            "kind",
            "membership",
            "parent",
            "contact_name",
            "email",
            "phone",
            "website",
            "address",
            "active",
        ]
        widgets = {"address": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_translations()
        parents = Institution.objects.all()
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    language = forms.ChoiceField(
        label=_("Preferred language"), choices=settings.LANGUAGES, initial=settings.LANGUAGE_CODE
    )
    role = forms.ModelChoiceField(label=_("Role"), queryset=Group.objects.none(), empty_label=None)
    institution = forms.ModelChoiceField(
        label=_("Institution"),
        queryset=Institution.objects.filter(active=True),
        required=False,
        help_text=_("For focal points and deputies: the institution they answer for."),
    )
    focal_role = forms.ChoiceField(
        label=pgettext_lazy("serves the institution as", "As"),
        choices=FocalPoint.Role.choices,
        initial=FocalPoint.Role.FOCAL_POINT,
    )
    title = forms.CharField(label=_("Job title"), max_length=200, required=False)
    phone = forms.CharField(label=_("Telephone"), max_length=50, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].queryset = Group.objects.filter(name__in=ROLE_NAMES).order_by("name")


class SuccessionForm(VersionedFormMixin, forms.Form):
    """Who succeeds a focal point; opened with `versioned=` the focal point's service."""

    successor = forms.ModelChoiceField(
        label=_("An existing person"),
        queryset=get_user_model().objects.none(),
        required=False,
        help_text=_("Leave empty to invite a new person below, or to hand the work to the deputy for now."),
    )
    email = forms.EmailField(label=_("Or invite: e-mail address"), required=False)
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    language = forms.ChoiceField(
        label=_("Preferred language"), choices=settings.LANGUAGES, initial=settings.LANGUAGE_CODE
    )
    start = forms.DateField(label=_("Takes over on"), widget=DateInput())
    title = forms.CharField(label=_("Job title"), max_length=200, required=False)
    phone = forms.CharField(label=_("Telephone"), max_length=50, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        serving = FocalPoint.objects.filter(end_date__isnull=True).values("user")
        self.fields["successor"].queryset = (
            get_user_model()
            .objects.filter(is_active=True)
            .exclude(pk__in=serving)
            .order_by("last_name", "username")
        )

    def clean(self):
        data = super().clean()
        if data.get("successor") and data.get("email"):
            raise forms.ValidationError(_("Choose an existing person or invite a new one, not both."))
        if data.get("email") and not (data.get("first_name") and data.get("last_name")):
            raise forms.ValidationError(_("Give the first and last name of the person you invite."))
        return data

    def invite(self) -> dict | None:
        data = self.cleaned_data
        if not data.get("email"):
            return None
        return {key: data[key] for key in ("email", "first_name", "last_name", "language")}


class ActionForm(VersionedFormMixin, TranslatedFieldsMixin, forms.ModelForm):
    translated_fields = (
        ("title", _("Title in %(language)s")),
        ("description", _("Description in %(language)s")),
    )
    required_translations = ("title",)

    class Meta:
        model = Action
        fields = [
            "recommendation",
            "cluster",
            *translated("title"),
            *translated("description"),
            "lead_institution",
            "supporting_institutions",
            "start_date",
            "end_date",
            "status",
            "budget_line",
            "update_deadline",
        ]
        widgets = {
            "recommendation": forms.HiddenInput(),
            "start_date": DateInput(),
            "end_date": DateInput(),
            "update_deadline": DateInput(),
            "supporting_institutions": forms.SelectMultiple(attrs={"size": 8}),
            **{name: forms.Textarea(attrs={"rows": 3}) for name in translated("description")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_translations()
        self.fields["recommendation"].queryset = Recommendation.objects.all()
        self.fields["cluster"].queryset = Cluster.objects.all()
        self.fields["cluster"].help_text = _(
            "For an action on a whole cluster; otherwise open the form from a recommendation."
        )
        active = Institution.objects.filter(active=True)
        self.fields["lead_institution"].queryset = active
        self.fields["supporting_institutions"].queryset = active

    def clean(self):
        data = super().clean()
        if bool(data.get("recommendation")) == bool(data.get("cluster")):
            raise forms.ValidationError(_("An action is for one recommendation or for one cluster."))
        return data


class IndicatorForm(VersionedFormMixin, TranslatedFieldsMixin, forms.ModelForm):
    translated_fields = (("name", _("Name in %(language)s")),)
    required_translations = ("name",)

    class Meta:
        model = ImpactIndicator
        fields = [
            *translated("name"),
            "unit",
            "baseline",
            "baseline_date",
            "target",
            "target_date",
            "sdg_indicator",
            "recommendations",
            "actions",
        ]
        widgets = {
            "baseline_date": DateInput(),
            "target_date": DateInput(),
            "recommendations": forms.SelectMultiple(attrs={"size": 10}),
            "actions": forms.SelectMultiple(attrs={"size": 6}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_translations()
        self.fields["recommendations"].queryset = Recommendation.objects.select_related("mechanism").order_by(
            "mechanism__code", "paragraph_key", "pk"
        )
        self.fields["sdg_indicator"].queryset = self.fields["sdg_indicator"].queryset.order_by("order")


class DataPointForm(forms.ModelForm):
    class Meta:
        model = DataPoint
        fields = ["date", "value", "sex", "age", "region", "disability", "source"]
        widgets = {"date": DateInput()}


class DeadlineForm(VersionedFormMixin, TranslatedFieldsMixin, forms.ModelForm):
    translated_fields = (("title", _("Title in %(language)s")),)
    required_translations = ("title",)

    class Meta:
        model = Deadline
        fields = [
            *translated("title"),
            "due_date",
            "updates_due",
            "mechanism",
            "clusters",
            "recommendations",
            "notes",
        ]
        widgets = {
            "due_date": DateInput(),
            "updates_due": DateInput(),
            "clusters": forms.SelectMultiple(attrs={"size": 6}),
            "recommendations": forms.SelectMultiple(attrs={"size": 10}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_translations()
        self.fields["recommendations"].queryset = Recommendation.objects.select_related("mechanism").order_by(
            "mechanism__code", "paragraph_key", "pk"
        )

    def clean(self):
        data = super().clean()
        if data.get("updates_due") and data.get("due_date") and data["updates_due"] > data["due_date"]:
            self.add_error("updates_due", _("Progress updates are due on or before the report."))
        return data


class UpdateForm(VersionedFormMixin, forms.ModelForm):
    """The progress update: narrative, proposed status, period, links, indicator values, one more file."""

    links = forms.CharField(
        label=_("Links"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One web address per line (laws, reports, press releases)."),
    )
    evidence = forms.FileField(
        label=_("Attach a file"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
        help_text=_("PDF, Word (DOCX), Excel (XLSX), OpenDocument (ODT) or an image, up to %(max)d MB.")
        % {"max": settings.EVIDENCE_MAX_MB},
    )

    class Meta:
        model = ProgressUpdate
        fields = ["narrative", "proposed_status", "period_start", "period_end"]
        widgets = {
            "narrative": forms.Textarea(attrs={"rows": 10}),
            "period_start": DateInput(),
            "period_end": DateInput(),
        }
        help_texts = {
            "narrative": _(
                "What was done, by whom, with what result. Separate paragraphs with a blank line; "
                "start lines with “- ” for a list."
            ),
        }

    def __init__(self, *args, indicators=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proposed_status"].choices = STATUS_CHOICES
        if self.instance.pk:
            self.initial.setdefault("links", "\n".join(self.instance.links))
            self.initial["narrative"] = narrative_as_text(self.instance.narrative)
        existing = self._saved_indicator_values() if self.instance.pk else {}
        self.indicators = list(indicators)
        for indicator in self.indicators:
            self.fields[f"indicator_{indicator.pk}"] = forms.DecimalField(
                label=str(indicator),
                required=False,
                max_digits=18,
                decimal_places=4,
                initial=existing.get(indicator.pk),
                help_text=_("Value at the end of the period covered."),
            )

    def _saved_indicator_values(self) -> dict[int, Decimal]:
        points = self.instance.data_points.filter(sex="", age="", region="", disability="")
        return dict(points.values_list("indicator_id", "value"))

    def version_state(self) -> Snapshot:
        """The update as this form shows it: the narrative as text, and the indicator values."""
        state = super().version_state()
        state["narrative"] = narrative_as_text(state["narrative"])
        saved = self._saved_indicator_values()
        for indicator in self.indicators:
            value = saved.get(indicator.pk)
            state[f"indicator_{indicator.pk}"] = None if value is None else str(value)
        return state

    def indicator_values(self) -> dict:
        return {
            indicator.pk: self.cleaned_data.get(f"indicator_{indicator.pk}") for indicator in self.indicators
        }

    def values(self) -> dict:
        data = self.cleaned_data
        return {
            key: data[key] for key in ("narrative", "proposed_status", "period_start", "period_end", "links")
        }


class _OwnIds:
    """Forms that share a page get their own element ids (their field names may be the same)."""

    id_prefix = "id"

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", f"{self.id_prefix}_%s")
        super().__init__(*args, **kwargs)


class ValidateForm(_OwnIds, forms.Form):
    id_prefix = "validate"
    status = forms.ChoiceField(label=_("Implementation status to record"), choices=STATUS_CHOICES)
    publish = forms.BooleanField(label=_("Publish this update on the public tracker"), required=False)
    comment = forms.CharField(
        label=_("Note to the institution (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ReturnForm(_OwnIds, forms.Form):
    id_prefix = "return"

    comment = forms.CharField(label=_("What should be fixed"), widget=forms.Textarea(attrs={"rows": 3}))


class CommentForm(_OwnIds, forms.Form):
    id_prefix = "comment"

    text = forms.CharField(label=_("Your comment"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)
