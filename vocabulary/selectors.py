"""Reads of the vocabulary mappings for the workspace pages."""

from collections.abc import Iterable

from django.db.models import QuerySet

from vocabulary.matching import TARGET_MODELS
from vocabulary.models import VocabularyMapping


def mappings(*, source_format: str | None = None, kind: str | None = None) -> QuerySet[VocabularyMapping]:
    found = VocabularyMapping.objects.select_related("updated_by")
    if source_format:
        found = found.filter(source_format=source_format)
    if kind:
        found = found.filter(kind=kind)
    return found


def target_labels(shown: Iterable[VocabularyMapping]) -> dict[int, str]:
    """The name of each mapping's target, by mapping id: one query per list shown."""
    wanted: dict[str, dict[int, list[int]]] = {}
    for mapping in shown:
        if mapping.target_id is not None:
            wanted.setdefault(mapping.kind, {}).setdefault(mapping.target_id, []).append(mapping.pk)
    labels: dict[int, str] = {}
    for kind, targets in wanted.items():
        for pk, obj in TARGET_MODELS[kind]._default_manager.in_bulk(list(targets)).items():
            labels |= dict.fromkeys(targets[pk], str(obj))
    return labels
