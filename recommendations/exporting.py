"""Any filtered list of recommendations (or any other table) as CSV, XLSX or JSON, streamed.

The columns are those the importer reads back (`NMIRF_COLUMNS`), so export → import is a round trip,
then the provenance: `report_symbol` (the document, or the UPR Working Group report of the same State
and session) for everyone, and the import that brought the record (format, file, import id, row) in
the workspace's exports only. The importer ignores these last columns.
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
from recommendations.importing.rows import first_number
from recommendations.models import Recommendation
from recommendations.provenance import session_documents

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
    "own_session": "session",
    "state_id": "state_id",
    "kind": "kind",
    "position": "position",
    **{column: column for column in TEXT_COLUMNS},
    "original_language": "original_language",
    "status": "status",
    "status_date": "status_date",
    "requires_legislation": "requires_legislation",
    "published": "published",
    "source_format": "import_batch__format",
    "source_file": "import_batch__file_name",
    "import_batch": "import_batch_id",
    "import_row": "import_row",
}
PUBLIC_COLUMNS: tuple[str, ...] = (*NMIRF_COLUMNS, "report_symbol")
STAFF_COLUMNS: tuple[str, ...] = (
    *PUBLIC_COLUMNS,
    "source_format",
    "source_file",
    "import_batch",
    "import_row",
)
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


def export_records(
    queryset: QuerySet[Recommendation], columns: Sequence[str] = PUBLIC_COLUMNS
) -> Iterator[dict[str, Any]]:
    """One dictionary of `columns` per recommendation in the order of `queryset` (by id if it has
    none), read in chunks with plain values (eight queries a chunk, nine when records known only by
    their UPR session are in it)."""
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
        reports = session_documents(key for row in by_pk.values() if (key := _session_key(row)))
        for row in (by_pk[pk] for pk in chunk if pk in by_pk):  # archived since: left out
            record: dict[str, Any] = {column: row[field] for column, field in _SCALARS.items()}
            for key in ("date", "status_date"):
                record[key] = record[key].isoformat() if record[key] else ""
            for key in TEXT_COLUMNS:
                record[key] = record[key] or ""
            record["document"] = record["document"] or ""
            record["session"] = record["own_session"] or record["session"] or ""
            record["cycle"] = record["cycle"] or ""
            key = _session_key(row)
            report = reports.get(key) if key else None
            record["report_symbol"] = record["document"] or (report.symbol if report else "")
            for key in ("source_format", "source_file", "import_batch", "import_row"):
                record[key] = "" if record[key] is None else record[key]
            for key in _NAMED:
                record[key] = row[f"{key}_name"] or ""
            for column in _MANY:
                record[column] = many[column].get(row["pk"], [])
            yield {column: record[column] for column in columns}


def _session_key(row: dict[str, Any]) -> tuple[int, int] | None:
    """(State id, session number) of an exported row with a UPR session but no document."""
    if row["source_document__symbol"] or not row["session"]:
        return None
    number = first_number(row["session"])
    return None if number is None else (row["state_id"], number)


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


def export_response(
    fmt: str, queryset: QuerySet[Recommendation], filename: str, *, staff: bool = False
) -> HttpResponseBase:
    """The recommendations of `queryset` in `fmt` (one of EXPORT_FORMATS): every column, with the
    import each came from when `staff` (the public sees the document, session and cycle only)."""
    columns = STAFF_COLUMNS if staff else PUBLIC_COLUMNS
    return TABLE_EXPORTERS[fmt](columns, export_records(queryset, columns), filename)
