"""Addresses of records, built from a pattern reversed once.

A film page links to some forty records and every search result card to a
dozen image renditions, and ``reverse()`` walks the URL resolver for each
link: on a film page that was a sixth of the time spent rendering it. The
addresses of two records differ only in their values, so ``cached_reverse``
reverses each view once per language, script prefix and URL configuration with
stand-in values, and then only puts the real values in their place.
"""

import re

from django.conf import settings
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language

# What reverse() leaves as it is: a value with any other character is quoted or
# refused by its converter, so it takes the slow path and gets reverse's answer.
_PLAIN = re.compile(r"[-a-zA-Z0-9_]+\Z")
# Digits pass every path converter we use (slug, str, int).
_STAND_IN = "73190528{}"

_patterns: dict[tuple, tuple | None] = {}


def cached_reverse(view_name: str, kwargs: dict, *, vary: tuple[str, ...] = ("slug",)):
    """``reverse(view_name, kwargs=kwargs)``, faster when called again.

    ``vary`` names the arguments that differ from link to link (a slug, a
    primary key); the others (an image's format, say) are few, and each of
    their values gets a pattern of its own.
    """
    fixed = tuple((name, value) for name, value in kwargs.items() if name not in vary)
    key = (
        view_name,
        fixed,
        get_language(),
        get_script_prefix(),
        get_urlconf() or settings.ROOT_URLCONF,
    )
    try:
        pattern = _patterns[key]
    except KeyError:
        pattern = _patterns[key] = _pattern(view_name, kwargs, vary)
    if pattern is None:
        return reverse(view_name, kwargs=kwargs)
    parts = []
    for piece, name in pattern:
        parts.append(piece)
        if name is not None:
            value = str(kwargs[name])
            if not _PLAIN.match(value):
                return reverse(view_name, kwargs=kwargs)
            parts.append(value)
    return "".join(parts)


def _pattern(view_name: str, kwargs: dict, vary: tuple[str, ...]):
    """The address as ``(text, argument)`` pairs: the text before each varying
    argument, then the text after the last (with ``None``).

    None when stand-ins cannot be used (a converter refuses digits, or a
    stand-in is not found exactly once).
    """
    stand_ins = {
        name: _STAND_IN.format(i) for i, name in enumerate(kwargs) if name in vary
    }
    try:
        url = reverse(view_name, kwargs={**kwargs, **stand_ins})
    except (NoReverseMatch, ValueError):  # a converter refused the stand-ins
        return None
    located = sorted((url.find(s), name) for name, s in stand_ins.items())
    if any(url.count(stand_ins[name]) != 1 for name in stand_ins):
        return None
    pattern, start = [], 0
    for at, name in located:
        pattern.append((url[start:at], name))
        start = at + len(stand_ins[name])
    pattern.append((url[start:], None))
    return tuple(pattern)
