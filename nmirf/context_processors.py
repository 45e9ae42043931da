from django.conf import settings
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils.translation import get_language_info, override


def _local_name(code: str, label: str) -> str:
    try:
        return get_language_info(code)["name_local"]
    except KeyError:  # a national language Django does not know: the label from settings
        return str(label)


def _same_page_in(request: HttpRequest, code: str) -> str:
    """This page's address in language `code`, query string kept (translate_url, without resolving the
    path again for every language: the request already knows its view)."""
    match = request.resolver_match
    if match is not None and match.url_name:
        try:
            with override(code):
                path = reverse(match.view_name, args=match.args, kwargs=match.kwargs)
        except NoReverseMatch:
            pass
        else:
            query = request.META.get("QUERY_STRING", "")
            return f"{path}?{query}" if query else path
    return translate_url(request.get_full_path(), code)


def site(request: HttpRequest) -> dict:
    """The language switcher's links: this same page in each language."""
    return {
        "language_links": [
            {"code": code, "name": _local_name(code, label), "url": _same_page_in(request, code)}
            for code, label in settings.LANGUAGES
        ],
    }
