"""Writes to the vocabulary mappings, each through the audit trail; and their CSV exchange."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from nmirf.audit import audited, save_with_history
from vocabulary.matching import TARGET_MODELS, kind_key
from vocabulary.models import VocabularyMapping

Decision = VocabularyMapping.Decision
CSV_HEADER = ["source_format", "kind", "value", "decision", "target"]


def _decision_of(choice: str) -> tuple[str, int | None] | None:
    """An import page's choice ("12", "ignore", "create") as a decision and its target."""
    if choice.isdigit():
        return Decision.MAP, int(choice)
    if choice in (Decision.IGNORE, Decision.CREATE):
        return choice, None
    return None


def mappings_remember(*, user: Any, source_format: str, values: dict[str, dict[str, str]]) -> int:
    """Remember the decisions taken on an import page, for the next files of the same format.

    `values` holds, by kind, the value as the file spells it and the choice: an id, "ignore" or "create".
    Returns how many mappings were written or changed.
    """
    existing = {
        (mapping.kind, mapping.key): mapping
        for mapping in VocabularyMapping.objects.filter(source_format=source_format)
    }
    written = 0
    with audited(user=user, action="vocabulary_remember", description=source_format) as trail:
        for kind, decisions in values.items():
            if kind not in TARGET_MODELS:
                continue
            for raw, choice in decisions.items():
                decided = _decision_of(choice)
                if decided is None or not raw.strip():
                    continue
                key = kind_key(kind, raw)
                mapping = existing.get((kind, key))
                if mapping is None:
                    mapping = VocabularyMapping(source_format=source_format, kind=kind, key=key)
                    existing[(kind, key)] = mapping
                    trail.created(mapping)
                elif (mapping.decision, mapping.target_id) == decided:
                    continue
                else:
                    trail.track(mapping)
                mapping.value = raw.strip()[:300]
                mapping.decision, mapping.target_id = decided
                mapping.updated_by = user
                mapping.full_clean(validate_unique=False)
                mapping.save()
                written += 1
    return written


def mapping_update(
    *, user: Any, mapping: VocabularyMapping, decision: str, target_id: int | None
) -> VocabularyMapping:
    """Change one remembered decision (the Vocabulary mappings page)."""
    if decision != Decision.MAP:
        target_id = None
    elif target_id is None or not TARGET_MODELS[mapping.kind]._default_manager.filter(pk=target_id).exists():
        raise ValidationError(_("Choose the value it maps to."))
    return save_with_history(
        user=user,
        instance=mapping,
        values={"decision": decision, "target_id": target_id, "updated_by": user},
        action="vocabulary_update",
        description=str(mapping),
    )


def mapping_delete(*, user: Any, mapping: VocabularyMapping) -> None:
    """Forget one decision: the value is asked about again on the next import."""
    with audited(user=user, action="vocabulary_delete", description=str(mapping)) as trail:
        trail.deleted(mapping)
        mapping.delete()


def _codes(kind: str) -> dict[int, str]:
    return dict(TARGET_MODELS[kind]._default_manager.values_list("pk", "code"))


def mappings_export() -> str:
    """Every mapping as CSV (targets by their code, so that another NMIRF's database can read them)."""
    codes = {kind: _codes(kind) for kind in TARGET_MODELS}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for mapping in VocabularyMapping.objects.all():
        target = codes[mapping.kind].get(mapping.target_id, "") if mapping.target_id else ""
        writer.writerow([mapping.source_format, mapping.kind, mapping.value, mapping.decision, target])
    return out.getvalue()


def _row_error(line: int, reason: str) -> str:
    return _("Row %(row)d: %(reason)s") % {"row": line, "reason": reason}


def _read_csv(text: str) -> list[tuple[int, VocabularyMapping]]:
    """The mappings of a CSV file, checked all together; ValidationError lists every row refused."""
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    header = next(reader, None)
    if header is None or [cell.strip() for cell in header] != CSV_HEADER:
        raise ValidationError(
            _row_error(1, _("the header must be “%(header)s”.") % {"header": ",".join(CSV_HEADER)})
        )
    codes = {kind: {code: pk for pk, code in _codes(kind).items()} for kind in TARGET_MODELS}
    errors: list[str] = []
    seen: dict[tuple[str, str, str], int] = {}
    rows: list[tuple[int, VocabularyMapping]] = []
    for line, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(CSV_HEADER):
            errors.append(_row_error(line, _("expected %(n)d columns.") % {"n": len(CSV_HEADER)}))
            continue
        source_format, kind, value, decision, target = (cell.strip() for cell in row)
        if not source_format or not value:
            errors.append(_row_error(line, _("the source format and the value are required.")))
            continue
        if kind not in TARGET_MODELS:
            errors.append(_row_error(line, _("“%(kind)s” is not a list.") % {"kind": kind}))
            continue
        if decision not in Decision.values:
            errors.append(_row_error(line, _("“%(decision)s” is not a decision.") % {"decision": decision}))
            continue
        target_id = codes[kind].get(target) if decision == Decision.MAP else None
        if decision == Decision.MAP and target_id is None:
            errors.append(_row_error(line, _("the target “%(target)s” is unknown.") % {"target": target}))
            continue
        key = (source_format, kind, kind_key(kind, value))
        if key in seen:
            errors.append(_row_error(line, _("the same value as row %(row)d.") % {"row": seen[key]}))
            continue
        seen[key] = line
        mapping = VocabularyMapping(
            source_format=source_format[:140], kind=kind, value=value[:300], key=key[2][:300],
            decision=decision, target_id=target_id,
        )  # fmt: skip
        rows.append((line, mapping))
    if errors:
        raise ValidationError(errors)
    return rows


def mappings_import(*, user: Any, text: str) -> int:
    """Add or replace the mappings of a CSV file (as `mappings_export` writes it), all or none.

    A wrong header, an unknown list, decision or target, or a value given twice refuses the whole file,
    with the row and the reason of each refusal. Returns how many mappings were written.
    """
    rows = _read_csv(text)
    existing = {(m.source_format, m.kind, m.key): m for m in VocabularyMapping.objects.all()}
    written = 0
    with audited(user=user, action="vocabulary_import") as trail:
        for _line, incoming in rows:
            mapping = existing.get((incoming.source_format, incoming.kind, incoming.key))
            if mapping is None:
                mapping = incoming
                trail.created(mapping)
            elif (mapping.decision, mapping.target_id, mapping.value) == (
                incoming.decision, incoming.target_id, incoming.value,
            ):  # fmt: skip
                continue
            else:
                trail.track(mapping)
                mapping.value, mapping.decision = incoming.value, incoming.decision
                mapping.target_id = incoming.target_id
            mapping.updated_by = user
            mapping.full_clean(validate_unique=False)
            mapping.save()
            written += 1
    return written
