"""A remembered decision on one value of one source format: map it to a row, create it, or ignore it."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class VocabularyMapping(models.Model):
    """What a value of a source format (a UPR Info issue, a matrix theme, a State name) means here.

    `key` is the value reduced for comparison (`vocabulary.matching.vocabulary_key`), unique per source
    format and kind; `value` keeps the spelling of the file. `target_id` is the id of the State,
    mechanism, theme, group or SDG target the value is mapped to.
    """

    class Kind(models.TextChoices):
        STATE = "state", _("State")
        MECHANISM = "mechanism", _("Mechanism")
        THEME = "theme", _("Theme")
        GROUP = "group", _("Concerned group")
        SDG = "sdg", _("SDG")

    class Decision(models.TextChoices):
        MAP = "map", _("Map to an existing value")
        CREATE = "create", _("Create it")
        IGNORE = "ignore", _("Ignore")

    source_format = models.CharField(_("source format"), max_length=140)
    kind = models.CharField(_("list"), max_length=10, choices=Kind.choices)
    value = models.CharField(_("value in the file"), max_length=300)
    key = models.CharField(_("comparison key"), max_length=300, editable=False)
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices)
    target_id = models.PositiveIntegerField(_("target id"), null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("decided"), auto_now=True)

    class Meta:
        verbose_name = _("vocabulary mapping")
        verbose_name_plural = _("vocabulary mappings")
        ordering = ("source_format", "kind", "key")
        constraints = [
            models.UniqueConstraint(
                fields=("source_format", "kind", "key"), name="vocabulary_mapping_unique_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.source_format} · {self.get_kind_display()} · {self.value}"

    def clean(self) -> None:
        if self.decision == self.Decision.MAP and self.target_id is None:
            raise ValidationError({"target_id": _("Say which value it maps to.")})
        if self.decision != self.Decision.MAP and self.target_id is not None:
            raise ValidationError({"target_id": _("Only a mapping names a target.")})
