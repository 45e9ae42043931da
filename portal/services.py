"""Writes of the public portal: feedback from the public and its moderation."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nmirf.audit import audited
from portal.models import Feedback
from recommendations.models import Recommendation


def _sender_key(address: str) -> str:
    """The rate-limit key of one address; the address itself is never stored."""
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()[:32]
    return f"portal:feedback:{digest}"


def feedback_allowed(*, address: str) -> bool:
    """Counts one message from `address`; False once it sent FEEDBACK_PER_HOUR within the hour."""
    key = _sender_key(address)
    cache.add(key, 0, timeout=3600)
    try:
        sent = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=3600)
        sent = 1
    return sent <= settings.FEEDBACK_PER_HOUR


@transaction.atomic
def feedback_submit(
    *,
    recommendation: Recommendation,
    message: str,
    language: str,
    name: str = "",
    email: str = "",
    organisation: str = "",
) -> Feedback:
    """Put a message from the public into the moderation queue (never published from here)."""
    if not recommendation.published:
        raise ValidationError(_("This recommendation is not on the public tracker."))
    feedback = Feedback(
        recommendation=recommendation,
        message=message.strip(),
        name=name.strip(),
        email=email.strip(),
        organisation=organisation.strip(),
        language=language,
    )
    with audited(user=None, action="feedback_submit") as trail:
        feedback.full_clean()
        feedback.save()
        trail.created(feedback)
    return feedback


@transaction.atomic
def feedback_review(
    *, user, feedback: Feedback, state: str, note: str = "", published: bool = False
) -> Feedback:
    """The secretariat's decision: reviewed (and possibly published) or rejected."""
    if not user.has_perm("portal.change_feedback"):
        raise PermissionDenied(_("Only the secretariat moderates feedback."))
    if state not in (Feedback.State.REVIEWED, Feedback.State.REJECTED):
        raise ValidationError(_("Choose whether the message is reviewed or rejected."))
    if published and state != Feedback.State.REVIEWED:
        raise ValidationError(_("Only a reviewed message can be published."))
    with audited(user=user, action="feedback_review") as trail:
        trail.track(feedback)
        feedback.state = state
        feedback.note = note.strip()
        feedback.published = published
        feedback.reviewed_by = user
        feedback.reviewed_at = timezone.now()
        feedback.full_clean()
        feedback.save()
    return feedback
