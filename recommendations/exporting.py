"""Any filtered list of recommendations (or any other table) as CSV, XLSX or JSON, streamed.

The columns are those the importer reads back (`NMIRF_COLUMNS`), so export → import is a round trip.
Spreadsheet cells that a spreadsheet program would run as a formula (=, +, -, @) are neutralised.
"""

from __future__ import annotations

import csv
import json
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import openpyxl
from django.db.models import QuerySet, Value
from django.db.models.functions import Coalesce, NullIf
from django.http import FileResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase

from recommendations.importing.columns import NMIRF_COLUMNS, TEXT_COLUMNS
from recommendations.models import Recommendation

CHUNK = 2000
SEPARATOR = " | "
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: str) -> str:
    """A leading apostrophe keeps a spreadsheet from running the cell as a formula."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


_SCALARS = {
    "id": "pk",
    "external_id": "external_id",
    "state": "state__code",
    "mechanism": "mechanism__code",
    "mechanism_type": "mechanism__type",
    "document": "source_document__symbol",
    "paragraph": "paragraph",
    "date": "date",
    "cycle": "cycle",
    "session": "source_document__session",
    "kind": "kind",
    "position": "position",
    **{column: column for column in TEXT_COLUMNS},
    "original_language": "original_language",
    "status": "status",
    "status_date": "status_date",
    "requires_legislation": "requires_legislation",
    "published": "published",
}
# Names are exported in the default language, falling back to the name as first written.
_NAMED = {"cluster": "cluster", "lead_institution": "lead_institution"}
_MANY = {
    "recommending_states": ("recommending_states", "code"),
    "themes": ("themes", "name_en"),
    "groups": ("groups", "name_en"),
    "sdg_goals": ("sdg_goals", "code"),
    "sdg_targets": ("sdg_targets", "code"),
    "supporting_institutions": ("supporting_institutions", "name_en"),
}


def export_records(queryset: QuerySet[Recommendation]) -> Iterator[dict[str, Any]]:
    """One dictionary per recommendation in the order of `queryset` (by id if it has none), read in
    chunks with plain values (eight queries a chunk)."""
    ordered = queryset if queryset.ordered else queryset.order_by("pk")
    ids = list(ordered.values_list("pk", flat=True))
    names = {
        f"{key}_name": Coalesce(NullIf(f"{field}__name_en", Value("")), f"{field}__name")
        for key, field in _NAMED.items()
    }
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        many = {
            column: _related(chunk, relation, attribute) for column, (relation, attribute) in _MANY.items()
        }
        rows = Recommendation.objects.filter(pk__in=chunk).order_by().values(*set(_SCALARS.values()), **names)
        by_pk = {row["pk"]: row for row in rows}
        for row in (by_pk[pk] for pk in chunk if pk in by_pk):  # archived since: left out
            record: dict[str, Any] = {column: row[field] for column, field in _SCALARS.items()}
            for key in ("date", "status_date"):
                record[key] = record[key].isoformat() if record[key] else ""
            for key in TEXT_COLUMNS:
                record[key] = record[key] or ""
            record["document"] = record["document"] or ""
            record["session"] = record["session"] or ""
            record["cycle"] = record["cycle"] or ""
            for key in _NAMED:
                record[key] = row[f"{key}_name"] or ""
            for column in _MANY:
                record[column] = many[column].get(row["pk"], [])
            yield {column: record[column] for column in NMIRF_COLUMNS}


def _related(ids: list[int], relation: str, attribute: str) -> dict[int, list[str]]:
    """For each recommendation, the `attribute` of its related rows, in a stable order."""
    field = Recommendation._meta.get_field(relation)
    through = field.remote_field.through
    target = field.m2m_reverse_field_name()
    values: dict[int, list[str]] = {}
    pairs = through.objects.filter(recommendation_id__in=ids).values_list(
        "recommendation_id", f"{target}__{attribute}"
    )
    for pk, value in pairs.order_by("recommendation_id", f"{target}__{attribute}"):
        values.setdefault(pk, []).append(value or "")
    return values


def _cell(value: Any) -> Any:
    if isinstance(value, list):
        value = SEPARATOR.join(str(item) for item in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return neutralise(value) if isinstance(value, str) else value


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_response(
    columns: Sequence[str], records: Iterable[dict[str, Any]], filename: str
) -> StreamingHttpResponse:
    writer = csv.writer(_Echo())

    def lines() -> Iterator[str]:
        yield "\ufeff" + writer.writerow(columns)  # a BOM so that spreadsheet programs read UTF-8
        for record in records:
            yield writer.writerow([_cell(record[column]) for column in columns])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def json_response(
    columns: Sequence[str], records: Iterable[dict[str, Any]], filename: str
) -> StreamingHttpResponse:
    def chunks() -> Iterator[str]:
        yield "["
        for index, record in enumerate(records):
            row = {column: record[column] for column in columns}
            yield ("," if index else "") + "\n" + json.dumps(row, ensure_ascii=False)
        yield "\n]\n"

    response = StreamingHttpResponse(chunks(), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.json"'
    return response


def xlsx_response(columns: Sequence[str], records: Iterable[dict[str, Any]], filename: str) -> FileResponse:
    """Written row by row (openpyxl's write-only mode) to a temporary file, then streamed from it."""
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet(filename[:31])
    sheet.append(list(columns))
    for record in records:
        sheet.append([_cell(record[column]) for column in columns])
    handle = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it
    workbook.save(handle)
    handle.seek(0)
    return FileResponse(
        handle,
        as_attachment=True,
        filename=f"{filename}.xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


# Any table of records (a list of dictionaries with the given columns) in each download format.
TABLE_EXPORTERS = {"csv": csv_response, "xlsx": xlsx_response, "json": json_response}
EXPORT_FORMATS = tuple(TABLE_EXPORTERS)


def export_response(fmt: str, queryset: QuerySet[Recommendation], filename: str) -> HttpResponseBase:
    """The recommendations of `queryset`, every column, in `fmt` (one of EXPORT_FORMATS)."""
    return TABLE_EXPORTERS[fmt](NMIRF_COLUMNS, export_records(queryset), filename)
