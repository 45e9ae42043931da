"""Forms of the import pages: upload, column mapping, decisions on unknown values and duplicates."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from recommendations.importing.columns import MAPPING_FIELDS
from recommendations.importing.matching import CREATE, IGNORE
from recommendations.models import ConcernedGroup, Country, ImportBatch, Mechanism, Theme


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "UHRI or UPR Info export, OHCHR UPR thematic list (.docx), an NMIRF Tracker export, or any CSV, XLSX or ODS spreadsheet."
        ),
    )
    requested_format = forms.ChoiceField(label=_("Format"), choices=ImportBatch.FORMATS, required=False)
    state_scope = forms.ChoiceField(label=_("Whose recommendations"), required=False)
    language = forms.ChoiceField(label=_("Language of the texts"), choices=settings.LANGUAGES, initial="en")
    translations_only = forms.BooleanField(
        label=_("This file holds translations of recommendations already in the database"), required=False
    )
    dayfirst = forms.BooleanField(
        label=_("Dates are written day first (31/12/2024)"), required=False, initial=True
    )
    skip_invalid = forms.BooleanField(
        label=_("Skip invalid rows (each is listed in the result)"), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        countries = [(c.code, f"{c.name} ({c.code})") for c in Country.objects.all()]
        self.fields["state_scope"].choices = [("", _("All States in the file")), *countries]
        self.fields["state_scope"].initial = settings.NMIRF_STATE


class MappingForm(forms.Form):
    """For each field, the column that holds it; a name saves the mapping as a profile."""

    profile_name = forms.CharField(
        label=_("Save this mapping as"),
        required=False,
        max_length=120,
        help_text=_("Offered again for files with the same columns."),
    )
    default_mechanism = forms.ModelChoiceField(
        label=_("Mechanism when no column says"),
        queryset=Mechanism.objects.all(),
        to_field_name="code",
        required=False,
    )

    def __init__(self, *args, headers: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "—"), *((header, header) for header in headers if header)]
        for name, label in MAPPING_FIELDS.items():
            self.fields[f"map_{name}"] = forms.ChoiceField(label=label, choices=choices, required=False)

    def mapping(self) -> dict[str, str]:
        return {
            name: self.cleaned_data[f"map_{name}"]
            for name in MAPPING_FIELDS
            if self.cleaned_data[f"map_{name}"]
        }

    def defaults(self) -> dict[str, str]:
        mechanism = self.cleaned_data.get("default_mechanism")
        return {"mechanism": mechanism.code} if mechanism else {}


_VALUE_MODELS = {"mechanism": Mechanism, "theme": Theme, "group": ConcernedGroup, "state": Country}


class ResolveForm(forms.Form):
    """One choice per unknown value (ignore, create, or one of the existing rows) and per duplicate."""

    def __init__(self, *args, batch: ImportBatch, **kwargs):
        super().__init__(*args, **kwargs)
        self.values: list[tuple[str, str, str]] = []
        for kind, entries in batch.report.get("unknown", {}).items():
            model = _VALUE_MODELS.get(kind)
            if model is None:
                continue
            options = [(IGNORE, _("Ignore")), *([] if kind == "state" else [(CREATE, _("Create it"))])]
            options += [(str(obj.pk), str(obj)) for obj in model.objects.all()]
            for index, (raw, _count) in enumerate(entries):
                name = f"value_{kind}_{index}"
                self.fields[name] = forms.ChoiceField(
                    label=raw, choices=options, initial=IGNORE, required=False
                )
                self.values.append((name, kind, raw))
        self.duplicates: list[tuple[str, int]] = []
        self.report_duplicates = batch.report.get("duplicates", [])
        for duplicate in self.report_duplicates:
            name = f"duplicate_{duplicate['row']}"
            self.fields[name] = forms.ChoiceField(
                label=_("Row %(row)d") % {"row": duplicate["row"]},
                choices=[("link", _("Same recommendation: update it")), ("new", _("Different: add as new"))],
                initial=duplicate["decision"],
                widget=forms.RadioSelect,
            )
            self.duplicates.append((name, duplicate["row"]))

    def value_rows(self) -> list[tuple[forms.BoundField, str, str]]:
        return [(self[name], kind, raw) for name, kind, raw in self.values]

    def duplicate_rows(self) -> list[tuple[forms.BoundField, dict]]:
        report = {duplicate["row"]: duplicate for duplicate in self.report_duplicates}
        return [(self[name], report[row]) for name, row in self.duplicates]

    def value_decisions(self) -> dict[str, dict[str, str]]:
        decisions: dict[str, dict[str, str]] = {}
        for name, kind, raw in self.values:
            decisions.setdefault(kind, {})[raw] = self.cleaned_data.get(name) or IGNORE
        return decisions

    def duplicate_decisions(self) -> dict[str, str]:
        return {str(row): self.cleaned_data[name] for name, row in self.duplicates}
