"""Film pages scraped as text from an old festival archive website.

Such a page holds, in this order: site navigation, a breadcrumb ending in the
edition ("IDFA 2023"), the title block (title, original title, directors,
countries, year, runtime, premiere, section), the synopsis, the credits (role
headings with indented names, often printed twice), and the Videos and Images
headings. Older pages of the same site label their facts instead
("Director: …", "Year: 2009"), and Dutch pages use Dutch words throughout.

``parse_page(text)`` returns a dict with every key always present, or raises
``NotAFilmPage``.
"""

import re
from dataclasses import dataclass
from functools import cache

import pycountry
from django.utils import translation
from django_countries import countries as django_countries

from festarchive.core.text import fold

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
    "section",
    "synopsis",
    "credits",
    "language",
)

EDITION = re.compile(
    r"^(?P<festival>[A-Z][\w:.&'-]*(?: [A-Z][\w:.&'-]*)*) (?P<year>(?:18|19|20)[0-9]{2})$"
)
YEAR = re.compile(r"^(?:18|19|20)[0-9]{2}$")
RUNTIME = re.compile(
    r"^(?P<minutes>[0-9]{1,4})\s*(?:min\.?|minutes|minuten)$", re.IGNORECASE
)
PREMIERES = {
    "world premiere",
    "international premiere",
    "european premiere",
    "dutch premiere",
    "wereldpremiere",
    "internationale premiere",
    "europese premiere",
    "nederlandse premiere",
    "benelux premiere",
}
HISTORY = {"festival history", "festivalgeschiedenis"}
CREDITS = {"credits", "aftiteling"}
MEDIA = {"videos", "images", "beelden", "afbeeldingen", "video's", "foto's"}
# Words only a Dutch page uses in its fixed parts.
DUTCH_MARKERS = {
    "regie",
    "productie",
    "coproductie",
    "montage",
    "geluid",
    "muziek",
    "camera",
    "festivalgeschiedenis",
    "wereldpremiere",
    "nederlandse premiere",
    "beelden",
    "wereldwijde verkoop",
    "vertoningskopie",
    "over idfa",
    "doneer",
    "betrokken tv-zender",
}
# Labels of the older layout, English and Dutch, to the key they fill.
LABELS = {
    "original title": "original_title",
    "originele titel": "original_title",
    "director": "directors",
    "directors": "directors",
    "regie": "directors",
    "country": "countries",
    "countries": "countries",
    "land": "countries",
    "landen": "countries",
    "year": "year",
    "jaar": "year",
    "length": "runtime_minutes",
    "runtime": "runtime_minutes",
    "duur": "runtime_minutes",
    "lengte": "runtime_minutes",
    "premiere": "premiere",
    "première": "premiere",
    "section": "section",
    "sectie": "section",
    "programma": "section",
}
# Roles whose names are always organisations.
COMPANY_ROLES = {
    "involved tv channel",
    "betrokken tv-zender",
    "world sales",
    "wereldwijde verkoop",
    "screening copy",
    "vertoningskopie",
    "distribution",
    "distributie",
}
COMPANY_WORDS = re.compile(
    r"\b(films?|productions?|production|producties|pictures|studios?|media|tv|"
    r"television|channel|broadcasting|sales|distribution|docs|documentaries|"
    r"geie|gmbh|ltd|llc|inc|b\.?v\.?|s\.?a\.?|s\.?r\.?o\.?|sp\. z o\.o\.|oy|ab|as|aps|"
    r"foundation|stichting|fund|fonds|institute|instituut|entertainment|company)\b",
    re.IGNORECASE,
)
AFFILIATION = re.compile(r"^(?P<person>.+?) (?:for|voor) (?P<company>.+)$")


class NotAFilmPage(ValueError):
    """The text is not a film page of an archive site."""


@cache
def _country_names() -> dict[str, str]:
    """Folded country names in English and Dutch, to the name as the page wrote it."""
    names: dict[str, str] = {}
    for language in ("en", "nl"):
        with translation.override(language):
            for code, name in django_countries:
                names[fold(str(name))] = code
    for country in pycountry.countries:
        for attribute in ("name", "common_name", "official_name"):
            value = getattr(country, attribute, None)
            if value:
                names.setdefault(fold(value), country.alpha_2)
    for alias, code in {
        "usa": "US",
        "uk": "GB",
        "ussr": "SUHH",
        "soviet union": "SUHH",
        "east germany": "DDDE",
        "yugoslavia": "YUCS",
        "czechoslovakia": "CSHH",
        "tsjecho slowakije": "CSHH",
        "sovjet unie": "SUHH",
        "joegoslavie": "YUCS",
        "oost duitsland": "DDDE",
    }.items():
        names.setdefault(alias, code)
    return names


def country_code(name: str) -> str | None:
    """The ISO code of a country named in English or Dutch, if it is one."""
    return _country_names().get(fold(name))


def _split_list(line: str) -> list[str]:
    parts = re.split(r",\s*|\s+(?:and|en|&)\s+", line.strip().rstrip(","))
    return [part.strip() for part in parts if part.strip()]


def _is_countries(line: str) -> bool:
    parts = _split_list(line)
    return bool(parts) and all(country_code(part) for part in parts)


@dataclass
class _Lines:
    raw: list[str]

    def stripped(self, index: int) -> str:
        return self.raw[index].strip()

    def find(self, test, start: int = 0, end: int | None = None) -> int | None:
        for index in range(start, len(self.raw) if end is None else end):
            if test(self.raw[index].strip()):
                return index
        return None


def _language(text: str) -> str:
    folded = {fold(line) for line in text.splitlines() if line.strip()}
    return "nl" if folded & {fold(m) for m in DUTCH_MARKERS} else "en"


def _credits(lines: _Lines, start: int, end: int) -> list[dict]:
    """Role headings followed by indented names; repeated blocks count once."""
    credits, seen, role = [], set(), None
    for index in range(start, end):
        line = lines.raw[index]
        text = line.strip()
        if not text:
            continue
        if not line[:1].isspace():
            role = text.rstrip(":")
            continue
        if role is None:
            continue
        name = text.rstrip(",").strip()
        affiliation = AFFILIATION.match(name)
        if affiliation:
            person, company = (
                affiliation["person"].strip(),
                affiliation["company"].strip(),
            )
        elif fold(role) in {fold(r) for r in COMPANY_ROLES} or COMPANY_WORDS.search(
            name
        ):
            person, company = None, name
        else:
            person, company = name, None
        key = (fold(role), person, company)
        if key in seen:
            continue
        seen.add(key)
        credits.append({"role": role, "person": person, "company": company})
    return credits


def _labelled_facts(lines: _Lines, start: int, end: int) -> dict:
    """Facts of the older layout: 'Label: value' lines."""
    facts: dict = {}
    for index in range(start, end):
        label, _, value = lines.stripped(index).partition(":")
        key = LABELS.get(label.strip().lower())
        if key and value.strip():
            facts[key] = value.strip()
    return facts


def parse_page(text: str) -> dict:
    """Every fact of a scraped film page, as a dict with all ``KEYS``."""
    if "\x00" in text:
        raise NotAFilmPage("the file is binary, not a text page")
    lines = _Lines([line.rstrip() for line in text.replace("\r\n", "\n").split("\n")])
    page = dict.fromkeys(KEYS)
    page.update(directors=[], countries=[], credits=[], language=_language(text))

    edition_at = lines.find(lambda s: bool(EDITION.match(s)))
    if edition_at is None:
        raise NotAFilmPage("no festival edition (such as 'IDFA 2023') on the page")
    edition = EDITION.match(lines.stripped(edition_at))
    page["edition"] = lines.stripped(edition_at)
    page["festival"] = edition["festival"]

    title_at = lines.find(bool, edition_at + 1)
    if title_at is None:
        raise NotAFilmPage("no title after the edition")
    page["title"] = lines.stripped(title_at)

    credits_at = lines.find(lambda s: s.lower() in CREDITS, title_at + 1)
    media_at = lines.find(lambda s: s.lower() in MEDIA, (credits_at or title_at) + 1)
    body_end = credits_at or media_at or len(lines.raw)

    labelled = _labelled_facts(lines, title_at + 1, body_end)
    if labelled:
        facts_end = (
            max(
                i
                for i in range(title_at + 1, body_end)
                if lines.stripped(i).partition(":")[0].strip().lower() in LABELS
            )
            + 1
        )
        page["original_title"] = labelled.get("original_title")
        page["directors"] = _split_list(labelled.get("directors", ""))
        page["countries"] = _split_list(labelled.get("countries", ""))
        year = labelled.get("year", "")
        page["year"] = int(year) if YEAR.match(year) else None
        runtime = RUNTIME.match(labelled.get("runtime_minutes", ""))
        page["runtime_minutes"] = int(runtime["minutes"]) if runtime else None
        page["premiere"] = labelled.get("premiere")
        page["section"] = labelled.get("section")
    else:
        facts_end = _title_block(lines, title_at, body_end, page)

    synopsis_start = facts_end
    history_at = lines.find(lambda s: s.lower() in HISTORY, title_at + 1, body_end)
    if history_at is not None:
        synopsis_start = max(synopsis_start, history_at + 1)
    paragraphs, current = [], []
    for index in range(synopsis_start, body_end):
        stripped = lines.stripped(index)
        if stripped:
            current.append(stripped)
        elif current:
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    page["synopsis"] = "\n\n".join(paragraphs) or None

    if credits_at is not None:
        page["credits"] = _credits(lines, credits_at + 1, media_at or len(lines.raw))
    if not (page["year"] or page["runtime_minutes"] or page["countries"]):
        raise NotAFilmPage("no year, runtime or countries under the title")
    return page


def _title_block(lines: _Lines, title_at: int, end: int, page: dict) -> int:
    """Fill the facts of the current layout; return the line after them.

    The block runs title, [original title], [directors], [countries], [year],
    [runtime], [premiere], [section], then 'Festival history' or a blank line.
    """
    block = []
    for index in range(title_at + 1, end):
        stripped = lines.stripped(index)
        if not stripped:
            if block:
                break
            continue
        if stripped.lower() in HISTORY:
            return index + 1 if not block else _fill(block, page, index + 1)
        block.append((index, stripped))
    last = block[-1][0] + 1 if block else title_at + 1
    return _fill(block, page, last)


def _fill(block: list[tuple[int, str]], page: dict, after: int) -> int:
    texts = [text for _index, text in block]
    country_at = next((i for i, t in enumerate(texts) if _is_countries(t)), None)
    year_at = next((i for i, t in enumerate(texts) if YEAR.match(t)), None)
    runtime_at = next((i for i, t in enumerate(texts) if RUNTIME.match(t)), None)
    anchors = [i for i in (country_at, year_at, runtime_at) if i is not None]
    if not anchors:
        return block[0][0] if block else after
    first_fact = min(anchors)
    names = texts[:first_fact]
    if len(names) >= 2:
        page["original_title"] = names[0]
        page["directors"] = _split_list(names[1])
    elif len(names) == 1:
        page["directors"] = _split_list(names[0])
    if country_at is not None:
        page["countries"] = _split_list(texts[country_at])
    if year_at is not None:
        page["year"] = int(texts[year_at])
    if runtime_at is not None:
        page["runtime_minutes"] = int(RUNTIME.match(texts[runtime_at])["minutes"])
    rest = texts[max(anchors) + 1 :]
    if rest and fold(rest[0]) in PREMIERES:
        page["premiere"] = rest.pop(0)
    if rest:
        page["section"] = rest[0]
    return after
