"""Content in two languages: pick the requested one, fall back to the other."""

from dataclasses import dataclass

from django.utils.translation import get_language

CONTENT_LANGUAGES = ("en", "nl")


@dataclass(frozen=True)
class LocalizedText:
    text: str
    language: str
    is_fallback: bool

    def __str__(self) -> str:
        return self.text

    def __bool__(self) -> bool:
        return bool(self.text)


def current_language() -> str:
    language = (get_language() or "en").split("-")[0]
    return language if language in CONTENT_LANGUAGES else "en"


def localized(obj, field: str, language: str | None = None) -> LocalizedText:
    """``obj.<field>_<language>``, or the other language's text when that is empty.

    ``is_fallback`` tells the template to mark the text as being in the other
    language, so a missing translation never shows as an empty gap.
    """
    language = language or current_language()
    order = [language] + [code for code in CONTENT_LANGUAGES if code != language]
    for code in order:
        text = getattr(obj, f"{field}_{code}", "") or ""
        if text:
            return LocalizedText(text, code, code != language)
    return LocalizedText("", language, False)


def set_language_twins(request, addresses: dict[str, str]) -> None:
    """Name this request's page in other languages (language code -> path),
    for a page whose address is not the same in each language: an editorial
    page has a slug of its own in Dutch. The language switch and hreflang
    links use these instead of translating the path."""
    request.__dict__.setdefault("_translated_paths", {}).update(addresses)
