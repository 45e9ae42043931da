"""UN human rights recommendations and what they are filed under."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from recommendations.importing.rows import first_number
from recommendations.ordering import KEY_LENGTH, paragraph_key


class Country(models.Model):
    AUDIT_VOCABULARY = True  # undo keeps it while any record uses it (nmirf.revert)

    code = models.CharField(_("ISO code"), max_length=3, unique=True, help_text=_("ISO 3166 alpha-3"))
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=Q(code__regex=r"^[A-Z]{3}$"), name="country_code_alpha3"),
        ]

    def __str__(self) -> str:
        return self.name


class Mechanism(models.Model):
    AUDIT_VOCABULARY = True  # undo keeps it while any record uses it (nmirf.revert)

    class Type(models.TextChoices):
        UPR = "upr", _("Universal Periodic Review")
        TREATY_BODY = "treaty_body", _("Treaty body")
        SPECIAL_PROCEDURE = "special_procedure", _("Special procedure")
        REGIONAL = "regional", _("Regional mechanism")
        OTHER = "other", _("Other")

    type = models.CharField(_("type"), max_length=20, choices=Type.choices)
    code = models.CharField(
        _("code"), max_length=80, unique=True, help_text=_("The UHRI body value, e.g. CRC.")
    )
    name = models.CharField(_("name"), max_length=300)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("mechanism")
        verbose_name_plural = _("mechanisms")
        ordering = ["type", "code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(type__in=["upr", "treaty_body", "special_procedure", "regional", "other"]),
                name="mechanism_type_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.code


class CurrentManager(models.Manager):
    """`objects` of the archivable models: what lists, the public tracker, reports and exports show.

    `all_objects` (the default manager: forms' uniqueness checks, related managers, the admin, history
    and restore) sees archived records too.
    """

    def get_queryset(self) -> models.QuerySet:
        return super().get_queryset().filter(archived=False)


def archived_field() -> models.BooleanField:
    return models.BooleanField(
        _("archived"),
        default=False,
        help_text=_("Hidden from lists, the public tracker, reports and exports; it can be restored."),
    )


class SourceDocument(models.Model):
    AUDIT_VOCABULARY = True  # undo keeps it while any record uses it (nmirf.revert)

    symbol = models.CharField(_("document symbol"), max_length=120, unique=True)
    mechanism = models.ForeignKey(
        Mechanism, verbose_name=_("mechanism"), related_name="documents", on_delete=models.PROTECT
    )
    state = models.ForeignKey(
        Country,
        verbose_name=_("State concerned"),
        related_name="documents",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
    )
    title = models.CharField(_("title"), max_length=500, blank=True)
    date = models.DateField(_("date"), null=True, blank=True)
    session = models.CharField(_("session"), max_length=50, blank=True)
    cycle = models.PositiveSmallIntegerField(_("UPR cycle"), null=True, blank=True)
    url = models.URLField(_("link"), blank=True, max_length=500)

    archived = archived_field()

    all_objects = models.Manager()
    objects = CurrentManager()

    class Meta:
        default_manager_name = "all_objects"
        verbose_name = _("source document")
        verbose_name_plural = _("source documents")
        ordering = ["-date", "symbol"]
        constraints = [
            models.CheckConstraint(
                condition=Q(cycle__isnull=True) | Q(cycle__gte=1, cycle__lte=20), name="document_cycle_range"
            ),
        ]

    def __str__(self) -> str:
        return self.symbol


class Theme(models.Model):
    AUDIT_VOCABULARY = True  # undo keeps it while any record uses it (nmirf.revert)

    code = models.SlugField(_("code"), max_length=120, unique=True)
    name = models.CharField(_("name"), max_length=300)

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ConcernedGroup(models.Model):
    AUDIT_VOCABULARY = True  # undo keeps it while any record uses it (nmirf.revert)

    code = models.SlugField(_("code"), max_length=120, unique=True)
    name = models.CharField(_("name"), max_length=300)

    class Meta:
        verbose_name = _("concerned group")
        verbose_name_plural = _("concerned groups")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Cluster(models.Model):
    """Recommendations that share a theme and objective, whatever mechanism issued them."""

    AUDIT_VOCABULARY = True  # undo keeps it while any record uses it (nmirf.revert)

    name = models.CharField(_("name"), max_length=255)
    objective = models.TextField(_("objective"), blank=True)
    lead_institution = models.ForeignKey(
        "focalpoints.Institution",
        verbose_name=_("lead institution"),
        related_name="led_clusters",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
    )
    supporting_institutions = models.ManyToManyField(
        "focalpoints.Institution",
        verbose_name=_("supporting institutions"),
        related_name="supported_clusters",
        blank=True,
    )
    update_deadline = models.DateField(
        _("update deadline"), null=True, blank=True, help_text=_("When the next progress update is due.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    archived = archived_field()

    all_objects = models.Manager()
    objects = CurrentManager()

    class Meta:
        default_manager_name = "all_objects"
        verbose_name = _("cluster")
        verbose_name_plural = _("clusters")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("workspace:cluster_detail", args=[self.pk])


class Recommendation(models.Model):
    # Fields computed from another (nmirf.audit.derive): a restore of a version recorded before the
    # key existed, or with another paragraph, computes it again.
    DERIVED_FIELDS = {"paragraph_key": ("paragraph", paragraph_key)}

    class Kind(models.TextChoices):
        RECOMMENDATION = "recommendation", _("Recommendation")
        OBSERVATION = "observation", _("Concern or observation")
        VOLUNTARY_PLEDGE = "voluntary_pledge", _("Voluntary pledge")
        OTHER = "other", pgettext_lazy("kind of recommendation", "Other")

    class Position(models.TextChoices):
        SUPPORTED = "supported", _("Supported")
        SUPPORTED_IN_PART = "supported_in_part", _("Supported in part")
        NOTED = "noted", _("Noted")
        PENDING = "pending", _("Pending")

    class Status(models.TextChoices):
        NO_INFORMATION = "no_information", _("No information")
        NOT_STARTED = "not_started", _("Not started")
        IN_PROGRESS = "in_progress", _("In progress")
        PARTIALLY_IMPLEMENTED = "partially_implemented", _("Partially implemented")
        IMPLEMENTED = "implemented", _("Implemented")
        NOT_APPLICABLE = "not_applicable", _("Not applicable")

    state = models.ForeignKey(
        Country, verbose_name=_("State"), related_name="recommendations", on_delete=models.PROTECT
    )
    text = models.TextField(_("text"))
    original_language = models.CharField(
        _("original language"), max_length=10, choices=settings.LANGUAGES, default="en"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.RECOMMENDATION)
    mechanism = models.ForeignKey(
        Mechanism, verbose_name=_("mechanism"), related_name="recommendations", on_delete=models.PROTECT
    )
    source_document = models.ForeignKey(
        SourceDocument,
        verbose_name=_("source document"),
        related_name="recommendations",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
    )
    paragraph = models.CharField(_("paragraph"), max_length=40, blank=True)
    # Set from `paragraph` by every write (recommendations.ordering): lists sort by it, with an index.
    paragraph_key = models.CharField(
        _("paragraph sort key"), max_length=KEY_LENGTH, blank=True, default="", editable=False
    )
    date = models.DateField(_("date"), null=True, blank=True)
    cycle = models.PositiveSmallIntegerField(_("UPR cycle"), null=True, blank=True)
    # The UPR Working Group session, as the file gave it (UPR Info's files name no document).
    session = models.CharField(_("UPR session"), max_length=50, blank=True)
    recommending_states = models.ManyToManyField(
        Country, verbose_name=_("recommending States"), related_name="recommendations_made", blank=True
    )
    position = models.CharField(_("position"), max_length=20, choices=Position.choices, blank=True)
    themes = models.ManyToManyField(
        Theme, verbose_name=_("themes"), related_name="recommendations", blank=True
    )
    groups = models.ManyToManyField(
        ConcernedGroup, verbose_name=_("concerned groups"), related_name="recommendations", blank=True
    )
    sdg_goals = models.ManyToManyField(
        "sdg.Goal", verbose_name=_("SDG goals"), related_name="recommendations", blank=True
    )
    sdg_targets = models.ManyToManyField(
        "sdg.Target", verbose_name=_("SDG targets"), related_name="recommendations", blank=True
    )
    cluster = models.ForeignKey(
        Cluster,
        verbose_name=_("cluster"),
        related_name="recommendations",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
    )
    lead_institution = models.ForeignKey(
        "focalpoints.Institution",
        verbose_name=_("lead institution"),
        related_name="led_recommendations",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
    )
    supporting_institutions = models.ManyToManyField(
        "focalpoints.Institution",
        verbose_name=_("supporting institutions"),
        related_name="supported_recommendations",
        blank=True,
    )
    update_deadline = models.DateField(
        _("update deadline"), null=True, blank=True, help_text=_("When the next progress update is due.")
    )
    status = models.CharField(
        _("status"), max_length=24, choices=Status.choices, default=Status.NO_INFORMATION
    )
    status_date = models.DateField(_("status date"), null=True, blank=True)
    requires_legislation = models.BooleanField(_("requires legislation"), default=False)
    published = models.BooleanField(
        _("published"), default=True, help_text=_("Shown on the public tracker. Clear it to withhold.")
    )
    external_id = models.CharField(
        _("external identifier"),
        max_length=100,
        blank=True,
        help_text=_("For example the UHRI annotation id; a re-import updates the recommendation with it."),
    )
    # Provenance: the import that first brought the recommendation and its row in that file. A later
    # import that updates the recommendation keeps them (recommendations.importing.writing.write).
    import_batch = models.ForeignKey(
        "ImportBatch",
        verbose_name=_("import"),
        related_name="recommendations",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
    )
    import_row = models.PositiveIntegerField(
        _("row in the imported file"), null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True, db_index=True)

    archived = archived_field()

    all_objects = models.Manager()
    objects = CurrentManager()

    class Meta:
        default_manager_name = "all_objects"
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        ordering = ["-date", "mechanism__code", "paragraph_key", "pk"]
        permissions = [("publish_recommendation", _("Can publish or withhold recommendations"))]
        constraints = [
            models.UniqueConstraint(
                fields=["external_id"], condition=~Q(external_id=""), name="recommendation_external_id_unique"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["recommendation", "observation", "voluntary_pledge", "other"]),
                name="recommendation_kind_valid",
            ),
            models.CheckConstraint(
                condition=Q(position__in=["", "supported", "supported_in_part", "noted", "pending"]),
                name="recommendation_position_valid",
            ),
            models.CheckConstraint(
                condition=Q(
                    status__in=[
                        "no_information",
                        "not_started",
                        "in_progress",
                        "partially_implemented",
                        "implemented",
                        "not_applicable",
                    ]
                ),
                name="recommendation_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(cycle__isnull=True) | Q(cycle__gte=1, cycle__lte=20),
                name="recommendation_cycle_range",
            ),
        ]
        indexes = [
            models.Index(fields=["status"], name="rec_status_idx"),
            # The default order of lists (recommendations.filters.SORTS), read a page at a time; it
            # serves filters on the date too.
            models.Index(fields=["-date", "paragraph_key", "id"], name="rec_date_paragraph_idx"),
            models.Index(fields=["state", "published"], name="rec_state_published_idx"),
        ]

    def __str__(self) -> str:
        if not self.paragraph and self.session:
            return self.session_label()
        label = f"{self.mechanism.code} {self.paragraph}".strip() if self.mechanism_id else ""
        return label or f"#{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("workspace:recommendation_detail", args=[self.pk])

    def session_label(self) -> str:
        """`UPR session 12 (cycle 2)` when the session is known, else empty text (no query)."""
        if not self.session:
            return ""
        number = first_number(self.session)
        session = str(number) if number is not None else self.session
        if self.cycle:
            label = gettext("UPR session %(session)s (cycle %(cycle)s)")
            return label % {"session": session, "cycle": self.cycle}
        return gettext("UPR session %(session)s") % {"session": session}

    def original_text(self) -> str:
        """The text in the language the mechanism wrote it in (any text if that one is missing)."""
        own = getattr(self, f"text_{self.original_language.replace('-', '_')}", "")
        return own or self.text

    def text_for(self, language: str) -> tuple[str, str]:
        """The text to show a reader of `language`, and the language it is really in."""
        translated = getattr(self, f"text_{language.replace('-', '_')}", "")
        if translated:
            return translated, language
        return self.original_text(), self.original_language

    def clean(self) -> None:
        errors: dict[str, str] = {}
        own = getattr(self, f"text_{self.original_language.replace('-', '_')}", "")
        if not (own or "").strip():
            errors["original_language"] = _("Give the text in its original language.")
        if self.mechanism_id:
            is_upr = self.mechanism.type == Mechanism.Type.UPR
            if self.position and not is_upr:
                errors["position"] = _("Only UPR recommendations have a position of the State.")
            if self.cycle and not is_upr:
                errors["cycle"] = _("Only UPR recommendations belong to a cycle.")
            if self.source_document_id and self.source_document.mechanism_id != self.mechanism_id:
                errors["source_document"] = _("This document was issued by another mechanism.")
        if errors:
            raise ValidationError(errors)


class ImportProfile(models.Model):
    """A column mapping saved under a name, offered again for files with the same headers."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    headers_key = models.CharField(_("headers"), max_length=64, db_index=True)
    mapping = models.JSONField(_("column mapping"), default=dict)
    defaults = models.JSONField(_("default values"), default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("column mapping profile")
        verbose_name_plural = _("column mapping profiles")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ImportBatch(models.Model):
    """One uploaded file: its preview (a full dry run), its import, and its undo."""

    class Status(models.TextChoices):
        PREVIEWING = "previewing", _("Checking the file")
        NEEDS_MAPPING = "needs_mapping", _("Needs a column mapping")
        PREVIEWED = "previewed", _("Checked, waiting for confirmation")
        IMPORTING = "importing", _("Importing")
        IMPORTED = "imported", _("Imported")
        FAILED = "failed", _("Failed")
        UNDONE = "undone", _("Undone")
        DISCARDED = "discarded", _("Discarded")

    class Step(models.TextChoices):
        PREVIEW = "preview", _("Checking the file")
        COMMIT = "commit", _("Importing")

    FORMATS = [
        ("", _("Detect automatically")),
        ("uhri", _("UHRI export")),
        ("uprinfo", _("UPR Info database export")),
        ("matrix", _("OHCHR UPR thematic list (matrix)")),
        ("nmirf", _("NMIRF Tracker export")),
    ]

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        help_text=_("Empty for imports run with manage.py import_recommendations."),
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True, db_index=True)
    file_name = models.CharField(_("file name"), max_length=255)
    stored_name = models.CharField(max_length=255, unique=True)
    checksum = models.CharField(_("SHA-256 checksum"), max_length=64)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    requested_format = models.CharField(_("format"), max_length=20, blank=True, choices=FORMATS)
    format = models.CharField(_("format read"), max_length=40, blank=True)
    profile = models.ForeignKey(
        ImportProfile, verbose_name=_("column mapping"), null=True, blank=True, on_delete=models.SET_NULL
    )
    mapping = models.JSONField(_("column mapping"), default=dict, blank=True)
    defaults = models.JSONField(_("default values"), default=dict, blank=True)
    state_scope = models.CharField(
        _("whose recommendations"),
        max_length=3,
        blank=True,
        help_text=_("A State's code, or empty for all States."),
    )
    language = models.CharField(
        _("language of the texts"), max_length=10, default="en", choices=settings.LANGUAGES
    )
    translations_only = models.BooleanField(_("translations of existing recommendations"), default=False)
    dayfirst = models.BooleanField(_("dates are day first (31/12/2024)"), default=True)
    skip_invalid = models.BooleanField(_("skip invalid rows"), default=False)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PREVIEWING)
    error = models.TextField(_("error"), blank=True)
    headers = models.JSONField(_("column headings"), default=list, blank=True)
    counts = models.JSONField(_("counts"), default=dict, blank=True)
    report = models.JSONField(_("report"), default=dict, blank=True)
    resolutions = models.JSONField(_("decisions"), default=dict, blank=True)
    audit_batch = models.ForeignKey(
        "nmirf.AuditBatch", null=True, blank=True, related_name="+", on_delete=models.SET_NULL
    )
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    # A worker's bookkeeping: a running step that no worker has touched for WORKER_LOST_AFTER_MINUTES
    # (and that no transaction holds) has lost its worker; a step failed for a reason other than the
    # file (worker lost, database unavailable) can be tried again.
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    heartbeat_at = models.DateTimeField(_("last sign of a worker"), default=timezone.now)
    retry_step = models.CharField(_("step to try again"), max_length=10, blank=True, choices=Step.choices)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at", "-pk"]
        permissions = [("import_recommendations", _("Can import recommendations from files"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    status__in=[
                        "previewing",
                        "needs_mapping",
                        "previewed",
                        "importing",
                        "imported",
                        "failed",
                        "undone",
                        "discarded",
                    ]
                ),
                name="import_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(state_scope="") | Q(state_scope__regex=r"^[A-Z]{3}$"), name="import_scope_valid"
            ),
            models.CheckConstraint(
                condition=Q(retry_step__in=["", "preview", "commit"]), name="import_retry_step_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.created_at:%Y-%m-%d %H:%M})"

    def get_absolute_url(self) -> str:
        return reverse("workspace:import_detail", args=[self.pk])

    def format_label(self) -> str:
        """The kind of file read, as people call it (`UPR Info database export`)."""
        if self.format == "mapping":
            return gettext("Spreadsheet read with a column mapping")
        if self.format.startswith("profile:"):
            return gettext("Spreadsheet read with the column mapping “%(name)s”") % {
                "name": self.format.removeprefix("profile:")
            }
        return str(dict(self.FORMATS).get(self.format) or self.format)

    @property
    def running(self) -> bool:
        return self.status in (self.Status.PREVIEWING, self.Status.IMPORTING)


class RecommendationRepeat(models.Model):
    """A recommendation (the later one) that repeats an earlier one of the same State under review.

    Found by recommendations.repeats.repeats_find: texts at least 90 % alike after normalisation, from
    different reviews (another UPR cycle, another mechanism, or another report of the same body).
    """

    # Computed from the recommendations (nmirf.revert): not work that keeps a recommendation from an undo;
    # it goes with the recommendation it links, and find_repeats makes it again.
    AUDIT_DERIVED = True

    recommendation = models.ForeignKey(
        Recommendation,
        verbose_name=_("recommendation"),
        related_name="repeat_links",
        on_delete=models.CASCADE,
    )
    repeats = models.ForeignKey(
        Recommendation,
        verbose_name=_("repeats"),
        related_name="repeated_by_links",
        on_delete=models.CASCADE,
    )
    score = models.PositiveSmallIntegerField(_("similarity"))
    found_at = models.DateTimeField(_("found at"), default=timezone.now)

    class Meta:
        verbose_name = _("repeated recommendation")
        verbose_name_plural = _("repeated recommendations")
        constraints = [
            models.UniqueConstraint(fields=["recommendation", "repeats"], name="repeat_unique"),
            models.CheckConstraint(
                condition=~Q(recommendation=models.F("repeats")), name="repeat_not_itself"
            ),
            models.CheckConstraint(condition=Q(score__gte=90, score__lte=100), name="repeat_score_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.recommendation_id} → {self.repeats_id} ({self.score} %)"
