"""Film pages scraped as text from festival websites, ours and others'.

A page holds, in some order: site navigation, the title, a header of facts
(directors, countries, year, runtime, premiere, section) set out in one of
several layouts, the synopsis, and the credits. A crawler may have saved the
page's address as its first line ('URL: https://…'); the address then gives
the festival, the edition when its path names the year ('/2022/',
'idfa-2022'), and the title when the text lacks it (the last part of the path).

``parse_page(text)`` returns a dict with every key of ``KEYS`` present, and
lists in ``missing`` the facts the page does not give. Only text that has no
title, or nothing of a film under its title, raises ``NotAFilmPage``.
"""

import datetime
import json
import re

from festarchive.core.text import fold

from .page_address import (
    url_festival,
    url_folders,
    url_language,
    url_slug,
    url_year,
)
from .page_facts import (
    country_code,
    is_data,
    is_premiere,
    is_prose,
    runtime_of,
    split_list,
    year_of,
)
from .page_festivals import read_festivals
from .page_header import Header, read_header
from .page_labels import read_labelled
from .page_text import NotAFilmPage, clean, read_page
from .page_vocabulary import (
    CREDITS_HEADINGS,
    FESTIVAL_SITES,
    HISTORY_HEADINGS,
    LANGUAGE_WORDS,
    PREMIERE_COUNTRIES,
    PREMIERE_KINDS,
    SECTION_WORDS,
)

__all__ = ["KEYS", "NotAFilmPage", "country_code", "parse_page", "read_page"]

KEYS = (
    "title",
    "original_title",
    "festival",
    "edition",
    "year",
    "directors",
    "countries",
    "runtime_minutes",
    "premiere",
    "premiere_kind",
    "premiere_country",
    "section",
    "synopsis",
    "credits",
    "festivals",
    "language",
    "missing",
    "source",
)
# Facts a film page should give; those it lacks are listed in ``missing``.
EXPECTED = (
    "title",
    "directors",
    "countries",
    "year",
    "runtime_minutes",
    "synopsis",
    "credits",
    "edition",
)
IMPORTER = "parse-page"

EDITION = re.compile(
    r"^(?P<festival>[A-Z][\w:.&'-]*(?: [A-Z][\w:.&'-]*)*) (?P<year>(?:18|19|20)[0-9]{2})$"
)
# The festival's dates at the head of its site: '14-24 nov 2024'.
DATES = re.compile(
    r"^[0-9]{1,2}\.?\s*[-–]\s*[0-9]{1,2}\.?\s+\w+\.?\s+(?P<year>(?:19|20)[0-9]{2})$"
)
TITLE_YEAR = re.compile(r"^(?P<title>.+?)\s*\((?P<year>(?:18|19|20)[0-9]{2})\)$")
BINARY_SHARE = 0.01
TOP_LINES = 25


def _binary(text: str) -> bool:
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\n\r\t")
    return "\x00" in text or controls > BINARY_SHARE * max(len(text), 1)


def _structured(text: str) -> bool:
    """JSON or HTML: data about a page, or a page not yet turned into text."""
    head = text.lstrip()[:200].lower()
    if head.startswith(("<!doctype html", "<html")):
        return True
    if head.startswith(("{", "[")):
        try:
            json.loads(text)
        except ValueError:
            return False
        return True
    return False


# -- the title ------------------------------------------------------------
def _without_year(text: str) -> tuple[str, int | None]:
    match = TITLE_YEAR.match(text)
    return (match["title"], int(match["year"])) if match else (text, None)


def _find_title(
    lines: list[str], url: str | None, taken: set[int]
) -> tuple[int | None, str | None, int | None, str | None]:
    """Where the title stands, the title, a year printed with it, a section above it."""
    slug = url_slug(url)
    if slug:
        found = _line_of_slug(lines, slug)
        if found is not None:
            title, year = _without_year(lines[found].strip())
            return found, title, year, _section_above(lines, found)
        # The text lacks the title: the address gives it, in its own words.
        return None, _slug_title(slug), None, None
    top = [i for i in range(min(len(lines), TOP_LINES)) if lines[i].strip()]
    for index in top:
        if index not in taken and EDITION.match(lines[index].strip()):
            after = next((i for i in top if i > index), None)
            if after is not None:
                title, year = _without_year(lines[after].strip())
                return after, title, year, None
    candidates = [i for i in top if _title_like(lines[i].strip()) and i not in taken]
    section = None
    for position, index in enumerate(candidates):
        text = lines[index].strip()
        if _section_like(text) and position + 1 < len(candidates):
            section = text
            continue
        title, year = _without_year(text)
        return index, title, year, section
    return None, None, None, None


def _slug_title(slug: str) -> str:
    """'this was your nicest auntie ria' as 'This Was Your Nicest Auntie Ria'."""
    return " ".join(word.capitalize() for word in _slug_core(slug).split())


def _slug_core(slug: str) -> str:
    """The slug without a year or number after the title ('amilcar 2025')."""
    words = slug.split()
    while len(words) > 1 and words[-1].isdigit():
        words.pop()
    return " ".join(words)


def _line_of_slug(lines: list[str], slug: str) -> int | None:
    """The first line that is the title the slug spells, or else begins with it.

    Sites cut long titles short in the address, and add the year to some.
    """
    core = _slug_core(slug)
    folded = [fold(_without_year(line.strip())[0]) for line in lines]
    for index, text in enumerate(folded):
        if text and text in (slug, core):
            return index
    for index, text in enumerate(folded):
        if not text or not _title_like(lines[index].strip()):
            continue
        shorter, longer = sorted((text, core), key=len)
        if longer.startswith(shorter + " ") and len(shorter) >= 0.6 * len(longer):
            return index
    return None


def _title_like(text: str) -> bool:
    return not (
        is_prose(text)
        or is_data(text)
        or "://" in text
        or len(text.split()) > 12
        or DATES.match(text)
        or EDITION.match(text)
        or re.fullmatch(r"(?:18|19|20)[0-9]{2}", text)
        or fold(text) in CREDITS_HEADINGS
    )


def _section_like(text: str, *, max_words: int = 8) -> bool:
    folded = fold(text)
    return len(folded.split()) <= max_words and any(
        re.search(rf"\b{re.escape(word)}\b", folded) for word in SECTION_WORDS
    )


def _section_above(lines: list[str], index: int) -> str | None:
    """A section's name printed just above the title, as some sites do."""
    above = next(
        (lines[i].strip() for i in range(index - 1, -1, -1) if lines[i].strip()),
        None,
    )
    return above if above and _section_like(above) else None


def _section_below(lines: list[str], index: int | None, taken: set[int]) -> str | None:
    """A section's name printed just below the title, as other sites do."""
    if index is None:
        return None
    below = next((i for i in range(index + 1, len(lines)) if lines[i].strip()), None)
    if below is None or below in taken:
        return None
    text = lines[below].strip()
    return text if _section_like(text, max_words=16) and not is_prose(text) else None


def _section_in_address(lines: list[str], url: str | None) -> str | None:
    """A section whose name is both a folder of the address and a line of the page."""
    folders = {words for words in url_folders(url) if len(words.split()) >= 2}
    return next(
        (line.strip() for line in lines if line.strip() and fold(line) in folders),
        None,
    )


# -- the edition ----------------------------------------------------------
def _edition(
    lines: list[str], url: str | None, before: int, taken: set[int]
) -> tuple[str | None, int | None]:
    """The festival and the year of the edition, as far as the page states them.

    With the page's address known, an 'Xyz 2022' line is the edition only when
    Xyz is a festival ('Forum 2022' may be a section of the year).
    """
    festival = url_festival(url)
    festivals = {fold(name) for name in (*FESTIVAL_SITES.values(), festival or "")}
    for index, line in enumerate(lines[:before]):
        match = EDITION.match(line.strip())
        if match and index not in taken:
            if url is None or fold(match["festival"]) in festivals:
                return match["festival"], int(match["year"])
    for line in lines[:before]:
        match = DATES.match(line.strip())
        if match:
            return festival, int(match["year"])
    return festival, url_year(url)


# -- the synopsis ---------------------------------------------------------
def _synopsis(lines: list[str], taken: set[int]) -> str | None:
    """The first run of prose on the page, paragraph by paragraph."""
    start = next(
        (
            i
            for i, line in enumerate(lines)
            if i not in taken and is_prose(line.strip()) and not _in_history(lines, i)
        ),
        None,
    )
    if start is None:
        return None
    paragraphs, current = [], []
    for index in range(start, len(lines)):
        text = lines[index].strip()
        if not text:
            if current:
                paragraphs.append(" ".join(current))
                current = []
            continue
        if index in taken or fold(text) in CREDITS_HEADINGS | HISTORY_HEADINGS:
            break
        wrapped = current and not re.search(r"[.!?…\"”]$", current[-1])
        if not (is_prose(text) or wrapped):
            break
        current.append(text)
    if current:
        paragraphs.append(" ".join(current))
    return "\n\n".join(paragraphs) or None


def _in_history(lines: list[str], index: int) -> bool:
    """Whether a line stands in the 'Festival history' block (up to a blank line)."""
    for i in range(index - 1, -1, -1):
        text = lines[i].strip()
        if not text:
            return False
        if fold(text) in HISTORY_HEADINGS:
            return True
    return False


def _history(lines: list[str]) -> tuple[str | None, str | None]:
    """Premiere and section from the first 'Festival history' block with any.

    Pages whose header lacks them list the film's premiere and section there.
    """
    for index, line in enumerate(lines):
        if fold(line) not in HISTORY_HEADINGS:
            continue
        below = index + 1
        while below < len(lines) and not lines[below].strip():
            below += 1
        premiere = section = None
        while below < len(lines) and lines[below].strip():
            text = lines[below].strip()
            if fold(text) in HISTORY_HEADINGS or is_prose(text):
                break
            if is_premiere(text):
                premiere = premiere or text
            elif not EDITION.match(text) and section is None:
                section = text
            below += 1
        if premiere or section:
            return premiere, section
    return None, None


# -- premieres and language -----------------------------------------------
def premiere_kind(premiere: str | None) -> tuple[str | None, str | None]:
    """('world' | 'international' | 'european' | 'national', country code).

    A premiere beyond the standard ones ('Austrian Premiere',
    'Deutschlandpremiere') is a national premiere in the country it names.
    """
    if not premiere:
        return None, None
    folded = fold(premiere)
    words = re.sub(r"premi(?:ere|era|jera)\b", " ", folded).split()
    if not words:
        return None, None  # 'Premiere' alone says not which
    for word, kind in PREMIERE_KINDS.items():
        if fold(word) in words or folded.startswith(fold(word)):
            return kind, None
    place = " ".join(words)
    countries = {fold(name): code for name, code in PREMIERE_COUNTRIES.items()}
    if place in countries:
        return "national", countries[place]
    return "national", country_code(place)


def _language(url: str | None, text: str) -> str:
    from_url = url_language(url)
    if from_url:
        return from_url
    words = re.findall(r"[^\W\d_]+", text.lower())
    counts = {
        language: sum(1 for word in words if word in common)
        for language, common in LANGUAGE_WORDS.items()
    }
    best = max(counts, key=counts.get)
    return best if counts[best] else "en"


# -- the page -------------------------------------------------------------
def parse_page(text: str, *, file: str | None = None) -> dict:
    """Every fact of a scraped film page, as a dict with all ``KEYS``."""
    if _binary(text):
        raise NotAFilmPage("the file is binary, not a text page")
    if _structured(text):
        raise NotAFilmPage("the file holds JSON or HTML, not a page saved as text")
    url, lines = clean(text)
    if not any(line.strip() for line in lines):
        raise NotAFilmPage("the page is empty")
    labelled = read_labelled(lines)
    title_at, title, title_year, section_above = _find_title(lines, url, labelled.lines)
    if not title:
        raise NotAFilmPage("no title on the page")
    taken = set(labelled.lines) | ({title_at} if title_at is not None else set())
    festivals, festival_lines = read_festivals(lines)
    taken |= festival_lines
    header = read_header(lines, start=(title_at or 0), title=title, taken=taken)
    taken |= header.lines
    synopsis = _synopsis(lines, taken)
    # The edition stands above the header: in the breadcrumb, or as the
    # festival's dates at the head of the site.
    head_end = min(header.lines) if header.lines else (title_at or 0) + 3
    festival, year = _edition(lines, url, max(head_end, 1), labelled.lines)
    page = _facts(labelled.facts, labelled.directors, header)
    if page["year"] is None:
        page["year"] = title_year
    page.update(
        title=title,
        festival=festival,
        edition=f"{festival} {year}" if festival and year else None,
        section=page["section"]
        or section_above
        or _section_below(lines, title_at, taken)
        or _section_in_address(lines, url),
        synopsis=synopsis,
        credits=labelled.credits,
        festivals=festivals,
        language=_language(url, synopsis or text),
    )
    if not page["premiere"] and not page["section"]:
        page["premiere"], page["section"] = _history(lines)
    page["premiere_kind"], page["premiere_country"] = premiere_kind(page["premiere"])
    if not (synopsis or page["year"] or page["runtime_minutes"] or page["countries"]):
        raise NotAFilmPage("no synopsis or film facts under the title")
    page["missing"] = [key for key in EXPECTED if not page[key]]
    page["source"] = {
        "url": url,
        "file": file,
        "importer": IMPORTER,
        "date": datetime.date.today().isoformat(),
    }
    return {key: page.get(key) for key in KEYS}


def _facts(labelled: dict, directors: list[str], header: Header) -> dict:
    """The header's facts, and the labelled ones where the header has none.

    The header wins: it prints the names as the festival credits the film
    ('Maciej J. Drygas'), where credit lists often shorten them.
    """
    countries = header.countries or split_list(labelled.get("countries", ""))
    year = header.year or year_of(labelled.get("year", ""))
    runtime = header.runtime_minutes or runtime_of(labelled.get("runtime_minutes", ""))
    premiere = labelled.get("premiere") or header.premiere
    return {
        "original_title": labelled.get("original_title") or header.original_title,
        "directors": header.directors or directors,
        "countries": countries,
        "year": year,
        "runtime_minutes": runtime,
        "premiere": premiere,
        "section": labelled.get("section") or header.section,
    }
