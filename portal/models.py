"""What the public sends through the portal: feedback on a recommendation's implementation."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Feedback(models.Model):
    """Information from the public, held in the secretariat's moderation queue.

    Nothing here is shown publicly unless the secretariat publishes the message; the sender's name and
    e-mail address are never shown outside the workspace.
    """

    class State(models.TextChoices):
        NEW = "new", _("New")
        REVIEWED = "reviewed", _("Reviewed")
        REJECTED = "rejected", _("Rejected (spam or off topic)")

    recommendation = models.ForeignKey(
        "recommendations.Recommendation",
        verbose_name=_("recommendation"),
        related_name="feedback",
        on_delete=models.CASCADE,
    )
    message = models.TextField(_("message"))
    name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    language = models.CharField(_("language"), max_length=10)
    state = models.CharField(
        pgettext_lazy("workflow state", "state"), max_length=10, choices=State.choices, default=State.NEW
    )
    published = models.BooleanField(
        pgettext_lazy("feedback", "published"),
        default=False,
        help_text=_(
            "The message (never the sender's contact details) is shown on the recommendation's page."
        ),
    )
    note = models.TextField(_("secretariat's note"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.PROTECT,
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    created_at = models.DateTimeField(_("received"), auto_now_add=True)

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["state", "created_at"], name="feedback_queue_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(state__in=["new", "reviewed", "rejected"]), name="feedback_state_valid"
            ),
            models.CheckConstraint(condition=~Q(message=""), name="feedback_message_not_empty"),
            models.CheckConstraint(
                condition=Q(published=False) | Q(state="reviewed"), name="feedback_published_only_reviewed"
            ),
            models.CheckConstraint(
                condition=Q(state="new") | Q(reviewed_at__isnull=False), name="feedback_reviewed_has_date"
            ),
        ]

    def __str__(self) -> str:
        return _("Feedback #%(pk)s on %(recommendation)s") % {
            "pk": self.pk,
            "recommendation": self.recommendation,
        }

    def get_absolute_url(self) -> str:
        return reverse("workspace:feedback_detail", args=[self.pk])
