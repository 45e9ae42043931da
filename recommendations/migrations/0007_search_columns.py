"""Stored full-text vectors, one per language with a PostgreSQL configuration (PostgreSQL only).

The GIN expression indexes of 0003 let PostgreSQL find matches, but ranking them by relevance
recomputed `to_tsvector` for every match (hundreds of milliseconds for a broad search over the whole
Universal Human Rights Index). Generated columns keep the vectors beside the text, always in step
with it; their GIN indexes replace the expression indexes. The model does not declare them (SQLite,
the trial database, has no text search): recommendations.search refers to them by name.
"""

from django.db import migrations

TABLE = "recommendations_recommendation"
CONFIGS = {"ar": "arabic", "en": "english", "es": "spanish", "fr": "french", "ru": "russian"}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    columns = ", ".join(
        f"ADD COLUMN IF NOT EXISTS search_{language} tsvector GENERATED ALWAYS AS "
        f"(to_tsvector('{config}'::regconfig, COALESCE(text_{language}, ''))) STORED"
        for language, config in CONFIGS.items()
    )
    schema_editor.execute(f"ALTER TABLE {TABLE} {columns}")
    for language in CONFIGS:
        schema_editor.execute(f"DROP INDEX IF EXISTS rec_fts_{language}")
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS rec_search_{language} ON {TABLE} USING gin (search_{language})"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for language, config in CONFIGS.items():
        schema_editor.execute(f"ALTER TABLE {TABLE} DROP COLUMN IF EXISTS search_{language}")
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS rec_fts_{language} ON {TABLE} "
            f"USING gin (to_tsvector('{config}'::regconfig, COALESCE(text_{language}, '')))"
        )


class Migration(migrations.Migration):
    dependencies = [("recommendations", "0006_un_country_names")]

    operations = [migrations.RunPython(create, drop)]
