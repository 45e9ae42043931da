"""Any filtered list of recommendations as CSV, XLSX or JSON, with every field, streamed.

The columns are those the importer reads back (`NMIRF_COLUMNS`), so export → import is a round trip.
Spreadsheet cells that a spreadsheet program would run as a formula (=, +, -, @) are neutralised.
"""

from __future__ import annotations

import csv
import json
import tempfile
from collections.abc import Iterator
from typing import Any

import openpyxl
from django.db.models import QuerySet
from django.http import FileResponse, StreamingHttpResponse

from recommendations.importing.columns import NMIRF_COLUMNS, TEXT_COLUMNS
from recommendations.models import Recommendation

CHUNK = 2000
SEPARATOR = " | "
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: str) -> str:
    """A leading apostrophe keeps a spreadsheet from running the cell as a formula."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def export_records(queryset: QuerySet[Recommendation]) -> Iterator[dict[str, Any]]:
    """One dictionary per recommendation, read in chunks (a fixed number of queries per chunk)."""
    ids = list(queryset.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), CHUNK):
        rows = (
            Recommendation.objects.filter(pk__in=ids[start : start + CHUNK])
            .order_by("pk")
            .select_related("state", "mechanism", "source_document", "cluster", "lead_institution")
            .prefetch_related(
                "recommending_states",
                "themes",
                "groups",
                "sdg_goals",
                "sdg_targets",
                "supporting_institutions",
            )
        )
        for rec in rows:
            yield _record(rec)


def _record(rec: Recommendation) -> dict[str, Any]:
    document = rec.source_document
    values: dict[str, Any] = {
        "id": rec.pk,
        "external_id": rec.external_id,
        "state": rec.state.code,
        "mechanism": rec.mechanism.code,
        "mechanism_type": rec.mechanism.type,
        "document": document.symbol if document else "",
        "paragraph": rec.paragraph,
        "date": rec.date.isoformat() if rec.date else "",
        "cycle": rec.cycle or "",
        "session": document.session if document else "",
        "kind": rec.kind,
        "position": rec.position,
        "recommending_states": [country.code for country in rec.recommending_states.all()],
        **{column: getattr(rec, column) or "" for column in TEXT_COLUMNS},
        "original_language": rec.original_language,
        "themes": [theme.name_en for theme in rec.themes.all()],
        "groups": [group.name_en for group in rec.groups.all()],
        "sdg_goals": [goal.code for goal in rec.sdg_goals.all()],
        "sdg_targets": [target.code for target in rec.sdg_targets.all()],
        "cluster": rec.cluster.name_en or rec.cluster.name if rec.cluster else "",
        "lead_institution": rec.lead_institution.name if rec.lead_institution else "",
        "supporting_institutions": [institution.name for institution in rec.supporting_institutions.all()],
        "status": rec.status,
        "status_date": rec.status_date.isoformat() if rec.status_date else "",
        "requires_legislation": rec.requires_legislation,
        "published": rec.published,
    }
    return {column: values[column] for column in NMIRF_COLUMNS}


def _cell(value: Any) -> Any:
    if isinstance(value, list):
        value = SEPARATOR.join(str(item) for item in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return neutralise(value) if isinstance(value, str) else value


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_response(queryset: QuerySet[Recommendation], filename: str) -> StreamingHttpResponse:
    writer = csv.writer(_Echo())

    def lines() -> Iterator[str]:
        yield "\ufeff" + writer.writerow(NMIRF_COLUMNS)  # a BOM so that spreadsheet programs read UTF-8
        for record in export_records(queryset):
            yield writer.writerow([_cell(record[column]) for column in NMIRF_COLUMNS])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def json_response(queryset: QuerySet[Recommendation], filename: str) -> StreamingHttpResponse:
    def chunks() -> Iterator[str]:
        yield "["
        for index, record in enumerate(export_records(queryset)):
            yield ("," if index else "") + "\n" + json.dumps(record, ensure_ascii=False)
        yield "\n]\n"

    response = StreamingHttpResponse(chunks(), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.json"'
    return response


def xlsx_response(queryset: QuerySet[Recommendation], filename: str) -> FileResponse:
    """Written row by row (openpyxl's write-only mode) to a temporary file, then streamed from it."""
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("Recommendations")
    sheet.append(list(NMIRF_COLUMNS))
    for record in export_records(queryset):
        sheet.append([_cell(record[column]) for column in NMIRF_COLUMNS])
    handle = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it
    workbook.save(handle)
    handle.seek(0)
    return FileResponse(
        handle,
        as_attachment=True,
        filename=f"{filename}.xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


EXPORTERS = {"csv": csv_response, "xlsx": xlsx_response, "json": json_response}
