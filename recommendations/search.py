"""Full-text search in the page's language.

On PostgreSQL: the language's text-search configuration over that language's text (so "women" finds
"woman"), plus the English text, which is the fallback shown for untranslated recommendations; both
are stored tsvector columns with GIN indexes (migration 0007), so ranking by relevance reads them. Chinese has no PostgreSQL configuration and uses
character matching with a trigram index; SQLite (the trial set-up) uses plain containment.
"""

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db import connection
from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL

PG_CONFIGS = {"ar": "arabic", "en": "english", "es": "spanish", "fr": "french", "ru": "russian"}


def field_suffix(language: str) -> str:
    return language.replace("-", "_")


def stored_vector(language: str) -> RawSQL:
    """The generated tsvector column of `language` (migration 0007), unqualified so that it also works
    inside subqueries; no other table of a recommendations query has a column of that name."""
    if language not in PG_CONFIGS:
        raise ValueError(f"no stored search vector for {language!r}")
    column = f"search_{field_suffix(language)}"
    return RawSQL(column, [], output_field=SearchVectorField())  # noqa: S611 - a column name of PG_CONFIGS


def search_filter(queryset: QuerySet, text: str, *, language: str, rank: bool = False) -> QuerySet:
    column = f"text_{field_suffix(language)}"
    if connection.vendor != "postgresql":
        return queryset.filter(Q(**{f"{column}__icontains": text}) | Q(text_en__icontains=text))
    config = PG_CONFIGS.get(language)
    english = stored_vector("en")
    english_query = SearchQuery(text, config="english", search_type="websearch")
    if config is None:
        condition = Q(**{f"{column}__icontains": text}) | Q(search_en=english_query)
        queryset = queryset.alias(search_en=english).filter(condition)
        if rank:
            queryset = queryset.annotate(rank=SearchRank(english, english_query))
        return queryset
    if language == "en":
        queryset = queryset.alias(search_en=english).filter(search_en=english_query)
        return queryset.annotate(rank=SearchRank(english, english_query)) if rank else queryset
    own = stored_vector(language)
    own_query = SearchQuery(text, config=config, search_type="websearch")
    queryset = queryset.alias(search_own=own, search_en=english).filter(
        Q(search_own=own_query) | Q(search_en=english_query)
    )
    if rank:
        queryset = queryset.annotate(rank=SearchRank(own, own_query) + SearchRank(english, english_query))
    return queryset
