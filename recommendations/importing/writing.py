"""The commit's writes: an analysis turned into rows at bulk speed (new documents, recommendations and
their links, updates), recorded as one audit batch written a chunk at a time."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from modeltranslation.thread_context import auto_populate_mode
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname, get_language

from focalpoints.models import Institution
from nmirf.audit import Change, audit_open, audit_write, snapshot_many
from nmirf.bulk import create_objects, insert_rows
from nmirf.models import AuditEntry
from recommendations.importing.analysis import Analysis
from recommendations.importing.base import (
    CHUNK,
    RELATIONS,
)
from recommendations.importing.matching import fold
from recommendations.models import (
    Cluster,
    ImportBatch,
    Mechanism,
    Recommendation,
    SourceDocument,
)
from recommendations.ordering import paragraph_key


def write(batch: ImportBatch, analysis: Analysis):
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
    untranslated = _untranslated()
    created = create_objects(
        Recommendation,
        [
            Recommendation(
                text=_original(plan.fields),
                source_document_id=documents.get(plan.document),
                paragraph_key=paragraph_key(plan.fields.get("paragraph", "")),
                import_batch_id=batch.pk,
                import_row=plan.row,
                **(untranslated | plan.fields),
                **work.fields(plan.secretariat),
            )
            for plan in new_plans
        ],
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


def _untranslated() -> dict[str, Any]:
    """The defaults of the text's translations, for the constructor to take as given rather than
    compute for every new recommendation (modeltranslation computes each inside a language override).

    Left out: the text in the active language, where the constructor copies the original text, and
    all of them when modeltranslation fills translations from the original itself.
    """
    if auto_populate_mode():
        return {}
    active = build_localized_fieldname("text", get_language())
    return {
        field.name: field.get_default()
        for field in translator.get_options_for_model(Recommendation).all_fields["text"]
        if field.name != active
    }


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split(" | ") if part.strip()]


def _original(fields: dict[str, Any]) -> str:
    return fields.get(f"text_{fields['original_language'].replace('-', '_')}", "")
