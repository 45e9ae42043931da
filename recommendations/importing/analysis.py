"""The analysis of an import: every row of the file read, matched and compared with the database, giving
a Plan per row (new, updated, unchanged, invalid, skipped, repeated) and the report the preview shows.
The preview and the commit run the same analysis, so what the preview promised is what the commit does.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from django.utils.translation import gettext as _
from rapidfuzz import fuzz, process

from nmirf.audit import snapshot_many
from recommendations.importing.base import (
    CHUNK,
    EXACT,
    LINK,
    NEAR_DUPLICATE_SCORE,
    NEW,
    REPORT_LIMIT,
    SECRETARIAT_FIELDS,
    import_dir,
    profile_for_headers,
    progress_set,
)
from recommendations.importing.formats import detect_format, parse
from recommendations.importing.matching import Matcher
from recommendations.importing.readers import open_table
from recommendations.importing.rows import RawRecommendation, normalise_text
from recommendations.models import (
    Country,
    ImportBatch,
    Mechanism,
    Recommendation,
    SourceDocument,
)
from vocabulary.matching import Vocabulary, vocabulary_report


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


def analyse(batch: ImportBatch) -> Analysis | None:
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
        progress_set(batch.pk, min(95, 5 + total // 2000), _("%(n)d rows read…") % {"n": total})
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
