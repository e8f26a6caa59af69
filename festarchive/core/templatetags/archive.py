"""Template helpers for the public pages."""

import json

from django import template
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from festarchive.core.i18n import localized as localized_text
from festarchive.core.languages import language_name
from festarchive.core.links import absolute_url

register = template.Library()

_JSON_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


@register.simple_tag
def localized(obj, field):
    """``{% localized film "synopsis" as synopsis %}``: text in the page language,
    or in the other language with ``synopsis.is_fallback`` set."""
    return localized_text(obj, field)


@register.filter
def jsonld(data) -> str:
    """A ``<script type="application/ld+json">`` block that no text can break out of."""
    # Compact: without ``indent`` json uses its C encoder, several times faster.
    payload = json.dumps(data, ensure_ascii=False).translate(_JSON_ESCAPES)
    return mark_safe(  # noqa: S308 - the payload has <, > and & escaped
        f'<script type="application/ld+json">{payload}</script>'
    )


@register.filter
def language(code: str) -> str:
    return language_name(code)


@register.filter
def runtime(minutes) -> str:
    """100 -> '100 min' (the festival's own notation)."""
    return f"{minutes} min" if minutes else ""


@register.simple_tag(takes_context=True)
def other_language_url(context, language_code: str, query: str | None = None) -> str:
    """The current page in another language (same film, same query string).

    ``query``, when given, replaces the request's own query string, for a page
    whose address changed after it was loaded (a search refined with htmx).
    """
    request = context["request"]
    # Asked for each language twice a page (hreflang links, language switch);
    # a page with other addresses in other languages has named them
    # (core.i18n.set_language_twins).
    translated = request.__dict__.setdefault("_translated_paths", {})
    if language_code not in translated:
        translated[language_code] = _language_twin(request, language_code)
    url = translated[language_code]
    if not query:
        # The raw query string: parsing it again could refuse an oversized one.
        query = request.META.get("QUERY_STRING", "")
    query = query.lstrip("?")
    return f"{url}?{query}" if query else url


def _language_twin(request, language_code: str) -> str:
    """``translate_url(request.path, language_code)``, from the match the
    request was routed by instead of resolving its path again."""
    match = getattr(request, "resolver_match", None)
    if match is None:  # a 404 for an address no route matched
        return translate_url(request.path, language_code)
    with translation.override(language_code):
        try:
            return reverse(match.view_name, args=match.args, kwargs=match.kwargs)
        except NoReverseMatch:
            return request.path


@register.simple_tag(takes_context=True)
def alternate_url(context, language_code: str) -> str:
    """The absolute address of this page in ``language_code``, for hreflang."""
    request = context["request"]
    return absolute_url(request, other_language_url(context, language_code))


@register.simple_tag
def country_list(film) -> str:
    return ", ".join(str(c.country.name) for c in film.production_countries.all())


@register.simple_tag
def director_links(film):
    """Linked director names of a film prefetched with ``director_credits``."""
    links = [
        format_html('<a href="{}">{}</a>', c.person.get_absolute_url(), c.person.name)
        for c in film.director_credits
        if c.person
    ]
    return mark_safe(", ".join(links))  # noqa: S308 - each part is format_html output


@register.filter
def director_names(film) -> str:
    return ", ".join(c.person.name for c in film.director_credits if c.person)
