"""Bulk inserts at database speed: COPY on PostgreSQL, bulk_create elsewhere (the SQLite trial)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models


def insert_rows(model: type[models.Model], fields: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """Insert plain rows (values in the order of `fields`, attnames such as "batch_id").

    For rows that need nothing back (no ids, no signals, no conflicts): link tables, audit entries.
    JSON fields take Python values. `rows` must not query the database while it is iterated: the
    connection is busy copying.
    """
    meta = model._meta
    targets = [meta.get_field(name) for name in fields]
    is_json = [isinstance(field, models.JSONField) for field in targets]
    if connection.vendor != "postgresql":
        model.objects.bulk_create(
            [model(**dict(zip(fields, row, strict=True))) for row in rows], batch_size=2000
        )
        return
    columns = ", ".join(connection.ops.quote_name(field.column) for field in targets)
    table = connection.ops.quote_name(meta.db_table)
    with connection.cursor() as cursor, cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(
                [
                    json.dumps(value, cls=DjangoJSONEncoder) if json_field and value is not None else value
                    for value, json_field in zip(row, is_json, strict=True)
                ]
            )
