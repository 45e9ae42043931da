"""The directory of focal points as CSV or XLSX, streamed (staff only: it holds personal data)."""

from __future__ import annotations

import csv
import tempfile
from collections.abc import Iterable, Iterator
from itertools import chain

from django.http import FileResponse, Http404, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from focalpoints.models import FocalPoint


def _header() -> list[str]:
    return [
        _("Institution"),
        _("Acronym"),
        _("Role"),
        _("Name"),
        _("User name"),
        _("Job title"),
        _("E-mail"),
        _("Telephone"),
        _("Preferred language"),
        _("Service start"),
        _("Service end"),
        _("Account active"),
    ]


def _rows(focal_points: Iterable[FocalPoint]) -> Iterator[list[str]]:
    for fp in focal_points.iterator(chunk_size=500) if hasattr(focal_points, "iterator") else focal_points:
        user = fp.user
        yield [
            fp.institution.name,
            fp.institution.acronym,
            str(fp.get_role_display()),
            user.get_full_name(),
            user.get_username(),
            fp.title,
            fp.email or user.email,
            fp.phone,
            user.language,
            fp.start_date.isoformat(),
            fp.end_date.isoformat() if fp.end_date else "",
            _("yes") if user.is_active else _("no"),
        ]


class _Echo:
    def write(self, value: str) -> str:
        return value


def _safe(cell: str) -> str:
    """No spreadsheet formulas from user data (CSV injection)."""
    return "'" + cell if cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell


def directory_response(focal_points, fmt: str):
    stamp = timezone.localdate().isoformat()
    if fmt == "csv":
        writer = csv.writer(_Echo())
        lines = (
            writer.writerow([_safe(cell) for cell in row]) for row in chain([_header()], _rows(focal_points))
        )
        response = StreamingHttpResponse(("\ufeff", *lines), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="focal-points-{stamp}.csv"'
    elif fmt == "xlsx":
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(_("Focal points")[:31])
        sheet.append(_header())
        for row in _rows(focal_points):
            sheet.append([_safe(cell) for cell in row])
        spool = tempfile.TemporaryFile()  # noqa: SIM115 (FileResponse closes it when sent)
        workbook.save(spool)
        spool.seek(0)
        response = FileResponse(
            spool,
            as_attachment=True,
            filename=f"focal-points-{stamp}.xlsx",
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        raise Http404
    response["Cache-Control"] = "private, no-store"
    return response
