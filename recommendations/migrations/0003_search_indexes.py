"""Search indexes for PostgreSQL (see recommendations/search.py); SQLite needs none."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

CONFIGS = {"ar": "arabic", "en": "english", "es": "spanish", "fr": "french", "ru": "russian"}
TABLE = "recommendations_recommendation"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for language, config in CONFIGS.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS rec_fts_{language} ON {TABLE} "
            f"USING gin (to_tsvector('{config}'::regconfig, COALESCE(text_{language}, '')))"
        )
    for column in ("text_zh_hans", "text_en"):
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS rec_trgm_{column} ON {TABLE} USING gin ({column} gin_trgm_ops)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in [f"rec_fts_{language}" for language in CONFIGS] + ["rec_trgm_text_zh_hans", "rec_trgm_text_en"]:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("recommendations", "0002_reference_data")]

    operations = [TrigramExtension(), migrations.RunPython(create, drop)]
