"""Where a recommendation came from: its document, its UPR session and cycle, and its import.

The import and the row are set by the importer (`recommendations.importing.writing.write`) and
kept by later imports. The document is the one stored on the record, or else, for a UPR
recommendation known only by its session (UPR Info's files name no document), the Working Group
report of the same State and session when another import brought that document.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from recommendations.importing.rows import first_number
from recommendations.models import Mechanism, Recommendation, SourceDocument


@dataclass(frozen=True)
class Source:
    """The public part of a recommendation's origin: its document and UPR session (no import)."""

    document: SourceDocument | None
    document_from_session: bool  # found through the State and session, not stored on the record
    session: str  # `UPR session 12 (cycle 2)`, or empty


def session_documents(pairs: Iterable[tuple[int, int]]) -> dict[tuple[int, int], SourceDocument]:
    """The UPR Working Group report of each (State id, session number) pair that has one (1 query)."""
    wanted = set(pairs)
    found: dict[tuple[int, int], SourceDocument] = {}
    if not wanted:
        return found
    documents = SourceDocument.objects.filter(
        mechanism__type=Mechanism.Type.UPR, state_id__in={state for state, _session in wanted}
    ).exclude(session="")
    for document in documents.order_by("symbol"):
        key = (document.state_id, first_number(document.session))
        if key in wanted:
            found.setdefault(key, document)
    return found


def session_key(recommendation: Recommendation) -> tuple[int, int] | None:
    """(State id, session number) of a recommendation with no document but a UPR session."""
    if recommendation.source_document_id or not recommendation.session:
        return None
    number = first_number(recommendation.session)
    return None if number is None else (recommendation.state_id, number)


def recommendation_source(recommendation: Recommendation) -> Source:
    """The document and session of one recommendation, for its pages (at most 1 query when its
    document is loaded with it). The import (`import_batch`, `import_row`) is read from the record."""
    document = recommendation.source_document if recommendation.source_document_id else None
    key = session_key(recommendation)
    if key is not None:
        document = session_documents([key]).get(key)
    return Source(
        document=document,
        document_from_session=key is not None and document is not None,
        session=recommendation.session_label(),
    )
