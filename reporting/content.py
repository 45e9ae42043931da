"""What each kind of report says: the data read from the database for one report, ready to render.

`report_content(report)` returns a dictionary for the templates (PDF) and the DOCX writer. It must be
called inside `translation.override(report.language)`. Queries are per section, never per row: the
parliamentary report over 3,000 recommendations reads them once, their latest validated updates once.
"""

from __future__ import annotations

import datetime
import html
import re
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.http import QueryDict
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from focalpoints.models import Action, DataPoint, ImpactIndicator, Institution, ProgressUpdate
from focalpoints.selectors import CLOSED_STATUSES
from focalpoints.services import narrative_clean
from recommendations.filters import RecommendationQuery
from recommendations.models import Mechanism, Recommendation, SourceDocument
from reporting import charts, statistics
from reporting.models import Report

_TAGS = re.compile(r"<[^>]+>")
_BLOCK_END = re.compile(r"</(p|li|ul|ol)>|<br\s*/?>", re.IGNORECASE)


@dataclass
class Quote:
    """A progress update as a report quotes it."""

    date: datetime.date | None
    institution: str
    status: str
    html: SafeString
    text: str


@dataclass
class Item:
    """A recommendation as a report lists it: reference, text in the report language, status."""

    pk: int
    reference: str
    mechanism: str
    text: str
    text_language: str
    text_direction: str
    note: str
    status: str
    status_value: str
    position: str
    institution: str
    cluster: str
    deadline: datetime.date | None
    latest: Quote | None = None
    measures: list[Quote] = field(default_factory=list)


def _quote(update: ProgressUpdate, statuses: dict[str, str]) -> Quote:
    cleaned = narrative_clean(update.narrative)
    text = html.unescape(_TAGS.sub("", _BLOCK_END.sub("\n", cleaned))).strip()
    day = update.reviewed_at.date() if update.reviewed_at else None
    status = statuses.get(update.applied_status or update.proposed_status, "")
    return Quote(day, str(update.institution), status, mark_safe(cleaned), text)  # noqa: S308 - nh3-cleaned


def _language_names() -> dict[str, str]:
    return {code: str(name) for code, name in settings.LANGUAGES}


def _reference(recommendation: Recommendation) -> str:
    document = recommendation.source_document.symbol if recommendation.source_document_id else ""
    if document and recommendation.paragraph:
        return _("%(document)s, para. %(paragraph)s") % {
            "document": document,
            "paragraph": recommendation.paragraph,
        }
    return document or recommendation.paragraph or recommendation.session_label() or f"#{recommendation.pk}"


def items(queryset: QuerySet[Recommendation], language: str) -> list[Item]:
    """The recommendations of `queryset` as report items, in reference order: by mechanism, then by
    paragraph in natural order (28.2 before 28.10), then by document (1 query)."""
    names = _language_names()
    statuses = dict(Recommendation.Status.choices)
    positions = dict(Recommendation.Position.choices)
    rows = queryset.select_related("mechanism", "source_document", "lead_institution", "cluster").order_by(
        "mechanism__code", "paragraph_key", "source_document__symbol", "pk"
    )
    result = []
    for rec in rows:
        text, text_language = rec.text_for(language)
        note = ""
        if text_language != language:
            note = _("Not yet translated: the original text, in %(language)s.") % {
                "language": names.get(text_language, text_language)
            }
        result.append(
            Item(
                pk=rec.pk,
                reference=_reference(rec),
                mechanism=rec.mechanism.code,
                text=text,
                text_language=text_language,
                text_direction="rtl" if text_language.split("-")[0] in settings.LANGUAGES_BIDI else "ltr",
                note=note,
                status=str(statuses.get(rec.status, rec.status)),
                status_value=rec.status,
                position=str(positions.get(rec.position, "")),
                institution=str(rec.lead_institution) if rec.lead_institution_id else "",
                cluster=rec.cluster.name if rec.cluster_id else "",
                deadline=rec.update_deadline,
            )
        )
    return result


def _validated(queryset: QuerySet[Recommendation]) -> QuerySet[ProgressUpdate]:
    return (
        ProgressUpdate.objects.filter(
            recommendation_id__in=queryset.order_by().values("pk"), state=ProgressUpdate.State.VALIDATED
        )
        .select_related("institution")
        .order_by("recommendation_id", "-reviewed_at", "-pk")
    )


def attach_latest(report_items: list[Item], queryset: QuerySet[Recommendation]) -> None:
    """Each item's latest validated update (1 query)."""
    statuses = dict(Recommendation.Status.choices)
    by_pk = {item.pk: item for item in report_items}
    for update in _validated(queryset).iterator(chunk_size=2000):
        item = by_pk.get(update.recommendation_id)
        if item is not None and item.latest is None:
            item.latest = _quote(update, statuses)


def attach_measures(report_items: list[Item], queryset: QuerySet[Recommendation]) -> None:
    """Every validated update of each item, oldest first (1 query)."""
    statuses = dict(Recommendation.Status.choices)
    by_pk = {item.pk: item for item in report_items}
    for update in _validated(queryset):
        item = by_pk.get(update.recommendation_id)
        if item is not None:
            item.measures.insert(0, _quote(update, statuses))
    for item in report_items:
        item.latest = item.measures[-1] if item.measures else None


# Scope -------------------------------------------------------------------------------------------


def scope_queryset(report: Report) -> QuerySet[Recommendation]:
    """The recommendations a report covers: its kind's base set narrowed by its scope filters."""
    queryset = Recommendation.objects.all()
    if settings.NMIRF_STATE:
        queryset = queryset.filter(state__code=settings.NMIRF_STATE)
    if report.kind == Report.Kind.MECHANISM:
        queryset = mechanism_scope(report, queryset)
    elif report.kind == Report.Kind.INSTITUTION:
        queryset = queryset.filter(
            Q(lead_institution_id=report.institution_id)
            | Q(pk__in=Recommendation.supporting_institutions.through.objects.filter(
                institution_id=report.institution_id
            ).values("recommendation_id"))
        )  # fmt: skip
    if report.scope:
        query = RecommendationQuery.from_params(QueryDict(report.scope), staff=True)
        queryset = query.apply(queryset, language=report.language)
    return queryset.order_by()


def latest_document(mechanism: Mechanism) -> SourceDocument | None:
    documents = SourceDocument.objects.filter(mechanism=mechanism)
    if settings.NMIRF_STATE:
        documents = documents.filter(state__code=settings.NMIRF_STATE)
    return documents.exclude(date=None).order_by("-date", "-pk").first() or documents.order_by("-pk").first()


def mechanism_scope(report: Report, queryset: QuerySet[Recommendation]) -> QuerySet[Recommendation]:
    """The UPR: the cycle's recommendations (the mid-term report: those supported); a treaty body: its
    latest concluding observations (the follow-up report: the items of a reporting-calendar deadline)."""
    queryset = queryset.filter(mechanism_id=report.mechanism_id)
    if report.mechanism.type == Mechanism.Type.UPR:
        queryset = queryset.filter(cycle=report.cycle) if report.cycle else queryset
        if report.variant == Report.Variant.MIDTERM:
            queryset = queryset.filter(position__in=["supported", "supported_in_part"])
        return queryset
    document = latest_document(report.mechanism)
    if document is not None:
        queryset = queryset.filter(source_document=document)
    if report.variant == Report.Variant.FOLLOWUP:
        followup = queryset.filter(deadlines__isnull=False).distinct()
        if followup.exists():
            return Recommendation.objects.filter(pk__in=followup.values("pk"))
    return queryset


def latest_cycle(mechanism: Mechanism) -> int | None:
    return (
        Recommendation.objects.filter(mechanism=mechanism, cycle__isnull=False)
        .order_by("-cycle")
        .values_list("cycle", flat=True)
        .first()
    )


# Sections shared by the kinds ---------------------------------------------------------------------


def _status_table_headers() -> list[str]:
    return [str(label) for _value, label in Recommendation.Status.choices]


def progress_sections(queryset: QuerySet[Recommendation], *, until: datetime.date) -> list[dict]:
    titles = {
        "cluster": (_("Progress by cluster"), _("Cluster")),
        "mechanism": (_("Progress by mechanism"), _("Mechanism")),
        "goal": (_("Progress by SDG goal"), _("SDG goal")),
        "institution": (_("Progress by lead institution"), _("Lead institution")),
    }
    sections = []
    for dimension in statistics.DIMENSIONS:
        rows = statistics.progress_by(queryset, dimension)
        title, column = titles[dimension]
        sections.append(status_section(f"progress-{dimension}", title, column, rows))
    rows = statistics.progress_over_time(queryset, until=until)
    sections.append(status_section("progress-time", _("Progress over time"), _("Quarter"), rows))
    return sections


def status_section(anchor: str, title: str, column: str, rows: list[statistics.StatusRow]) -> dict:
    description = _(
        "Recommendations in each implementation status, by %(what)s; the table beside it gives the figures."
    )
    numbered = translation.get_language_bidi()
    return {
        "id": anchor,
        "title": title,
        "column": column,
        "rows": rows,
        "numbered": numbered,
        "chart": charts.stacked_status_bars(
            rows, title=title, description=description % {"what": column.lower()}, numbered=numbered
        ),
        "legend": charts.status_legend(),
    }


def coverage_section(queryset: QuerySet[Recommendation], today: datetime.date) -> dict:
    coverage = statistics.coverage(queryset, today=today)
    title = _("Coverage")
    numbered = translation.get_language_bidi()
    return {
        "id": "coverage",
        "title": title,
        "coverage": coverage,
        "numbered": numbered,
        "chart": charts.percent_bars(
            [(label, percent) for label, _n, percent in coverage.rows],
            title=title,
            description=_("Share of the recommendations in scope; the table beside it gives the figures."),
            numbered=numbered,
        ),
    }


def _actions(queryset: QuerySet[Recommendation]) -> list[Action]:
    in_scope = queryset.order_by().values("pk")
    clusters = queryset.order_by().exclude(cluster_id=None).values("cluster_id")
    return list(
        Action.objects.filter(Q(recommendation_id__in=in_scope) | Q(cluster_id__in=clusters))
        .select_related("lead_institution", "recommendation__mechanism", "cluster")
        .order_by("end_date", "pk")
    )


def _indicators(queryset: QuerySet[Recommendation], actions: list[Action]) -> list[ImpactIndicator]:
    in_scope = queryset.order_by().values("pk")
    latest = DataPoint.objects.filter(
        indicator=OuterRef("pk"), sex="", age="", region="", disability=""
    ).order_by("-date", "-pk")
    return list(
        ImpactIndicator.objects.filter(
            Q(recommendations__in=in_scope) | Q(actions__in=[a.pk for a in actions])
        )
        .distinct()
        .annotate(
            latest_value=Subquery(latest.values("value")[:1]), latest_date=Subquery(latest.values("date")[:1])
        )
        .order_by("name", "pk")
    )


def _overdue(report_items: list[Item], actions: list[Action], as_of: datetime.date) -> list[dict]:
    """Open recommendations and actions past their update deadline, grouped by lead institution."""
    groups: dict[str, list[dict]] = defaultdict(list)
    none = _("No lead institution")
    for item in report_items:
        if item.deadline and item.deadline < as_of and item.status_value not in CLOSED_STATUSES:
            groups[item.institution or none].append(
                {"label": item.reference, "deadline": item.deadline, "days": (as_of - item.deadline).days}
            )
    for action in actions:
        if action.update_deadline and action.update_deadline < as_of and action.status not in CLOSED_STATUSES:
            institution = str(action.lead_institution) if action.lead_institution_id else none
            label = _("Action: %(title)s") % {"title": action.title}
            groups[institution].append(
                {
                    "label": label,
                    "deadline": action.update_deadline,
                    "days": (as_of - action.update_deadline).days,
                }
            )
    return [
        {"id": f"overdue-{index}", "institution": name, "items": sorted(entries, key=lambda e: -e["days"])}
        for index, (name, entries) in enumerate(
            sorted(groups.items(), key=lambda pair: (-len(pair[1]), pair[0])), 1
        )
    ]


def _status_changes(changes: list[statistics.StatusChange], report_items: list[Item]) -> list[dict]:
    """The changes of the period grouped by the status reached, each item by its reference."""
    references = {item.pk: item.reference for item in report_items}
    titles = dict(
        Action.objects.filter(pk__in={c.action_id for c in changes if c.action_id}).values_list("pk", "title")
    )
    by_status: dict[str, list[str]] = defaultdict(list)
    for change in changes:
        if change.recommendation_id:
            label = references.get(change.recommendation_id, f"#{change.recommendation_id}")
        else:
            label = _("Action: %(title)s") % {"title": titles.get(change.action_id, "")}
        by_status[change.status].append(label)
    return [
        {"status": label, "items": by_status[value]}
        for value, label in Recommendation.Status.choices
        if by_status.get(value)
    ]


def _common(report: Report, today: datetime.date) -> dict:
    names = _language_names()
    return {
        "report": report,
        "kind_label": report.get_kind_display(),
        "variant_label": report.get_variant_display() if report.variant else "",
        "language": report.language,
        "language_name": names.get(report.language, report.language),
        "generated": today,
        "state_label": report.get_state_display(),
        "status_headers": _status_table_headers(),
        "site_url": settings.SITE_URL,
    }


def _as_of(report: Report, today: datetime.date) -> datetime.date:
    return min(report.period_end, today)


# The three kinds ----------------------------------------------------------------------------------


def parliament_content(report: Report, today: datetime.date) -> dict:
    queryset = scope_queryset(report)
    as_of = _as_of(report, today)
    report_items = items(queryset, report.language)
    attach_latest(report_items, queryset)
    actions = _actions(queryset)
    legislation = set(queryset.filter(requires_legislation=True).values_list("pk", flat=True))
    changes = statistics.status_changes(queryset, start=report.period_start, end=report.period_end)
    context = _common(report, today)
    context.update(
        headline=statistics.headline(
            queryset, start=report.period_start, end=report.period_end, today=as_of, changes=changes
        ),
        progress=progress_sections(queryset, until=as_of),
        coverage=coverage_section(queryset, as_of),
        repeated=statistics.repeated_count(queryset),
        status_changes=_status_changes(changes, report_items),
        actions=actions,
        indicators=_indicators(queryset, actions),
        legislation=[item for item in report_items if item.pk in legislation],
        overdue=_overdue(report_items, actions, as_of),
        annex=report_items,
    )
    context["toc"] = [
        ("summary", _("Summary")),
        *[(section["id"], section["title"]) for section in context["progress"]],
        ("coverage", _("Coverage")),
        ("changes", _("Status changes in the period")),
        ("actions", _("Actions and indicators")),
        ("legislation", _("Recommendations that require legislation")),
        ("overdue", _("Overdue items by institution")),
        ("annex", _("Annex: recommendations in scope")),
    ]
    return context


def mechanism_content(report: Report, today: datetime.date) -> dict:
    queryset = scope_queryset(report)
    report_items = items(queryset, report.language)
    attach_measures(report_items, queryset)
    groups: dict[str, list[Item]] = defaultdict(list)
    for item in report_items:
        groups[item.cluster].append(item)
    other = _("Other recommendations")
    grouped = [
        {"id": f"group-{index}", "title": name or other, "items": entries}
        for index, (name, entries) in enumerate(
            sorted(groups.items(), key=lambda pair: (not pair[0], pair[0])), 1
        )
    ]
    gaps = []
    for item in report_items:
        if not item.measures:
            gaps.append((item, _("No validated measure has been reported.")))
        elif item.status_value in (Recommendation.Status.NO_INFORMATION, Recommendation.Status.NOT_STARTED):
            gaps.append((item, _("Implementation has not started.")))
    document = None if report.mechanism.type == Mechanism.Type.UPR else latest_document(report.mechanism)
    context = _common(report, today)
    context.update(
        mechanism=report.mechanism,
        document=document,
        headline=statistics.headline(queryset, start=report.period_start, end=report.period_end, today=today),
        positions=statistics.progress_by(queryset, "cluster"),
        groups=grouped,
        gaps=gaps,
        total=len(report_items),
    )
    context["toc"] = [
        ("summary", _("Summary")),
        ("measures", _("Measures taken, by cluster")),
        *[(group["id"], group["title"]) for group in grouped],
        ("gaps", _("Gaps")),
    ]
    return context


def institution_content(report: Report, today: datetime.date) -> dict:
    institution: Institution = report.institution
    queryset = scope_queryset(report)
    as_of = _as_of(report, today)
    report_items = items(queryset, report.language)
    attach_latest(report_items, queryset)
    lead_ids = set(queryset.filter(lead_institution=institution).values_list("pk", flat=True))
    lead = [item for item in report_items if item.pk in lead_ids]
    supporting = [item for item in report_items if item.pk not in lead_ids]
    actions = list(
        Action.objects.filter(Q(lead_institution=institution) | Q(supporting_institutions=institution))
        .distinct()
        .select_related("lead_institution", "recommendation__mechanism", "cluster")
        .order_by("end_date", "pk")
    )
    statuses = dict(Recommendation.Status.choices)
    states = dict(ProgressUpdate.State.choices)
    updates = [
        (update, states.get(update.state, update.state), _quote(update, statuses))
        for update in ProgressUpdate.objects.filter(
            institution=institution,
            submitted_at__date__gte=report.period_start,
            submitted_at__date__lte=report.period_end,
        )
        .exclude(state=ProgressUpdate.State.DRAFT)
        .select_related(
            "institution", "recommendation__mechanism", "recommendation__source_document", "action"
        )
        .order_by("submitted_at", "pk")
    ]
    context = _common(report, today)
    context.update(
        institution=institution,
        headline=statistics.headline(queryset, start=report.period_start, end=report.period_end, today=as_of),
        progress=[
            status_section(
                "progress-mechanism",
                _("Progress by mechanism"),
                _("Mechanism"),
                statistics.progress_by(queryset, "mechanism"),
            )
        ],
        lead=lead,
        supporting=supporting,
        actions=actions,
        updates=[
            {
                "date": update.submitted_at.date(),
                "item": _reference(update.recommendation)
                if update.recommendation_id
                else update.action.title,
                "state": state,
                "quote": quote,
            }
            for update, state, quote in updates
        ],
        overdue=_overdue(
            report_items, [a for a in actions if a.lead_institution_id == institution.pk], as_of
        ),
    )
    context["toc"] = [
        ("summary", _("Summary")),
        ("progress-mechanism", _("Progress by mechanism")),
        ("assignments", _("Assignments")),
        ("actions", _("Actions")),
        ("updates", _("Progress updates in the period")),
        ("overdue", _("Overdue items")),
    ]
    return context


BUILDERS = {
    Report.Kind.PARLIAMENT: parliament_content,
    Report.Kind.MECHANISM: mechanism_content,
    Report.Kind.INSTITUTION: institution_content,
}


def report_content(report: Report, *, today: datetime.date) -> dict:
    return BUILDERS[report.kind](report, today)
