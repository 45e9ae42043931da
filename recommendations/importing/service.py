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
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from rapidfuzz import fuzz, process

from focalpoints.models import Institution
from nmirf.audit import Change, audit_open, audit_record, audit_write, snapshot_many
from nmirf.bulk import insert_rows
from nmirf.models import AuditBatch, AuditEntry
from nmirf.pause import pause_point
from recommendations.importing.columns import header_key
from recommendations.importing.formats import detect_format, parse
from recommendations.importing.matching import Matcher, fold
from recommendations.importing.readers import ImportFileError, open_table
from recommendations.importing.rows import RawRecommendation, normalise_text
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
from recommendations.ordering import paragraph_key
from vocabulary.matching import Vocabulary, vocabulary_report
from vocabulary.services import mappings_remember

Status = ImportBatch.Status
Step = ImportBatch.Step
RUNNING = (Status.PREVIEWING, Status.IMPORTING)
# A step whose worker died this many times (out of memory, killed) is marked failed.
MAX_ATTEMPTS = 5
CHUNK = 1000
NEAR_DUPLICATE_SCORE = 90
REPORT_LIMIT = 2000
# Fields an import owns; everything the secretariat adds (cluster, institutions, status…) is left alone.
RELATIONS = ("recommending_states", "themes", "groups", "sdg_goals", "sdg_targets")
SECRETARIAT_FIELDS = (
    "cluster",
    "lead_institution",
    "supporting_institutions",
    "status",
    "status_date",
    "requires_legislation",
    "published",
)
LINK, NEW = "link", "new"
# Possible duplicates of earlier imports this alike or more are linked unless the administrator says
# otherwise; exact ones (the same normalised text) by default.
EXACT = 100
LINK_AT = (EXACT, 95)


def import_dir() -> Path:
    path = Path(settings.PRIVATE_MEDIA_ROOT) / "imports"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _progress(batch_id: int, percent: int, message: str) -> None:
    cache.set(f"import-progress-{batch_id}", {"percent": percent, "message": message}, 24 * 3600)


def import_progress(batch: ImportBatch) -> dict[str, Any]:
    return cache.get(f"import-progress-{batch.pk}") or {"percent": 0, "message": ""}


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
    _progress(batch_id, 0, _("Waiting for a worker…"))
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


def headers_signature(headers: Iterable[str]) -> str:
    return hashlib.sha256("|".join(header_key(h) for h in headers).encode()).hexdigest()


def profile_for_headers(headers: list[str]) -> ImportProfile | None:
    return (
        ImportProfile.objects.filter(headers_key=headers_signature(headers)).order_by("-created_at").first()
    )


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


# Analysis -----------------------------------------------------------------------------------------


@dataclass
class Plan:
    """What the import will do with one row."""

    row: int
    outcome: str  # new, updated, unchanged, invalid, skipped, repeated (an exact repeat of an earlier row)
    existing: int | None = None
    fields: dict[str, Any] = field(default_factory=dict)
    relations: dict[str, set[int]] = field(default_factory=dict)
    document: str = ""
    errors: list[dict[str, Any]] = field(default_factory=list)
    # From our own export only, for new recommendations: the secretariat's work travels with them.
    secretariat: dict[str, str] = field(default_factory=dict)
    # A row linked to a look-alike from another source only fills what that one lacks.
    linked: bool = False


@dataclass
class Analysis:
    plans: list[Plan]
    documents: dict[str, dict[str, Any]]  # new documents by symbol
    before: dict[int, dict[str, Any]]  # snapshots of the recommendations to update
    counts: dict[str, int]
    report: dict[str, Any]


def _batched(items: Iterator[RawRecommendation], size: int) -> Iterator[list[RawRecommendation]]:
    while chunk := list(islice(items, size)):
        yield chunk


class _TextIndex:
    """Existing recommendations of a State by normalised text, for exact and near duplicates."""

    def __init__(self, column: str) -> None:
        self.column = column
        self.states: dict[int, tuple[dict[str, int], dict[int, list[tuple[str, int]]]]] = {}

    def _load(self, state_id: int):
        if state_id not in self.states:
            exact: dict[str, int] = {}
            blocks: dict[int, list[tuple[str, int]]] = {}
            columns = dict.fromkeys([self.column, "text_en"])
            rows = Recommendation.all_objects.filter(state_id=state_id).values_list(
                "pk", "mechanism_id", *columns
            )
            for pk, mechanism_id, *texts in rows:
                for text in set(texts) - {None, ""}:
                    key = normalise_text(text)
                    exact.setdefault(key, pk)
                    blocks.setdefault(mechanism_id, []).append((key, pk))
            self.states[state_id] = (exact, blocks)
        return self.states[state_id]

    def find(self, state_id: int, mechanism_id: int, text: str) -> tuple[int, int] | None:
        """(id, score) of the closest existing recommendation, 100 for the same normalised text."""
        exact, blocks = self._load(state_id)
        key = normalise_text(text)
        if key in exact:
            return exact[key], 100
        block = blocks.get(mechanism_id, [])
        if not block or len(key) < 20:
            return None
        match = process.extractOne(
            key,
            [text for text, _pk in block],
            scorer=fuzz.token_sort_ratio,
            score_cutoff=NEAR_DUPLICATE_SCORE,
        )
        return (block[match[2]][1], int(match[1])) if match else None


def _table_and_records(
    batch: ImportBatch, skip: Callable[[RawRecommendation], bool] | None = None
) -> tuple[str, Iterator[RawRecommendation]] | None:
    table = open_table(import_dir() / batch.stored_name, filename=batch.file_name)
    batch.headers = table.headers
    mapping = batch.mapping or (batch.profile.mapping if batch.profile else None)
    fmt = batch.requested_format or None
    if not mapping and not fmt:
        fmt = "matrix" if table.kind == "docx" else detect_format(table.headers)
        if fmt is None:
            profile = profile_for_headers(table.headers)
            if profile is None:
                return None
            batch.profile, mapping = profile, profile.mapping
    records = parse(
        table,
        None if mapping else fmt,
        mapping=mapping or None,
        defaults=batch.defaults or (batch.profile.defaults if batch.profile else None),
        dayfirst=batch.dayfirst,
        language=batch.language,
        translations=batch.translations_only,
        skip=skip,
    )
    return (
        f"profile:{batch.profile.name}" if mapping and batch.profile else "mapping" if mapping else fmt
    ), records


def _other_state(matcher: Matcher, scope: int) -> Callable[[RawRecommendation], bool]:
    """Whether a row concerns only States other than the one being imported: such rows are skipped
    without being checked. A State name not known yet is still asked about (it may be a name of the
    State being imported); the row's other values are not."""

    def other(record: RawRecommendation) -> bool:
        return bool(record.states) and scope not in [matcher.one("state", name) for name in record.states]

    return other


def _analyse(batch: ImportBatch) -> Analysis | None:
    matcher = Matcher(batch.resolutions.get("values"))
    scope = (
        Country.objects.filter(code=batch.state_scope).values_list("pk", flat=True).first()
        if batch.state_scope
        else None
    )
    # A file of translations names the recommendations by identifier: its States are not read.
    skip = _other_state(matcher, scope) if scope is not None and not batch.translations_only else None
    found = _table_and_records(batch, skip)
    if found is None:
        return None
    batch.format, records = found
    matcher.vocabulary = Vocabulary(batch.format)
    decisions = batch.resolutions.get("duplicates", {})
    mechanisms = {m.pk: m for m in Mechanism.objects.all()}
    documents = dict(SourceDocument.all_objects.values_list("symbol", "mechanism_id"))
    document_ids = dict(SourceDocument.all_objects.values_list("symbol", "pk"))
    text_index = _TextIndex(f"text_{batch.language.replace('-', '_')}")
    analysis = Analysis(
        plans=[],
        documents={},
        before={},
        counts={},
        report={"invalid": [], "skipped": [], "duplicates": [], "notices": []},
    )
    total = 0
    for chunk in _batched(records, CHUNK):
        by_external = dict(
            Recommendation.all_objects.filter(
                external_id__in=[r.external_id for r in chunk if r.external_id]
            ).values_list("external_id", "pk")
        )
        # Our own export names rows without an external identifier by their id in this database.
        own_ids = [int(r.extra["id"]) for r in chunk if not r.external_id and r.extra.get("id", "").isdigit()]
        by_external |= {
            f"#{pk}": pk
            for pk in Recommendation.all_objects.filter(pk__in=own_ids).values_list("pk", flat=True)
        }
        plans = [
            _plan(
                record,
                batch,
                matcher,
                scope,
                mechanisms,
                documents,
                by_external,
                text_index,
                decisions,
                analysis,
            )
            for record in chunk
        ]
        existing_ids = [plan.existing for plan in plans if plan.existing]
        before = snapshot_many(Recommendation, existing_ids)
        for plan in plans:
            if plan.existing and plan.outcome == "updated":
                _diff(plan, before[plan.existing], document_ids=document_ids)
                if plan.outcome == "updated":
                    analysis.before[plan.existing] = before[plan.existing]
        analysis.plans += plans
        total += len(chunk)
        _progress(batch.pk, min(95, 5 + total // 2000), _("%(n)d rows read…") % {"n": total})
    outcomes = [plan.outcome for plan in analysis.plans]
    analysis.counts = {
        name: outcomes.count(name)
        for name in ("new", "updated", "unchanged", "invalid", "skipped", "repeated")
    }
    analysis.counts["rows"] = len(outcomes)
    analysis.counts["new_documents"] = len(analysis.documents)
    analysis.report["unknown"] = {
        kind: sorted(counter.items()) for kind, counter in matcher.unknown.items() if counter
    }
    analysis.report["vocabulary"] = vocabulary_report(matcher.vocabulary, matcher.unknown, matcher.samples)
    for key in ("invalid", "skipped", "duplicates", "notices"):
        analysis.report[f"{key}_total"] = len(analysis.report[key])
        analysis.report[key] = analysis.report[key][:REPORT_LIMIT]
    return analysis


def _plan(
    record, batch, matcher, scope, mechanisms, documents, by_external, text_index, decisions, analysis
) -> Plan:
    plan = Plan(row=record.row, outcome="new")
    matcher.row = record.row

    def invalid(column: str, message: str) -> Plan:
        plan.outcome = "invalid"
        plan.errors.append({"row": record.row, "column": column, "message": message})
        analysis.report["invalid"].append(plan.errors[-1])
        return plan

    if record.skipped:
        plan.outcome = "skipped"
        analysis.report["skipped"].append(record.row)
        return plan
    if record.repeats is not None:
        plan.outcome = "repeated"
        message = _("Row %(row)d repeats row %(first)d; it was imported once.")
        analysis.report["notices"].append(
            {
                "row": record.row,
                "repeats": record.repeats,
                "message": message % {"row": record.row, "first": record.repeats},
            }
        )
        return plan
    for error in record.errors:
        invalid(error.column, error.message)
    if plan.errors:
        return plan
    own_id = record.extra.get("id", "") if batch.format == "nmirf" else ""
    key = record.external_id or (f"#{own_id}" if own_id.isdigit() else "")
    existing = by_external.get(key) if key else None
    language = record.language or batch.language
    texts = {language: record.text, **record.translations} if record.text else dict(record.translations)
    if batch.translations_only:
        if existing is None:
            return invalid(
                "", _("No recommendation has the identifier “%(id)s”.") % {"id": record.external_id}
            )
        plan.existing, plan.outcome = existing, "updated"
        plan.fields = {f"text_{lang.replace('-', '_')}": text for lang, text in texts.items() if text}
        return plan
    if scope is not None:  # the rows of other States were marked skipped while reading
        state_id = scope
    else:
        state_ids = [matcher.one("state", name) for name in record.states]
        state_id = next((pk for pk in state_ids if pk is not None), None)
        if state_id is None:
            return invalid("state", _("The State concerned is missing or unknown."))
    mechanism_id = matcher.one("mechanism", record.mechanism)
    if mechanism_id is None:
        return invalid("mechanism", _("Unknown mechanism “%(value)s”.") % {"value": record.mechanism})
    mechanism = mechanisms[mechanism_id]
    upr = mechanism.type == Mechanism.Type.UPR
    if record.document:
        known = documents.get(record.document)
        if known is not None and known != mechanism_id:
            return invalid(
                "document",
                _("Document %(symbol)s belongs to another mechanism.") % {"symbol": record.document},
            )
        if known is None:
            documents[record.document] = mechanism_id
            analysis.documents[record.document] = {
                "mechanism_id": mechanism_id,
                "state_id": state_id,
                "date": record.date,
                "session": record.session[:50],
                "cycle": record.cycle if upr else None,
            }
    goals, targets = matcher.sdgs(record.sdgs)
    plan.document = record.document
    plan.fields = {
        "state_id": state_id,
        "mechanism_id": mechanism_id,
        "kind": record.kind,
        "position": record.position if upr else "",
        "paragraph": record.paragraph[:40],
        "date": record.date,
        "cycle": record.cycle if upr else None,
        "session": record.session[:50] if upr else "",
        **{f"text_{lang.replace('-', '_')}": text for lang, text in texts.items() if text},
    }
    if record.external_id:
        plan.fields["external_id"] = record.external_id[:100]
    plan.relations = {
        "recommending_states": matcher.many("state", record.recommending_states),
        "themes": matcher.many("theme", record.themes),
        "groups": matcher.many("group", record.groups) | matcher.implied_groups(record.themes),
        "sdg_goals": goals,
        "sdg_targets": targets,
    }
    if existing is None and record.text:
        found = text_index.find(state_id, mechanism_id, record.text)
        if found is not None:
            other, score = found
            link_at = batch.resolutions.get("link_at", EXACT)
            decision = decisions.get(str(record.row), LINK if score >= link_at else NEW)
            analysis.report["duplicates"].append(
                {
                    "row": record.row,
                    "text": record.text[:300],
                    "existing": other,
                    "score": score,
                    "decision": decision,
                }
            )
            if decision == LINK:
                existing, plan.linked = other, True
    if existing is not None:
        plan.existing, plan.outcome = existing, "updated"
    else:
        if batch.format == "nmirf":
            plan.secretariat = {key: record.extra[key] for key in SECRETARIAT_FIELDS if record.extra.get(key)}
        plan.fields["original_language"] = language
        if not plan.fields.get(f"text_{language.replace('-', '_')}"):
            return invalid("text", _("The text is missing."))
    return plan


def _diff(plan: Plan, current: dict[str, Any], *, document_ids: dict[str, int]) -> None:
    """Keep only what the file changes: filled values that differ, and relations it adds."""
    changed: dict[str, Any] = {}
    for key, value in plan.fields.items():
        if value in (None, "") or key in ("state_id", "original_language"):
            continue
        old = current.get(key)
        if plan.linked and old not in (None, ""):
            continue  # a linked look-alike keeps its own text, identifier and references
        new = value.isoformat() if isinstance(value, datetime.date) else value
        if old != new:
            changed[key] = value
    keep_document = plan.linked and current.get("source_document_id")
    if (
        plan.document
        and not keep_document
        and document_ids.get(plan.document) != current.get("source_document_id")
    ):
        changed["source_document"] = plan.document
    relations = {name: ids - set(current.get(name, [])) for name, ids in plan.relations.items()}
    relations = {name: ids for name, ids in relations.items() if ids}
    plan.fields, plan.relations = changed, relations
    if not changed and not relations:
        plan.outcome = "unchanged"


# Preview, commit, undo ----------------------------------------------------------------------------


def import_preview(*, batch_id: int) -> ImportBatch:
    if not _attempt(batch_id, Status.PREVIEWING):
        return ImportBatch.objects.get(pk=batch_id)
    with transaction.atomic():
        batch = _locked(batch_id, Status.PREVIEWING)
        if batch is None:
            return ImportBatch.objects.get(pk=batch_id)
        _progress(batch.pk, 5, _("Reading the file…"))
        try:
            analysis = _same_file_again(batch) or _analyse(batch)
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
    with path.open("rb") as handle:
        stamp, resolutions, analysis = pickle.load(handle)  # noqa: S301 - a file this service wrote itself
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
            analysis = _saved_plan(batch) or _analyse(batch)
            if analysis is None:
                raise ImportFileError(_("The file needs a column mapping."))
            if analysis.counts["invalid"] and not batch.skip_invalid:
                raise ImportFileError(_("The file has invalid rows; check it again."))
            _progress(batch.pk, 96, _("Writing…"))
            batch.audit_batch = _write(batch, analysis)
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
    _progress(batch.pk, 100, batch.get_status_display())
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


def _write(batch: ImportBatch, analysis: Analysis):
    documents = dict(
        SourceDocument.all_objects.filter(symbol__in=list(analysis.documents)).values_list("symbol", "pk")
    )
    new_documents = SourceDocument.objects.bulk_create(
        [
            SourceDocument(symbol=symbol, **values)
            for symbol, values in analysis.documents.items()
            if symbol not in documents
        ]
    )
    documents |= {doc.symbol: doc.pk for doc in new_documents}
    needed = {plan.document for plan in analysis.plans if plan.document} - set(documents)
    documents |= dict(SourceDocument.all_objects.filter(symbol__in=list(needed)).values_list("symbol", "pk"))
    created_documents = snapshot_many(SourceDocument, [d.pk for d in new_documents])
    changes: list[Change] = [
        Change(doc, AuditEntry.Operation.CREATE, None, created_documents[doc.pk]) for doc in new_documents
    ]
    new_plans = [plan for plan in analysis.plans if plan.outcome == "new"]
    work = _SecretariatWork([plan.secretariat for plan in new_plans if plan.secretariat], changes)
    created = Recommendation.objects.bulk_create(
        [
            Recommendation(
                text=_original(plan.fields),
                source_document_id=documents.get(plan.document),
                paragraph_key=paragraph_key(plan.fields.get("paragraph", "")),
                import_batch_id=batch.pk,
                import_row=plan.row,
                **plan.fields,
                **work.fields(plan.secretariat),
            )
            for plan in new_plans
        ],
        batch_size=CHUNK,
    )
    new_links = [
        (obj.pk, plan.relations | work.relations(plan.secretariat))
        for obj, plan in zip(created, new_plans, strict=True)
    ]
    links = []
    updates = [plan for plan in analysis.plans if plan.outcome == "updated"]
    objects = Recommendation.all_objects.select_related("mechanism").in_bulk(
        [plan.existing for plan in updates]
    )
    names: set[str] = set()
    for plan in updates:
        obj = objects[plan.existing]
        # Provenance stays with the import that first brought the record: a later one only fills it
        # in for records that have none (typed by hand, or their import was deleted); a file of
        # translations never does.
        if obj.import_batch_id is None and not batch.translations_only:
            obj.import_batch_id, obj.import_row = batch.pk, plan.row
            names.update(("import_batch_id", "import_row"))
        for key, value in plan.fields.items():
            if key == "source_document":
                obj.source_document_id = documents.get(value)
                names.add("source_document_id")
            elif key == "session" and obj.session:
                continue  # the first session given is kept, like the provenance
            else:
                setattr(obj, key, value)
                names.add(key)
            if key == "paragraph":
                obj.paragraph_key = paragraph_key(value)
                names.add("paragraph_key")
        links.append((obj.pk, plan.relations))
    if names:
        Recommendation.all_objects.bulk_update(
            list(objects.values()), [*names, "updated_at"], batch_size=CHUNK
        )
    for relation in (*RELATIONS, "supporting_institutions"):
        model_field = Recommendation._meta.get_field(relation)
        through = model_field.remote_field.through
        column = model_field.m2m_reverse_field_name() + "_id"
        # New recommendations have no links yet: copied at database speed. Updates only add links.
        insert_rows(
            through,
            ("recommendation_id", column),
            [(pk, value) for pk, relations in new_links for value in relations.get(relation, ())],
        )
        through.objects.bulk_create(
            [
                through(recommendation_id=pk, **{column: value})
                for pk, relations in links
                for value in relations.get(relation, ())
            ],
            ignore_conflicts=True,
            batch_size=5000,
        )
    codes = dict(Mechanism.objects.values_list("pk", "code"))

    def label(obj: Recommendation) -> str:
        return f"{codes[obj.mechanism_id]} {obj.paragraph}".strip()

    # One audit batch for the import, written a chunk at a time so memory stays flat.
    audit = audit_open(
        user=batch.user, action="import", description=f"{batch.file_name} ({batch.checksum[:12]})"
    )
    audit_write(batch=audit, changes=changes)
    for start in range(0, len(created), CHUNK):
        part = created[start : start + CHUNK]
        after = snapshot_many(Recommendation, [obj.pk for obj in part])
        audit_write(
            batch=audit,
            changes=[
                Change(obj, AuditEntry.Operation.CREATE, None, after[obj.pk], label(obj)) for obj in part
            ],
        )
    updated_ids = list(objects)
    for start in range(0, len(updated_ids), CHUNK):
        part = updated_ids[start : start + CHUNK]
        after = snapshot_many(Recommendation, part)
        audit_write(
            batch=audit,
            changes=[
                Change(objects[pk], AuditEntry.Operation.UPDATE, analysis.before[pk], after[pk])
                for pk in part
            ],
        )
    if not audit.entries.exists():
        audit.delete()
        return None
    return audit


class _SecretariatWork:
    """Clusters and institutions named in our own export, found by name or created (and audited)."""

    def __init__(self, rows: list[dict[str, str]], changes: list[Change]) -> None:
        cluster_names = {row["cluster"] for row in rows if row.get("cluster")}
        institution_names = {row["lead_institution"] for row in rows if row.get("lead_institution")}
        institution_names |= {name for row in rows for name in _split(row.get("supporting_institutions", ""))}
        self.clusters = self._find_or_create(Cluster, cluster_names, changes)
        self.institutions = self._find_or_create(Institution, institution_names, changes)

    @staticmethod
    def _find_or_create(model, names: set[str], changes: list[Change]) -> dict[str, int]:
        if not names:
            return {}
        columns = [f"name_{code.replace('-', '_')}" for code, _label in settings.LANGUAGES]
        known: dict[str, int] = {}
        for row in model._default_manager.values("pk", *columns):
            pk = row.pop("pk")
            known.update({fold(value): pk for value in row.values() if value})
        found = {name: known[fold(name)] for name in names if fold(name) in known}
        for name in sorted(names - set(found)):
            obj = model(name=name, name_en=name)
            obj.full_clean()
            obj.save()
            changes.append(
                Change(obj, AuditEntry.Operation.CREATE, None, snapshot_many(model, [obj.pk])[obj.pk])
            )
            found[name] = obj.pk
        return found

    def fields(self, work: dict[str, str]) -> dict[str, Any]:
        values: dict[str, Any] = {}
        if work.get("cluster"):
            values["cluster_id"] = self.clusters[work["cluster"]]
        if work.get("lead_institution"):
            values["lead_institution_id"] = self.institutions[work["lead_institution"]]
        if work.get("status") in Recommendation.Status.values:
            values["status"] = work["status"]
        if work.get("status_date"):
            values["status_date"] = datetime.date.fromisoformat(work["status_date"])
        for flag in ("requires_legislation", "published"):
            if work.get(flag):
                values[flag] = work[flag].strip().lower() in ("true", "1", "yes")
        return values

    def relations(self, work: dict[str, str]) -> dict[str, set[int]]:
        names = _split(work.get("supporting_institutions", ""))
        return {"supporting_institutions": {self.institutions[name] for name in names}} if names else {}


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split(" | ") if part.strip()]


def _original(fields: dict[str, Any]) -> str:
    return fields.get(f"text_{fields['original_language'].replace('-', '_')}", "")
