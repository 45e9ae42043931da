"""The 2030 Agenda framework: 17 goals, 169 targets and their indicators, with official codes."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Goal(models.Model):
    AUDIT_VOCABULARY = True  # undo keeps it while any record uses it (nmirf.revert)

    code = models.CharField(_("code"), max_length=2, unique=True)
    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    short_title = models.CharField(_("short title"), max_length=200)
    title = models.TextField(_("official title"), blank=True)

    class Meta:
        verbose_name = _("SDG goal")
        verbose_name_plural = _("SDG goals")
        ordering = ["number"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(number__gte=1, number__lte=17), name="sdg_goal_number_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.short_title}"


class Target(models.Model):
    AUDIT_VOCABULARY = True  # undo keeps it while any record uses it (nmirf.revert)

    goal = models.ForeignKey(Goal, verbose_name=_("goal"), related_name="targets", on_delete=models.CASCADE)
    code = models.CharField(_("code"), max_length=8, unique=True)
    order = models.PositiveIntegerField(_("order"), default=0, db_index=True)
    short_title = models.CharField(_("short title"), max_length=300)
    title = models.TextField(_("official title"), blank=True)

    class Meta:
        verbose_name = _("SDG target")
        verbose_name_plural = _("SDG targets")
        ordering = ["order"]

    def __str__(self) -> str:
        return f"{self.code} {self.short_title}"


class Indicator(models.Model):
    target = models.ForeignKey(
        Target, verbose_name=_("target"), related_name="indicators", on_delete=models.CASCADE
    )
    code = models.CharField(_("code"), max_length=12, unique=True)
    order = models.PositiveIntegerField(_("order"), default=0, db_index=True)
    short_title = models.CharField(_("short title"), max_length=300)
    title = models.TextField(_("official title"), blank=True)

    class Meta:
        verbose_name = _("SDG indicator")
        verbose_name_plural = _("SDG indicators")
        ordering = ["order"]

    def __str__(self) -> str:
        return f"{self.code} {self.short_title}"
