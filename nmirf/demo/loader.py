"""Loading the demo data set of `nmirf.demo.content`: the Republic of Valdoria, its NMIRF and its users.

`demo_load` is deterministic and idempotent. Every record has a natural key (country code, institution
and cluster English name, document symbol, document and paragraph, username), so a second run finds
what the first one created and updates it in place; choices that look random (recommending States,
statuses, withheld recommendations) come from a stable hash of the record's key. Writes are in bulk,
and the created or changed clusters, source documents and recommendations are recorded in one audit
batch (action `load_demo`), so that their history says where they came from.
"""

from __future__ import annotations

import hashlib
import heapq
import string
import uuid
from bisect import bisect_right
from collections import Counter
from collections.abc import Hashable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from functools import cache
from itertools import accumulate
from typing import Any, Generic, TypeVar

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password, make_password
from django.contrib.auth.models import Group
from django.db import models, transaction
from django.utils import timezone, translation
from modeltranslation import settings as mt_settings
from modeltranslation.translator import NotRegistered, translator
from modeltranslation.utils import build_localized_fieldname

from focalpoints.models import (
    Action,
    Deadline,
    FocalPoint,
    ImpactIndicator,
    Institution,
    ProgressUpdate,
    UpdateComment,
)
from focalpoints.services import (
    action_create,
    action_update,
    data_point_add,
    deadline_apply,
    deadline_create,
    deadline_update,
    indicator_create,
    indicator_update,
    narrative_clean,
)
from nmirf.audit import Change, audit_record, snapshot, snapshot_many
from nmirf.demo import content
from nmirf.demo.content import DocumentSpec, Rec, Section, Topic, Tr, UprItem
from nmirf.models import AuditBatch, AuditEntry
from recommendations.models import (
    Cluster,
    ConcernedGroup,
    Country,
    Mechanism,
    Recommendation,
    SourceDocument,
    Theme,
)
from recommendations.ordering import paragraph_key
from sdg.models import Goal, Target
from sdg.models import Indicator as SdgIndicator
from sdg.services import sdg_load_shipped

M = TypeVar("M", bound=models.Model)
K = TypeVar("K", bound=Hashable)

# The languages the content is written in, and how a UPR report prints the recommending State.
TEXT_LANGUAGES = ("en", "fr", "es", "ar")
UPR_STATE_SUFFIX = {"en": " ({state});", "fr": " ({state}) ;", "es": " ({state});", "ar": " ({state})؛"}

Kind = Recommendation.Kind
Status = Recommendation.Status


class DemoError(Exception):
    """The demo data cannot be loaded; the message says why in one line."""


@dataclass
class Tally:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def add(self, other: Tally) -> None:
        self.created += other.created
        self.updated += other.updated
        self.unchanged += other.unchanged

    def __str__(self) -> str:
        return f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged"


@dataclass
class DemoResult:
    """What one run did, per kind of record (in the order they were loaded)."""

    counts: dict[str, Tally] = field(default_factory=dict)
    sdg_loaded: bool = False

    @property
    def created(self) -> int:
        return sum(tally.created for tally in self.counts.values())

    @property
    def updated(self) -> int:
        return sum(tally.updated for tally in self.counts.values())

    def summary(self) -> list[str]:
        lines = [f"Demo data: {content.STATE_NAMES['en']} ({content.STATE_CODE})"]
        if self.sdg_loaded:
            lines.append("  SDG framework: loaded first (it was missing)")
        lines += [f"  {name}: {tally}" for name, tally in self.counts.items()]
        if self.created or self.updated:
            lines.append(f"Done: {self.created} created, {self.updated} updated.")
        else:
            lines.append("Nothing to change: the demo data is already loaded.")
        return lines


@transaction.atomic
def demo_load(*, password: str) -> DemoResult:
    """Create or update the demo data set and the demo users (each with `password`)."""
    if not password:
        raise DemoError("the demo users need a non-empty password")
    result = DemoResult()
    # The original (untranslated) column of translated fields follows the default language.
    with translation.override(mt_settings.DEFAULT_LANGUAGE):
        result.sdg_loaded = _ensure_sdg()
        reference = _Reference.load()
        state = _load_state(result)
        institutions = _load_institutions(result)
        _load_users(result, password=password, institutions=institutions)
        changes: list[Change] = []
        clusters = _load_clusters(result, institutions=institutions, changes=changes)
        documents = _load_documents(result, state=state, reference=reference, changes=changes)
        _load_recommendations(
            result,
            state=state,
            reference=reference,
            institutions=institutions,
            clusters=clusters,
            documents=documents,
            changes=changes,
        )
        audit_record(
            user=None, action=content.AUDIT_ACTION, description=content.AUDIT_DESCRIPTION, changes=changes
        )
        _load_followup(result, reference=reference, institutions=institutions, clusters=clusters)
    return result


# Reference data ------------------------------------------------------------------------------------


def _all_topics_targets() -> set[str]:
    return {code for topic in content.TOPICS.values() for code in topic.targets}


def _ensure_sdg() -> bool:
    """Load the shipped SDG framework when the targets the demo links to are not there yet."""
    wanted = _all_topics_targets()
    if Target.objects.filter(code__in=wanted).count() == len(wanted):
        return False
    sdg_load_shipped()
    return True


@dataclass(frozen=True)
class _Reference:
    """Primary keys of the seeded records the demo refers to, by code."""

    mechanisms: dict[str, Mechanism]
    countries: dict[str, Country]
    themes: dict[str, int]
    groups: dict[str, int]
    goals: dict[str, int]
    targets: dict[str, int]

    @classmethod
    def load(cls) -> _Reference:
        topics = content.TOPICS.values()
        wanted = {
            "mechanism": {document.mechanism for document in _all_documents()},
            "country": {code for pool in content.POOLS.values() for code in pool}
            | {code for item in (*content.CYCLE_3, *content.CYCLE_4) for code in item.states},
            "theme": {code for topic in topics for code in topic.themes},
            "concerned group": {code for topic in topics for code in topic.groups},
            "SDG target": _all_topics_targets(),
        }
        reference = cls(
            mechanisms={m.code: m for m in Mechanism.objects.filter(code__in=wanted["mechanism"])},
            countries={c.code: c for c in Country.objects.filter(code__in=wanted["country"])},
            themes=dict(Theme.objects.filter(code__in=wanted["theme"]).values_list("code", "pk")),
            groups=dict(
                ConcernedGroup.objects.filter(code__in=wanted["concerned group"]).values_list("code", "pk")
            ),
            goals=dict(Goal.objects.values_list("code", "pk")),
            targets=dict(Target.objects.filter(code__in=wanted["SDG target"]).values_list("code", "pk")),
        )
        found = {
            "mechanism": reference.mechanisms,
            "country": reference.countries,
            "theme": reference.themes,
            "concerned group": reference.groups,
            "SDG target": reference.targets,
        }
        missing = [
            f"{kind} {code!r}"
            for kind, codes in wanted.items()
            for code in sorted(codes - found[kind].keys())
        ]
        if missing:
            shown = ", ".join(missing[:5]) + (f" and {len(missing) - 5} more" if len(missing) > 5 else "")
            raise DemoError(
                f"reference data missing ({shown}); run `manage.py migrate` and `manage.py load_sdg`"
            )
        return reference


# Generic upsert ------------------------------------------------------------------------------------


@dataclass
class _Upserted(Generic[K, M]):
    objects: dict[K, M]
    created: list[M]
    updated: list[M]


def _original_fields(model: type[models.Model], names: set[str]) -> set[str]:
    """The untranslated columns to write along with their default-language translations."""
    try:
        translated = translator.get_options_for_model(model).fields
    except NotRegistered:
        return set()
    return {
        base for base in translated if build_localized_fieldname(base, mt_settings.DEFAULT_LANGUAGE) in names
    }


def _upsert(model: type[M], *, found: Mapping[K, M], rows: Mapping[K, dict[str, Any]]) -> _Upserted[K, M]:
    """Create the rows not in `found` and write the changed values of the others, in bulk."""
    objects: dict[K, M] = {}
    created: list[M] = []
    updated: list[M] = []
    changed_fields: set[str] = set()
    for key, values in rows.items():
        obj = found.get(key)
        if obj is None:
            obj = model(**values)
            created.append(obj)
        else:
            changed = {name for name, value in values.items() if getattr(obj, name) != value}
            for name in changed:
                setattr(obj, name, values[name])
            if changed:
                updated.append(obj)
                changed_fields |= changed
        objects[key] = obj
    model.objects.bulk_create(created, batch_size=500)
    if updated:
        fields = sorted(changed_fields | _original_fields(model, changed_fields))
        model.objects.bulk_update(updated, fields, batch_size=500)
    return _Upserted(objects, created, updated)


def _tally(upserted: _Upserted[Any, Any]) -> Tally:
    created, updated = len(upserted.created), len(upserted.updated)
    return Tally(created, updated, len(upserted.objects) - created - updated)


def _sync_many_to_many(model: type[models.Model], name: str, wanted: dict[Any, set[int]]) -> None:
    """Make the relation `name` of each object (by pk) hold exactly the wanted ids, in bulk."""
    relation = model._meta.get_field(name)
    through = relation.remote_field.through
    source = relation.m2m_field_name() + "_id"
    target = relation.m2m_reverse_field_name() + "_id"
    existing = {
        (source_id, target_id): pk
        for pk, source_id, target_id in through.objects.filter(**{f"{source}__in": list(wanted)}).values_list(
            "pk", source, target
        )
    }
    desired = {(source_id, target_id) for source_id, targets in wanted.items() for target_id in targets}
    stale = [pk for pair, pk in existing.items() if pair not in desired]
    if stale:
        through.objects.filter(pk__in=stale).delete()
    missing = sorted(desired - existing.keys())
    through.objects.bulk_create([through(**{source: s, target: t}) for s, t in missing], batch_size=1000)


def _audited_upsert(
    model: type[M],
    *,
    found: Mapping[K, M],
    rows: Mapping[K, dict[str, Any]],
    relations: Mapping[str, Mapping[K, set[int]]],
    changes: list[Change],
) -> tuple[dict[K, M], Tally]:
    """Upsert with many-to-many relations, adding an audit change for each object created or changed."""
    before = snapshot_many(model, [obj.pk for obj in found.values()])
    upserted = _upsert(model, found=found, rows=rows)
    objects = upserted.objects
    for name, wanted in relations.items():
        _sync_many_to_many(model, name, {objects[key].pk: ids for key, ids in wanted.items()})
    after = snapshot_many(model, [obj.pk for obj in objects.values()])
    created = {obj.pk for obj in upserted.created}
    tally = Tally()
    for obj in objects.values():
        if obj.pk in created:
            changes.append(Change(obj, AuditEntry.Operation.CREATE, None, after[obj.pk]))
            tally.created += 1
        elif before[obj.pk] != after[obj.pk]:
            changes.append(Change(obj, AuditEntry.Operation.UPDATE, before[obj.pk], after[obj.pk]))
            tally.updated += 1
        else:
            tally.unchanged += 1
    return objects, tally


def _translated(name: str, text: Tr) -> dict[str, str]:
    """The localized fields of `name` for every language the text is written in."""
    return {
        build_localized_fieldname(name, lang): value
        for lang in TEXT_LANGUAGES
        if (value := getattr(text, lang))
    }


def _stable_hash(*parts: object) -> int:
    digest = hashlib.blake2b("|".join(map(str, parts)).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big")


# State, institutions, users ------------------------------------------------------------------------


def _load_state(result: DemoResult) -> Country:
    names = {build_localized_fieldname("name", lang): name for lang, name in content.STATE_NAMES.items()}
    upserted = _upsert(
        Country,
        found={c.code: c for c in Country.objects.filter(code=content.STATE_CODE)},
        rows={content.STATE_CODE: {"code": content.STATE_CODE, **names}},
    )
    result.counts["State"] = _tally(upserted)
    return upserted.objects[content.STATE_CODE]


def _load_institutions(result: DemoResult) -> dict[str, Institution]:
    """Institutions by content key; those with a parent are written after their parent."""
    english = build_localized_fieldname("name", "en")
    found_by_name = {
        getattr(obj, english): obj
        for obj in Institution.objects.filter(
            **{f"{english}__in": [spec.name.en for spec in content.INSTITUTIONS]}
        )
    }
    tally = Tally()
    by_key: dict[str, Institution] = {}
    for with_parent in (False, True):
        specs = [spec for spec in content.INSTITUTIONS if bool(spec.parent) == with_parent]
        rows = {
            spec.key: {
                **_translated("name", spec.name),
                "acronym": spec.acronym,
                "kind": spec.kind,
                "membership": spec.membership,
                "parent_id": by_key[spec.parent].pk if spec.parent else None,
                "active": True,
            }
            for spec in specs
        }
        found = {spec.key: found_by_name[spec.name.en] for spec in specs if spec.name.en in found_by_name}
        upserted = _upsert(Institution, found=found, rows=rows)
        by_key |= upserted.objects
        tally.add(_tally(upserted))
    result.counts["institutions"] = tally
    return by_key


def _load_users(result: DemoResult, *, password: str, institutions: dict[str, Institution]) -> None:
    user_model = get_user_model()
    groups = {group.name: group for group in Group.objects.filter(name__in={s.role for s in content.USERS})}
    missing = sorted({spec.role for spec in content.USERS} - groups.keys())
    if missing:
        raise DemoError(f"role groups missing ({', '.join(missing)}); run `manage.py migrate`")
    existing = {
        user.username: user
        for user in user_model.objects.filter(
            username__in=[s.username for s in content.USERS]
        ).prefetch_related("groups")
    }
    users, focal = Tally(), Tally()

    # Password hashing is slow on purpose: hash once, and check each distinct stored hash once.
    @cache
    def encoded_password() -> str:
        return make_password(password)

    @cache
    def is_password(encoded: str) -> bool:
        return check_password(password, encoded)

    for spec in content.USERS:
        values = {
            "first_name": spec.first_name,
            "last_name": spec.last_name,
            "email": f"{spec.username}@{content.EMAIL_DOMAIN}",
            "is_staff": spec.staff,
            "is_superuser": spec.superuser,
            "is_active": True,
        }
        user = existing.get(spec.username)
        if user is None:
            user = user_model(username=spec.username, password=encoded_password(), **values)
            user.save()
            user.groups.set([groups[spec.role]])
            users.created += 1
        else:
            changed = [name for name, value in values.items() if getattr(user, name) != value]
            for name in changed:
                setattr(user, name, values[name])
            if not is_password(user.password):
                user.password = encoded_password()
                changed.append("password")
            if changed:
                user.save(update_fields=changed)
            if {group.pk for group in user.groups.all()} != {groups[spec.role].pk}:
                user.groups.set([groups[spec.role]])
                changed.append("groups")
            if changed:
                users.updated += 1
            else:
                users.unchanged += 1
        if spec.institution:
            _load_focal_point(focal, spec=spec, user=user, institution=institutions[spec.institution])
    result.counts["users"] = users
    result.counts["focal points"] = focal


def _load_focal_point(tally: Tally, *, spec: content.UserSpec, user: Any, institution: Institution) -> None:
    """The user's current period of service (a person serves one institution at a time)."""
    values = {
        "institution_id": institution.pk,
        "role": spec.focal_role,
        "title": spec.title,
        "email": user.email,
        "start_date": spec.start,
    }
    current = FocalPoint.objects.filter(user=user, end_date__isnull=True).first()
    upserted = _upsert(
        FocalPoint,
        found={user.pk: current} if current else {},
        rows={user.pk: {"user_id": user.pk, **values}},
    )
    tally.add(_tally(upserted))


# Clusters and documents ----------------------------------------------------------------------------


def _load_clusters(
    result: DemoResult, *, institutions: dict[str, Institution], changes: list[Change]
) -> dict[str, Cluster]:
    english = build_localized_fieldname("name", "en")
    by_name = {
        getattr(obj, english): obj
        for obj in Cluster.all_objects.filter(
            **{f"{english}__in": [spec.name.en for spec in content.CLUSTERS]}
        )
    }
    rows = {
        spec.key: {
            **_translated("name", spec.name),
            build_localized_fieldname("objective", "en"): spec.objective,
            "lead_institution_id": institutions[spec.lead].pk,
        }
        for spec in content.CLUSTERS
    }
    clusters, result.counts["clusters"] = _audited_upsert(
        Cluster,
        found={spec.key: by_name[spec.name.en] for spec in content.CLUSTERS if spec.name.en in by_name},
        rows=rows,
        relations={
            "supporting_institutions": {
                spec.key: {institutions[key].pk for key in spec.support} for spec in content.CLUSTERS
            }
        },
        changes=changes,
    )
    return clusters


def _all_documents() -> list[DocumentSpec]:
    return [
        *content.UPR_REPORTS.values(),
        content.PLEDGE_DOCUMENT,
        *content.TREATY_BODY_DOCUMENTS,
        *content.SPECIAL_PROCEDURE_DOCUMENTS,
    ]


def _load_documents(
    result: DemoResult, *, state: Country, reference: _Reference, changes: list[Change]
) -> dict[str, SourceDocument]:
    specs = _all_documents()
    rows = {
        spec.symbol: {
            "symbol": spec.symbol,
            "mechanism_id": reference.mechanisms[spec.mechanism].pk,
            "state_id": state.pk,
            "title": spec.title,
            "date": spec.date,
            "session": spec.session,
            "cycle": spec.cycle,
        }
        for spec in specs
    }
    documents, result.counts["source documents"] = _audited_upsert(
        SourceDocument,
        found={doc.symbol: doc for doc in SourceDocument.all_objects.filter(symbol__in=rows)},
        rows=rows,
        relations={},
        changes=changes,
    )
    return documents


# Recommendations -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Row:
    """One recommendation as authored, before it is resolved against the database."""

    document: DocumentSpec
    paragraph: str
    topic: Topic
    kind: str
    text: Tr
    mix: str  # key of content.STATUS_MIX
    original: str = "en"
    position: str = ""
    states: tuple[str, ...] = ()
    status: str = ""
    status_date: date | None = None

    @property
    def key(self) -> str:
        return f"{self.document.symbol}#{self.paragraph}"


def _as_tr(text: str | Tr) -> Tr:
    return text if isinstance(text, Tr) else Tr(en=text)


def _recommending_states(item: UprItem, cycle: int, usage: Counter[str]) -> list[str]:
    """The States making `item`: spread so that each State makes few recommendations per cycle."""
    chosen = list(item.states)
    pool = content.POOLS[item.pool]
    seed = getattr(item.text, item.original)
    for slot in range(item.count - len(chosen)):
        candidates = [code for code in pool if code not in chosen]
        chosen.append(min(candidates, key=lambda code: (usage[code], _stable_hash(cycle, seed, slot, code))))
    usage.update(chosen)
    return chosen


def _upr_rows() -> Iterator[_Row]:
    for cycle, items in ((3, content.CYCLE_3), (4, content.CYCLE_4)):
        document = content.UPR_REPORTS[cycle]
        usage: Counter[str] = Counter()
        number = 0
        for item in items:
            for state in _recommending_states(item, cycle, usage):
                number += 1
                yield _Row(
                    document=document,
                    paragraph=f"{content.UPR_PARAGRAPHS[cycle]}.{number}",
                    topic=content.TOPICS[item.topic],
                    kind=Kind.RECOMMENDATION,
                    text=item.text,
                    mix=f"upr-{cycle}",
                    original=item.original,
                    position=item.position,
                    states=(state,),
                    status=item.status,
                    status_date=item.status_date,
                )


def _section_rows(documents: Mapping[DocumentSpec, tuple[Section, ...]]) -> Iterator[_Row]:
    for document, sections in documents.items():
        for section in sections:
            number = section.number
            if section.concern is not None:
                yield _Row(
                    document=document,
                    paragraph=str(number),
                    topic=content.TOPICS[section.topic],
                    kind=Kind.OBSERVATION,
                    text=_as_tr(section.concern),
                    mix="treaty",
                )
                number += 1
            for letter, entry in zip(string.ascii_lowercase, section.recs, strict=False):
                rec = entry if isinstance(entry, Rec) else Rec(entry)
                yield _Row(
                    document=document,
                    paragraph=f"{number} ({letter})" if len(section.recs) > 1 else str(number),
                    topic=content.TOPICS[rec.topic or section.topic],
                    kind=Kind.RECOMMENDATION,
                    text=_as_tr(rec.text),
                    mix="treaty",
                    status=rec.status,
                    status_date=rec.status_date,
                )


def _pledge_rows() -> Iterator[_Row]:
    for pledge in content.PLEDGES:
        yield _Row(
            document=content.PLEDGE_DOCUMENT,
            paragraph=pledge.paragraph,
            topic=content.TOPICS[pledge.topic],
            kind=Kind.VOLUNTARY_PLEDGE,
            text=_as_tr(pledge.text),
            mix="pledge",
        )


def _all_rows() -> list[_Row]:
    return [
        *_upr_rows(),
        *_pledge_rows(),
        *_section_rows(content.TREATY_BODY_DOCUMENTS),
        *_section_rows(content.SPECIAL_PROCEDURE_DOCUMENTS),
    ]


def _weighted_choice(choices: tuple[tuple[str, int], ...], number: int) -> str:
    """The choice that `number` falls on when each takes a share of the range by its weight."""
    bounds = list(accumulate(weight for _value, weight in choices))
    return choices[bisect_right(bounds, number % bounds[-1])][0]


def _status(row: _Row) -> tuple[str, date | None]:
    if row.status:
        return row.status, row.status_date
    if row.kind == Kind.OBSERVATION or not row.document.processed:
        return Status.NO_INFORMATION, None
    mix = content.STATUS_MIX[content.NOTED if row.position == content.NOTED else row.mix]
    status = _weighted_choice(mix, _stable_hash("status", row.key))
    if status == Status.NO_INFORMATION:
        return status, None
    first = row.document.date + timedelta(days=content.STATUS_DATE_DELAY_DAYS)
    span = (content.STATUS_DATE_LATEST - first).days
    return status, first + timedelta(days=_stable_hash("status date", row.key) % (span + 1))


def _state_label(country: Country, lang: str) -> str:
    label = content.STATE_LABELS.get(country.code, {}).get(lang)
    return label or getattr(country, build_localized_fieldname("name", lang)) or country.name_en


def _texts(row: _Row, countries: dict[str, Country]) -> Tr:
    """The text in each language; a UPR recommendation ends with its recommending State."""
    if not row.states:
        return row.text
    country = countries[row.states[0]]
    return Tr(
        **{
            lang: text + UPR_STATE_SUFFIX[lang].format(state=_state_label(country, lang))
            for lang in TEXT_LANGUAGES
            if (text := getattr(row.text, lang))
        }
    )


def _load_recommendations(
    result: DemoResult,
    *,
    state: Country,
    reference: _Reference,
    institutions: dict[str, Institution],
    clusters: dict[str, Cluster],
    documents: dict[str, SourceDocument],
    changes: list[Change],
) -> None:
    cluster_leads = {spec.key: spec.lead for spec in content.CLUSTERS}
    rows: dict[tuple[int, str], dict[str, Any]] = {}
    relations: dict[str, dict[tuple[int, str], set[int]]] = {
        "themes": {},
        "groups": {},
        "sdg_goals": {},
        "sdg_targets": {},
        "recommending_states": {},
        "supporting_institutions": {},
    }
    all_rows = _all_rows()
    withheld = set(
        heapq.nsmallest(
            content.WITHHELD, (row.key for row in all_rows), key=lambda key: _stable_hash("withheld", key)
        )
    )
    for row in all_rows:
        document = documents[row.document.symbol]
        key = (document.pk, row.paragraph)
        topic = row.topic
        processed = row.document.processed
        lead = (topic.lead or cluster_leads.get(topic.cluster, "")) if processed else ""
        status, status_date = _status(row)
        rows[key] = {
            "state_id": state.pk,
            **_translated("text", _texts(row, reference.countries)),
            "original_language": row.original,
            "kind": row.kind,
            "mechanism_id": document.mechanism_id,
            "source_document_id": document.pk,
            "paragraph": row.paragraph,
            "paragraph_key": paragraph_key(row.paragraph),
            "date": row.document.date,
            "cycle": row.document.cycle,
            "position": row.position,
            "cluster_id": clusters[topic.cluster].pk if processed and topic.cluster else None,
            "lead_institution_id": institutions[lead].pk if lead else None,
            "status": status,
            "status_date": status_date,
            # What the State accepted to do and can only do by law (not what it noted).
            "requires_legislation": topic.legislation
            and row.kind == Kind.RECOMMENDATION
            and row.position != content.NOTED,
            "published": row.key not in withheld,
            "external_id": ""
            if row.kind == Kind.VOLUNTARY_PLEDGE
            else str(uuid.uuid5(content.EXTERNAL_ID_NAMESPACE, row.key)),
        }
        relations["themes"][key] = {reference.themes[code] for code in topic.themes}
        relations["groups"][key] = {reference.groups[code] for code in topic.groups}
        relations["sdg_targets"][key] = {reference.targets[code] for code in topic.targets}
        relations["sdg_goals"][key] = {reference.goals[code.split(".")[0]] for code in topic.targets}
        relations["recommending_states"][key] = {reference.countries[code].pk for code in row.states}
        relations["supporting_institutions"][key] = (
            {institutions[code].pk for code in topic.support if code != lead} if processed else set()
        )
    found = {
        (rec.source_document_id, rec.paragraph): rec
        for rec in Recommendation.all_objects.filter(source_document__in=[pk for pk, _paragraph in rows])
    }
    recommendations, result.counts["recommendations"] = _audited_upsert(
        Recommendation,
        found={key: rec for key, rec in found.items() if key in rows},
        rows=rows,
        relations=relations,
        changes=changes,
    )
    # Their audit entries are named after the mechanism: give each its mechanism without a query.
    mechanisms = {mechanism.pk: mechanism for mechanism in reference.mechanisms.values()}
    for recommendation in recommendations.values():
        recommendation.mechanism = mechanisms[recommendation.mechanism_id]


# Follow-up: reporting calendar, actions, indicators, progress updates --------------------------------
# Written through focalpoints.services (each change audited as the system), so that applying a
# deadline sets the update deadline of its recommendations exactly as the secretariat's button does.


def _changed(obj: models.Model, values: dict[str, Any]) -> dict[str, Any]:
    changed = {}
    for name, value in values.items():
        current = getattr(obj, name)
        if isinstance(current, models.Manager):
            if {item.pk for item in current.all()} != {item.pk for item in value}:
                changed[name] = value
        elif current != value:
            changed[name] = value
    return changed


def _load_followup(
    result: DemoResult,
    *,
    reference: _Reference,
    institutions: dict[str, Institution],
    clusters: dict[str, Cluster],
) -> None:
    today = timezone.localdate()
    result.counts["deadlines"] = _load_deadlines(reference=reference, clusters=clusters, today=today)
    actions, result.counts["actions"] = _load_actions(
        institutions=institutions, clusters=clusters, today=today
    )
    result.counts["indicators"] = _load_indicators(actions=actions)
    result.counts["progress updates"] = _load_updates(
        institutions=institutions, clusters=clusters, actions=actions
    )


def _load_deadlines(*, reference: _Reference, clusters: dict[str, Cluster], today: date) -> Tally:
    english = build_localized_fieldname("title", "en")
    existing = {
        getattr(deadline, english): deadline
        for deadline in Deadline.objects.filter(
            **{f"{english}__in": [spec.title.en for spec in content.DEADLINES]}
        )
    }
    tally = Tally()
    for spec in content.DEADLINES:
        values = {
            **_translated("title", spec.title),
            "due_date": today + timedelta(days=spec.due_in),
            "updates_due": today + timedelta(days=spec.updates_in),
            "mechanism": reference.mechanisms[spec.mechanism] if spec.mechanism else None,
            "notes": spec.notes,
            "clusters": [clusters[key] for key in spec.clusters],
        }
        deadline = existing.get(spec.title.en)
        if deadline is None:
            deadline = deadline_create(user=None, values=values)
            tally.created += 1
        elif changed := _changed(deadline, values):
            deadline_update(user=None, deadline=deadline, values=changed)
            tally.updated += 1
        else:
            tally.unchanged += 1
            continue
        deadline_apply(user=None, deadline=deadline)
    return tally


def _load_actions(
    *, institutions: dict[str, Institution], clusters: dict[str, Cluster], today: date
) -> tuple[dict[str, Action], Tally]:
    english = build_localized_fieldname("title", "en")
    existing = {
        getattr(action, english): action
        for action in Action.objects.filter(**{f"{english}__in": [spec.title.en for spec in content.ACTIONS]})
    }
    tally = Tally()
    actions: dict[str, Action] = {}
    for spec in content.ACTIONS:
        values = {
            **_translated("title", spec.title),
            build_localized_fieldname("description", "en"): spec.description,
            "cluster": clusters[spec.cluster],
            "lead_institution": institutions[spec.lead],
            "supporting_institutions": [institutions[key] for key in spec.support],
            "start_date": spec.start,
            "end_date": spec.end,
            "status": spec.status,
            "budget_line": spec.budget_line,
            "update_deadline": today + timedelta(days=spec.update_in) if spec.update_in is not None else None,
        }
        action = existing.get(spec.title.en)
        if action is None:
            action = action_create(user=None, values=values)
            tally.created += 1
        elif changed := _changed(action, values):
            action = action_update(user=None, action=action, values=changed)
            tally.updated += 1
        else:
            tally.unchanged += 1
        actions[spec.key] = action
    return actions, tally


def _load_indicators(*, actions: dict[str, Action]) -> Tally:
    english = build_localized_fieldname("name", "en")
    existing = {
        getattr(indicator, english): indicator
        for indicator in ImpactIndicator.objects.filter(
            **{f"{english}__in": [spec.name.en for spec in content.INDICATORS]}
        )
    }
    sdg_indicators = {
        indicator.code: indicator
        for indicator in SdgIndicator.objects.filter(code__in=[spec.sdg for spec in content.INDICATORS])
    }
    tally = Tally()
    for spec in content.INDICATORS:
        values = {
            **_translated("name", spec.name),
            "unit": spec.unit,
            "baseline": Decimal(spec.baseline),
            "baseline_date": spec.baseline_date,
            "target": Decimal(spec.target),
            "target_date": spec.target_date,
            "sdg_indicator": sdg_indicators.get(spec.sdg),
            "actions": [actions[key] for key in spec.actions],
            "recommendations": list(
                Recommendation.objects.filter(
                    state__code=content.STATE_CODE, text_en__icontains=spec.recommendations_matching
                ).order_by("pk")
            ),
        }
        indicator = existing.get(spec.name.en)
        if indicator is None:
            indicator = indicator_create(user=None, values=values)
            tally.created += 1
        elif changed := _changed(indicator, values):
            indicator = indicator_update(user=None, indicator=indicator, values=changed)
            tally.updated += 1
        else:
            tally.unchanged += 1
        present = set(indicator.data_points.filter(update=None).values_list("date", "sex"))
        for on, value, sex in spec.values:
            if (on, sex) not in present:
                data_point_add(
                    user=None,
                    indicator=indicator,
                    values={
                        "date": on,
                        "value": Decimal(value),
                        "sex": sex,
                        "source": "National Statistics Office",
                    },
                )
    return tally


def _backdated(
    *, action: str, user: Any, when: Any, update: ProgressUpdate, operation: str, description: str = ""
) -> None:
    """An audit record of the demo update's history, dated when it happened in the story."""
    batch = audit_record(
        user=user,
        action=action,
        description=description,
        changes=[
            Change(
                update, operation, None if operation == AuditEntry.Operation.CREATE else {}, snapshot(update)
            )
        ],
    )
    AuditBatch.objects.filter(pk=batch.pk).update(created_at=when)


def _load_updates(
    *, institutions: dict[str, Institution], clusters: dict[str, Cluster], actions: dict[str, Action]
) -> Tally:
    now = timezone.now()
    names = {spec.author for spec in content.UPDATES} | {"secretariat"}
    users = {user.username: user for user in get_user_model().objects.filter(username__in=names)}
    services_by_user = {
        fp.user_id: fp.institution_id
        for fp in FocalPoint.objects.filter(user__in=users.values(), end_date=None)
    }
    reviewer = users.get("secretariat")
    tally = Tally()
    for spec in content.UPDATES:
        author = users[spec.author]
        institution_id = services_by_user[author.pk]
        if spec.action:
            item, lookup = actions[spec.action], {"action": actions[spec.action]}
        else:
            candidates = Recommendation.objects.filter(
                cluster=clusters[spec.cluster], lead_institution_id=institution_id
            ).exclude(status__in=("implemented", "not_applicable"))
            if not spec.proposed_status:  # validation confirms a status already reported
                candidates = candidates.exclude(status=Status.NO_INFORMATION)
            item = candidates.order_by("source_document__symbol", "paragraph", "pk")[spec.skip]
            lookup = {"recommendation": item}
        if ProgressUpdate.objects.filter(**lookup, institution_id=institution_id, created_by=author).exists():
            tally.unchanged += 1
            continue
        written = now - timedelta(days=spec.days_ago)
        reviewed = (
            now - timedelta(days=spec.reviewed_days_ago) if spec.reviewed_days_ago is not None else None
        )
        status = spec.proposed_status or item.status
        update = ProgressUpdate(
            **lookup,
            institution_id=institution_id,
            created_by=author,
            owner=author,
            narrative=narrative_clean(spec.narrative),
            proposed_status=status,
            period_start=(written - timedelta(days=180)).date(),
            period_end=(written - timedelta(days=1)).date(),
            links=list(spec.links),
            state=spec.state,
            submitted_at=None if spec.state == ProgressUpdate.State.DRAFT else written,
            submitted_by=None if spec.state == ProgressUpdate.State.DRAFT else author,
            reviewed_at=reviewed,
            reviewed_by=reviewer if reviewed else None,
            applied_status=status if spec.state == ProgressUpdate.State.VALIDATED else "",
            published=spec.state == ProgressUpdate.State.VALIDATED,
        )
        update.full_clean()
        update.save()
        create = AuditEntry.Operation.CREATE
        _backdated(action="update_create", user=author, when=written, update=update, operation=create)
        if spec.state != ProgressUpdate.State.DRAFT:
            _backdated(
                action="update_submit",
                user=author,
                when=written,
                update=update,
                operation=AuditEntry.Operation.UPDATE,
            )
        if reviewed:
            returned = spec.state == ProgressUpdate.State.RETURNED
            kind = UpdateComment.Kind.RETURN if returned else UpdateComment.Kind.VALIDATION
            comment = UpdateComment.objects.create(
                update=update, author=reviewer, kind=kind, text=spec.comment
            )
            UpdateComment.objects.filter(pk=comment.pk).update(created_at=reviewed)
            _backdated(
                action="update_return" if returned else "update_validate",
                user=reviewer,
                when=reviewed,
                update=update,
                operation=AuditEntry.Operation.UPDATE,
                description=spec.comment if returned else f"Status set to {Status(status).label}",
            )
        tally.created += 1
    return tally
