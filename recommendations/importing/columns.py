"""Column names of the files the importer knows, and the fields a column mapping can fill."""

from __future__ import annotations

import re

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy

# The project's own export (CSV, XLSX, JSON), in this order. Multi-values are joined by " | " in
# CSV and XLSX and are lists in JSON.
NMIRF_COLUMNS: tuple[str, ...] = (
    "id",
    "external_id",
    "state",
    "mechanism",
    "mechanism_type",
    "document",
    "paragraph",
    "date",
    "cycle",
    "session",
    "kind",
    "position",
    "recommending_states",
    "text_ar",
    "text_en",
    "text_es",
    "text_fr",
    "text_ru",
    "text_zh_hans",
    "original_language",
    "themes",
    "groups",
    "sdg_goals",
    "sdg_targets",
    "cluster",
    "lead_institution",
    "supporting_institutions",
    "status",
    "status_date",
    "requires_legislation",
    "published",
)

# Language code of each translated text column of our export.
TEXT_COLUMNS: dict[str, str] = {
    "text_ar": "ar",
    "text_en": "en",
    "text_es": "es",
    "text_fr": "fr",
    "text_ru": "ru",
    "text_zh_hans": "zh-hans",
}

# UHRI export, in the order of the file; the JSON interface's names follow as aliases.
UHRI_COLUMNS: dict[str, tuple[str, ...]] = {
    "text": ("Text",),
    "states": ("Countries Concerned", "Countries"),
    "body": ("Reccomending Body", "Body"),
    "document": ("Document Symbol", "Symbol"),
    "themes": ("Themes",),
    "groups": ("Affected Persons", "AffectedPersons"),
    "sdgs": ("Sdgs",),
    "date": ("Document Publication Date", "PublicationDate"),
    "recommending_states": ("UPR Reccomending States",),
    "position": ("UPR Position",),
    "type": ("Type", "AnnotationType"),
    "id": ("OHCHR Annotation Id", "AnnotationId"),
    "session": ("UPR Session",),
    "regions": ("Regions Concerned", "Regions"),
    "recommending_regions": ("Recommending Regions",),
    "uhri_date": ("Date of publication on UHRI",),
}

# UPR Info database export; `Rgrp` and `Org` appear twice (State under review, recommending State).
UPRINFO_COLUMNS: tuple[str, ...] = (
    "SuR",
    "Rgrp",
    "Org",
    "Recommendation",
    "RS",
    "Rgrp",
    "Org",
    "Response",
    "Action",
    "Issue",
    "Session",
)

# OHCHR thematic list of recommendations: the words that name each column in its several layouts.
MATRIX_COLUMNS: tuple[str, ...] = (
    "Recommendation and recommending State",
    "Position of the State under review",
    "Human rights themes and groups of persons",
    "Relevant SDGs",
    "Recommendation",
    "Position",
    "Full list of themes",
    "Assessment/comments on level of implementation",
    "Recommending state/s",
    "Full list of rights/affected persons",
)

# The fields an administrator's column mapping can fill, with their names as people read them.
MAPPING_FIELDS: dict[str, Promise] = {
    "external_id": gettext_lazy("identifier"),
    "state": gettext_lazy("State concerned"),
    "mechanism": gettext_lazy("mechanism"),
    "document": gettext_lazy("source document"),
    "paragraph": gettext_lazy("paragraph"),
    "text": gettext_lazy("text"),
    "language": gettext_lazy("language of the text"),
    "date": gettext_lazy("date"),
    "kind": gettext_lazy("kind"),
    "position": gettext_lazy("position"),
    "recommending_states": gettext_lazy("recommending States"),
    "themes": gettext_lazy("themes"),
    "groups": gettext_lazy("concerned groups"),
    "sdgs": gettext_lazy("SDG goals and targets"),
    "session": gettext_lazy("session"),
    "cycle": gettext_lazy("UPR cycle"),
    "text_ar": gettext_lazy("text in Arabic"),
    "text_en": gettext_lazy("text in English"),
    "text_es": gettext_lazy("text in Spanish"),
    "text_fr": gettext_lazy("text in French"),
    "text_ru": gettext_lazy("text in Russian"),
    "text_zh_hans": gettext_lazy("text in Chinese"),
}

_NOT_WORD = re.compile(r"[\W_]+")


def header_key(header: str) -> str:
    """A column name reduced for comparison: case, spacing, punctuation and OHCHR's misspelling ignored."""
    return _NOT_WORD.sub("", header.casefold()).replace("reccomending", "recommending")


KNOWN_HEADER_KEYS: frozenset[str] = frozenset(
    header_key(name)
    for name in (
        *NMIRF_COLUMNS,
        *(alias for aliases in UHRI_COLUMNS.values() for alias in aliases),
        *UPRINFO_COLUMNS,
        *MATRIX_COLUMNS,
        *MAPPING_FIELDS,
    )
)
