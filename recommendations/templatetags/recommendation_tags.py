"""Links that change one query parameter of a recommendations list and keep the others."""

from django import template
from django.conf import settings
from django.utils.translation import get_language, get_language_info

from recommendations.filters import RecommendationQuery
from recommendations.models import Recommendation
from recommendations.repeats import repeat_links as _repeat_links

register = template.Library()


@register.simple_tag
def repeat_links(recommendation: Recommendation, public: bool = False) -> dict[str, list[Recommendation]]:
    """The recommendations this one repeats and those repeating it (recommendations.repeats)."""
    return _repeat_links(recommendation, public=public)


@register.simple_tag
def facet_url(query: RecommendationQuery, name: str, value) -> str:
    """Toggle `value` in parameter `name`, back to the first page."""
    current = [str(item) for item in getattr(query, name)]
    value = str(value)
    values = [item for item in current if item != value] if value in current else [*current, value]
    return "?" + query.query_string(**{name: values, "page": 1})


@register.simple_tag
def facet_active(query: RecommendationQuery, name: str, value) -> bool:
    return str(value) in [str(item) for item in getattr(query, name)]


@register.simple_tag
def query_url(query: RecommendationQuery, **changes) -> str:
    """This list with some parameters changed, e.g. {% query_url query sort="date" page=1 %}."""
    return "?" + query.query_string(**changes)


@register.simple_tag
def hidden_params(query: RecommendationQuery, exclude: str) -> list[tuple[str, str]]:
    """The current parameters as (name, value) pairs for hidden inputs, leaving out `exclude`."""
    skip = set(exclude.split(","))
    return [
        (name, value) for name, values in query.as_params().lists() if name not in skip for value in values
    ]


@register.filter
def status_class(status: str) -> str:
    return {
        "implemented": "text-bg-success",
        "partially_implemented": "text-bg-info",
        "in_progress": "text-bg-primary",
        "not_started": "text-bg-warning",
        "not_applicable": "text-bg-secondary",
    }.get(status, "text-bg-light border")


@register.simple_tag
def shown_text(recommendation: Recommendation) -> dict[str, str]:
    """The text for the page's language, with the language it is in (for `lang` and a fallback note)."""
    language = get_language() or "en"
    text, text_language = recommendation.text_for(language)
    return {"text": text, "language": text_language, "fallback": text_language != language}


@register.simple_tag
def shown_field(obj, field: str) -> dict[str, object]:
    """A translated field in the page's language, or the first fallback that has it, saying which."""
    language = get_language() or "en"
    for code in (language, *settings.MODELTRANSLATION_FALLBACK_LANGUAGES["default"]):
        value = getattr(obj, f"{field}_{code.replace('-', '_')}", None)
        if value:
            return {
                "text": value,
                "language": code,
                "fallback": code != language,
                "name": _language_name(code),
            }
    return {"text": getattr(obj, field, ""), "language": language, "fallback": False, "name": ""}


def _language_name(code: str) -> str:
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return code
