"""The custom user and the audit trail shared by every app."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    language = models.CharField(
        _("preferred language"),
        max_length=10,
        blank=True,
        choices=settings.LANGUAGES,
        help_text=_("E-mails and reminders are written in this language."),
    )

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
        verbose_name = _("user")
        verbose_name_plural = _("users")
        permissions = [
            ("access_workspace", _("Can use the staff workspace")),
            ("view_history", _("Can see the change history of records")),
            ("restore_history", _("Can restore an earlier version of a record")),
        ]


class AuditBatch(models.Model):
    """One user action: a form saved, a bulk action, an import, a restore."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), null=True, blank=True, on_delete=models.PROTECT
    )
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    action = models.CharField(_("action"), max_length=64)
    description = models.CharField(_("description"), max_length=500, blank=True)
    reverted_by = models.ForeignKey(
        "self",
        verbose_name=_("undone by"),
        null=True,
        blank=True,
        related_name="reverts",
        on_delete=models.SET_NULL,
        help_text=_("The later change that undid this one."),
    )

    class Meta:
        verbose_name = _("audit batch")
        verbose_name_plural = _("audit batches")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.action} ({self.created_at:%Y-%m-%d %H:%M})"


class AuditEntry(models.Model):
    """One object changed by a batch, with its state before and after."""

    class Operation(models.TextChoices):
        CREATE = "create", _("created")
        UPDATE = "update", _("changed")
        DELETE = "delete", _("deleted")
        RESTORE = "restore", _("restored")

    batch = models.ForeignKey(AuditBatch, related_name="entries", on_delete=models.CASCADE)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField(_("object"), max_length=300)
    operation = models.CharField(_("operation"), max_length=10, choices=Operation.choices)
    before = models.JSONField(_("before"), null=True, blank=True, encoder=DjangoJSONEncoder)
    after = models.JSONField(_("after"), null=True, blank=True, encoder=DjangoJSONEncoder)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["-batch__created_at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="audit_object_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(operation__in=["create", "update", "delete", "restore"]),
                name="audit_operation_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_operation_display()} {self.object_repr}"
