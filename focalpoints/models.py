"""Institutions that implement recommendations, and the people who answer for them."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Institution(models.Model):
    class Kind(models.TextChoices):
        MINISTRY = "ministry", _("Ministry")
        DEPARTMENT = "department", _("Government department")
        STATE_AGENCY = "state_agency", _("State agency")
        PARLIAMENT = "parliament", _("Parliament")
        JUDICIARY = "judiciary", _("Judiciary")
        STATISTICS = "statistics_office", _("Statistics office")
        REGIONAL_GOVERNMENT = "regional_government", _("Regional government")
        LOCAL_GOVERNMENT = "local_government", _("Local government")
        NHRI = "nhri", _("National human rights institution")
        CIVIL_SOCIETY = "civil_society", _("Civil-society organisation")
        ACADEMIA = "academia", _("Academia")
        UN_ENTITY = "un_entity", _("UN entity")
        OTHER = "other", _("Other")

    class Membership(models.TextChoices):
        FULL = "full", _("Full (permanent) member")
        OBSERVER = "observer", _("Observer (consultative) member")

    name = models.CharField(_("name"), max_length=255)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices, default=Kind.MINISTRY)
    membership = models.CharField(
        _("membership"), max_length=10, choices=Membership.choices, default=Membership.FULL
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent institution"),
        null=True,
        blank=True,
        related_name="children",
        on_delete=models.PROTECT,
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telephone"), max_length=50, blank=True)
    website = models.URLField(_("website"), blank=True)
    address = models.TextField(_("address"), blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    kind__in=[
                        "ministry",
                        "department",
                        "state_agency",
                        "parliament",
                        "judiciary",
                        "statistics_office",
                        "regional_government",
                        "local_government",
                        "nhri",
                        "civil_society",
                        "academia",
                        "un_entity",
                        "other",
                    ]
                ),
                name="institution_kind_valid",
            ),
            models.CheckConstraint(
                condition=Q(membership__in=["full", "observer"]), name="institution_membership_valid"
            ),
            models.CheckConstraint(condition=~Q(parent=models.F("pk")), name="institution_not_own_parent"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name


class FocalPoint(models.Model):
    """A user answering for one institution, as focal point or deputy, for a period of service."""

    class Role(models.TextChoices):
        FOCAL_POINT = "focal_point", _("Focal point")
        DEPUTY = "deputy", _("Deputy focal point")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        related_name="focal_points",
        on_delete=models.PROTECT,
    )
    institution = models.ForeignKey(
        Institution, verbose_name=_("institution"), related_name="focal_points", on_delete=models.PROTECT
    )
    role = models.CharField(_("role"), max_length=12, choices=Role.choices, default=Role.FOCAL_POINT)
    title = models.CharField(_("job title"), max_length=200, blank=True)
    phone = models.CharField(_("telephone"), max_length=50, blank=True)
    email = models.EmailField(_("work e-mail"), blank=True)
    start_date = models.DateField(_("service start"))
    end_date = models.DateField(_("service end"), null=True, blank=True)

    class Meta:
        verbose_name = _("focal point")
        verbose_name_plural = _("focal points")
        ordering = ["institution__name", "role", "-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="focalpoint_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(role__in=["focal_point", "deputy"]), name="focalpoint_role_valid"
            ),
            # A person serves one institution at a time.
            models.UniqueConstraint(
                fields=["user"], condition=Q(end_date__isnull=True), name="focalpoint_one_active_per_user"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.institution} ({self.get_role_display()})"
