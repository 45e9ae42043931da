"""`nmirf.bulk.create_objects` writes what `bulk_create` writes (by COPY on PostgreSQL, by `bulk_create`
itself elsewhere), and the import's shortcut for untranslated texts builds the same objects."""

from __future__ import annotations

import datetime

import pytest
from django.forms.models import model_to_dict
from django.utils import translation
from modeltranslation.utils import auto_populate

from nmirf.bulk import create_objects
from recommendations.importing.writing import _untranslated
from recommendations.models import Country, Mechanism, Recommendation

pytestmark = pytest.mark.django_db


def _values(external_id: str = "b0000001") -> list[dict]:
    state = Country.objects.order_by("pk").first()
    mechanism = Mechanism.objects.order_by("pk").first()
    return [
        {
            "text": "Ratify the Convention.",
            "text_en": "Ratify the Convention.",
            "state_id": state.pk,
            "mechanism_id": mechanism.pk,
            "paragraph": "90.1",
            "date": datetime.date(2024, 5, 1),
            "cycle": 4,
            "session": "45",
            "position": Recommendation.Position.SUPPORTED,
        },
        {
            "text": "Ratifier la Convention.",
            "text_fr": "Ratifier la Convention.",
            "original_language": "fr",
            "state_id": state.pk,
            "mechanism_id": mechanism.pk,
            "external_id": external_id,
            "published": False,
        },
    ]


def _stored(pks: list[int]) -> list[dict]:
    skipped = {"id", "created_at", "updated_at"}
    return [
        {key: value for key, value in row.items() if key not in skipped}
        for row in Recommendation.all_objects.filter(pk__in=pks).order_by("pk").values()
    ]


def test_create_objects_writes_what_bulk_create_writes():
    expected = Recommendation.objects.bulk_create([Recommendation(**values) for values in _values()])
    created = create_objects(Recommendation, [Recommendation(**values) for values in _values("b0000002")])
    assert all(obj.pk is not None and not obj._state.adding for obj in created)
    assert len({obj.pk for obj in [*expected, *created]}) == 4
    assert all(obj.created_at is not None for obj in created)
    written, same = _stored([obj.pk for obj in created]), _stored([obj.pk for obj in expected])
    first, second = ([row.pop("external_id") for row in rows] for rows in (written, same))
    assert (first[1], second[1]) == ("b0000002", "b0000001")
    assert first[0] == second[0]
    assert written == same


@pytest.mark.parametrize("language", ["en", "fr", "zh-hans"])
@pytest.mark.parametrize("mode", [False, "all", "default", "required"])
def test_untranslated_defaults_build_the_same_recommendation(language, mode):
    with translation.override(language), auto_populate(mode):
        for values in _values():
            assert model_to_dict(Recommendation(**(_untranslated() | values))) == model_to_dict(
                Recommendation(**values)
            )
