"""The import flow: upload, preview (a full dry run), decisions, commit, undo.

`import_preview` and `import_commit` run the same analysis, so what the preview promised is what
the commit does; the commit runs in one transaction and writes in bulk, so a failure of any kind
leaves the database as it was. Each import is one audit batch, which is what makes undo possible.

A worker may die at any point (killed, out of memory). Each step runs in a transaction that holds the
batch's row, so a dead worker's half-done work is rolled back by the database and its lock released;
the task is delivered again (and counted: `attempts`), or, when no worker comes back, the import page
finds the step lost (`import_fail_stale`) and offers to try it again (`import_retry`).
"""

from __future__ import annotations

import datetime
import hashlib
import json
import pickle
import uuid
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from nmirf.audit import Change, audit_record, snapshot_many
from nmirf.models import AuditBatch, AuditEntry
from nmirf.pause import pause_point
from recommendations.importing.analysis import Analysis, analyse
from recommendations.importing.base import (
    EXACT,
    LINK,
    NEW,
    headers_signature,
    import_dir,
    progress_set,
)
from recommendations.importing.readers import ImportFileError
from recommendations.importing.writing import write
from recommendations.models import (
    Cluster,
    ConcernedGroup,
    Country,
    ImportBatch,
    ImportProfile,
    Mechanism,
    Recommendation,
    SourceDocument,
    Theme,
)
from vocabulary.services import mappings_remember

Status = ImportBatch.Status
Step = ImportBatch.Step
RUNNING = (Status.PREVIEWING, Status.IMPORTING)
# A step whose worker died this many times (out of memory, killed) is marked failed.
MAX_ATTEMPTS = 5
# Upload -------------------------------------------------------------------------------------------


def import_upload(
    *,
    user,
    upload: UploadedFile,
    requested_format: str = "",
    state_scope: str = "",
    language: str = "en",
    translations_only: bool = False,
    dayfirst: bool = True,
    skip_invalid: bool = False,
    enqueue: bool = True,
) -> ImportBatch:
    """Store the file outside the public folders and start its preview (the command line runs it itself)."""
    limit = settings.UPLOAD_MAX_MB * 1024 * 1024
    if upload.size is not None and upload.size > limit:
        raise ValidationError(
            _("The file is larger than %(limit)d MB, the limit of this installation.")
            % {"limit": settings.UPLOAD_MAX_MB}
        )
    suffix = Path(upload.name or "").suffix.lower()[:10]
    stored_name = f"{uuid.uuid4().hex}{suffix}"
    digest = hashlib.sha256()
    size = 0
    with (import_dir() / stored_name).open("wb") as out:
        for chunk in upload.chunks():
            size += len(chunk)
            if size > limit:
                out.close()
                (import_dir() / stored_name).unlink()
                raise ValidationError(
                    _("The file is larger than %(limit)d MB.") % {"limit": settings.UPLOAD_MAX_MB}
                )
            digest.update(chunk)
            out.write(chunk)
    batch = ImportBatch(
        user=user,
        file_name=Path(upload.name or "upload").name[:255],
        stored_name=stored_name,
        checksum=digest.hexdigest(),
        size=size,
        requested_format=requested_format,
        state_scope=state_scope,
        language=language,
        translations_only=translations_only,
        dayfirst=dayfirst,
        skip_invalid=skip_invalid,
    )
    batch.full_clean()
    batch.save()
    if enqueue:
        _enqueue("preview", batch.pk)
    return batch


def _enqueue(step: str, batch_id: int) -> None:
    from recommendations import tasks

    task = tasks.import_preview_task if step == Step.PREVIEW else tasks.import_commit_task
    ImportBatch.objects.filter(pk=batch_id).update(attempts=0, heartbeat_at=timezone.now())
    progress_set(batch_id, 0, _("Waiting for a worker…"))
    transaction.on_commit(lambda: task.delay(batch_id))


# Decisions ----------------------------------------------------------------------------------------


@transaction.atomic
def import_set_mapping(
    *, user, batch: ImportBatch, mapping: dict[str, str], defaults: dict[str, str], profile_name: str = ""
) -> ImportBatch:
    """Use a column mapping for this file (and save it as a named profile when a name is given)."""
    mapping = {target: column for target, column in mapping.items() if column}
    if "text" not in mapping and not any(key.startswith("text_") for key in mapping):
        raise ValidationError(_("Choose the column that holds the text of the recommendations."))
    if profile_name:
        profile, _created = ImportProfile.objects.update_or_create(
            name=profile_name,
            defaults={
                "headers_key": headers_signature(batch.headers),
                "mapping": mapping,
                "defaults": defaults,
                "created_by": user,
            },
        )
        batch.profile = profile
    batch.mapping, batch.defaults, batch.status = mapping, defaults, Status.PREVIEWING
    batch.save()
    _enqueue("preview", batch.pk)
    return batch


@transaction.atomic
def import_resolve(
    *,
    user,
    batch: ImportBatch,
    values: dict[str, dict[str, str]] | None = None,
    duplicates: dict[str, str] | None = None,
    link_at: int | None = None,
) -> ImportBatch:
    """Record the administrator's decisions on unknown values and duplicates, then check the file again.

    A value to create becomes a new theme, group or mechanism at once (recorded in the audit trail),
    so that the next preview matches it like any other. Duplicates of earlier imports: `link_at` links
    every row at least that alike (see `_duplicate_decisions`), `duplicates` decides single rows (row
    number → link or new). Decisions already made for other values and rows are kept; when nothing
    changes, the file is not checked again.
    """
    if batch.status != Status.PREVIEWED:
        raise ValidationError(_("Decisions can be changed only while the file waits for confirmation."))
    values = values or {}
    created: list[Change] = []
    for kind, model in (("theme", Theme), ("group", ConcernedGroup), ("mechanism", Mechanism)):
        for raw, decision in values.get(kind, {}).items():
            if decision != "create":
                continue
            obj = _create_value(model, raw)
            created.append(
                Change(obj, AuditEntry.Operation.CREATE, None, snapshot_many(model, [obj.pk])[obj.pk])
            )
            values[kind][raw] = str(obj.pk)
    values_batch = audit_record(
        user=user, action="import_values", changes=created, description=batch.file_name
    )
    resolutions = dict(batch.resolutions)
    if values_batch:
        # Undoing or discarding the import removes these values again, unless something else uses them.
        resolutions["value_batches"] = [*resolutions.get("value_batches", []), values_batch.pk]
    if values:
        mappings_remember(user=user, source_format=batch.format, values=values)
        earlier = resolutions.get("values", {})
        resolutions["values"] = earlier | {
            kind: {**earlier.get(kind, {}), **decisions} for kind, decisions in values.items()
        }
    if duplicates or link_at is not None:
        resolutions |= _duplicate_decisions(batch, duplicates or {}, link_at)
        resolutions = {key: value for key, value in resolutions.items() if value is not None}
    if resolutions == batch.resolutions:
        return batch
    batch.resolutions = resolutions
    batch.status = Status.PREVIEWING
    batch.save()
    _enqueue("preview", batch.pk)
    return batch


def _duplicate_decisions(
    batch: ImportBatch, duplicates: dict[str, str], link_at: int | None
) -> dict[str, Any]:
    """The rule and the exceptions to it, for the rows that look like recommendations in the database.

    The rule links every row at least `link_at` % alike (the exact duplicates by default) and adds the
    others as new; a new rule links all the rows it covers, whatever was chosen for them before. A
    choice for one row is kept only where it differs from the rule, so that the next rule covers it.
    None stands for a key to remove (the default).
    """
    rule = link_at if link_at is not None else batch.resolutions.get("link_at", EXACT)
    scores = {str(duplicate["row"]): duplicate["score"] for duplicate in batch.report.get("duplicates", [])}
    chosen = {**batch.resolutions.get("duplicates", {}), **duplicates}

    def exception(row: str, decision: str) -> bool:
        if row not in scores:  # beyond the rows listed: the rule cannot be compared
            return True
        if link_at is not None and scores[row] >= link_at:
            return False
        return decision != (LINK if scores[row] >= rule else NEW)

    exceptions = {row: decision for row, decision in chosen.items() if exception(row, decision)}
    return {"link_at": None if rule == EXACT else rule, "duplicates": exceptions or None}


def _create_value(model, raw: str):
    name = raw.strip()[:300]
    if model is Mechanism:
        obj = Mechanism(code=name[:80], type=Mechanism.Type.OTHER, name=name, name_en=name)
    else:
        code = slugify(name)[:100] or uuid.uuid4().hex[:12]
        obj = model(code=code, name=name, name_en=name)
    obj.full_clean()
    obj.save()
    return obj


# Preview, commit, undo ----------------------------------------------------------------------------


def import_preview(*, batch_id: int) -> ImportBatch:
    if not _attempt(batch_id, Status.PREVIEWING):
        return ImportBatch.objects.get(pk=batch_id)
    with transaction.atomic():
        batch = _locked(batch_id, Status.PREVIEWING)
        if batch is None:
            return ImportBatch.objects.get(pk=batch_id)
        progress_set(batch.pk, 5, _("Reading the file…"))
        try:
            analysis = _same_file_again(batch) or analyse(batch)
        except ImportFileError as error:
            return _finish(batch, Status.FAILED, error=str(error.message))
        if analysis is None:
            return _finish(batch, Status.NEEDS_MAPPING)
        _save_plan(batch, analysis)
        batch.counts, batch.report = analysis.counts, analysis.report
        return _finish(batch, Status.PREVIEWED)


# The preview's analysis is kept beside the file; the commit reuses it when nothing it depends on has
# changed since (no write through the services, no new row in any table it matched against), and
# otherwise analyses the file again. Either way it writes what a fresh analysis would.


def _database_stamp() -> list:
    tables = (AuditBatch, Recommendation, SourceDocument, Theme, ConcernedGroup, Mechanism, Country, Cluster)
    stamp = [
        model._default_manager.aggregate(count=models.Count("pk"), last=models.Max("pk")) for model in tables
    ]
    stamp.append(Recommendation.all_objects.aggregate(changed=models.Max("updated_at")))
    return stamp


def _jsonable(value: Any) -> Any:
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


_OPTIONS = (
    "requested_format",
    "profile_id",
    "state_scope",
    "language",
    "translations_only",
    "dayfirst",
    "skip_invalid",
)


def _same_file_again(batch: ImportBatch) -> Analysis | None:
    """The same file with the same options as an import after which nothing has changed: nothing to do.

    Checked by the file's checksum and the state of the database (see _database_stamp), so a newer
    export, other options or any change since always get a full analysis.
    """
    if batch.mapping or batch.resolutions:
        return None
    earlier = (
        ImportBatch.objects.filter(
            checksum=batch.checksum, status=Status.IMPORTED, mapping={}, resolutions={}
        )
        .filter(**{option: getattr(batch, option) for option in _OPTIONS})
        .exclude(pk=batch.pk)
        .order_by("-finished_at")
        .first()
    )
    if earlier is None or earlier.report.get("stamp") != _jsonable(_database_stamp()):
        return None
    counts = dict.fromkeys(("new", "updated", "new_documents"), 0) | {
        "unchanged": sum(earlier.counts.get(key, 0) for key in ("new", "updated", "unchanged")),
        "invalid": earlier.counts.get("invalid", 0),
        "skipped": earlier.counts.get("skipped", 0),
        "repeated": earlier.counts.get("repeated", 0),
        "rows": earlier.counts.get("rows", 0),
    }
    report = {key: earlier.report[key] for key in ("invalid", "invalid_total", "skipped", "skipped_total")}
    report |= {
        "notices": earlier.report.get("notices", []),
        "notices_total": earlier.report.get("notices_total", 0),
    }
    report |= {"unknown": {}, "duplicates": [], "duplicates_total": 0, "same_as": earlier.pk}
    batch.format = earlier.format
    return Analysis(plans=[], documents={}, before={}, counts=counts, report=report)


def _plan_path(batch: ImportBatch) -> Path:
    return import_dir() / f"{batch.stored_name}.plan"


def _save_plan(batch: ImportBatch, analysis: Analysis) -> None:
    """Written aside and then renamed, so that a worker killed while writing leaves no half plan."""
    path = _plan_path(batch)
    partial = path.with_name(f"{path.name}.partial")
    with partial.open("wb") as handle:
        pickle.dump(
            (_database_stamp(), batch.resolutions, analysis), handle, protocol=pickle.HIGHEST_PROTOCOL
        )
    partial.replace(path)


def _saved_plan(batch: ImportBatch) -> Analysis | None:
    path = _plan_path(batch)
    if not path.exists():
        return None
    try:
        with path.open("rb") as handle:
            stamp, resolutions, analysis = pickle.load(handle)  # noqa: S301 - a file this service wrote itself
    except (pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError):
        return None  # written by another version of the code: the commit analyses the file again
    return analysis if stamp == _database_stamp() and resolutions == batch.resolutions else None


def import_confirm(*, batch: ImportBatch, skip_invalid: bool = False, enqueue: bool = True) -> ImportBatch:
    """Start the import; `skip_invalid` imports the valid rows of a file whose other rows are invalid."""
    if batch.status != Status.PREVIEWED:
        raise ValidationError(_("Only a checked file can be imported."))
    batch.skip_invalid = batch.skip_invalid or skip_invalid
    if batch.counts.get("invalid") and not batch.skip_invalid:
        raise ValidationError(
            _("%(n)d rows are invalid. Correct the file, or choose to skip invalid rows.")
            % {"n": batch.counts["invalid"]}
        )
    batch.status = Status.IMPORTING
    batch.save(update_fields=["status", "skip_invalid"])
    if enqueue:
        _enqueue("commit", batch.pk)
    return batch


def import_commit(*, batch_id: int) -> ImportBatch:
    """All or nothing: any failure leaves the database as it was and says why on the import's page."""
    if not _attempt(batch_id, Status.IMPORTING):
        return ImportBatch.objects.get(pk=batch_id)
    try:
        with transaction.atomic():
            batch = _locked(batch_id, Status.IMPORTING)
            if batch is None:
                return ImportBatch.objects.get(pk=batch_id)
            analysis = _saved_plan(batch) or analyse(batch)
            if analysis is None:
                raise ImportFileError(_("The file needs a column mapping."))
            if analysis.counts["invalid"] and not batch.skip_invalid:
                raise ImportFileError(_("The file has invalid rows; check it again."))
            progress_set(batch.pk, 96, _("Writing…"))
            batch.audit_batch = write(batch, analysis)
            from recommendations.tasks import repeats_find_task  # tasks imports this module

            transaction.on_commit(lambda: repeats_find_task.delay(batch_id))
            pause_point("import-commit")
            batch.counts, batch.report = (
                analysis.counts,
                analysis.report | {"stamp": _jsonable(_database_stamp())},
            )
            return _finish(batch, Status.IMPORTED)
    except ImportFileError as error:
        return _finish(ImportBatch.objects.get(pk=batch_id), Status.FAILED, error=str(error.message))


def _finish(batch: ImportBatch, status: str, *, error: str = "") -> ImportBatch:
    batch.status, batch.error, batch.finished_at, batch.retry_step = status, error, timezone.now(), ""
    batch.save()
    progress_set(batch.pk, 100, batch.get_status_display())
    return batch


def _attempt(batch_id: int, status: str) -> bool:
    """Count one more start of the step the batch is at (committed at once, so that a worker killed in
    the middle still counts); False when the batch is not at that step (any more), or when its workers
    died too often: then it is marked failed."""
    with transaction.atomic():
        started = ImportBatch.objects.filter(pk=batch_id, status=status).update(
            attempts=models.F("attempts") + 1, heartbeat_at=timezone.now()
        )
        attempts = ImportBatch.objects.filter(pk=batch_id).values_list("attempts", flat=True).first()
    if started and attempts > MAX_ATTEMPTS:
        import_fail(
            batch_id=batch_id,
            reason=_(
                "The worker stopped %(n)d times while working on this file (for example, out of memory)."
            )
            % {"n": attempts - 1},
        )
        return False
    return bool(started)


def _locked(batch_id: int, status: str) -> ImportBatch | None:
    """The batch, locked until the end of the transaction, if it is still at this step: a task
    delivered twice runs once, and a live worker's batch is never taken for a lost one."""
    return (
        ImportBatch.objects.select_for_update(of=("self",))
        .select_related("profile", "user")
        .filter(pk=batch_id, status=status)
        .first()
    )


def import_fail(*, batch_id: int, reason: str) -> None:
    """Called when the task itself dies (database down, worker lost too often); the step that was
    running can be tried again from the import's page."""
    ImportBatch.objects.filter(pk=batch_id, status__in=RUNNING).update(
        status=Status.FAILED,
        error=reason[:2000],
        finished_at=timezone.now(),
        retry_step=models.Case(
            models.When(status=Status.IMPORTING, then=models.Value(Step.COMMIT)),
            default=models.Value(Step.PREVIEW),
        ),
    )


def import_fail_stale() -> int:
    """Mark failed each running import that no worker has touched for WORKER_LOST_AFTER_MINUTES and that
    no transaction holds (a killed worker's transaction is rolled back, its lock released): its task
    was lost, or will not come back. Run when the import pages are viewed; returns how many."""
    minutes = settings.WORKER_LOST_AFTER_MINUTES
    with transaction.atomic():
        stale = list(
            ImportBatch.objects.select_for_update(skip_locked=True)
            .filter(status__in=RUNNING, heartbeat_at__lt=timezone.now() - datetime.timedelta(minutes=minutes))
            .values_list("pk", flat=True)
        )
        for batch_id in stale:
            import_fail(
                batch_id=batch_id,
                reason=_(
                    "No worker has worked on this file for %(minutes)d minutes: the worker stopped, or its "
                    "task was lost."
                )
                % {"minutes": minutes},
            )
    return len(stale)


def import_retry(*, batch: ImportBatch) -> ImportBatch:
    """Run again the step that failed for a reason other than the file (worker lost, database down)."""
    step = batch.retry_step
    status = Status.IMPORTING if step == Step.COMMIT else Status.PREVIEWING
    with transaction.atomic():
        retried = (
            ImportBatch.objects.filter(pk=batch.pk, status=Status.FAILED)
            .exclude(retry_step="")
            .update(status=status, error="", finished_at=None, retry_step="")
        )
        if not retried:
            raise ValidationError(
                _("Only an import that failed for a reason other than its file can be tried again.")
            )
        _enqueue(step, batch.pk)
    batch.refresh_from_db()
    return batch
