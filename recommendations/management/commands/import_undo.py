"""manage.py import_undo ID: the import page's undo from the command line, with the same preview.

Exit status: 0 done (or --dry-run); 1 refused for a reason it names (records changed since without
--keep-changed, an import still running); 2 unusable input (unknown import, already undone, never imported).
"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from nmirf.revert import Outcome, RevertBlocked, RevertPlan
from recommendations.importing import undo
from recommendations.models import ImportBatch

Status = ImportBatch.Status


class Command(BaseCommand):
    help = "Undo an import: remove what it added and put back what it overwrote, keeping what people changed since."

    def add_arguments(self, parser):
        parser.add_argument("id", help="the import's number, as on its page")
        parser.add_argument(
            "--dry-run", action="store_true", help="print what the undo would do; change nothing"
        )
        parser.add_argument(
            "--keep-changed",
            action="store_true",
            help="undo even when records were changed since, keeping those records as they are",
        )

    def handle(self, *args, **options):
        batch = self._batch(options["id"])
        refusal = undo.undo_refusal(batch)
        if refusal:
            running = batch.status in (Status.PREVIEWING, Status.IMPORTING, Status.IMPORTED)
            raise CommandError(refusal, returncode=1 if running else 2)
        if options["dry_run"]:
            self._print(undo.import_undo_plan(batch=batch))
            return
        try:
            plan = undo.import_undo(user=None, batch=batch, keep_changed=options["keep_changed"])
        except RevertBlocked as blocked:
            self._print(blocked.plan)
            raise CommandError(
                f"{blocked.plan.kept_records} records were changed since the import; nothing was undone. "
                "Run again with --keep-changed to undo the rest and keep them.",
                returncode=1,
            ) from blocked
        except ValidationError as error:
            raise CommandError(" ".join(error.messages), returncode=1) from error
        self._print(plan)
        self.stdout.write(f"Import {batch.pk} ({batch.file_name}) is undone.")

    def _batch(self, value: str) -> ImportBatch:
        if not value.isdigit():
            raise CommandError(f"{value!r} is not an import number.", returncode=2)
        batch = ImportBatch.objects.filter(pk=int(value)).first()
        if batch is None:
            raise CommandError(f"No import with number {value}.", returncode=2)
        return batch

    def _print(self, plan: RevertPlan) -> None:
        counts = plan.summary()
        self.stdout.write(f"Records to remove: {counts['remove']}")
        self.stdout.write(f"Records to put back to the values the import overwrote: {counts['put_back']}")
        self.stdout.write(f"Vocabulary values and documents to remove: {counts['vocabulary_removed']}")
        self.stdout.write(
            f"Vocabulary values and documents kept (used elsewhere): {counts['vocabulary_kept']}"
        )
        self.stdout.write(f"Records changed since, kept: {counts['kept']}")
        for item in plan.shown(Outcome.KEEP_CHANGED, Outcome.KEEP_USED, vocabulary=False):
            reasons = []
            if item.fields:
                reasons.append("changed: " + ", ".join(item.field_labels()))
            reasons += [f"used by {n} {label}" for label, n in item.uses.items()]
            by = "; ".join(
                f"{later.created_at:%Y-%m-%d %H:%M} {later.user or 'system'} {later.description or later.action}"
                for later in plan.changed_by(item)
            )
            self.stdout.write(
                f"  {item.kind} {item.pk} {item.label}: {', '.join(reasons)}" + (f" ({by})" if by else "")
            )
