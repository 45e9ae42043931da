"""Undo and discard of imports: what undoing would do is shown first, and nothing people built is lost.

An import is undone through `nmirf.revert`: recommendations it added are removed unless someone
changed or built on them since (those are kept and listed), records it updated get back the values it
overwrote, and themes, groups or mechanisms created for it by the administrator's decisions are removed
unless something else uses them. The undo is one audit batch, which can itself be undone from History.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from nmirf.models import AuditBatch
from nmirf.revert import RevertPlan, revert_apply, revert_plan
from recommendations.importing.base import import_dir
from recommendations.models import ImportBatch

Status = ImportBatch.Status


def _audit_batches(batch: ImportBatch) -> list[AuditBatch]:
    """The import's own batch and the batches of the values created for it (themes, groups…)."""
    ids = [batch.audit_batch_id, *batch.resolutions.get("value_batches", [])]
    return list(AuditBatch.objects.filter(pk__in=[pk for pk in ids if pk]).order_by("pk"))


def undo_refusal(batch: ImportBatch) -> str:
    """Why this import cannot be undone now, or an empty string."""
    if batch.status in (Status.PREVIEWING, Status.IMPORTING):
        return _("This import is still running; it can be undone once it has finished.")
    if batch.status == Status.UNDONE:
        return _("This import has already been undone.")
    if batch.status == Status.FAILED:
        return _("This import failed and changed nothing, so there is nothing to undo.")
    if batch.status != Status.IMPORTED:
        return _("This file has not been imported; discard it instead.")
    running = (
        ImportBatch.objects.filter(status=Status.IMPORTING)
        .exclude(pk=batch.pk)
        .filter(Q(state_scope="") | Q(state_scope=batch.state_scope) if batch.state_scope else Q())
        .first()
    )
    if running is not None:
        return _(
            "Another import of the same State (%(file)s) is running; undo this one once it has finished."
        ) % {"file": running.file_name}
    return ""


def import_undo_plan(*, batch: ImportBatch) -> RevertPlan:
    """What undoing the import would do now (read-only): the confirmation page and --dry-run show it."""
    refusal = undo_refusal(batch)
    if refusal:
        raise ValidationError(refusal)
    return revert_plan(_audit_batches(batch))


@transaction.atomic
def import_undo(*, user, batch: ImportBatch, keep_changed: bool) -> RevertPlan:
    """Undo the import as one audit batch. Records changed since are kept only with `keep_changed`.

    The import row is locked first: of two undos of the same import at once, one wins and the other is
    told that the import has already been undone.
    """
    locked = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    refusal = undo_refusal(locked)
    if refusal:
        raise ValidationError(refusal)
    batches = _audit_batches(locked)
    if batches:
        _undo, plan = revert_apply(
            batches=batches,
            user=user,
            keep_changed=keep_changed,
            action="import_undo",
            description=locked.file_name,
        )
    else:  # the import changed nothing (every row was already as the file says)
        plan = RevertPlan(batches=[], items=[])
    locked.status, locked.finished_at = Status.UNDONE, timezone.now()
    locked.save(update_fields=["status", "finished_at"])
    batch.status = locked.status
    return plan


DISCARDABLE = (Status.NEEDS_MAPPING, Status.PREVIEWED, Status.FAILED)


@transaction.atomic
def import_discard(*, user, batch: ImportBatch) -> ImportBatch:
    """Drop a file that was checked but not imported: its stored copy goes, and so do values created for
    it that nothing uses."""
    locked = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if locked.status not in DISCARDABLE:
        raise ValidationError(
            _("Only a file that is waiting for a decision or that failed can be discarded.")
        )
    values = list(
        AuditBatch.objects.filter(pk__in=locked.resolutions.get("value_batches", []), reverted_by=None)
    )
    if values:
        revert_apply(
            batches=values,
            user=user,
            keep_changed=True,
            action="import_discard",
            description=locked.file_name,
        )
    locked.status, locked.finished_at = Status.DISCARDED, timezone.now()
    locked.save(update_fields=["status", "finished_at"])
    transaction.on_commit(lambda: (import_dir() / locked.stored_name).unlink(missing_ok=True))
    return locked
