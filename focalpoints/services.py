"""Every change to institutions, actions, indicators, deadlines and progress updates goes through here.

Each function is keyword-only, validates with `full_clean`, writes, and records the change in the
audit trail (nmirf.audit). Who may call them is checked again here (focalpoints.rules), so that a
view that forgot a check still cannot let a focal point write for another institution.
"""

from __future__ import annotations

import hashlib
import html
import re
from decimal import Decimal
from pathlib import PurePath
from typing import Any

import nh3
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from focalpoints import rules
from focalpoints.evidence import detect_kind, extension_matches
from focalpoints.models import (
    Action,
    DataPoint,
    Deadline,
    EvidenceFile,
    ImpactIndicator,
    Institution,
    ProgressUpdate,
    UpdateComment,
)
from nmirf.audit import AuditTrail, audited, save_with_history
from recommendations.models import Recommendation
from recommendations.services import (
    BulkAction,
    cluster_update,
    recommendation_update,
    recommendations_bulk_apply,
)

State = ProgressUpdate.State


# Institutions -------------------------------------------------------------------------------------


@transaction.atomic
def institution_create(*, user, values: dict[str, Any]) -> Institution:
    return save_with_history(user=user, instance=Institution(), values=values, action="institution_create")


@transaction.atomic
def institution_update(*, user, institution: Institution, values: dict[str, Any]) -> Institution:
    if values.get("parent") is not None and values["parent"].pk == institution.pk:
        raise ValidationError({"parent": _("An institution cannot be its own parent.")})
    return save_with_history(user=user, instance=institution, values=values, action="institution_update")


# Actions ------------------------------------------------------------------------------------------


@transaction.atomic
def action_create(*, user, values: dict[str, Any]) -> Action:
    return save_with_history(user=user, instance=Action(), values=values, action="action_create")


@transaction.atomic
def action_update(*, user, action: Action, values: dict[str, Any]) -> Action:
    return save_with_history(user=user, instance=action, values=values, action="action_update")


# Indicators and data points -----------------------------------------------------------------------


@transaction.atomic
def indicator_create(*, user, values: dict[str, Any]) -> ImpactIndicator:
    return save_with_history(user=user, instance=ImpactIndicator(), values=values, action="indicator_create")


@transaction.atomic
def indicator_update(*, user, indicator: ImpactIndicator, values: dict[str, Any]) -> ImpactIndicator:
    return save_with_history(user=user, instance=indicator, values=values, action="indicator_update")


@transaction.atomic
def data_point_add(*, user, indicator: ImpactIndicator, values: dict[str, Any]) -> DataPoint:
    point = DataPoint(indicator=indicator, created_by=user)
    return save_with_history(user=user, instance=point, values=values, action="data_point_add")


@transaction.atomic
def data_point_delete(*, user, data_point: DataPoint) -> None:
    if data_point.update_id:
        raise ValidationError(_("This value belongs to a progress update; change it there."))
    with audited(user=user, action="data_point_delete") as trail:
        trail.deleted(data_point)
        data_point.delete()


# Reporting calendar -------------------------------------------------------------------------------


@transaction.atomic
def deadline_create(*, user, values: dict[str, Any]) -> Deadline:
    return save_with_history(user=user, instance=Deadline(), values=values, action="deadline_create")


@transaction.atomic
def deadline_update(*, user, deadline: Deadline, values: dict[str, Any]) -> Deadline:
    return save_with_history(user=user, instance=deadline, values=values, action="deadline_update")


def deadline_recommendations(deadline: Deadline) -> QuerySet[Recommendation]:
    """Every recommendation the deadline concerns: of its mechanism, in its clusters, or listed."""
    condition = Q(pk__in=deadline.recommendations.values("pk")) | Q(
        cluster__in=deadline.clusters.values("pk")
    )
    if deadline.mechanism_id:
        condition |= Q(mechanism_id=deadline.mechanism_id)
    return Recommendation.objects.filter(condition)


@transaction.atomic
def deadline_apply(*, user, deadline: Deadline) -> int:
    """Set the update deadline of every item concerned; returns how many recommendations changed."""
    changed = recommendations_bulk_apply(
        user=user,
        recommendations=deadline_recommendations(deadline),
        action=BulkAction.SET_DEADLINE,
        value=deadline.updates_due,
    )
    for cluster in deadline.clusters.all():
        if cluster.update_deadline != deadline.updates_due:
            cluster_update(user=user, cluster=cluster, values={"update_deadline": deadline.updates_due})
    save_with_history(
        user=user,
        instance=deadline,
        values={"applied_at": timezone.now()},
        action="deadline_apply",
        description=str(deadline),
    )
    return changed


# Narrative and links ------------------------------------------------------------------------------

NARRATIVE_TAGS = {"p", "br", "ul", "ol", "li", "strong", "em", "b", "i", "a", "blockquote"}
_HAS_MARKUP = re.compile(r"<\s*/?\s*(p|ul|ol|li|br|blockquote)\b", re.IGNORECASE)
_BULLET = re.compile(r"^\s*[-*•]\s+")
_NUMBERED = re.compile(r"^\s*\d+[.)]\s+")


def _plain_to_html(text: str) -> str:
    """Plain text as typed in a text box: blank lines separate paragraphs, '- ' and '1. ' make lists."""
    blocks = [block for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n")) if block.strip()]
    parts = []
    for block in blocks:
        lines = [line for line in block.split("\n") if line.strip()]
        for pattern, tag in ((_BULLET, "ul"), (_NUMBERED, "ol")):
            if all(pattern.match(line) for line in lines):
                items = "".join(f"<li>{html.escape(pattern.sub('', line).strip())}</li>" for line in lines)
                parts.append(f"<{tag}>{items}</{tag}>")
                break
        else:
            parts.append("<p>" + "<br>".join(html.escape(line.strip()) for line in lines) + "</p>")
    return "".join(parts)


def narrative_clean(text: str) -> str:
    """Paragraphs, lists, emphasis and links only: everything else is removed (nh3)."""
    text = (text or "").strip()
    if not text:
        return ""
    if not _HAS_MARKUP.search(text):
        text = _plain_to_html(text)
    return nh3.clean(
        text,
        tags=NARRATIVE_TAGS,
        attributes={"a": {"href"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    ).strip()


_SIMPLE_HTML = re.compile(r"^(?:</?(?:p|ul|ol|li|br)>|[^<])*$", re.IGNORECASE)


def narrative_as_text(narrative: str) -> str:
    """A saved narrative back as the plain text it was typed as (markup beyond lists is kept as is)."""
    if not narrative or not _SIMPLE_HTML.match(narrative):
        return narrative
    blocks = []
    for match in re.finditer(r"<(p|ul|ol)>(.*?)</\1>", narrative, re.IGNORECASE | re.DOTALL):
        tag, inner = match.group(1).lower(), match.group(2)
        if tag == "p":
            blocks.append(html.unescape(re.sub(r"<br\s*/?>", "\n", inner)))
        else:
            items = re.findall(r"<li>(.*?)</li>", inner, re.IGNORECASE | re.DOTALL)
            marker = (lambda n: f"{n}. ") if tag == "ol" else (lambda n: "- ")
            blocks.append("\n".join(marker(n) + html.unescape(item) for n, item in enumerate(items, 1)))
    return "\n\n".join(blocks)


def links_clean(raw: str | list[str]) -> list[str]:
    """One web address per line; each must be an http(s) URL."""
    lines = raw if isinstance(raw, list) else (raw or "").splitlines()
    links = [line.strip() for line in lines if line.strip()]
    validate = URLValidator(schemes=["http", "https"])
    for link in links:
        try:
            validate(link)
        except ValidationError:
            raise ValidationError({"links": _("“%(link)s” is not a web address.") % {"link": link}}) from None
    return links


# Progress updates ---------------------------------------------------------------------------------

_UPDATE_FIELDS = ("narrative", "proposed_status", "period_start", "period_end", "links")


def update_indicators(update: ProgressUpdate) -> QuerySet[ImpactIndicator]:
    """The indicators attached to the update's item, for which it can report values."""
    if update.recommendation_id:
        return ImpactIndicator.objects.filter(recommendations=update.recommendation_id).order_by("name")
    return ImpactIndicator.objects.filter(actions=update.action_id).order_by("name")


def _apply_update_values(update: ProgressUpdate, values: dict[str, Any]) -> None:
    for key in _UPDATE_FIELDS:
        if key not in values:
            continue
        value = values[key]
        if key == "narrative":
            value = narrative_clean(value)
        elif key == "links":
            value = links_clean(value)
        setattr(update, key, value)


@transaction.atomic
def update_create(
    *, user, item: Recommendation | Action, values: dict[str, Any] | None = None
) -> ProgressUpdate:
    """A new draft by the user's institution on an item assigned to it."""
    rules.require(rules.why_cannot_report_on(user, item))
    update = ProgressUpdate(
        recommendation=item if isinstance(item, Recommendation) else None,
        action=item if isinstance(item, Action) else None,
        institution_id=rules.institution_id_of(user),
        created_by=user,
        owner=user,
    )
    if item.status not in ("no_information", ""):
        update.proposed_status = item.status
    _apply_update_values(update, values or {})
    with audited(user=user, action="update_create") as trail:
        update.full_clean()
        update.save()
        trail.created(update)
    return update


@transaction.atomic
def update_start(*, user, item: Recommendation | Action) -> tuple[ProgressUpdate, bool]:
    """The update the user's institution is writing on the item, and whether it is new: its open (draft
    or returned) update when it has one, the latest if several, otherwise a new draft. The item's row is
    locked meanwhile, so that a second click, or a colleague's, never starts a second draft."""
    rules.require(rules.why_cannot_report_on(user, item))
    type(item).objects.select_for_update().filter(pk=item.pk).exists()
    relation = "recommendation" if isinstance(item, Recommendation) else "action"
    open_update = (
        ProgressUpdate.objects.filter(
            **{relation: item},
            institution_id=rules.institution_id_of(user),
            state__in=(ProgressUpdate.State.DRAFT, ProgressUpdate.State.RETURNED),
        )
        .order_by("-updated_at", "-pk")
        .first()
    )
    if open_update is not None:
        return open_update, False
    return update_create(user=user, item=item), True


def _save_indicator_values(
    *, user, update: ProgressUpdate, values: dict[int, Decimal | None], trail: AuditTrail
) -> None:
    allowed = set(update_indicators(update).values_list("pk", flat=True))
    unknown = set(values) - allowed
    if unknown:
        raise ValidationError(_("These indicators are not attached to this item."))
    on = update.period_end or timezone.localdate()
    existing = {
        point.indicator_id: point
        for point in update.data_points.filter(sex="", age="", region="", disability="")
    }
    trail.track(*(existing[pk] for pk in values if pk in existing))
    for indicator_id, value in values.items():
        point = existing.get(indicator_id)
        if value is None:
            if point is not None:
                trail.deleted(point)
                point.delete()
            continue
        if point is None:
            point = DataPoint(indicator_id=indicator_id, update=update, created_by=user)
            trail.created(point)
        point.value, point.date = value, on
        point.full_clean()
        point.save()


@transaction.atomic
def update_save(
    *,
    user,
    update: ProgressUpdate,
    values: dict[str, Any],
    indicator_values: dict[int, Decimal | None] | None = None,
) -> ProgressUpdate:
    """Save a draft (or a returned update being fixed) with its indicator values."""
    rules.require(rules.why_cannot_edit(user, update))
    with audited(user=user, action="update_save") as trail:
        trail.track(update)
        _apply_update_values(update, values)
        update.full_clean()
        update.save()
        if indicator_values is not None:
            _save_indicator_values(user=user, update=update, values=indicator_values, trail=trail)
    return update


def _transition(*, user, update: ProgressUpdate, action: str, description: str = "", **values: Any) -> None:
    with audited(user=user, action=action, description=description) as trail:
        trail.track(update)
        for key, value in values.items():
            setattr(update, key, value)
        update.full_clean()
        update.save()


@transaction.atomic
def update_submit(*, user, update: ProgressUpdate) -> ProgressUpdate:
    """Send the update to the secretariat; it can no longer be changed unless it is returned."""
    rules.require(rules.why_cannot_edit(user, update))
    errors = {}
    if not update.narrative.strip():
        errors["narrative"] = _("Describe what was done before submitting.")
    if not update.period_start or not update.period_end:
        errors["period_end"] = _("Give the period the update covers before submitting.")
    if errors:
        raise ValidationError(errors)
    resubmitted = update.state == State.RETURNED
    _transition(
        user=user,
        update=update,
        action="update_resubmit" if resubmitted else "update_submit",
        state=State.SUBMITTED,
        submitted_at=timezone.now(),
        submitted_by=user,
    )
    return update


def _notify_reviewed(update: ProgressUpdate) -> None:
    from focalpoints.tasks import notify_update_reviewed

    update_id = update.pk
    transaction.on_commit(lambda: notify_update_reviewed.delay(update_id))


@transaction.atomic
def update_return(*, user, update: ProgressUpdate, comment: str) -> ProgressUpdate:
    """Send the update back to its institution with what to fix; they are notified."""
    rules.require(rules.why_cannot_review(user, update))
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError({"comment": _("Say what the institution should fix.")})
    UpdateComment.objects.create(update=update, author=user, kind=UpdateComment.Kind.RETURN, text=comment)
    _transition(
        user=user,
        update=update,
        action="update_return",
        description=comment,
        state=State.RETURNED,
        reviewed_at=timezone.now(),
        reviewed_by=user,
    )
    _notify_reviewed(update)
    return update


@transaction.atomic
def update_validate(
    *, user, update: ProgressUpdate, status: str = "", publish: bool = False, comment: str = ""
) -> ProgressUpdate:
    """Accept the update: the item takes the status (the update is its evidence); optionally publish."""
    rules.require(rules.why_cannot_review(user, update))
    status = status or update.proposed_status
    if status not in Recommendation.Status.values:
        raise ValidationError({"status": _("Choose a valid status.")})
    if comment.strip():
        UpdateComment.objects.create(
            update=update, author=user, kind=UpdateComment.Kind.VALIDATION, text=comment.strip()
        )
    _transition(
        user=user,
        update=update,
        action="update_validate",
        description=_("Status set to %(status)s") % {"status": Recommendation.Status(status).label},
        state=State.VALIDATED,
        reviewed_at=timezone.now(),
        reviewed_by=user,
        applied_status=status,
        published=publish,
    )
    if update.recommendation_id:
        recommendation_update(user=user, recommendation=update.recommendation, values={"status": status})
    else:
        action_update(user=user, action=update.action, values={"status": status})
    _notify_reviewed(update)
    return update


@transaction.atomic
def update_set_shared(*, user, update: ProgressUpdate, shared: bool) -> ProgressUpdate:
    """Share a submitted or validated update with the consultative members (or stop sharing it)."""
    if not rules.is_reviewer(user):
        rules.require(_("Only the secretariat shares progress updates."))
    if update.state == State.DRAFT:
        raise ValidationError(_("A draft cannot be shared."))
    _transition(user=user, update=update, action="update_share", shared_with_consultative=shared)
    return update


@transaction.atomic
def update_set_published(*, user, update: ProgressUpdate, published: bool) -> ProgressUpdate:
    if not rules.is_reviewer(user):
        rules.require(_("Only the secretariat publishes progress updates."))
    if published and update.state != State.VALIDATED:
        raise ValidationError(_("Only a validated update can be published."))
    _transition(user=user, update=update, action="update_publish", published=published)
    return update


@transaction.atomic
def update_comment(*, user, update: ProgressUpdate, text: str) -> UpdateComment:
    """A consultative member's (or staff member's) comment; visible to the staff."""
    rules.require(rules.why_cannot_comment(user, update))
    comment = UpdateComment(
        update=update, author=user, kind=UpdateComment.Kind.CONSULTATION, text=text.strip()
    )
    with audited(user=user, action="update_comment") as trail:
        comment.full_clean()
        comment.save()
        trail.created(comment)
    return comment


# Evidence -----------------------------------------------------------------------------------------


@transaction.atomic
def evidence_set_published(*, user, evidence: EvidenceFile, published: bool) -> EvidenceFile:
    """Show one evidence file on the public tracker (it appears while its update is published)."""
    if not rules.is_reviewer(user):
        rules.require(_("Only the secretariat publishes evidence."))
    if published and not evidence.update.published:
        raise ValidationError(_("Publish the progress update first; its evidence can then be published."))
    with audited(user=user, action="evidence_publish") as trail:
        trail.track(evidence)
        evidence.published = published
        evidence.save(update_fields=["published"])
    return evidence


def evidence_max_bytes() -> int:
    return settings.EVIDENCE_MAX_MB * 1024 * 1024


@transaction.atomic
def evidence_add(*, user, update: ProgressUpdate, upload: UploadedFile) -> EvidenceFile:
    """Attach a file whose content is a PDF, DOCX, XLSX, ODT or image, within the size limit."""
    rules.require(rules.why_cannot_edit(user, update))
    name = PurePath(upload.name or "evidence").name[:255]
    if upload.size > evidence_max_bytes():
        raise ValidationError(
            _("“%(name)s” is larger than %(max)d MB.") % {"name": name, "max": settings.EVIDENCE_MAX_MB}
        )
    kind = detect_kind(upload)
    if kind is None:
        raise ValidationError(
            _("“%(name)s” is not a PDF, Word (DOCX), Excel (XLSX), OpenDocument (ODT) or image file.")
            % {"name": name}
        )
    if not extension_matches(name, kind):
        raise ValidationError(
            _("The content of “%(name)s” does not match its file name extension.") % {"name": name}
        )
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    if update.evidence.filter(sha256=digest.hexdigest()).exists():
        raise ValidationError(_("“%(name)s” is already attached to this update.") % {"name": name})
    evidence = EvidenceFile(
        update=update, name=name, kind=kind, size=upload.size, sha256=digest.hexdigest(), uploaded_by=user
    )
    evidence.full_clean(exclude=["file"])
    evidence.file.save(name, upload, save=False)
    stored = evidence.file.name
    with audited(user=user, action="evidence_add") as trail:
        trail.created(evidence)
        try:
            evidence.save()
        except Exception:
            evidence.file.storage.delete(stored)
            raise
    return evidence


@transaction.atomic
def evidence_remove(*, user, evidence: EvidenceFile) -> None:
    rules.require(rules.why_cannot_edit(user, evidence.update))
    storage, name = evidence.file.storage, evidence.file.name
    with audited(user=user, action="evidence_remove") as trail:
        trail.deleted(evidence)
        evidence.delete()
    transaction.on_commit(lambda: storage.delete(name))
