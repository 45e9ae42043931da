"""Forms of the reports pages; the services check every value again."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from focalpoints.models import Institution
from nmirf.versioning import VersionedFormMixin
from recommendations.models import Mechanism
from reporting.models import Report, ReportSchedule


class ReportForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of report"), choices=Report.Kind.choices)
    variant = forms.ChoiceField(
        label=_("Variant"),
        required=False,
        choices=[("", _("The usual one for the mechanism")), *Report.Variant.choices],
        help_text=_("For a report to a mechanism only."),
    )
    title = forms.CharField(
        label=_("Title"),
        required=False,
        max_length=300,
        help_text=_("Leave empty for a title made from the choices."),
    )
    period_start = forms.DateField(
        label=_("Period from"), required=False, widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Empty: the last twelve months."),
    )  # fmt: skip
    period_end = forms.DateField(
        label=_("Period to"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    mechanism = forms.ModelChoiceField(
        label=_("Mechanism"),
        queryset=Mechanism.objects.filter(active=True),
        required=False,
        empty_label=_("The UPR"),
        help_text=_("For a report to a mechanism only."),
    )
    cycle = forms.IntegerField(
        label=_("UPR cycle"),
        required=False,
        min_value=1,
        max_value=20,
        help_text=_("Empty: the latest cycle."),
    )
    institution = forms.ModelChoiceField(
        label=_("Institution"),
        queryset=Institution.objects.filter(active=True),
        required=False,
        help_text=_("For an institution report only."),
    )
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES, initial="en")
    scope = forms.CharField(
        label=_("Scope"),
        required=False,
        max_length=1000,
        help_text=_(
            "Filters of the recommendations list (its query string, e.g. cluster=3&theme=education); "
            "empty for every recommendation."
        ),
    )

    def clean(self):
        data = super().clean()
        if data.get("period_start") and data.get("period_end") and data["period_end"] < data["period_start"]:
            self.add_error("period_end", _("The period ends before it starts."))
        return data


class CommentForm(forms.Form):
    text = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)


class ApproveForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class ScheduleForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = ReportSchedule
        fields = ["frequency", "language", "scope", "recipients", "next_run", "active"]
        widgets = {
            "next_run": forms.DateInput(attrs={"type": "date"}),
            "recipients": forms.Textarea(attrs={"rows": 3}),
        }
