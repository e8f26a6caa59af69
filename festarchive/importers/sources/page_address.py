"""What a page's address tells: festival, edition year, title and language.

Sites name the year of an archived edition in the path ('/2022/programme/',
'idfa-2022') or the host ('archiwum2018.docsag.pl'), end a film's address in
its title ('/film/…/this-was-your-nicest-auntie-ria') unless they number it,
and begin the path with the page's language ('/en/').
"""

import re
from urllib.parse import unquote, urlsplit

from festarchive.core.text import fold

from .page_vocabulary import FESTIVAL_SITES, LANGUAGE_WORDS

URL_YEAR = re.compile(r"^(?:[a-z]+[-_]?)?(?P<year>(?:19|20)[0-9]{2})$")
# A path part that is a record number or hash rather than words of a title.
URL_ID = re.compile(r"[0-9a-f]*[0-9][0-9a-f]*", re.IGNORECASE)
GENERIC_SLUGS = {"film detail", "film", "detail", "index", "page", "programme"}
LANGUAGE_CODES = set(LANGUAGE_WORDS)
GENERIC_HOST = re.compile(
    r"^(?:www\d?|m|en|nl|de|archives?|archiv|arhiva|archiwum|archivio|festival|"
    r"program|programme|web)[0-9]*$"
)


def _parts(url: str | None) -> tuple[str, list[str]]:
    if not url:
        return "", []
    parts = urlsplit(url)
    path = [unquote(p) for p in parts.path.split("/") if p]
    return (parts.hostname or "").lower(), path


def url_slug(url: str | None) -> str | None:
    """The folded words of the title the address ends in, if it ends in one."""
    _host, path = _parts(url)
    if not path:
        return None
    last = re.sub(r"\.(?:html?|php|aspx?)$", "", path[-1])
    words = fold(last.replace("_", " ").replace("-", " "))
    if not words or words in GENERIC_SLUGS or words in LANGUAGE_CODES:
        return None
    if any(len(word) >= 5 and URL_ID.fullmatch(word) for word in words.split()):
        return None
    if all(word.isdigit() for word in words.split()):
        return None
    return words


def url_year(url: str | None) -> int | None:
    """The year an address names in its host or path ('/2022/', 'idfa-2022')."""
    host, path = _parts(url)
    for part in [*host.split("."), *path[:-1]]:
        match = URL_YEAR.match(part.lower())
        if match:
            return int(match["year"])
    return None


def url_festival(url: str | None) -> str | None:
    """The festival whose site the address is on."""
    host, _path = _parts(url)
    if not host:
        return None
    for site, festival in FESTIVAL_SITES.items():
        if host == site or host.endswith("." + site):
            return festival
    # The first part of the address that is not a general one ('www',
    # 'archive', 'archiwum2018') names the festival: 'www.hotdocs.ca'.
    labels = host.split(".")[:-1]
    named = [label for label in labels if not GENERIC_HOST.match(label)]
    return named[0].capitalize() if named else None


def url_language(url: str | None) -> str | None:
    """The language a path begins with ('/en/film/…'), if any."""
    _host, path = _parts(url)
    return next((p for p in path[:2] if p in LANGUAGE_CODES), None)


def url_folders(url: str | None) -> list[str]:
    """The folded words of each folder in the path ('international competition')."""
    _host, path = _parts(url)
    return [fold(part.replace("_", " ").replace("-", " ")) for part in path[:-1]]
