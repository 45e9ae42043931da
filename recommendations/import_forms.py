"""Forms of the import pages: upload, column mapping, decisions on unknown values and duplicates."""

from typing import Any

from django import forms
from django.conf import settings
from django.core.paginator import Paginator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from recommendations.importing.base import EXACT, LINK, LINK_AT, NEW
from recommendations.importing.columns import MAPPING_FIELDS
from recommendations.importing.matching import CREATE, IGNORE
from recommendations.models import ConcernedGroup, Country, ImportBatch, Mechanism, Recommendation, Theme


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
VALUE_LISTS = {
    "state": _("States"),
    "mechanism": _("Mechanisms"),
    "theme": _("Themes"),
    "group": _("Concerned groups"),
    "sdg": _("SDGs"),
}


def _hint(kind: str, count: int, hint: dict[str, Any]) -> str:
    """How often a value occurs, where, and why its default decision is what it is."""
    rows = " · ".join(str(row) for row in hint.get("samples", []))
    text = ngettext("%(count)d row (%(rows)s).", "%(count)d rows (for example %(rows)s).", count) % {
        "count": count,
        "rows": rows or "—",
    }
    if hint.get("target"):
        suggestion = _("Suggested: map to %(label)s, %(score)d %% alike.")
        return f"{text} {suggestion % {'label': hint['label'], 'score': hint['score']}}"
    if kind == "state":
        advice = _("No State has a near name: choose one.")
    else:
        advice = _("No near match: it will be created.")
    return f"{text} {advice}"


class ResolveForm(forms.Form):
    """One choice per unknown value, by list: the nearest name by default, else create; or ignore.

    A State with no near name has no default: it stays undecided (and asked) until one is chosen.
    """

    def __init__(self, *args, batch: ImportBatch, **kwargs):
        super().__init__(*args, **kwargs)
        self.values: list[tuple[str, str, str]] = []
        suggested = batch.report.get("vocabulary", {}).get("suggested", {})
        for kind, entries in batch.report.get("unknown", {}).items():
            model = _VALUE_MODELS.get(kind)
            if model is None:
                continue
            if kind == "state":
                options = [("", _("Not decided yet")), (IGNORE, _("Ignore"))]
            else:
                options = [(CREATE, _("Create it")), (IGNORE, _("Ignore"))]
            options += [(str(obj.pk), str(obj)) for obj in model.objects.all()]
            for index, (raw, count) in enumerate(entries):
                hint = suggested.get(kind, {}).get(raw, {})
                initial = str(hint["target"]) if hint.get("target") else ("" if kind == "state" else CREATE)
                name = f"value_{kind}_{index}"
                self.fields[name] = forms.ChoiceField(
                    label=raw,
                    choices=options,
                    initial=initial,
                    required=False,
                    help_text=_hint(kind, count, hint),
                )
                self.values.append((name, kind, raw))

    def value_rows(self) -> list[tuple[forms.BoundField, str, str]]:
        return [(self[name], kind, raw) for name, kind, raw in self.values]

    def sections(self) -> list[tuple[str, str, list[forms.BoundField]]]:
        """The unknown values under the list they belong to, in the order of `VALUE_LISTS`."""
        found = [
            (kind, str(title), [self[name] for name, of, _raw in self.values if of == kind])
            for kind, title in VALUE_LISTS.items()
        ]
        return [section for section in found if section[2]]

    def value_decisions(self) -> dict[str, dict[str, str]]:
        decisions: dict[str, dict[str, str]] = {}
        for name, kind, raw in self.values:
            if decision := self.cleaned_data.get(name):
                decisions.setdefault(kind, {})[raw] = decision
        return decisions


DUPLICATES_PER_PAGE = 50


class DuplicatesForm(forms.Form):
    """The rows that look like recommendations already in the database, a page at a time.

    A bulk decision (`link_at`: link every row at least that alike) comes from its own buttons; the
    rows of the page shown (`shown`) each have a choice; `goto` is the page to show next (turning the
    page saves the choices of this one).
    """

    link_at = forms.TypedChoiceField(
        coerce=int, choices=[(str(score), str(score)) for score in LINK_AT], required=False, empty_value=None
    )
    shown = forms.IntegerField(min_value=1, required=False, widget=forms.HiddenInput)
    goto = forms.IntegerField(min_value=1, required=False)

    def __init__(self, *args: Any, batch: ImportBatch, page: str | int | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.listed = batch.report.get("duplicates", [])
        self.total = batch.report.get("duplicates_total", len(self.listed))
        self.rule = batch.resolutions.get("link_at", EXACT)
        self.page = Paginator(self.listed, DUPLICATES_PER_PAGE).get_page(page)
        self.fields["shown"].initial = self.page.number
        for duplicate in self.page:
            self.fields[f"duplicate_{duplicate['row']}"] = forms.ChoiceField(
                label=_("Decision for row %(row)d") % {"row": duplicate["row"]},
                choices=[(LINK, _("Same recommendation: update it")), (NEW, _("Different: add as new"))],
                initial=duplicate["decision"],
                required=False,
                widget=forms.Select(attrs={"class": "form-select form-select-sm w-auto"}),
            )

    def counts(self) -> dict[int, int]:
        """How many of the listed rows each bulk decision links."""
        return {score: sum(d["score"] >= score for d in self.listed) for score in LINK_AT}

    def rows(self) -> list[tuple[forms.BoundField, dict, Recommendation | None]]:
        """The page's rows: the choice, the row as reported, the recommendation it looks like."""
        existing = Recommendation.all_objects.in_bulk([d["existing"] for d in self.page])
        return [(self[f"duplicate_{d['row']}"], d, existing.get(d["existing"])) for d in self.page]

    def decisions(self) -> dict[str, str]:
        """The choices made on the page, by row number."""
        return {
            str(d["row"]): value
            for d in self.page
            if (value := self.cleaned_data.get(f"duplicate_{d['row']}"))
        }

    def next_page(self) -> int:
        return self.cleaned_data.get("goto") or self.page.number
