"""manage.py generate_report parliament|mechanism|institution [options]: render a report to a file.

The report is rendered in this process, from the database as it is now, and written to --output;
nothing is stored (the workspace keeps numbered versions). Defaults: the UPR and its latest cycle,
the last twelve months, English, and the output file `<kind>-<language>.pdf`.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from focalpoints.models import Institution
from recommendations.models import Mechanism
from reporting.models import Report
from reporting.rendering import render_report
from reporting.services import report_prepare


def _period(raw: str) -> tuple[datetime.date, datetime.date]:
    start, sep, end = raw.partition("..")
    try:
        if not sep:
            raise ValueError
        return datetime.date.fromisoformat(start.strip()), datetime.date.fromisoformat(end.strip())
    except ValueError as error:
        raise CommandError(f"--period must look like 2025-01-01..2025-12-31, not {raw!r}") from error


class Command(BaseCommand):
    help = "Render a report (PDF, or DOCX for a report to a mechanism) from the database to a file."

    def add_arguments(self, parser) -> None:
        parser.add_argument("kind", choices=Report.Kind.values)
        parser.add_argument("--variant", choices=Report.Variant.values)
        parser.add_argument("--mechanism", help="mechanism code, e.g. UPR or CRC (default UPR)")
        parser.add_argument("--cycle", type=int, help="UPR cycle (default: the latest)")
        parser.add_argument("--institution", type=int, help="institution id (institution report)")
        parser.add_argument("--period", help="YYYY-MM-DD..YYYY-MM-DD (default: the last twelve months)")
        parser.add_argument("--language", default="en", help="language code (default en)")
        parser.add_argument("--scope", default="", help="filters of the recommendations list, e.g. cluster=3")
        parser.add_argument("--output", help="FILE.pdf or FILE.docx (default <kind>-<language>.pdf)")

    def handle(self, *args, **options) -> None:
        kind, language = options["kind"], options["language"]
        if language not in dict(settings.LANGUAGES):
            raise CommandError(f"unknown language {language!r}; one of {', '.join(dict(settings.LANGUAGES))}")
        output = Path(options["output"] or f"{kind}-{language}.pdf")
        if output.suffix.lower() not in (".pdf", ".docx"):
            raise CommandError("--output must end in .pdf or .docx")
        if output.suffix.lower() == ".docx" and kind != Report.Kind.MECHANISM:
            raise CommandError("only a report to a mechanism is written as DOCX")
        values: dict = {"kind": kind, "language": language, "scope": options["scope"]}
        if options["variant"]:
            values["variant"] = options["variant"]
        if options["period"]:
            values["period_start"], values["period_end"] = _period(options["period"])
            if values["period_end"] < values["period_start"]:
                raise CommandError("--period ends before it starts")
        if options["mechanism"]:
            if kind != Report.Kind.MECHANISM:
                raise CommandError("--mechanism is for a report to a mechanism")
            mechanism = Mechanism.objects.filter(code__iexact=options["mechanism"]).first()
            if mechanism is None:
                raise CommandError(f"unknown mechanism {options['mechanism']!r}")
            values["mechanism"] = mechanism
        if options["cycle"] is not None:
            values["cycle"] = options["cycle"]
        if kind == Report.Kind.INSTITUTION and options["institution"] is None:
            raise CommandError("an institution report needs --institution ID")
        if options["institution"] is not None:
            institution = Institution.objects.filter(pk=options["institution"]).first()
            if institution is None:
                raise CommandError(f"unknown institution {options['institution']}")
            values["institution"] = institution
        try:
            report = report_prepare(values=values)
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        rendered = render_report(report, today=timezone.localdate())
        data = rendered.docx if output.suffix.lower() == ".docx" else rendered.pdf
        try:
            output.write_bytes(data)
        except OSError as error:
            raise CommandError(f"cannot write {output}: {error.strerror}") from error
        self.stdout.write(f"{report.title}: {rendered.pages} pages written to {output}")
