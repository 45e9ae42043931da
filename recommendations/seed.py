"""Reference data shipped with the project: countries (ISO 3166), UN mechanisms, UHRI themes and groups.

Loaded by a data migration so every database starts with them; idempotent, so a later migration can call
it again after the files grow.
"""

import json
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
_FIELD_SUFFIX = {"ar": "ar", "en": "en", "es": "es", "fr": "fr", "ru": "ru", "zh-hans": "zh_hans"}


def _names(names: dict[str, str]) -> dict[str, str]:
    values = {f"name_{_FIELD_SUFFIX[lang]}": text for lang, text in names.items() if lang in _FIELD_SUFFIX}
    values["name"] = names["en"]
    return values


def _load(model, file_name: str, extra_fields: tuple[str, ...] = ()) -> None:
    rows = json.loads((DATA_DIR / file_name).read_text(encoding="utf-8"))
    existing = {obj.code: obj for obj in model.objects.all()}
    new, changed = [], []
    for row in rows:
        values = _names(row["name"]) | {field: row[field] for field in extra_fields}
        obj = existing.get(row["code"])
        if obj is None:
            new.append(model(code=row["code"], **values))
        elif any(getattr(obj, key) != value for key, value in values.items()):
            for key, value in values.items():
                setattr(obj, key, value)
            changed.append(obj)
    model.objects.bulk_create(new)
    if changed:
        model.objects.bulk_update(changed, list(_names(rows[0]["name"])) + list(extra_fields))


def seed_reference_data(apps, schema_editor=None) -> None:
    _load(apps.get_model("recommendations", "Country"), "countries.json")
    _load(apps.get_model("recommendations", "Mechanism"), "mechanisms.json", ("type",))
    _load(apps.get_model("recommendations", "Theme"), "themes.json")
    _load(apps.get_model("recommendations", "ConcernedGroup"), "groups.json")
