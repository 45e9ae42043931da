"""Repeated recommendations: the same State told the same thing again in a later review.

Two recommendations of the same State under review are a repeat when their texts (English, where
there is an English text, else the original), normalised (case,
accents, punctuation and spacing folded; a leading paragraph number and the closing recommending
States of UPR texts removed), are at least 90 % alike by rapidfuzz's `fuzz.ratio`, and they come from
different reviews. A review is a UPR cycle of the mechanism (mechanism and cycle) or, without a cycle,
one report of a body (mechanism and source document, else mechanism and date): two recommendations of
the same review are never linked.

Which one is earlier: the lower UPR cycle when both have one and they differ; otherwise the earlier
date (a missing date counts as latest); otherwise, on the same cycle and date, the one stored first
(lower id). The link points from the later recommendation to the earlier one.

Candidates are blocked cheaply per State: every text is indexed under its rarest words (a prefix of its
words that other texts of the State also use, sorted by how few do; words in most texts are never
keys), and only pairs sharing one of those words, with lengths that allow a 90 % ratio, are scored.
"""

import datetime
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from rapidfuzz import fuzz

from nmirf.models import AuditEntry
from recommendations.importing.rows import normalise_text
from recommendations.models import ImportBatch, Recommendation, RecommendationRepeat

THRESHOLD = 90
PREFIX_SHARE = 0.15  # share of a text's shared words (its rarest) under which it is indexed
MIN_PREFIX = 3
COMMON_SHARE = 0.05  # a word in more of a State's texts than this (and than COMMON_MIN) is no index key
COMMON_MIN = 100
BATCH_SIZE = 5000


@dataclass(frozen=True, slots=True)
class _Row:
    pk: int
    text: str
    review: tuple[int, object]
    order: tuple[int, datetime.date, int]


def fold_text(text: str) -> str:
    """A text reduced for comparison: normalise_text, then accents removed."""
    decomposed = unicodedata.normalize("NFKD", normalise_text(text))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _row(values: tuple) -> _Row | None:
    pk, english, text, mechanism_id, cycle, document_id, date = values
    folded = fold_text(english or text or "")
    if not folded:
        return None
    review = (mechanism_id, ("cycle", cycle) if cycle is not None else ("document", document_id or date))
    order = (cycle if cycle is not None else 0, date or datetime.date.max, pk)
    return _Row(pk, folded, review, order)


def _earlier(a: _Row, b: _Row) -> bool:
    """Whether a is earlier than b (see the module's rule)."""
    if a.order[0] and b.order[0] and a.order[0] != b.order[0]:
        return a.order[0] < b.order[0]
    return a.order[1:] < b.order[1:]


def _pairs(rows: list[_Row]) -> list[tuple[int, int, int]]:
    """(later pk, earlier pk, score) for every repeat among one State's recommendations."""
    words = [set(row.text.split()) for row in rows]
    frequency: Counter[str] = Counter()
    for distinct in words:
        frequency.update(distinct)
    common = max(COMMON_MIN, int(len(rows) * COMMON_SHARE))
    index: dict[str, list[int]] = defaultdict(list)
    for position, distinct in enumerate(words):
        shared = sorted(
            (word for word in distinct if 1 < frequency[word] <= common),
            key=lambda word: (frequency[word], word),
        )
        for word in shared[: max(MIN_PREFIX, int(len(shared) * PREFIX_SHARE) + 1)]:
            index[word].append(position)
    found: list[tuple[int, int, int]] = []
    seen: set[tuple[int, int]] = set()
    lowest, highest = THRESHOLD / (200 - THRESHOLD), (200 - THRESHOLD) / THRESHOLD
    for positions in index.values():
        for i, first in enumerate(positions):
            a = rows[first]
            for second in positions[i + 1 :]:
                b = rows[second]
                if a.review == b.review or (first, second) in seen:
                    continue
                seen.add((first, second))
                if not lowest <= len(a.text) / len(b.text) <= highest:
                    continue
                score = fuzz.ratio(a.text, b.text, score_cutoff=THRESHOLD)
                if score:
                    later, earlier = (b, a) if _earlier(a, b) else (a, b)
                    found.append((later.pk, earlier.pk, min(100, int(score))))
    return found


def _state_ids(state_ids: Iterable[int] | None) -> list[int]:
    if state_ids is not None:
        return sorted(set(state_ids))
    return list(Recommendation.objects.order_by().values_list("state_id", flat=True).distinct())


def repeats_find(*, state_ids: Iterable[int] | None = None) -> int:
    """Find the repeats of the given States (all States when None) and replace their links.

    Each State's links are replaced in one transaction, so a second run changes nothing. Returns the
    number of links written.
    """
    written = 0
    for state_id in _state_ids(state_ids):
        values = (
            Recommendation.objects.rewrite(False)
            .filter(state_id=state_id)
            .order_by("pk")
            .values_list("pk", "text_en", "text", "mechanism_id", "cycle", "source_document_id", "date")
        )
        rows = [row for row in map(_row, values.iterator(chunk_size=BATCH_SIZE)) if row is not None]
        now = timezone.now()
        links = [
            RecommendationRepeat(recommendation_id=later, repeats_id=earlier, score=score, found_at=now)
            for later, earlier, score in _pairs(rows)
        ]
        with transaction.atomic():
            RecommendationRepeat.objects.filter(recommendation__state_id=state_id).delete()
            RecommendationRepeat.objects.bulk_create(links, batch_size=BATCH_SIZE)
        written += len(links)
    return written


def import_state_ids(*, batch_id: int) -> list[int]:
    """The States whose recommendations an import brought or changed."""
    batch = ImportBatch.objects.get(pk=batch_id)
    changed = (
        AuditEntry.objects.filter(
            batch_id=batch.audit_batch_id,
            content_type__app_label="recommendations",
            content_type__model="recommendation",
        )
        .values_list("object_id", flat=True)
        .distinct()
        if batch.audit_batch_id
        else []
    )
    states = Recommendation.objects.filter(import_batch_id=batch_id).values_list("state_id", flat=True)
    touched = Recommendation.objects.filter(pk__in=[int(pk) for pk in changed]).values_list(
        "state_id", flat=True
    )
    return sorted(set(states) | set(touched))


def repeat_links(recommendation: Recommendation, *, public: bool) -> dict[str, list[Recommendation]]:
    """The earlier recommendations this one repeats and the later ones repeating it (one query).

    On the public portal only published recommendations are shown.
    """
    found: dict[str, list[Recommendation]] = {"repeats": [], "repeated_by": []}
    links = RecommendationRepeat.objects.filter(
        Q(recommendation=recommendation) | Q(repeats=recommendation)
    ).select_related(
        "recommendation__mechanism",
        "recommendation__source_document",
        "repeats__mechanism",
        "repeats__source_document",
    )
    for link in links:
        if link.recommendation_id == recommendation.pk:
            found["repeats"].append(link.repeats)
        else:
            found["repeated_by"].append(link.recommendation)
    for name, others in found.items():
        found[name] = sorted(
            (other for other in others if other.published or not public),
            key=lambda other: (other.date or datetime.date.max, other.cycle or 0, other.pk),
        )
    return found
