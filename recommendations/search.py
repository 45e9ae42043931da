"""Full-text search in the page's language.

On PostgreSQL: the language's text-search configuration over that language's text (so "women" finds
"woman"), plus the English text, which is the fallback shown for untranslated recommendations; both
are GIN expression indexes (migration 0003). Chinese has no PostgreSQL configuration and uses
character matching with a trigram index; SQLite (the trial set-up) uses plain containment.
"""

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Q, QuerySet

PG_CONFIGS = {"ar": "arabic", "en": "english", "es": "spanish", "fr": "french", "ru": "russian"}


def field_suffix(language: str) -> str:
    return language.replace("-", "_")


def search_filter(queryset: QuerySet, text: str, *, language: str, rank: bool = False) -> QuerySet:
    column = f"text_{field_suffix(language)}"
    if connection.vendor != "postgresql":
        return queryset.filter(Q(**{f"{column}__icontains": text}) | Q(text_en__icontains=text))
    config = PG_CONFIGS.get(language)
    english = SearchVector("text_en", config="english")
    english_query = SearchQuery(text, config="english", search_type="websearch")
    if config is None:
        condition = Q(**{f"{column}__icontains": text}) | Q(search_en=english_query)
        queryset = queryset.annotate(search_en=english).filter(condition)
        if rank:
            queryset = queryset.annotate(rank=SearchRank(english, english_query))
        return queryset
    own = SearchVector(column, config=config)
    own_query = SearchQuery(text, config=config, search_type="websearch")
    if language == "en":
        queryset = queryset.annotate(search_en=english).filter(search_en=english_query)
        return queryset.annotate(rank=SearchRank(english, english_query)) if rank else queryset
    queryset = queryset.annotate(search_own=own, search_en=english).filter(
        Q(search_own=own_query) | Q(search_en=english_query)
    )
    if rank:
        queryset = queryset.annotate(rank=SearchRank(own, own_query) + SearchRank(english, english_query))
    return queryset
