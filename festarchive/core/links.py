"""Addresses of records, built from a pattern reversed once, and made absolute.

A film page links to some forty records and every search result card to a
dozen image renditions, and ``reverse()`` walks the URL resolver for each
link: on a film page that was a sixth of the time spent rendering it. The
addresses of two records differ only in their values, so ``cached_reverse``
reverses each view once per language, script prefix and URL configuration with
stand-in values, and then only puts the real values in their place.

Absolute addresses (hreflang links, JSON-LD, OAI-PMH, downloads, shared
lists) all come from ``absolute_url``: they start with the site's configured
address (``FESTARCHIVE["SITE_URL"]``) when there is one, never with the Host
header a request happened to carry.
"""

import re
from urllib.parse import urljoin

from django.conf import settings
from django.http import HttpRequest
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language

from festarchive.core import speedups

# What reverse() leaves as it is: a value with any other character is quoted or
# refused by its converter, so it takes the slow path and gets reverse's answer.
_PLAIN = re.compile(r"[-a-zA-Z0-9_]+\Z")
_DIGITS = re.compile(r"[0-9]+\Z")
# Digits pass every path converter Django has but ``uuid``, which gets a
# stand-in of its own shape; letters are refused by ``int``.
_STAND_IN = "73190528{}"
_LETTERS_STAND_IN = "qzx-{}_y"
_UUID_STAND_IN = "7319052{}-7319-4052-8000-000000000000"
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\Z")
# How each kind of value is checked before it is put in the pattern.
_VALUE_SHAPES = {"plain": _PLAIN, "digits": _DIGITS, "uuid": _UUID}

_patterns: dict[tuple, tuple | None] = {}


def cached_reverse(
    view_name: str,
    kwargs: dict | None = None,
    *,
    args: tuple | list = (),
    vary: tuple[str, ...] = ("slug",),
    current_app: str | None = None,
):
    """``reverse(view_name, args=args, kwargs=kwargs)``, faster when called again.

    ``vary`` names the keyword arguments that differ from link to link (a
    slug, a primary key); the others (an image's format, say) are few, and each
    of their values gets a pattern of its own. Positional arguments always
    vary.
    """
    kwargs = kwargs or {}
    if not speedups.enabled("cached-urls"):
        return reverse(view_name, args=args, kwargs=kwargs, current_app=current_app)
    fixed = tuple((name, value) for name, value in kwargs.items() if name not in vary)
    key = (
        view_name,
        fixed,
        len(args),
        get_language(),
        get_script_prefix(),
        get_urlconf() or settings.ROOT_URLCONF,
        current_app,
    )
    try:
        pattern = _patterns[key]
    except KeyError:
        pattern = _patterns[key] = _pattern(view_name, args, kwargs, vary, current_app)
    if pattern is not None:
        parts = []
        for piece, ref, shape in pattern:
            parts.append(piece)
            if ref is not None:
                value = str(args[ref] if type(ref) is int else kwargs[ref])
                if not _VALUE_SHAPES[shape].match(value):
                    break
                parts.append(value)
        else:
            return "".join(parts)
    return reverse(view_name, args=args, kwargs=kwargs, current_app=current_app)


def _pattern(view_name, args, kwargs, vary, current_app):
    """The address as ``(text, argument, shape)`` triples: the text before
    each varying argument (its position or name, and the shape its converter
    takes: "plain", "digits" or "uuid"), then the text after the last
    (argument ``None``).

    None when stand-ins cannot be used (a converter refuses digits and UUIDs,
    or a stand-in is not found exactly once).
    """
    refs = [*range(len(args)), *(name for name in kwargs if name in vary)]
    for stand_in in (_STAND_IN, _UUID_STAND_IN):
        stand_ins = {ref: stand_in.format(i) for i, ref in enumerate(refs)}
        found = _pattern_with(view_name, args, kwargs, stand_ins, current_app)
        if found is not None:
            url, shapes = found
            if stand_in == _UUID_STAND_IN:
                # A converter in the address refused digits and the UUID
                # stand-ins passed: every value there must be a UUID.
                shapes = dict.fromkeys(refs, "uuid")
            break
    else:
        return None
    located = sorted((url.find(stand_in), ref) for ref, stand_in in stand_ins.items())
    pattern, start = [], 0
    for at, ref in located:
        pattern.append((url[start:at], ref, shapes[ref]))
        start = at + len(stand_ins[ref])
    pattern.append((url[start:], None, "plain"))
    return tuple(pattern)


def _pattern_with(view_name, args, kwargs, stand_ins, current_app):
    """The address reversed with the stand-ins, and the shape each argument
    takes; None when a converter refuses them or rewrites values."""

    def reversed_with(values: dict):
        return reverse(
            view_name,
            args=[values.get(i, value) for i, value in enumerate(args)],
            kwargs={name: values.get(name, value) for name, value in kwargs.items()},
            current_app=current_app,
        )

    try:
        url = reversed_with(stand_ins)
    except (NoReverseMatch, ValueError):  # a converter refused the stand-ins
        return None
    if any(url.count(stand_in) != 1 for stand_in in stand_ins.values()):
        return None
    shapes = {}
    for i, ref in enumerate(stand_ins):
        letters = _LETTERS_STAND_IN.format(i)
        try:
            probe = reversed_with({**stand_ins, ref: letters})
        except (NoReverseMatch, ValueError):
            shapes[ref] = "digits"
            continue
        if letters not in probe:
            return None  # a converter that rewrites values: reverse() each time
        shapes[ref] = "plain"
    return url, shapes


def site_origin(request: HttpRequest) -> str:
    """The scheme and host that absolute addresses start with: the configured
    ``FESTARCHIVE["SITE_URL"]``, else the request's own (port included)."""
    return (
        settings.FESTARCHIVE.get("SITE_URL")
        or f"{request.scheme}://{request.get_host()}"
    )


def absolute_url(request: HttpRequest, location: str) -> str:
    """``location`` (a path, or an address already absolute) as an absolute
    address on ``site_origin``; ``request.build_absolute_uri`` when no site
    address is configured."""
    origin = settings.FESTARCHIVE.get("SITE_URL")
    if not origin:
        return request.build_absolute_uri(location)
    if location.startswith("/") and not location.startswith("//"):
        return origin + location  # nearly every call: a reversed path
    return urljoin(origin + request.path, location)
