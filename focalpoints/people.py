"""People of the network without the Django admin: invitations, deactivation, and succession.

A focal point who leaves is replaced in one step: their service ends, the successor's begins, open
drafts and unread notifications pass to the successor (or to the deputy until one is named), and the
old account is deactivated. Nothing is deleted, so the history still says who did what.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from focalpoints.models import FocalPoint, Institution, Notification, ProgressUpdate, ReminderLog
from nmirf.audit import AuditTrail, Change, audited
from nmirf.models import AuditEntry
from nmirf.roles import FOCAL_POINT

Operation = AuditEntry.Operation
User = get_user_model()
OPEN_STATES = (ProgressUpdate.State.DRAFT, ProgressUpdate.State.RETURNED, ProgressUpdate.State.SUBMITTED)


def _person_state(person) -> dict[str, Any]:
    """What the trail keeps about an account (never the password hash)."""
    return {
        "username": person.username,
        "email": person.email,
        "first_name": person.first_name,
        "last_name": person.last_name,
        "language": person.language,
        "is_active": person.is_active,
    }


def is_invited(person) -> bool:
    """Invited and has not set a password yet."""
    return person.is_active and not person.has_usable_password()


def _send_invitation_on_commit(person, inviter) -> None:
    from focalpoints.tasks import send_invitation

    person_id, inviter_id = person.pk, getattr(inviter, "pk", None)
    transaction.on_commit(lambda: send_invitation.delay(person_id, inviter_id))


def _start_service(
    *,
    person,
    institution: Institution,
    role: str,
    start: datetime.date,
    title: str = "",
    phone: str = "",
    email: str = "",
) -> FocalPoint:
    focal_point = FocalPoint(
        user=person, institution=institution, role=role, start_date=start, title=title, phone=phone,
        email=email or person.email,
    )  # fmt: skip
    focal_point.full_clean()
    focal_point.save()
    person.groups.add(Group.objects.get(name=FOCAL_POINT))
    return focal_point


def _new_account(
    *, email: str, first_name: str, last_name: str, language: str, role: Group, trail: AuditTrail
):
    """An active account without a usable password, until the person chooses one from the invitation."""
    email = email.strip().lower()
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError({"email": _("Someone with this e-mail address already has an account.")})
    if User.objects.filter(username__iexact=email).exists():
        raise ValidationError({"email": _("This e-mail address is already someone's user name.")})
    person = User(
        username=email,
        email=email,
        first_name=first_name,
        last_name=last_name,
        language=language,
        is_active=True,
    )
    person.set_unusable_password()
    person.full_clean(exclude=["password"])
    person.save()
    person.groups.add(role)
    trail.created(person, state=lambda account: _person_state(account) | {"role": role.name})
    return person


@transaction.atomic
def person_invite(
    *,
    user,
    email: str,
    first_name: str,
    last_name: str,
    role: Group,
    language: str = "",
    institution: Institution | None = None,
    focal_role: str = FocalPoint.Role.FOCAL_POINT,
    title: str = "",
    phone: str = "",
    start: datetime.date | None = None,
):
    """Create an account without a password and e-mail a link to choose one (valid for a limited time)."""
    if role.name == FOCAL_POINT and institution is None:
        raise ValidationError({"institution": _("A focal point answers for an institution: choose it.")})
    with audited(user=user, action="person_invite") as trail:
        person = _new_account(
            email=email, first_name=first_name, last_name=last_name, language=language, role=role, trail=trail
        )
        trail.description = person.email
        if institution is not None:
            focal_point = _start_service(
                person=person,
                institution=institution,
                role=focal_role,
                start=start or timezone.localdate(),
                title=title,
                phone=phone,
            )
            trail.created(focal_point)
    _send_invitation_on_commit(person, user)
    return person


@transaction.atomic
def person_invite_resend(*, user, person) -> None:
    """A new invitation link (the earlier one stays valid until it expires)."""
    if not person.is_active:
        raise ValidationError(_("This account is deactivated."))
    if person.has_usable_password():
        raise ValidationError(
            _("This person has already chosen a password; they can use “Forgot your password?”.")
        )
    state = _person_state(person)
    with audited(user=user, action="person_invite_resend", description=person.email) as trail:
        trail.add(
            Change(person, Operation.UPDATE, state, state | {"invited_again": timezone.now().isoformat()})
        )
    _send_invitation_on_commit(person, user)


def _heir(focal_point: FocalPoint):
    """Who takes over when nobody is named: the institution's focal point, else its longest-serving deputy."""
    others = (
        FocalPoint.objects.filter(
            institution=focal_point.institution, end_date__isnull=True, user__is_active=True
        )
        .exclude(pk=focal_point.pk)
        .select_related("user")
    )
    ranked = sorted(others, key=lambda fp: (fp.role != FocalPoint.Role.FOCAL_POINT, fp.start_date, fp.pk))
    return ranked[0].user if ranked else None


def _hand_over(*, old, heir, trail: AuditTrail) -> int:
    """Open updates, unread notifications and the reminder log of `old` pass to `heir`."""
    updates = list(
        ProgressUpdate.objects.filter(owner=old, state__in=OPEN_STATES).values_list("pk", flat=True)
    )
    trail.track_many(ProgressUpdate, updates)
    ProgressUpdate.objects.filter(pk__in=updates).update(owner=heir, updated_at=timezone.now())
    Notification.objects.filter(user=old, read_at__isnull=True).update(user=heir)
    heir_keys = set(
        ReminderLog.objects.filter(user=heir).values_list("event", "item_kind", "item_id", "period")
    )
    for log in ReminderLog.objects.filter(user=old):
        if (log.event, log.item_kind, log.item_id, log.period) in heir_keys:
            continue
        log.user = heir
        log.save(update_fields=["user"])
    return len(updates)


def _deactivate(*, person, trail: AuditTrail) -> None:
    trail.track(person, state=_person_state)
    person.is_active = False
    person.save(update_fields=["is_active"])


def _end_service(focal_point: FocalPoint, end: datetime.date, trail: AuditTrail, **extra: Any) -> None:
    trail.track(focal_point)
    focal_point.end_date = max(end, focal_point.start_date)
    for key, value in extra.items():
        setattr(focal_point, key, value)
    focal_point.full_clean()
    focal_point.save()


@transaction.atomic
def person_deactivate(*, user, person, end: datetime.date | None = None) -> None:
    """Close the account: their service ends, and their open work passes to a colleague if there is one."""
    if person.pk == user.pk:
        raise ValidationError(_("You cannot deactivate your own account."))
    if not person.is_active:
        raise ValidationError(_("This account is already deactivated."))
    current = (
        FocalPoint.objects.filter(user=person, end_date__isnull=True).select_related("institution").first()
    )
    with audited(user=user, action="person_deactivate", description=person.get_username()) as trail:
        if current is not None:
            heir = _heir(current)
            _end_service(current, end or timezone.localdate(), trail)
            if heir is not None:
                _hand_over(old=person, heir=heir, trail=trail)
        _deactivate(person=person, trail=trail)


@transaction.atomic
def focal_point_replace(
    *,
    user,
    focal_point: FocalPoint,
    successor=None,
    invite: dict[str, Any] | None = None,
    start: datetime.date | None = None,
    title: str = "",
    phone: str = "",
) -> FocalPoint | None:
    """Record who succeeds a focal point (an existing user, or a person invited now), in one step.

    Without a successor the work passes to the institution's deputy until one is named.
    Returns the successor's new service, or None when nobody was named.
    """
    if focal_point.end_date is not None:
        raise ValidationError(_("This service has already ended."))
    if successor is not None and invite:
        raise ValidationError(_("Choose an existing person or invite a new one, not both."))
    start = start or timezone.localdate()
    if start < focal_point.start_date:
        raise ValidationError({"start": _("The successor cannot start before the person they replace.")})
    old = focal_point.user
    with audited(user=user, action="focal_point_replace") as trail:
        if successor is None and invite:
            successor = _new_account(role=Group.objects.get(name=FOCAL_POINT), trail=trail, **invite)
            _send_invitation_on_commit(successor, user)
        if successor is not None:
            if successor.pk == old.pk:
                raise ValidationError({"successor": _("A person cannot succeed themselves.")})
            if not successor.is_active:
                raise ValidationError({"successor": _("This account is deactivated.")})
            if FocalPoint.objects.filter(user=successor, end_date__isnull=True).exists():
                raise ValidationError({"successor": _("This person already serves an institution.")})
        trail.description = _("%(old)s succeeded by %(new)s") % {
            "old": old.get_username(),
            "new": successor.get_username() if successor else "—",
        }
        heir = successor or _heir(focal_point)
        # The old service ends first (the institution has one focal point at a time), then the new one starts.
        _end_service(focal_point, start, trail)
        new_service = None
        if successor is not None:
            new_service = _start_service(
                person=successor,
                institution=focal_point.institution,
                role=focal_point.role,
                start=start,
                title=title or focal_point.title,
                phone=phone,
            )
            trail.created(new_service)
            focal_point.successor = new_service
            focal_point.save(update_fields=["successor"])
        if heir is not None:
            _hand_over(old=old, heir=heir, trail=trail)
        if old.is_active:
            _deactivate(person=old, trail=trail)
    return new_service


def invitation_send(*, person, inviter=None) -> bool:
    """E-mail the invitation link in the person's language; False when there is nothing to send."""
    if not is_invited(person) or not person.email:
        return False
    with translation.override(person.language or settings.LANGUAGE_CODE):
        link = settings.SITE_URL + reverse(
            "invitation_accept",
            kwargs={"uidb64": urlsafe_base64_encode(force_bytes(person.pk)), "token": default_token_generator.make_token(person)},
        )  # fmt: skip
        context = {
            "person": person,
            "inviter": inviter,
            "link": link,
            "days": max(1, settings.PASSWORD_RESET_TIMEOUT // 86400),
            "site_url": settings.SITE_URL,
        }
        subject = _("You are invited to the NMIRF Tracker")
        body = render_to_string("focalpoints/emails/invitation.txt", context)
    EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [person.email]).send()
    return True
