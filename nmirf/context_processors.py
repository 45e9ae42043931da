from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url
from django.utils.translation import get_language_info


def _local_name(code: str, label: str) -> str:
    try:
        return get_language_info(code)["name_local"]
    except KeyError:  # a national language Django does not know: the label from settings
        return str(label)


def site(request: HttpRequest) -> dict:
    """The language switcher's links: this same page in each language."""
    path = request.get_full_path()
    return {
        "language_links": [
            {"code": code, "name": _local_name(code, label), "url": translate_url(path, code)}
            for code, label in settings.LANGUAGES
        ],
    }
