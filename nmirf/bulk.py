"""Bulk inserts at database speed: COPY on PostgreSQL, bulk_create elsewhere (the SQLite trial)."""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction


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


# Field types whose get_db_prep_save returns a value of these exact types unchanged.
_INTEGER = (int, type(None))
_PLAIN: dict[str, tuple[type, ...]] = {
    "CharField": (str, type(None)),
    "TextField": (str, type(None)),
    "IntegerField": _INTEGER,
    "SmallIntegerField": _INTEGER,
    "BigIntegerField": _INTEGER,
    "PositiveIntegerField": _INTEGER,
    "PositiveSmallIntegerField": _INTEGER,
    "PositiveBigIntegerField": _INTEGER,
    "ForeignKey": _INTEGER,
    "BooleanField": (bool, type(None)),
    "DateField": (datetime.date, type(None)),
}


def create_objects(model: type[models.Model], objs: list[models.Model]) -> list[models.Model]:
    """`bulk_create` for new objects without ids, at COPY speed on PostgreSQL; sets their ids.

    The ids are drawn from the table's sequence first, then every concrete field is copied as
    `bulk_create` would write it (`pre_save`, then `get_db_prep_save`), so that no large INSERT is
    built. Fields with a database default, and other databases, go through `bulk_create` itself.
    """
    meta = model._meta
    fields = [field for field in meta.concrete_fields if not field.generated and field is not meta.pk]
    if (
        connection.vendor != "postgresql"
        or not objs
        or any(field.has_db_default() for field in fields)
        or any(obj.pk is not None for obj in objs)
    ):
        return model._default_manager.bulk_create(objs, batch_size=2000)
    for obj in objs:
        obj._prepare_related_fields_for_save(operation_name="bulk_create")
    columns = ", ".join(connection.ops.quote_name(field.column) for field in (meta.pk, *fields))
    table = connection.ops.quote_name(meta.db_table)
    plain = [_PLAIN.get(field.get_internal_type(), ()) for field in fields]

    def prepared(obj: models.Model) -> Iterator[Any]:
        for field, types in zip(fields, plain, strict=True):
            value = field.pre_save(obj, True)
            # What get_db_prep_save would return unchanged, passed as it is.
            yield value if type(value) in types else field.get_db_prep_save(value, connection)

    with transaction.atomic(savepoint=False), connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [meta.db_table, meta.pk.column, len(objs)],
        )
        ids = sorted(row[0] for row in cursor.fetchall())
        with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            for obj, pk in zip(objs, ids, strict=True):
                obj.pk = pk
                copy.write_row([pk, *prepared(obj)])
                obj._state.adding, obj._state.db = False, connection.alias
    return objs
