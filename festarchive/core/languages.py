"""Language names for ISO 639 codes, in the page's language, from pycountry."""

import gettext
from functools import cache

import pycountry
from django.utils.translation import get_language


@cache
def _translation(language: str) -> gettext.NullTranslations:
    return gettext.translation(
        "iso639-3", pycountry.LOCALES_DIR, languages=[language], fallback=True
    )


@cache
def _english_name(code: str) -> str:
    language = pycountry.languages.get(alpha_2=code) or pycountry.languages.get(
        alpha_3=code
    )
    return language.name if language else code


def language_name(code: str, language: str | None = None) -> str:
    """'uk' -> 'Ukrainian' (or 'Oekraïens' when the page is in Dutch)."""
    page_language = (language or get_language() or "en").split("-")[0]
    name = _english_name(code)
    if page_language == "en":
        return name
    return _translation(page_language).gettext(name)
