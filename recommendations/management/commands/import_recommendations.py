"""manage.py import_recommendations FILE: the browser's import, from the command line, with the same summary."""

from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import ngettext

from recommendations.importing import service
from recommendations.importing.matching import Matcher
from recommendations.models import Country, ImportBatch, ImportProfile

FORMATS = ("uhri", "uprinfo", "matrix", "nmirf")


class Command(BaseCommand):
    help = "Import UN recommendations from a UHRI/UPR Info export, an OHCHR matrix, our own export or a mapped spreadsheet."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--format", default="", help="uhri, uprinfo, matrix, nmirf or profile:NAME (default: detect)"
        )
        parser.add_argument(
            "--state", default=None, help="the State's code or name, or 'all' (default: NMIRF_STATE)"
        )
        parser.add_argument("--language", default="en", help="language of the texts (default: en)")
        parser.add_argument(
            "--translations",
            action="store_true",
            help="the file holds translations of existing recommendations",
        )
        parser.add_argument(
            "--monthfirst", action="store_true", help="dates are written month first (12/31/2024)"
        )
        parser.add_argument(
            "--skip-invalid", action="store_true", help="import the valid rows and list the invalid ones"
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="check the file and print the summary; change nothing"
        )

    def handle(self, *args, **options):
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        requested, profile = self._format(options["format"])
        with path.open("rb") as handle:
            try:
                batch = service.import_upload(
                    user=None,
                    upload=File(handle, name=path.name),
                    requested_format=requested,
                    state_scope=self._state(options["state"]),
                    language=options["language"],
                    translations_only=options["translations"],
                    dayfirst=not options["monthfirst"],
                    skip_invalid=options["skip_invalid"],
                    enqueue=False,
                )
            except ValidationError as error:
                raise CommandError(" ".join(error.messages)) from error
        if profile is not None:
            ImportBatch.objects.filter(pk=batch.pk).update(profile=profile)
        batch = service.import_preview(batch_id=batch.pk)
        self._summary(batch)
        if batch.status == ImportBatch.Status.NEEDS_MAPPING:
            raise CommandError(
                "The columns are not known: map them once in the browser, then use --format profile:NAME."
            )
        if batch.status == ImportBatch.Status.FAILED:
            raise CommandError(batch.error)
        if options["dry_run"]:
            self.stdout.write("Dry run: nothing was changed.")
            return
        try:
            service.import_confirm(batch=batch, enqueue=False)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        batch = service.import_commit(batch_id=batch.pk)
        if batch.status != ImportBatch.Status.IMPORTED:
            raise CommandError(batch.error or "The import failed; nothing was changed.")
        self.stdout.write(self.style.SUCCESS(f"Imported (import #{batch.pk})."))

    def _format(self, value: str) -> tuple[str, ImportProfile | None]:
        if not value or value in FORMATS:
            return value, None
        if value.startswith("profile:"):
            profile = ImportProfile.objects.filter(name=value.removeprefix("profile:")).first()
            if profile is None:
                raise CommandError(f"No column mapping profile named {value.removeprefix('profile:')!r}.")
            return "", profile
        raise CommandError(f"Unknown format {value!r}: use uhri, uprinfo, matrix, nmirf or profile:NAME.")

    def _state(self, value: str | None) -> str:
        if value is None:
            return settings.NMIRF_STATE
        if value.lower() == "all":
            return ""
        pk = Matcher().one("state", value)
        if pk is None:
            raise CommandError(
                f"Unknown State {value!r}: give its name, ISO 3166 code or M49 number, or 'all'."
            )
        return Country.objects.get(pk=pk).code

    def _summary(self, batch: ImportBatch) -> None:
        counts = batch.counts
        self.stdout.write(
            f"{batch.file_name}: format {batch.format or '?'}, status {batch.get_status_display()}"
        )
        if counts:
            self.stdout.write(
                "rows {rows}: new {new}, updated {updated}, unchanged {unchanged}, invalid {invalid}, skipped {skipped}, repeated {repeated}".format(
                    **{"repeated": 0} | counts
                )
            )
        for error in batch.report.get("invalid", [])[:50]:
            self.stdout.write(f"  row {error['row']}, {error['column'] or '-'}: {error['message']}")
        notices = batch.report.get("notices", [])[:50]
        for notice in notices:
            self.stdout.write(f"  notice: {notice['message']}")
        if more := batch.report.get("notices_total", 0) - len(notices):
            self.stdout.write(
                "  notice: "
                + ngettext(
                    "%(n)d more row repeats an earlier row.", "%(n)d more rows repeat earlier rows.", more
                )
                % {"n": more}
            )
        for kind, values in batch.report.get("unknown", {}).items():
            self.stdout.write(
                f"  unknown {kind}: " + "; ".join(f"{raw} ({count})" for raw, count in values[:20])
            )
        for duplicate in batch.report.get("duplicates", [])[:20]:
            self.stdout.write(
                f"  row {duplicate['row']} looks like recommendation #{duplicate['existing']} ({duplicate['score']} %): {duplicate['decision']}"
            )
